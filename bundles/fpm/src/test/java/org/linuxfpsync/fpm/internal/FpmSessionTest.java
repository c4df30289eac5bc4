package org.linuxfpsync.fpm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.linuxfpsync.fpc.codec.ErrorAttr;
import org.linuxfpsync.fpc.codec.FpcCodecs;
import org.linuxfpsync.fpc.codec.FpcError;
import org.linuxfpsync.fpc.codec.FpcHello;
import org.linuxfpsync.fpc.codec.FpcMessageType;
import org.linuxfpsync.fpc.codec.FrameReader;
import org.linuxfpsync.fpc.codec.InterfaceAttr;
import org.linuxfpsync.fpm.FpmInterface;
import org.linuxfpsync.fpm.FpmStats;

class FpmSessionTest {
    private final FpmTables tables = new FpmTables();
    private final InterfaceTable table = tables.interfaces();
    private final FpmCounters counters = new FpmCounters();
    private final List<byte[]> replies = new ArrayList<>();
    private final AtomicLong epochs = new AtomicLong(100);
    private final AtomicInteger sessionsStarted = new AtomicInteger();
    private final FpmSession session = new FpmSession(tables, counters, 0x1ff, epochs::incrementAndGet,
            f -> replies.add(Frames.copy(f)), sessionsStarted::incrementAndGet);
    private final Frames frames = new Frames();

    private boolean feed(byte[]... framesToSend) throws Exception {
        boolean open = true;
        for (byte[] f : framesToSend) {
            open = session.receive(f, 0, f.length);
        }
        return open;
    }

    private FrameReader reply(int index) throws Exception {
        return new FrameReader().wrapFrame(ByteBuffer.wrap(replies.get(index)));
    }

    private FpcError error(int index) throws Exception {
        FrameReader r = reply(index);
        assertThat(r.type()).isEqualTo(FpcMessageType.ERROR);
        return FpcCodecs.parseError(r);
    }

    private void up() throws Exception {
        assertThat(feed(frames.hello())).isTrue();
        replies.clear();
    }

    @Test
    void theHelloReplyOffersTheFpmsFeaturesAndANewEpoch() throws Exception {
        assertThat(feed(frames.hello())).isTrue();
        FpcHello hello = FpcCodecs.parseHello(reply(0));
        assertThat(hello).isEqualTo(FpcHello.server("linux-fp-sync-fpm", 0x1ff, 101));
        assertThat(session.isUp()).isTrue();
        assertThat(session.epoch()).isEqualTo(101);
        assertThat(sessionsStarted).hasValue(1);
        FpmStats s = counters.snapshot();
        assertThat(s.sessionsAccepted()).isEqualTo(1);
        assertThat(s.epoch()).isEqualTo(101);
        assertThat(s.received("HELLO")).isEqualTo(1);
    }

    @Test
    void anythingBeforeHelloIsRefusedWithEprotoAndEndsTheConnection() throws Exception {
        assertThat(feed(frames.ifCreate(7, 0, 2, "eth0"))).isFalse();
        assertThat(error(0)).isEqualTo(new FpcError(1, InterfaceAttr.IF_CREATE, ErrorAttr.EPROTO,
                "IF_CREATE before HELLO"));
        assertThat(session.closeReason()).isEqualTo("protocol error: IF_CREATE before HELLO");
        assertThat(table.size()).isZero();
        assertThat(counters.snapshot().malformedFrames()).isEqualTo(1);
    }

    @Test
    void createUpdateAndDeleteChangeTheTable() throws Exception {
        up();
        feed(frames.ifCreate(0x61a1e72L, 0, 2, "eth0"), frames.ifCreate(0x754c6fa8L, 0, 1, "lo"));
        assertThat(table.interfaces()).extracting(FpmInterface::ifname).containsExactly("lo", "eth0");

        feed(frames.ifUpdate(0x61a1e72L, 0, 2, "eth0", 9000));
        FpmInterface eth0 = table.interfaces().get(1);
        assertThat(eth0.mtu()).isEqualTo(9000);
        assertThat(eth0.flags()).isEqualTo(0x11043);
        assertThat(eth0.macHex()).isEqualTo("52:54:00:12:34:02");
        assertThat(eth0.operstate()).isEqualTo(6);
        assertThat(eth0.arphrd()).isEqualTo(1);
        assertThat(eth0.kind()).isNull();

        feed(frames.ifDelete(0x754c6fa8L, 0, "lo"));
        assertThat(table.interfaces()).extracting(FpmInterface::ifname).containsExactly("eth0");
        assertThat(replies).isEmpty();
        assertThat(counters.snapshot().framesReceived())
                .containsEntry("IF_CREATE", 2L).containsEntry("IF_UPDATE", 1L).containsEntry("IF_DELETE", 1L);
    }

    @Test
    void anUpdateOfAnUnknownIfuidIsRefusedWithEnoentSoTheSenderCreatesIt() throws Exception {
        up();
        assertThat(feed(frames.ifUpdate(0x2a, 0, 2, "eth0", 1500))).isTrue();
        assertThat(error(0)).isEqualTo(new FpcError(frames.lastSeq(), InterfaceAttr.IF_UPDATE, ErrorAttr.ENOENT,
                "IF_UPDATE of unknown ifuid 0x2a: send IF_CREATE"));
        assertThat(table.size()).isZero();
    }

    @Test
    void aDeleteOfAnUnknownIfuidIsRefusedWithEnoentAndCounted() throws Exception {
        up();
        assertThat(feed(frames.ifDelete(0x2a, 0, "gone"))).isTrue();
        assertThat(error(0).code()).isEqualTo(ErrorAttr.ENOENT);
        assertThat(counters.snapshot().errors("ENOENT")).isEqualTo(1);
        assertThat(counters.snapshot().malformedFrames()).isZero();
    }

    @Test
    void anUnknownMessageTypeIsRefusedWithEopnotsuppAndTheSessionGoesOn() throws Exception {
        up();
        assertThat(feed(Frames.copy(frames.raw(0x0999).putU32(1, 1).finish()))).isTrue();
        assertThat(error(0)).isEqualTo(new FpcError(frames.lastSeq(), 0x0999, ErrorAttr.EOPNOTSUPP,
                "unknown message type 0x0999"));
        assertThat(feed(frames.ifCreate(7, 0, 2, "eth0"))).isTrue();
        assertThat(table.size()).isEqualTo(1);
        assertThat(counters.snapshot().received("UNKNOWN")).isEqualTo(1);
    }

    @Test
    void aTlvOfTheWrongSizeIsRefusedWithEinvalAndChangesNothing() throws Exception {
        up();
        feed(frames.ifCreate(7, 0, 2, "eth0"));
        byte[] bad = Frames.copy(frames.raw(InterfaceAttr.IF_UPDATE)
                .putU64(InterfaceAttr.IFUID, 7).putU32(InterfaceAttr.VRFID, 0)
                .putU32(InterfaceAttr.MTU, 9000).putU16(InterfaceAttr.FLAGS, 1).finish());
        assertThat(feed(bad)).isTrue();
        assertThat(error(0)).isEqualTo(new FpcError(frames.lastSeq(), InterfaceAttr.IF_UPDATE, ErrorAttr.EINVAL,
                "TLV 7: a u32 needs 4 bytes, got 2"));
        assertThat(table.interfaces().get(0).mtu()).isEqualTo(1500);
        assertThat(counters.snapshot().malformedFrames()).isEqualTo(1);
    }

    @Test
    void aFrameWithoutIfuidOrWithTooLongANameIsRefusedWithEinval() throws Exception {
        up();
        feed(Frames.copy(frames.raw(InterfaceAttr.IF_CREATE).putU32(InterfaceAttr.VRFID, 0).finish()),
                Frames.copy(frames.raw(InterfaceAttr.IF_CREATE).putU64(InterfaceAttr.IFUID, 1)
                        .putU32(InterfaceAttr.VRFID, 0).putString(InterfaceAttr.IFNAME, "a-very-long-name").finish()),
                Frames.copy(frames.raw(InterfaceAttr.IF_DELETE).putU64(InterfaceAttr.IFUID, 1).finish()));
        assertThat(error(0).message()).isEqualTo("IF_CREATE without IFUID (0 is reserved for 'none')");
        assertThat(error(1).message()).isEqualTo("IFNAME of 16 bytes exceeds 15");
        assertThat(error(2).message()).isEqualTo("IF_DELETE without VRFID");
        assertThat(table.size()).isZero();
    }

    @Test
    void aBrokenHeaderIsRefusedWithEprotoAndEndsTheConnection() throws Exception {
        up();
        feed(frames.ifCreate(7, 0, 2, "eth0"));
        byte[] garbage = {1, 0, 1, 0, 0x7f, 0, 0, 0, 0, 0, 0, 1};
        assertThat(feed(garbage)).isFalse();
        assertThat(error(0)).isEqualTo(new FpcError(0, -1, ErrorAttr.EPROTO,
                "frame length 2130706432 exceeds the 1048576-byte limit"));
        assertThat(session.closeReason()).startsWith("malformed stream: frame length");
        assertThat(table.size()).isEqualTo(1);
        // nothing more is read from a broken stream
        assertThat(feed(frames.ifCreate(8, 0, 3, "eth1"))).isFalse();
        assertThat(table.size()).isEqualTo(1);
    }

    @Test
    void aSecondHelloEndsTheSession() throws Exception {
        up();
        assertThat(feed(frames.hello())).isFalse();
        assertThat(error(0).code()).isEqualTo(ErrorAttr.EPROTO);
        assertThat(error(0).message()).isEqualTo("a second HELLO in the session");
    }

    @Test
    void aHelloWithoutACommonVersionIsRefused() throws Exception {
        byte[] hello = Frames.copy(FpcCodecs.helloFrame(new org.linuxfpsync.fpc.codec.FrameWriter(), 1,
                new FpcHello(0, "old", 0, 0, FpcHello.ABSENT)));
        assertThat(feed(hello)).isFalse();
        assertThat(error(0).message()).isEqualTo("no common protocol version: peer speaks up to 0");
        assertThat(session.isUp()).isFalse();
    }

    @Test
    void aReplaySweepsWhatItDidNotRefreshInItsVrfOnly() throws Exception {
        up();
        feed(frames.ifCreate(1, 0, 1, "lo"), frames.ifCreate(2, 0, 2, "eth0"), frames.ifCreate(3, 0, 3, "eth1"),
                frames.ifCreate(4, 5, 1, "lo"));

        feed(frames.gr(FpcMessageType.GR_BEGIN, 0));
        assertThat(table.entries()).filteredOn(InterfaceTable.Entry::stale).hasSize(3);
        feed(frames.ifCreate(1, 0, 1, "lo"), frames.ifUpdate(3, 0, 3, "eth1", 1500));
        feed(frames.gr(FpcMessageType.GR_END, 0));

        assertThat(table.interfaces()).extracting(FpmInterface::ifuid).containsExactly(1L, 3L, 4L);
        assertThat(table.entries()).noneMatch(InterfaceTable.Entry::stale);
        FpmStats s = counters.snapshot();
        assertThat(s.sweeps()).isEqualTo(1);
        assertThat(s.objectsSwept()).isEqualTo(1);
        assertThat(replies).isEmpty();
    }

    @Test
    void aReplayEndWithoutBeginIsRefusedAndSweepsNothing() throws Exception {
        up();
        feed(frames.ifCreate(1, 0, 1, "lo"));
        feed(frames.gr(FpcMessageType.GR_END, 0));
        assertThat(error(0).message()).isEqualTo("GR_END without GR_BEGIN for family 1 vrf 0");
        assertThat(table.size()).isEqualTo(1);
        assertThat(counters.snapshot().sweeps()).isZero();
    }

    @Test
    void aReplayOfAFamilyThisFpmDoesNotKeepIsRefusedWithEopnotsupp() throws Exception {
        up();
        feed(frames.ifCreate(1, 0, 1, "lo"));
        feed(Frames.copy(FpcCodecs.grFrame(new org.linuxfpsync.fpc.codec.FrameWriter(), FpcMessageType.GR_BEGIN, 9,
                0x99, 0)));
        assertThat(error(0)).isEqualTo(new FpcError(9, FpcMessageType.GR_BEGIN, ErrorAttr.EOPNOTSUPP,
                "GR_BEGIN for object family 153: not kept by this FPM"));
        assertThat(table.entries()).noneMatch(InterfaceTable.Entry::stale);
    }

    @Test
    void framesCutAtAnyByteAreAppliedOnceWhole() throws Exception {
        byte[] hello = frames.hello();
        byte[] create = frames.ifCreate(7, 0, 2, "eth0");
        byte[] stream = new byte[hello.length + create.length];
        System.arraycopy(hello, 0, stream, 0, hello.length);
        System.arraycopy(create, 0, stream, hello.length, create.length);
        for (byte b : stream) {
            assertThat(session.receive(new byte[] {b}, 0, 1)).isTrue();
        }
        assertThat(table.size()).isEqualTo(1);
        assertThat(counters.snapshot().received("IF_CREATE")).isEqualTo(1);
    }
}
