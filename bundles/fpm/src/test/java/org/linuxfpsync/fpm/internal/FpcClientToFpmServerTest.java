package org.linuxfpsync.fpm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.linuxfpsync.fpc.FpcPeer;
import org.linuxfpsync.fpc.FpcSessionListener;
import org.linuxfpsync.fpc.codec.ErrorAttr;
import org.linuxfpsync.fpc.codec.FpcCodecs;
import org.linuxfpsync.fpc.codec.FpcError;
import org.linuxfpsync.fpc.codec.FpcInterfaceStats;
import org.linuxfpsync.fpc.codec.FpcMessageType;
import org.linuxfpsync.fpc.codec.FpcMrouteStats;
import org.linuxfpsync.fpc.codec.FrameAssembler;
import org.linuxfpsync.fpc.codec.FrameReader;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.fpc.codec.InterfaceAttr;
import org.linuxfpsync.fpc.codec.MrouteAttr;
import org.linuxfpsync.fpc.internal.FpcClient;
import org.linuxfpsync.fpm.FpmInterface;

/** The real client against the real FPM over a Unix socket, both activated as DS would. */
@Timeout(120)
class FpcClientToFpmServerTest {
    @TempDir
    Path tmp;

    private Path socket;
    private FpmServer fpm;
    private final FpcClient client = new FpcClient();
    private final Events events = new Events();
    private final Frames frames = new Frames();

    /** What the client's listener heard. */
    static final class Events implements FpcSessionListener {
        final List<FpcPeer> ups = new CopyOnWriteArrayList<>();
        final List<String> downs = new CopyOnWriteArrayList<>();
        final List<FpcError> errors = new CopyOnWriteArrayList<>();
        final List<FpcInterfaceStats> stats = new CopyOnWriteArrayList<>();
        final List<FpcMrouteStats> mrouteStats = new CopyOnWriteArrayList<>();

        @Override
        public void interfaceStats(FpcInterfaceStats s) {
            stats.add(s);
        }

        @Override
        public void mrouteStats(FpcMrouteStats s) {
            mrouteStats.add(s);
        }

        @Override
        public void sessionUp(FpcPeer peer) {
            ups.add(peer);
        }

        @Override
        public void sessionDown(String reason) {
            downs.add(reason);
        }

        @Override
        public void peerError(FpcError error) {
            errors.add(error);
        }
    }

    @BeforeEach
    void start() throws Exception {
        socket = tmp.resolve("run/linux-fp-sync/fpc-0.sock");
        fpm = startFpm();
        client.addSessionListener(events);
        client.activate(Map.of("endpoint", "unix:" + socket));
        Poll.until("first session", () -> events.ups.size() == 1);
    }

    @AfterEach
    void stop() {
        client.deactivate();
        if (fpm != null) {
            fpm.deactivate();
        }
    }

    private FpmServer startFpm() throws Exception {
        FpmServer s = new FpmServer();
        s.activate(Map.of("endpoint", "unix:" + socket, "features", "0x3ff"));
        return s;
    }

    private boolean send(byte[] frame) {
        return client.send(ByteBuffer.wrap(frame));
    }

    @Test
    void theHelloExchangeGivesTheClientTheFpmsFeaturesAndEpoch() {
        FpcPeer peer = events.ups.get(0);
        assertThat(peer.name()).isEqualTo("linux-fp-sync-fpm");
        assertThat(peer.version()).isEqualTo(1);
        assertThat(peer.features()).isEqualTo(0x3ff);
        assertThat(peer.epoch()).isEqualTo(fpm.stats().epoch()).isPositive();
        assertThat(client.peer()).isEqualTo(peer);
        assertThat(fpm.stats().sessionsAccepted()).isEqualTo(1);
        assertThat(fpm.endpoint()).isEqualTo("unix:" + socket);
    }

    @Test
    void theSocketFileIsForItsOwnerOnlyInADirectoryCreated0750() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())))
                .isEqualTo("rwxr-x---");
    }

    @Test
    void createUpdateAndDeleteReachTheFpmsTable() throws Exception {
        assertThat(send(frames.ifCreate(0x754c6fa8L, 0, 1, "lo"))).isTrue();
        assertThat(send(frames.ifCreate(0x61a1e72L, 0, 2, "eth0"))).isTrue();
        assertThat(send(frames.ifUpdate(0x61a1e72L, 0, 2, "eth0", 9000))).isTrue();
        assertThat(send(frames.ifDelete(0x754c6fa8L, 0, "lo"))).isTrue();
        Poll.until("four frames applied", () -> fpm.stats().received("IF_DELETE") == 1);

        List<FpmInterface> table = fpm.interfaces();
        assertThat(table).hasSize(1);
        assertThat(table.get(0).ifname()).isEqualTo("eth0");
        assertThat(table.get(0).mtu()).isEqualTo(9000);
        assertThat(fpm.dumpJson()).contains("\"ifname\" : \"eth0\"", "\"mtu\" : 9000", "\"ifuid\" : \"0x61a1e72\"");
        assertThat(client.queueStats().sent()).isEqualTo(4);
    }

    @Test
    void anUpdateOfAnUnknownInterfaceComesBackAsEnoentToTheListener() throws Exception {
        send(frames.ifUpdate(0x2a, 0, 9, "ghost", 1500));
        Poll.until("error delivered", () -> events.errors.size() == 1);
        assertThat(events.errors.get(0)).isEqualTo(new FpcError(frames.lastSeq(), InterfaceAttr.IF_UPDATE,
                ErrorAttr.ENOENT, "IF_UPDATE of unknown ifuid 0x2a: send IF_CREATE"));
        assertThat(client.peerErrors()).containsEntry(ErrorAttr.ENOENT, 1L);
        assertThat(fpm.stats().errors("ENOENT")).isEqualTo(1);
    }

    @Test
    void whatTheFastPathForwardedOnAMulticastRouteReachesTheListener() throws Exception {
        send(frames.ifCreate(0x61a1e72L, 0, 2, "eth0"));
        send(Frames.copy(new FrameWriter().begin(MrouteAttr.MROUTE_ADD, 77).putU32(MrouteAttr.VRFID, 0)
                .putU8(MrouteAttr.FAMILY, 2).putU32(MrouteAttr.TABLE, 254)
                .putAddress(MrouteAttr.SOURCE, InetAddress.getByName("10.0.0.1"))
                .putAddress(MrouteAttr.GROUP, InetAddress.getByName("239.1.1.1"))
                .putU64(MrouteAttr.IIF_IFUID, 0x61a1e72L).finish()));
        Poll.until("the route held", () -> fpm.objects("mroutes").size() == 1);
        assertThat(fpm.countMroutePackets(fpm.objects("mroutes").get(0), 3, 4500)).isTrue();

        assertThat(client.send(FpcCodecs.mrouteStatsRequestFrame(new FrameWriter(), 901, -1))).isTrue();
        Poll.until("one reply", () -> events.mrouteStats.size() == 1);
        assertThat(events.mrouteStats.get(0)).isEqualTo(new FpcMrouteStats(901, 0, 2, 254,
                InetAddress.getByName("10.0.0.1"), InetAddress.getByName("239.1.1.1"), 3, 4500, 0, true));
    }

    @Test
    void aStatsRequestIsAnsweredToTheListenerOnceForEachInterface() throws Exception {
        send(frames.ifCreate(0x754c6fa8L, 0, 1, "lo"));
        send(frames.ifCreate(0x61a1e72L, 0, 2, "eth0"));
        assertThat(client.send(FpcCodecs.statsRequestFrame(new FrameWriter(), 900, 0, 0))).isTrue();
        Poll.until("two replies", () -> events.stats.size() == 2);
        assertThat(events.stats).extracting(FpcInterfaceStats::requestSeq).containsOnly(900);
        assertThat(events.stats).extracting(FpcInterfaceStats::ifuid).containsExactly(0x754c6fa8L, 0x61a1e72L);
        assertThat(events.stats).extracting(FpcInterfaceStats::last).containsExactly(false, true);
        assertThat(events.stats.get(1).rxPackets()).as("the reference FPM forwards nothing").isZero();
    }

    @Test
    void anAnswerLargerThanOneWriteReachesTheListenerWholeAndInOrder() throws Exception {
        // 3,000 replies of 93 bytes: the FPM writes them 64 KiB at a time.
        int interfaces = 3000;
        for (int i = 1; i <= interfaces; i++) {
            assertThat(send(frames.ifCreate(0x10000L + i, 0, i, "v" + i))).isTrue();
        }
        Poll.until("interfaces held", () -> fpm.interfaces().size() == interfaces);
        assertThat(client.send(FpcCodecs.statsRequestFrame(new FrameWriter(), 902, -1, 0))).isTrue();
        Poll.until("every reply", () -> events.stats.size() == interfaces);
        assertThat(events.stats).extracting(FpcInterfaceStats::requestSeq).containsOnly(902);
        assertThat(events.stats).extracting(FpcInterfaceStats::ifuid).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(fpm.interfaces().stream().map(FpmInterface::ifuid).toList());
        assertThat(events.stats).extracting(FpcInterfaceStats::last).containsOnlyOnce(true);
        assertThat(events.stats.get(interfaces - 1).last()).isTrue();
    }

    @Test
    void aReplayBetweenMarkersSweepsWhatItDidNotRefresh() throws Exception {
        send(frames.ifCreate(1, 0, 1, "lo"));
        send(frames.ifCreate(2, 0, 2, "eth0"));
        send(frames.ifCreate(3, 0, 3, "eth1"));
        send(frames.gr(FpcMessageType.GR_BEGIN, 0));
        send(frames.ifCreate(1, 0, 1, "lo"));
        send(frames.ifCreate(3, 0, 3, "eth1"));
        send(frames.gr(FpcMessageType.GR_END, 0));
        Poll.until("sweep", () -> fpm.stats().sweeps() == 1);

        assertThat(fpm.interfaces()).extracting(FpmInterface::ifname).containsExactly("lo", "eth1");
        assertThat(fpm.stats().objectsSwept()).isEqualTo(1);
    }

    @Test
    void whenTheFpmStopsTheSessionEndsAndFramesAreDroppedUntilItComesBack() throws Exception {
        send(frames.ifCreate(1, 0, 1, "lo"));
        Poll.until("applied", () -> fpm.interfaces().size() == 1);
        long firstEpoch = events.ups.get(0).epoch();

        fpm.deactivate();
        fpm = null;
        Poll.until("session down", () -> events.downs.size() == 1);
        assertThat(Files.exists(socket)).as("socket file removed").isFalse();
        assertThat(client.peer()).isNull();
        long dropped = client.queueStats().droppedNoSession();
        assertThat(send(frames.ifCreate(2, 0, 2, "eth0"))).isFalse();
        assertThat(client.queueStats().droppedNoSession()).isEqualTo(dropped + 1);

        fpm = startFpm();
        Poll.until("second session", () -> events.ups.size() == 2);
        assertThat(events.ups.get(1).epoch()).isGreaterThan(firstEpoch);
        assertThat(fpm.interfaces()).as("a new FPM starts empty: the replay refills it").isEmpty();
        assertThat(send(frames.ifCreate(2, 0, 2, "eth0"))).isTrue();
        Poll.until("applied after reconnect", () -> fpm.interfaces().size() == 1);
    }

    @Test
    void garbageFromAnotherConnectionIsRefusedAndCountedWhileTheSessionAndTableStay() throws Exception {
        send(frames.ifCreate(1, 0, 1, "lo"));
        send(frames.ifCreate(2, 0, 2, "eth0"));
        Poll.until("applied", () -> fpm.interfaces().size() == 2);
        List<FpmInterface> before = fpm.interfaces();

        byte[] reply;
        try (SocketChannel raw = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            raw.connect(UnixDomainSocketAddress.of(socket));
            raw.write(ByteBuffer.wrap("GET / HTTP/1.1\r\nHost: fpm\r\n\r\n".getBytes()));
            reply = readUntilClosed(raw);
        }
        FrameAssembler a = new FrameAssembler();
        a.append(reply, 0, reply.length);
        FrameReader r = new FrameReader();
        assertThat(a.next(r)).isTrue();
        assertThat(FpcCodecs.parseError(r)).isEqualTo(new FpcError(0, -1, ErrorAttr.EPROTO,
                "unsupported frame version 71 (expected 1)"));
        assertThat(a.next(r)).as("nothing after the ERROR: the FPM closed").isFalse();

        assertThat(fpm.stats().malformedFrames()).isEqualTo(1);
        assertThat(fpm.stats().errors("EPROTO")).isEqualTo(1);
        assertThat(fpm.stats().connectionsAccepted()).isEqualTo(2);
        assertThat(fpm.interfaces()).isEqualTo(before);
        assertThat(client.peer()).isNotNull();
        assertThat(events.downs).isEmpty();
        send(frames.ifDelete(2, 0, "eth0"));
        Poll.until("session still applies frames", () -> fpm.interfaces().size() == 1);
    }

    private static byte[] readUntilClosed(SocketChannel ch) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(4096);
        while (ch.read(buf) >= 0) {
            buf.flip();
            out.write(buf.array(), 0, buf.limit());
            buf.clear();
        }
        return out.toByteArray();
    }
}
