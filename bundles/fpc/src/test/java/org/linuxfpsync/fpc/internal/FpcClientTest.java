package org.linuxfpsync.fpc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.linuxfpsync.fpc.FpcPeer;
import org.linuxfpsync.fpc.FpcQueueStats;
import org.linuxfpsync.fpc.codec.ErrorAttr;
import org.linuxfpsync.fpc.codec.FpcCodecs;
import org.linuxfpsync.fpc.codec.FpcError;
import org.linuxfpsync.fpc.codec.FpcHello;
import org.linuxfpsync.fpc.codec.FpcMessageType;
import org.linuxfpsync.fpc.codec.FrameReader;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.fpc.codec.InterfaceAttr;
import org.linuxfpsync.fpc.codec.MrouteStatsReplyAttr;
import org.linuxfpsync.fpc.codec.StatsReplyAttr;

/** A test that hangs (a lost wake-up, a blocked producer never released) fails after a minute. */
@Timeout(60)
class FpcClientTest {
    @TempDir
    Path dir;

    private final FpcClient client = new FpcClient();
    private boolean active;

    @AfterEach
    void stop() {
        if (active) {
            client.deactivate();
        }
    }

    private void start(String endpoint, Map<String, Object> extra) throws Exception {
        Map<String, Object> props = new HashMap<>(extra);
        props.put("endpoint", endpoint);
        client.activate(props);
        active = true;
    }

    @Test
    void framesSentWithoutASessionAreDroppedAndCounted() throws Exception {
        start("unix:" + dir.resolve("nobody.sock"), Map.of());
        ByteBuffer frame = new FrameWriter().begin(InterfaceAttr.IF_DELETE, 1).finish();
        assertThat(client.send(frame)).isFalse();
        assertThat(client.send(frame)).isFalse();
        assertThat(client.peer()).isNull();
        assertThat(client.queueStats().droppedNoSession()).isEqualTo(2);
        assertThat(client.queueStats().sent()).isZero();
    }

    @Test
    void theClientHelloCarriesInstanceAndFeaturesAndTheSessionTakesTheFpmsView() throws Exception {
        try (ScriptedFpm fpm = new ScriptedFpm(dir.resolve("fpm.sock"))) {
            RecordingListener listener = new RecordingListener();
            client.addSessionListener(listener);
            start(fpm.endpoint(), Map.of("instanceId", "3", "features", "0x101"));

            FpcHello hello = fpm.accept();
            assertThat(hello).isEqualTo(new FpcHello(1, "cmgrd", 3, 0x101, FpcHello.ABSENT));
            fpm.greet(0x1ffff, 77);

            Poll.until("session up", () -> client.peer() != null);
            assertThat(client.peer().name()).isEqualTo("scripted-fpm");
            assertThat(client.peer().version()).isEqualTo(1);
            assertThat(client.peer().features()).isEqualTo(0x1ffff);
            assertThat(client.peer().epoch()).isEqualTo(77);
            Poll.until("listener told", () -> listener.events.contains("up scripted-fpm epoch 77"));
            assertThat(listener.thread.getName()).isEqualTo("fpc-session");
        }
    }

    @Test
    void anFpmWhoseHelloOffersNoFeaturesIsTakenToOfferNone() throws Exception {
        try (ScriptedFpm fpm = new ScriptedFpm(dir.resolve("fpm.sock"))) {
            start(fpm.endpoint(), Map.of());
            assertThat(fpm.accept().features()).as("the client's default: every feature").isEqualTo(0x1ffff);
            fpm.send(FpcCodecs.helloFrame(fpm.writer(), 0,
                    new FpcHello(1, "old-fpm", FpcHello.ABSENT, FpcHello.ABSENT, FpcHello.ABSENT)));
            Poll.until("session up", () -> client.peer() != null);
            assertThat(client.peer()).isEqualTo(new FpcPeer("old-fpm", 1, 0, 0));
        }
    }

    @Test
    void aListenerAddedDuringASessionIsToldAtOnce() throws Exception {
        try (ScriptedFpm fpm = new ScriptedFpm(dir.resolve("fpm.sock"))) {
            start(fpm.endpoint(), Map.of());
            fpm.accept();
            fpm.greet(1, 5);
            Poll.until("session up", () -> client.peer() != null);

            RecordingListener late = new RecordingListener();
            client.addSessionListener(late);
            Poll.until("late listener told", () -> late.events.equals(List.of("up scripted-fpm epoch 5")));
        }
    }

    @Test
    void aFullQueueBlocksTheProducerUntilTheFpmReadsAgainAndNothingIsReordered() throws Exception {
        int frames = 300;
        try (ScriptedFpm fpm = new ScriptedFpm(dir.resolve("fpm.sock"))) {
            start(fpm.endpoint(), Map.of("queueFrames", 4, "socketBufferBytes", 4096));
            fpm.accept();
            fpm.greet(1, 1);
            Poll.until("session up", () -> client.peer() != null);

            AtomicBoolean allAccepted = new AtomicBoolean(true);
            Thread producer = new Thread(() -> {
                FrameWriter w = new FrameWriter();
                byte[] payload = new byte[8000];
                for (int seq = 1; seq <= frames; seq++) {
                    ByteBuffer f = w.begin(InterfaceAttr.IF_CREATE, seq).putBytes(InterfaceAttr.MAC, payload).finish();
                    allAccepted.compareAndSet(true, client.send(f));
                }
            }, "test-producer");
            producer.start();

            // The FPM does not read: the socket fills, then the queue, then the producer waits.
            Poll.until("producer blocked", () -> client.queueStats().hasBlocked() > 0);
            FpcQueueStats blocked = client.queueStats();
            assertThat(blocked.inQueue()).isEqualTo(4);
            assertThat(blocked.capacity()).isEqualTo(4);
            assertThat(blocked.bytesInQueue()).as("4 frames of 8016 bytes, the first one maybe partly written")
                    .isGreaterThan(3 * 8016).isLessThanOrEqualTo(4 * 8016);
            assertThat(blocked.oldestQueuedNanos()).isPositive();
            assertThat(producer.isAlive()).isTrue();

            List<Integer> seqs = new ArrayList<>();
            while (seqs.size() < frames) {
                FrameReader r = fpm.readFrame();
                assertThat(r.length()).isEqualTo(12 + 4 + 8000);
                seqs.add(r.seq());
            }
            producer.join(20_000);

            assertThat(allAccepted).isTrue();
            assertThat(seqs).isSorted().hasSize(frames).startsWith(1).endsWith(frames);
            Poll.until("queue drained", () -> client.queueStats().sent() == frames);
            FpcQueueStats s = client.queueStats();
            assertThat(s.inQueue()).isZero();
            assertThat(s.highestInQueue()).isEqualTo(4);
            assertThat(s.directly()).isLessThan(frames);
            assertThat(s.errors()).isZero();
            assertThat(s.oldestQueuedNanos()).isZero();
            assertThat(s.bytesInQueue()).isZero();
        }
    }

    @Test
    void errorRepliesAreCountedPerCodeAndHandedToListeners() throws Exception {
        try (ScriptedFpm fpm = new ScriptedFpm(dir.resolve("fpm.sock"))) {
            RecordingListener listener = new RecordingListener();
            client.addSessionListener(listener);
            start(fpm.endpoint(), Map.of());
            fpm.accept();
            fpm.greet(1, 1);
            Poll.until("session up", () -> client.peer() != null);

            fpm.send(FpcCodecs.errorFrame(fpm.writer(), 1, 40, InterfaceAttr.IF_UPDATE, ErrorAttr.ENOENT, "unknown"));
            fpm.send(FpcCodecs.errorFrame(fpm.writer(), 2, 41, InterfaceAttr.IF_DELETE, ErrorAttr.ENOENT, "unknown"));
            fpm.send(FpcCodecs.errorFrame(fpm.writer(), 3, 42, InterfaceAttr.IF_CREATE, ErrorAttr.EINVAL, "bad"));

            Poll.until("errors delivered", () -> listener.errors.size() == 3);
            assertThat(client.peerErrors()).isEqualTo(Map.of(ErrorAttr.ENOENT, 2L, ErrorAttr.EINVAL, 1L));
            assertThat(listener.errors.get(0))
                    .isEqualTo(new FpcError(40, InterfaceAttr.IF_UPDATE, ErrorAttr.ENOENT, "unknown"));
            assertThat(client.peer()).isNotNull();
        }
    }

    @Test
    void statisticsAnswersReachEveryListenerInOrderInOneTaskPerReadAndTheSessionEndsAfterThem() throws Exception {
        int interfaces = 2000;
        try (ScriptedFpm fpm = new ScriptedFpm(dir.resolve("fpm.sock"))) {
            RecordingListener first = new RecordingListener();
            RecordingListener failing = new RecordingListener(true);
            client.addSessionListener(first);
            client.addSessionListener(failing);
            start(fpm.endpoint(), Map.of());
            fpm.accept();
            fpm.greet(1, 1);
            Poll.until("session up", () -> failing.events.size() == 1);

            // One answer as an FPM writes it: a STATS_REPLY per interface, here with an ERROR and a
            // multicast answer in the middle, all in one write.
            FrameWriter w = fpm.writer();
            ByteBuffer all = ByteBuffer.allocate(interfaces * 200);
            List<String> expected = new ArrayList<>(List.of("up scripted-fpm epoch 1"));
            for (int i = 1; i <= interfaces; i++) {
                if (i == interfaces / 2) {
                    all.put(FpcCodecs.errorFrame(w, 10_000, 40, InterfaceAttr.IF_UPDATE, ErrorAttr.ENOENT, "unknown"));
                    expected.add("error 40");
                    all.put(w.begin(FpcMessageType.MROUTE_STATS_REPLY, 10_001).putU32(MrouteStatsReplyAttr.REQUEST_SEQ, 8)
                            .putU8(MrouteStatsReplyAttr.LAST, 1).finish());
                    expected.add("mroutes 8 last");
                }
                w.begin(FpcMessageType.STATS_REPLY, i).putU32(StatsReplyAttr.REQUEST_SEQ, 7)
                        .putU64(StatsReplyAttr.IFUID, i).putU32(StatsReplyAttr.VRFID, i % 3)
                        .putU64(StatsReplyAttr.RX_PACKETS, 10L * i).putU64(StatsReplyAttr.TX_ERRORS, i + 1L);
                if (i == interfaces) {
                    w.putU8(StatsReplyAttr.LAST, 1);
                }
                all.put(w.finish());
                expected.add("stats 7 ifuid " + i + " vrf " + i % 3 + " rx " + 10L * i + " txerr " + (i + 1)
                        + (i == interfaces ? " last" : ""));
            }
            expected.add("down");
            long tasksBefore = client.sessionTasks();
            fpm.send(all.flip());
            fpm.dropConnection();

            Poll.until("session down", () -> first.events.contains("down") && failing.events.contains("down"));
            assertThat(first.events).containsExactlyElementsOf(expected);
            assertThat(failing.events).as("a listener that throws misses nothing").containsExactlyElementsOf(expected);
            assertThat(first.thread.getName()).isEqualTo("fpc-session");
            // A read holds hundreds of replies; one task per reply and listener would be 2 * 2,002 + 2.
            assertThat(client.sessionTasks() - tasksBefore).isLessThan(interfaces / 10);
        }
    }

    @Test
    void anAnswerWrittenOneReplyAtATimeIsOneTaskOfTheSessionThread() throws Exception {
        int interfaces = 2000;
        try (ScriptedFpm fpm = new ScriptedFpm(dir.resolve("fpm.sock"))) {
            RecordingListener listener = new RecordingListener();
            client.addSessionListener(listener);
            start(fpm.endpoint(), Map.of());
            fpm.accept();
            fpm.greet(1, 1);
            Poll.until("session up", () -> listener.events.size() == 1);

            long tasksBefore = client.sessionTasks();
            for (int i = 1; i <= interfaces; i++) {
                FrameWriter w = fpm.writer().begin(FpcMessageType.STATS_REPLY, i)
                        .putU32(StatsReplyAttr.REQUEST_SEQ, 7).putU64(StatsReplyAttr.IFUID, i);
                fpm.send(i == interfaces ? w.putU8(StatsReplyAttr.LAST, 1).finish() : w.finish());
            }
            Poll.until("every reply", () -> listener.events.size() == 1 + interfaces);
            assertThat(listener.events.get(interfaces)).isEqualTo("stats 7 ifuid 2000 vrf 0 rx 0 txerr 0 last");
            // Reads that end inside the answer hold their replies until the one with LAST.
            assertThat(client.sessionTasks() - tasksBefore).isEqualTo(1);
        }
    }

    @Test
    void repliesOfAnAnswerCutByTheSessionsEndReachTheListenersBeforeTheSessionDown() throws Exception {
        try (ScriptedFpm fpm = new ScriptedFpm(dir.resolve("fpm.sock"))) {
            RecordingListener listener = new RecordingListener();
            client.addSessionListener(listener);
            start(fpm.endpoint(), Map.of());
            fpm.accept();
            fpm.greet(1, 1);
            Poll.until("session up", () -> listener.events.size() == 1);

            for (int i = 1; i <= 3; i++) {
                fpm.send(fpm.writer().begin(FpcMessageType.STATS_REPLY, i).putU32(StatsReplyAttr.REQUEST_SEQ, 9)
                        .putU64(StatsReplyAttr.IFUID, i).finish());
            }
            fpm.dropConnection();
            Poll.until("session down", () -> listener.events.contains("down"));
            assertThat(listener.events).containsExactly("up scripted-fpm epoch 1", "stats 9 ifuid 1 vrf 0 rx 0 txerr 0",
                    "stats 9 ifuid 2 vrf 0 rx 0 txerr 0", "stats 9 ifuid 3 vrf 0 rx 0 txerr 0", "down");
        }
    }

    @Test
    void aLostConnectionEndsTheSessionAndTheClientComesBack() throws Exception {
        try (ScriptedFpm fpm = new ScriptedFpm(dir.resolve("fpm.sock"))) {
            RecordingListener listener = new RecordingListener();
            client.addSessionListener(listener);
            start(fpm.endpoint(), Map.of());
            fpm.accept();
            fpm.greet(1, 1);
            Poll.until("session up", () -> client.peer() != null);

            fpm.dropConnection();
            Poll.until("session down", () -> client.peer() == null);
            assertThat(client.send(new FrameWriter().begin(InterfaceAttr.IF_DELETE, 9).finish())).isFalse();

            fpm.accept();
            fpm.greet(1, 2);
            Poll.until("second session", () -> listener.events.size() == 3);
            assertThat(listener.events).containsExactly("up scripted-fpm epoch 1", "down", "up scripted-fpm epoch 2");
            assertThat(client.queueStats().errors()).isEqualTo(1);
        }
    }

    @Test
    void aSecondHelloFromTheFpmIsAProtocolErrorThatEndsTheSession() throws Exception {
        try (ScriptedFpm fpm = new ScriptedFpm(dir.resolve("fpm.sock"))) {
            RecordingListener listener = new RecordingListener();
            client.addSessionListener(listener);
            start(fpm.endpoint(), Map.of());
            fpm.accept();
            fpm.greet(1, 1);
            Poll.until("session up", () -> client.peer() != null);

            fpm.greet(1, 1);
            Poll.until("session down", () -> listener.events.contains("down"));
            // and it reconnects with a fresh HELLO
            assertThat(fpm.accept().name()).isEqualTo("cmgrd");
        }
    }

    @Test
    void anFpmThatAnswersSomethingElseThanHelloIsRefused() throws Exception {
        try (ScriptedFpm fpm = new ScriptedFpm(dir.resolve("fpm.sock"))) {
            start(fpm.endpoint(), Map.of());
            fpm.accept();
            fpm.send(FpcCodecs.grFrame(fpm.writer(), FpcMessageType.GR_BEGIN, 1, 1, 0));
            // the client closes and tries again; no session was ever up
            assertThat(fpm.accept().name()).isEqualTo("cmgrd");
            assertThat(client.peer()).isNull();
        }
    }
}
