package org.linuxfpsync.sync.conntrack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import org.linuxfpsync.cmgr.spi.ReplayMember;
import org.linuxfpsync.featuresync.FamilyObjects;
import org.linuxfpsync.fpc.codec.ConntrackAttr;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.fpc.testing.RecordingFpc;

/**
 * The flat store against the HashMap one every other feature uses ({@link FamilyObjects}, the
 * model): under the same random events, dumps (replays, differential, interrupted, joining an open
 * window) and closes, both send the same frames at each step and hold the same flows, and the
 * store keeps each flow's TCP state with it. Compactions are made frequent, and the key universe
 * larger than the table's first capacity, so that growth and removals inside probe runs happen.
 */
class ConntrackStoreProperties {
    private static final int VRF = 7;
    private static final int FLOWS = 1_500;

    /** A replay window member whose answer to dumpStarted the test sets. */
    private static final class Member implements ReplayMember {
        boolean joinsOpenWindow;

        @Override
        public boolean dumpStarted() {
            return joinsOpenWindow;
        }

        @Override
        public void dumpFinished(boolean complete) {
        }

        @Override
        public void leave(boolean withdraw) {
        }
    }

    private static long[] key(int flow) {
        int protocol = flow % 3 == 0 ? 6 : 17;
        return new long[] {0, 0xac100001L, 0, 0xac100002L + flow % 7, FlowKey.meta(flow % 2, 2, protocol, -1, -1),
            FlowKey.ports(40_000 + flow, 53, -1)};
    }

    private final byte[] scratch = new byte[16];
    private final byte[] reply = {(byte) 172, 16, 0, 2};

    /** A CT_ADD's TLVs after the key: the state's length varies (a mark or not); returns the compared length. */
    private int writeState(FrameWriter w, int state, int timeout) {
        w.beginNested(ConntrackAttr.REPLY);
        FlowKey.writeTuple(w, 2, reply, reply, 17, 53, 40_000, -1, -1, -1);
        w.endNested();
        w.putU32(ConntrackAttr.STATUS, state);
        if (state % 2 == 1) {
            w.putU32(ConntrackAttr.MARK, state);
        }
        int compared = w.length();
        w.putU32(ConntrackAttr.TIMEOUT, timeout);
        return compared;
    }

    private final class Pair {
        final RecordingFpc storeFpc = new RecordingFpc();
        final RecordingFpc modelFpc = new RecordingFpc();
        final ConntrackStore store = new ConntrackStore(VRF, storeFpc, 64);
        final FamilyObjects<Integer> model = new FamilyObjects<>(ConntrackAttr.FAMILY_CONNTRACK,
                (w, flow) -> FlowKey.write(w, VRF, key(flow), 0, scratch), modelFpc);
        final Member storeMember = new Member();
        final Member modelMember = new Member();
        final long[] lastState = new long[FLOWS];

        void add(int flow, int state, int timeout, boolean fromDump) {
            long[] k = key(flow);
            FrameWriter w = store.beginAdd();
            FlowKey.write(w, VRF, k, 0, scratch);
            int stateFrom = w.length();
            store.add(k, fromDump, stateFrom, writeState(w, state, timeout), state);
            FrameWriter m = model.beginAdd();
            FlowKey.write(m, VRF, k, 0, scratch);
            model.add(flow, fromDump, writeState(m, state, timeout));
            lastState[flow] = state;
        }

        void delete(int flow) {
            assertThat(store.delete(key(flow))).isEqualTo(model.delete(flow));
        }

        void dumpStarted(boolean differential, boolean joinsOpenWindow) {
            storeMember.joinsOpenWindow = joinsOpenWindow;
            modelMember.joinsOpenWindow = joinsOpenWindow;
            store.dumpStarted(differential);
            model.dumpStarted(differential);
        }

        void dumpFinished(boolean complete) {
            store.dumpFinished(complete);
            model.dumpFinished(complete);
        }

        void close(boolean withdraw) {
            store.close(withdraw);
            model.close(withdraw);
            store.join(storeMember);
            model.join(modelMember);
        }

        /** The same frames; a sweep's DELs come in each store's own order, so the order is not compared. */
        void assertSame() {
            assertThat(sorted(storeFpc.lines())).isEqualTo(sorted(modelFpc.lines()));
            assertThat(store.size()).isEqualTo(model.size());
            storeFpc.clear();
            modelFpc.clear();
        }

        void assertSameFlows() {
            for (int flow = 0; flow < FLOWS; flow++) {
                boolean held = model.contains(flow);
                assertThat(store.contains(key(flow))).as("flow %d held", flow).isEqualTo(held);
                if (held) {
                    assertThat(store.lastTcp(key(flow), -1)).as("tcp of flow %d", flow).isEqualTo(lastState[flow]);
                }
            }
        }
    }

    private static List<String> sorted(List<String> lines) {
        List<String> s = new ArrayList<>(lines);
        Collections.sort(s);
        return s;
    }

    @Property(tries = 40)
    void theFlatStoreSendsAndHoldsWhatTheHashMapModelDoes(@ForAll long seed, @ForAll @IntRange(min = 1, max = 2000) int steps) {
        Random random = new Random(seed);
        Pair p = new Pair();
        p.store.join(p.storeMember);
        p.model.join(p.modelMember);
        for (int step = 0; step < steps; step++) {
            int what = random.nextInt(100);
            if (what < 60) {
                p.add(random.nextInt(FLOWS), random.nextInt(4), random.nextInt(600), false);
            } else if (what < 85) {
                p.delete(random.nextInt(FLOWS));
            } else if (what < 99) {
                p.dumpStarted(random.nextBoolean(), random.nextInt(4) == 0);
                int reported = random.nextInt(FLOWS / 4);
                for (int i = 0; i < reported; i++) {
                    p.add(random.nextInt(FLOWS), random.nextInt(4), random.nextInt(600), true);
                }
                p.dumpFinished(random.nextInt(10) != 0);
                p.assertSameFlows();
            } else {
                p.close(random.nextBoolean());
            }
            p.assertSame();
        }
        p.assertSameFlows();
    }
}
