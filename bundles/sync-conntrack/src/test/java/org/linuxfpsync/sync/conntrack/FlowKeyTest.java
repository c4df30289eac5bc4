package org.linuxfpsync.sync.conntrack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A flow's packed key: one packing per flow, and a hash that spreads the flows of one client and one server. */
class FlowKeyTest {
    private static final int AF_INET = 2;
    private static final int UDP = 17;
    private static final int TCP = 6;
    private static final long CLIENT = 0xac100001L;
    private static final long SERVER = 0xac100002L;

    private static long[] key(long srcHigh, long srcLow, long dstHigh, long dstLow, int zone, int family, int protocol,
                              int srcPort, int dstPort, int icmpId, int icmpType, int icmpCode) {
        return new long[] {srcHigh, srcLow, dstHigh, dstLow, FlowKey.meta(zone, family, protocol, icmpType, icmpCode),
            FlowKey.ports(srcPort, dstPort, icmpId)};
    }

    private static long[] flow(int protocol, int srcPort, int dstPort) {
        return key(0, CLIENT, 0, SERVER, 0, AF_INET, protocol, srcPort, dstPort, -1, -1, -1);
    }

    /** bench/run's burst: 4 UDP sources to 30,000 ports each, and 30,000 TCP connections to port 7. */
    private static List<long[]> burst() {
        List<long[]> keys = new ArrayList<>();
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
    void flowsThatDifferInTheirPortsOnlyHaveHomeSlotsSpreadOverTheTable() {
        int slots = 1 << 18; // FlowTable's capacity for 150,000 flows
        Map<Integer, Integer> perHome = new HashMap<>();
        for (long[] k : burst()) {
            perHome.merge(FlowKey.hash(k, 0) & (slots - 1), 1, Integer::sum);
        }
        // a uniform hash gives about 114,000 distinct home slots here, and no slot the home of more than 8 flows
        assertThat(perHome.size()).isGreaterThan(105_000);
        assertThat(perHome.values().stream().mapToInt(Integer::intValue).max().orElseThrow()).isLessThanOrEqualTo(8);
    }

    @Test
    void keysDifferWhenAnyFieldDoesEvenAtTheEdgesOfItsRange() {
        long[] k = key(3, CLIENT, 4, SERVER, 1, AF_INET, TCP, 40000, 80, 5, 6, 7);
        assertThat(key(3, CLIENT, 4, SERVER, 1, AF_INET, TCP, 40000, 80, 5, 6, 7)).isEqualTo(k);
        List<long[]> others = List.of(
                key(3, CLIENT, 4, SERVER, 65535, AF_INET, TCP, 40000, 80, 5, 6, 7),
                key(3, CLIENT, 4, SERVER, 1, 10, TCP, 40000, 80, 5, 6, 7),
                key(3, CLIENT, 4, SERVER, 1, AF_INET, UDP, 40000, 80, 5, 6, 7),
                key(9, CLIENT, 4, SERVER, 1, AF_INET, TCP, 40000, 80, 5, 6, 7),
                key(3, SERVER, 4, SERVER, 1, AF_INET, TCP, 40000, 80, 5, 6, 7),
                key(3, CLIENT, 9, SERVER, 1, AF_INET, TCP, 40000, 80, 5, 6, 7),
                key(3, CLIENT, 4, CLIENT, 1, AF_INET, TCP, 40000, 80, 5, 6, 7),
                key(3, CLIENT, 4, SERVER, 1, AF_INET, TCP, -1, 80, 5, 6, 7),
                key(3, CLIENT, 4, SERVER, 1, AF_INET, TCP, 65535, 80, 5, 6, 7),
                key(3, CLIENT, 4, SERVER, 1, AF_INET, TCP, 40000, 0, 5, 6, 7),
                key(3, CLIENT, 4, SERVER, 1, AF_INET, TCP, 40000, 80, -1, 6, 7),
                key(3, CLIENT, 4, SERVER, 1, AF_INET, TCP, 40000, 80, 5, 255, 7),
                key(3, CLIENT, 4, SERVER, 1, AF_INET, TCP, 40000, 80, 5, 6, -1));
        for (long[] other : others) {
            assertThat(other).as(Arrays.toString(other)).isNotEqualTo(k);
            assertThat(FlowKey.hash(other, 0)).as("hash of %s", Arrays.toString(other)).isNotEqualTo(FlowKey.hash(k, 0));
        }
    }

    @Test
    void aKeyTellsItsZoneFamilyAndProtocol() {
        long[] k = key(0, CLIENT, 0, SERVER, 65535, AF_INET, 255, -1, -1, 65535, 255, 255);
        assertThat(FlowKey.zone(k, 0)).isEqualTo(65535);
        assertThat(FlowKey.family(k, 0)).isEqualTo(AF_INET);
        assertThat(FlowKey.protocol(k, 0)).isEqualTo(255);
    }
}
