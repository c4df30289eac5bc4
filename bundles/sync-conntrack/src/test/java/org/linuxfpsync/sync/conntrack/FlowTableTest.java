package org.linuxfpsync.sync.conntrack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The flat table of flows: what was inserted is found with its fields, through growth and removals. */
class FlowTableTest {

    private static long[] key(int i) {
        return new long[] {0, 0xac100001L, 0, 0xac100002L, FlowKey.meta(0, 2, 17, -1, -1), FlowKey.ports(i, 53, -1)};
    }

    @Test
    void aFlowInsertedIsFoundWithItsFieldsAndGoneOnceRemoved() {
        FlowTable t = new FlowTable();
        int slot = t.insert(key(1));
        t.tlvs(slot, 100, 20);
        t.generation(slot, 7);
        t.tcp(slot, 42);
        assertThat(t.find(key(1))).isEqualTo(slot);
        assertThat(t.find(key(2))).isEqualTo(-1);
        assertThat(t.tlvOffset(slot)).isEqualTo(100);
        assertThat(t.tlvLength(slot)).isEqualTo(20);
        assertThat(t.generation(slot)).isEqualTo(7);
        assertThat(t.tcp(slot)).isEqualTo(42);
        t.removeAt(slot);
        assertThat(t.find(key(1))).isEqualTo(-1);
        assertThat(t.size()).isZero();
    }

    @Test
    void growthAndRemovalsInTheMiddleOfProbeRunsKeepEveryOtherFlowFindable() {
        FlowTable t = new FlowTable();
        Map<Integer, Long> model = new HashMap<>(); // flow -> its tcp field
        Random random = new Random(19);
        for (int step = 0; step < 200_000; step++) {
            int flow = random.nextInt(5_000);
            int slot = t.find(key(flow));
            assertThat(slot >= 0).as("flow %d held", flow).isEqualTo(model.containsKey(flow));
            if (slot >= 0) {
                assertThat(t.tcp(slot)).isEqualTo(model.get(flow));
                t.removeAt(slot);
                model.remove(flow);
            } else {
                t.tcp(t.insert(key(flow)), flow * 3L);
                model.put(flow, flow * 3L);
            }
        }
        assertThat(t.size()).isEqualTo(model.size());
        for (int flow = 0; flow < 5_000; flow++) {
            int slot = t.find(key(flow));
            assertThat(slot >= 0).isEqualTo(model.containsKey(flow));
            if (slot >= 0) {
                assertThat(t.tcp(slot)).isEqualTo(model.get(flow));
            }
        }
    }

    @Test
    void flowsWhoseHashesCollideAreToldApartByTheirKeys() {
        // two keys of the same 31-bit tag: the same home slot, the same tag, different words
        Map<Integer, Integer> byTag = new HashMap<>();
        int first = -1;
        int second = -1;
        for (int i = 0; i < 1_000_000 && second < 0; i++) {
            long[] k = wideKey(i);
            Integer other = byTag.putIfAbsent(FlowKey.hash(k, 0) | Integer.MIN_VALUE, i);
            if (other != null) {
                first = other;
                second = i;
            }
        }
        assertThat(second).as("a pair of keys of one tag among a million").isNotNegative();
        FlowTable t = new FlowTable();
        int a = t.insert(wideKey(first));
        t.tcp(a, 1);
        assertThat(t.find(wideKey(second))).isEqualTo(-1);
        int b = t.insert(wideKey(second));
        t.tcp(b, 2);
        assertThat(t.tcp(t.find(wideKey(first)))).isEqualTo(1);
        assertThat(t.tcp(t.find(wideKey(second)))).isEqualTo(2);
        t.removeAt(t.find(wideKey(first)));
        assertThat(t.find(wideKey(first))).isEqualTo(-1);
        assertThat(t.tcp(t.find(wideKey(second)))).isEqualTo(2);
    }

    @Test
    void aFlowsFieldsAreKeptApartFromItsNeighboursAndThroughGrowth() {
        FlowTable t = new FlowTable();
        for (int i = 0; i < 10_000; i++) {
            int slot = t.insert(key(i));
            t.dumpOnly(slot, i % 3 == 0);
            t.tlvs(slot, Integer.MAX_VALUE - i, 0xffff - i);
            t.generation(slot, -1 - i);
            t.tcp(slot, -1L - i);
        }
        for (int i = 0; i < 10_000; i++) {
            int slot = t.find(key(i));
            assertThat(t.tlvOffset(slot)).isEqualTo(Integer.MAX_VALUE - i);
            assertThat(t.tlvLength(slot)).isEqualTo(0xffff - i);
            assertThat(t.generation(slot)).isEqualTo(-1 - i);
            assertThat(t.tcp(slot)).isEqualTo(-1L - i);
            // the mark shares the TLVs' word: kept through their change, and changed alone
            assertThat(t.dumpOnly(slot)).isEqualTo(i % 3 == 0);
            t.dumpOnly(slot, i % 3 != 0);
            assertThat(t.tlvLength(slot)).isEqualTo(0xffff - i);
            assertThat(t.tlvOffset(slot)).isEqualTo(Integer.MAX_VALUE - i);
        }
        t.clear();
        assertThat(t.size()).isZero();
        assertThat(t.find(key(7))).isEqualTo(-1);
    }

    /** Keys that differ in several words (addresses and ports), as a busy table's do. */
    private static long[] wideKey(int i) {
        return new long[] {0, 0x0a000000L | (i >>> 16), 0, 0x0b000001L, FlowKey.meta(0, 2, 6, -1, -1),
                FlowKey.ports(i & 0xffff, 443, -1)};
    }
}
