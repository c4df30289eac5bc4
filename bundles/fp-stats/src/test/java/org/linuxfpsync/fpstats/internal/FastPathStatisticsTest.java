package org.linuxfpsync.fpstats.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

import org.junit.jupiter.api.Test;
import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.fpc.FpcPeer;
import org.linuxfpsync.fpc.FpcQueueStats;
import org.linuxfpsync.fpc.FpcSessionListener;
import org.linuxfpsync.fpc.codec.ErrorAttr;
import org.linuxfpsync.fpc.codec.FpcError;
import org.linuxfpsync.fpc.codec.FpcFormatException;
import org.linuxfpsync.fpc.codec.FpcInterfaceStats;
import org.linuxfpsync.fpc.codec.FpcMessageType;
import org.linuxfpsync.fpc.codec.FpcMrouteStats;
import org.linuxfpsync.fpc.codec.FrameReader;
import org.linuxfpsync.fpstats.InterfaceCounters;
import org.linuxfpsync.fpstats.MulticastRouteCounters;

class FastPathStatisticsTest {

    /**
     * An FPC channel whose peer answers STATS_REQUEST through {@code answer} and MROUTE_STATS_REQUEST
     * through {@code mrouteAnswer} (by default: no multicast route), on another thread.
     */
    private static final class AnsweringChannel implements FpcChannel {
        final List<FpcSessionListener> listeners = new ArrayList<>();
        FpcPeer peer = new FpcPeer("test-fpm", 1, 0x1ffff, 1);
        IntConsumer answer = seq -> { };
        IntConsumer mrouteAnswer = seq -> replyMroute(new FpcMrouteStats(seq, 0, 0, 0, null, null, 0, 0, 0, true));
        final List<Integer> requests = new ArrayList<>();
        final List<Integer> mrouteRequests = new ArrayList<>();

        @Override
        public boolean send(ByteBuffer frame) {
            if (peer == null) {
                return false;
            }
            try {
                FrameReader r = new FrameReader().wrapFrame(frame.duplicate());
                int seq = r.seq();
                if (r.type() == FpcMessageType.MROUTE_STATS_REQUEST) {
                    mrouteRequests.add(seq);
                    new Thread(() -> mrouteAnswer.accept(seq)).start();
                    return true;
                }
                assertThat(r.type()).isEqualTo(FpcMessageType.STATS_REQUEST);
                requests.add(seq);
                new Thread(() -> answer.accept(seq)).start();
            } catch (FpcFormatException e) {
                throw new AssertionError(e.getMessage());
            }
            return true;
        }

        void reply(FpcInterfaceStats s) {
            listeners.forEach(l -> l.interfaceStats(s));
        }

        void replyMroute(FpcMrouteStats s) {
            listeners.forEach(l -> l.mrouteStats(s));
        }

        void refuse(int seq, int type) {
            listeners.forEach(l -> l.peerError(new FpcError(seq, type, ErrorAttr.EOPNOTSUPP, "unknown message type")));
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
        assertThat(statistics.requestsSent()).as("STATS_REQUEST and MROUTE_STATS_REQUEST").isEqualTo(2);
        assertThat(statistics.repliesReceived()).isEqualTo(3);
        assertThat(statistics.lastUpdateMillis()).isPositive();
    }

    @Test
    void theInterfacesAreSortedByVrfThenUnsignedIfuidWhateverTheFpmsOrder() throws Exception {
        long high = 0x8000_0000_0000_0001L; // negative as a long: after every other ifuid, unsigned
        fpc.answer = seq -> {
            fpc.reply(new FpcInterfaceStats(seq, 0x22, 1, 1, 1, 1, 1, 0, 0, 0, 0, false));
            fpc.reply(new FpcInterfaceStats(seq, high, 0, 1, 1, 1, 1, 0, 0, 0, 0, false));
            fpc.reply(new FpcInterfaceStats(seq, 0x33, 0, 1, 1, 1, 1, 0, 0, 0, 0, false));
            fpc.reply(new FpcInterfaceStats(seq, 0x11, 1, 1, 1, 1, 1, 0, 0, 0, 0, true));
        };
        assertThat(statistics.refresh(5000)).isTrue();
        assertThat(statistics.interfaces()).extracting(c -> c.getVrfid() + "/" + Long.toHexString(c.getIfuid()))
                .containsExactly("0/33", "0/8000000000000001", "1/11", "1/22");

        fpc.answer = seq -> { // in order already: kept as is
            fpc.reply(new FpcInterfaceStats(seq, 0x11, 0, 1, 1, 1, 1, 0, 0, 0, 0, false));
            fpc.reply(new FpcInterfaceStats(seq, high, 0, 1, 1, 1, 1, 0, 0, 0, 0, false));
            fpc.reply(new FpcInterfaceStats(seq, 0x11, 2, 1, 1, 1, 1, 0, 0, 0, 0, true));
        };
        assertThat(statistics.refresh(5000)).isTrue();
        assertThat(statistics.interfaces()).extracting(c -> c.getVrfid() + "/" + Long.toHexString(c.getIfuid()))
                .containsExactly("0/11", "0/8000000000000001", "2/11");
        org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class,
                () -> statistics.interfaces().clear(), "the answer is read-only");
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
        assertThat(statistics.requestsUnanswered()).as("the interfaces' request; the multicast one was answered")
                .isEqualTo(1);
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
        assertThat(statistics.requestsSent()).isEqualTo(2);
        assertThat(statistics.interfaces()).hasSize(1);
    }

    @Test
    void aSessionLostDuringARequestEndsItAsUnanswered() throws Exception {
        fpc.mrouteAnswer = seq -> { };
        fpc.answer = seq -> statistics.sessionDown("peer closed");
        assertThat(statistics.refresh(5000)).isFalse();
        assertThat(statistics.requestsUnanswered()).as("both requests").isEqualTo(2);
    }

    @Test
    void aRefreshKeepsEveryMulticastRoutesCountersSorted() throws Exception {
        fpc.answer = seq -> fpc.reply(stats(seq, 0x11, 5, true));
        fpc.mrouteAnswer = seq -> {
            fpc.replyMroute(mroute(seq, "239.2.2.2", 9, false));
            fpc.replyMroute(mroute(seq, "239.1.1.1", 4, true));
        };

        assertThat(statistics.refresh(5000)).isTrue();

        assertThat(statistics.multicastRoutes()).extracting(MulticastRouteCounters::getGroup)
                .containsExactly("239.1.1.1", "239.2.2.2");
        MulticastRouteCounters first = statistics.multicastRoutes().get(0);
        assertThat(first.getSource()).isEqualTo("10.0.0.1");
        assertThat(first.getFamily()).isEqualTo("inet");
        assertThat(first.getTable()).isEqualTo(254);
        assertThat(first.getPackets()).isEqualTo(4);
        assertThat(first.getBytes()).isEqualTo(400);
        assertThat(first.getWrongIf()).isEqualTo(1);
    }

    @Test
    void aRefreshWaitsForTheMulticastAnswerToo() throws Exception {
        fpc.answer = seq -> fpc.reply(stats(seq, 0x11, 5, true));
        fpc.mrouteAnswer = seq -> fpc.replyMroute(mroute(seq, "239.1.1.1", 4, false));
        assertThat(statistics.refresh(100)).as("no LAST multicast reply").isFalse();
        assertThat(statistics.multicastRoutes()).isEmpty();
    }

    @Test
    void anFpmThatRefusesMulticastStatisticsIsNotAskedAgainInThatSession() throws Exception {
        fpc.answer = seq -> fpc.reply(stats(seq, 0x11, 5, true));
        fpc.mrouteAnswer = seq -> fpc.refuse(seq, FpcMessageType.MROUTE_STATS_REQUEST);

        assertThat(statistics.refresh(5000)).as("refused: it forwards no multicast").isTrue();
        assertThat(statistics.refresh(5000)).isTrue();
        assertThat(fpc.mrouteRequests).hasSize(1);
        assertThat(statistics.multicastRoutes()).isEmpty();

        statistics.sessionDown("peer closed");
        assertThat(statistics.refresh(5000)).isTrue();
        assertThat(fpc.mrouteRequests).as("a new session may be another FPM").hasSize(2);
    }

    @Test
    void anErrorForAnotherFrameDoesNotEndTheMulticastRequest() throws Exception {
        fpc.answer = seq -> fpc.reply(stats(seq, 0x11, 5, true));
        fpc.mrouteAnswer = seq -> fpc.refuse(seq + 1, FpcMessageType.MROUTE_STATS_REQUEST);
        assertThat(statistics.refresh(100)).isFalse();
    }

    private static FpcMrouteStats mroute(int seq, String group, long packets, boolean last) {
        try {
            return new FpcMrouteStats(seq, 0, 2, 254, InetAddress.getByName("10.0.0.1"), InetAddress.getByName(group),
                    packets, packets * 100, 1, last);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
