package org.linuxfpsync.sync.conntrack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** FlowKey's identity: equal keys, and a hash that spreads the flows of one client and one server. */
class FlowKeyTest {
    private static final int AF_INET = 2;
    private static final int UDP = 17;
    private static final int TCP = 6;
    private static final long CLIENT = 0xac100001L;
    private static final long SERVER = 0xac100002L;

    private static FlowKey flow(int protocol, int srcPort, int dstPort) {
        return new FlowKey(2, 0, AF_INET, protocol, 0, CLIENT, 0, SERVER, srcPort, dstPort, -1, -1, -1);
    }

    /** bench/run's burst: 4 UDP sources to 30,000 ports each, and 30,000 TCP connections to port 7. */
    private static List<FlowKey> burst() {
        List<FlowKey> keys = new ArrayList<>();
        for (int worker = 0; worker < 4; worker++) {
            for (int port = 1024; port < 1024 + 30_000; port++) {
                keys.add(flow(UDP, 40_000 + worker, port));
            }
        }
        for (int port = 32_768; port < 32_768 + 30_000; port++) {
            keys.add(flow(TCP, port, 7));
        }
        return keys;
    }

    @Test
    void flowsThatDifferInTheirPortsOnlyFillAHashMapsBucketsEvenly() {
        List<FlowKey> keys = burst();
        int buckets = 1 << 18; // a HashMap's table for 150,000 keys
        Map<Integer, Integer> chains = new HashMap<>();
        for (FlowKey k : keys) {
            int h = k.hashCode();
            chains.merge((h ^ (h >>> 16)) & (buckets - 1), 1, Integer::sum); // HashMap's own spread
        }
        // A uniform hash fills about 114,000 buckets here; the record's own hash filled 51,656, chains up to 28.
        assertThat(chains.size()).isGreaterThan(105_000);
        // Beyond 8 a HashMap turns a chain into a tree, which a key that is not Comparable walks slowly.
        assertThat(chains.values().stream().mapToInt(Integer::intValue).max().orElseThrow()).isLessThanOrEqualTo(8);
    }

    @Test
    void keysAreEqualWhenEveryFieldIsAndOnlyThen() {
        FlowKey k = new FlowKey(2, 1, AF_INET, TCP, 3, CLIENT, 4, SERVER, 40000, 80, 5, 6, 7);
        assertThat(new FlowKey(2, 1, AF_INET, TCP, 3, CLIENT, 4, SERVER, 40000, 80, 5, 6, 7)).isEqualTo(k)
                .hasSameHashCodeAs(k);
        List<FlowKey> others = List.of(
                new FlowKey(9, 1, AF_INET, TCP, 3, CLIENT, 4, SERVER, 40000, 80, 5, 6, 7),
                new FlowKey(2, 9, AF_INET, TCP, 3, CLIENT, 4, SERVER, 40000, 80, 5, 6, 7),
                new FlowKey(2, 1, 10, TCP, 3, CLIENT, 4, SERVER, 40000, 80, 5, 6, 7),
                new FlowKey(2, 1, AF_INET, UDP, 3, CLIENT, 4, SERVER, 40000, 80, 5, 6, 7),
                new FlowKey(2, 1, AF_INET, TCP, 9, CLIENT, 4, SERVER, 40000, 80, 5, 6, 7),
                new FlowKey(2, 1, AF_INET, TCP, 3, SERVER, 4, SERVER, 40000, 80, 5, 6, 7),
                new FlowKey(2, 1, AF_INET, TCP, 3, CLIENT, 9, SERVER, 40000, 80, 5, 6, 7),
                new FlowKey(2, 1, AF_INET, TCP, 3, CLIENT, 4, CLIENT, 40000, 80, 5, 6, 7),
                new FlowKey(2, 1, AF_INET, TCP, 3, CLIENT, 4, SERVER, 40001, 80, 5, 6, 7),
                new FlowKey(2, 1, AF_INET, TCP, 3, CLIENT, 4, SERVER, 40000, 81, 5, 6, 7),
                new FlowKey(2, 1, AF_INET, TCP, 3, CLIENT, 4, SERVER, 40000, 80, 9, 6, 7),
                new FlowKey(2, 1, AF_INET, TCP, 3, CLIENT, 4, SERVER, 40000, 80, 5, 9, 7),
                new FlowKey(2, 1, AF_INET, TCP, 3, CLIENT, 4, SERVER, 40000, 80, 5, 6, 9));
        for (FlowKey other : others) {
            assertThat(other).isNotEqualTo(k);
            assertThat(other.hashCode()).as("hash of %s", other).isNotEqualTo(k.hashCode());
        }
    }
}
