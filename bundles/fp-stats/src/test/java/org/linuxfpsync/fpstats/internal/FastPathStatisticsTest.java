package org.linuxfpsync.fpstats.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

import org.junit.jupiter.api.Test;
import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.fpc.FpcPeer;
import org.linuxfpsync.fpc.FpcQueueStats;
import org.linuxfpsync.fpc.FpcSessionListener;
import org.linuxfpsync.fpc.codec.FpcFormatException;
import org.linuxfpsync.fpc.codec.FpcInterfaceStats;
import org.linuxfpsync.fpc.codec.FpcMessageType;
import org.linuxfpsync.fpc.codec.FrameReader;
import org.linuxfpsync.fpstats.InterfaceCounters;

class FastPathStatisticsTest {

    /** An FPC channel whose peer answers STATS_REQUEST through {@code answer}, on another thread. */
    private static final class AnsweringChannel implements FpcChannel {
        final List<FpcSessionListener> listeners = new ArrayList<>();
        FpcPeer peer = new FpcPeer("test-fpm", 1, 0x1ffff, 1);
        IntConsumer answer = seq -> { };
        final List<Integer> requests = new ArrayList<>();

        @Override
        public boolean send(ByteBuffer frame) {
            if (peer == null) {
                return false;
            }
            try {
                FrameReader r = new FrameReader().wrapFrame(frame.duplicate());
                assertThat(r.type()).isEqualTo(FpcMessageType.STATS_REQUEST);
                requests.add(r.seq());
                int seq = r.seq();
                new Thread(() -> answer.accept(seq)).start();
            } catch (FpcFormatException e) {
                throw new AssertionError(e.getMessage());
            }
            return true;
        }

        void reply(FpcInterfaceStats s) {
            listeners.forEach(l -> l.interfaceStats(s));
        }

        @Override
        public String endpoint() {
            return "test:";
        }

        @Override
        public FpcPeer peer() {
            return peer;
        }

        @Override
        public void addSessionListener(FpcSessionListener listener) {
            listeners.add(listener);
        }

        @Override
        public void removeSessionListener(FpcSessionListener listener) {
            listeners.remove(listener);
        }

        @Override
        public FpcQueueStats queueStats() {
            return new FpcQueueStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
    }

    private static FpcInterfaceStats stats(int seq, long ifuid, long rxPackets, boolean last) {
        return new FpcInterfaceStats(seq, ifuid, 0, rxPackets, rxPackets * 100, 2, 200, 0, 0, 0, 0, last);
    }

    private final AnsweringChannel fpc = new AnsweringChannel();
    private final FastPathStatistics statistics = new FastPathStatistics(fpc);

    {
        fpc.addSessionListener(statistics);
    }

    @Test
    void aRefreshKeepsTheFpmsCompleteAnswer() throws Exception {
        fpc.answer = seq -> {
            fpc.reply(stats(seq, 0x22, 7, false));
            fpc.reply(stats(seq, 0x11, 5, true));
        };

        assertThat(statistics.refresh(5000)).isTrue();

        assertThat(statistics.interfaces()).extracting(InterfaceCounters::getIfuid).containsExactly(0x11L, 0x22L);
        assertThat(statistics.interfaces().get(1).getRxBytes()).isEqualTo(700);
        assertThat(statistics.requestsSent()).isEqualTo(1);
        assertThat(statistics.repliesReceived()).isEqualTo(2);
        assertThat(statistics.lastUpdateMillis()).isPositive();
    }

    @Test
    void aLateAnswerToAnAbandonedRequestIsNotMixedIn() throws Exception {
        fpc.answer = seq -> { };
        assertThat(statistics.refresh(50)).isFalse();
        int abandoned = fpc.requests.get(0);

        fpc.answer = seq -> {
            fpc.reply(stats(abandoned, 0x99, 1, true));
            fpc.reply(stats(seq, 0x11, 5, true));
        };
        assertThat(statistics.refresh(5000)).isTrue();

        assertThat(statistics.interfaces()).extracting(InterfaceCounters::getIfuid).containsExactly(0x11L);
        assertThat(statistics.requestsUnanswered()).isEqualTo(1);
    }

    @Test
    void anEmptyAnswerMeansNoInterface() throws Exception {
        fpc.answer = seq -> fpc.reply(new FpcInterfaceStats(seq, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, true));
        assertThat(statistics.refresh(5000)).isTrue();
        assertThat(statistics.interfaces()).isEmpty();
    }

    @Test
    void withoutASessionNothingIsAskedAndTheLastAnswerStays() throws Exception {
        fpc.answer = seq -> fpc.reply(stats(seq, 0x11, 5, true));
        assertThat(statistics.refresh(5000)).isTrue();
        fpc.peer = null;

        assertThat(statistics.refresh(5000)).isFalse();
        assertThat(statistics.requestsSent()).isEqualTo(1);
        assertThat(statistics.interfaces()).hasSize(1);
    }

    @Test
    void aSessionLostDuringARequestEndsItAsUnanswered() throws Exception {
        fpc.answer = seq -> statistics.sessionDown("peer closed");
        assertThat(statistics.refresh(5000)).isFalse();
        assertThat(statistics.requestsUnanswered()).isEqualTo(1);
    }
}
