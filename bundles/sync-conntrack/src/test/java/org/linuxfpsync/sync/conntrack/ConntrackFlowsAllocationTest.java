package org.linuxfpsync.sync.conntrack;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.linuxfpsync.fpc.testing.RecordingFpc;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.NetlinkFormatException;
import org.linuxfpsync.netlink.codec.Nfnetlink;
import org.linuxfpsync.netlink.codec.NlMsg;

/**
 * The event path of a flow the store holds (decode, key, lookup, comparison, CT_ADD) allocates
 * nothing: what made the young collections copy objects per flow under a burst.
 */
class ConntrackFlowsAllocationTest {
    private static final int FLOWS = 1_000;
    private static final int REPLIED = Nfnetlink.IPS_CONFIRMED | Nfnetlink.IPS_SEEN_REPLY;
    private static final int ASSURED = REPLIED | Nfnetlink.IPS_ASSURED;

    private static NlMsg message(byte[] bytes) throws NetlinkFormatException {
        ByteBuffer b = ByteBuffer.allocateDirect(bytes.length).order(ByteOrder.nativeOrder());
        b.put(bytes).flip();
        return new NlMsg().wrap(b, 0, bytes.length);
    }

    @Test
    void updatesOfHeldFlowsChangedOrNotAllocateNothing() throws NetlinkFormatException {
        RecordingFpc fpc = RecordingFpc.countingOnly();
        ConntrackFlows flows = new ConntrackFlows(new Vrf(0, ""), new ConntrackStore(0, fpc), () -> FlowFilter.DEFAULT,
                () -> true);
        List<NlMsg> updates = new ArrayList<>();
        for (int i = 0; i < FLOWS; i++) {
            int sport = 20_000 + i;
            flows.apply(message(UapiConntrack.tcp("10.0.0.1", sport, "10.0.0.2", 80).status(REPLIED)
                    .tcpState(2, 0, 0, 7, 7).id(i).newEvent()), false);
            // established: sent; the same without protoinfo: unchanged (its TCP state the one kept); back to SYN_RECV
            updates.add(message(UapiConntrack.tcp("10.0.0.1", sport, "10.0.0.2", 80).status(ASSURED)
                    .tcpState(3, 0x23, 0x23, 7, 7).id(i).updateEvent()));
            updates.add(message(UapiConntrack.tcp("10.0.0.1", sport, "10.0.0.2", 80).status(ASSURED)
                    .withoutProtoinfo().id(i).updateEvent()));
            updates.add(message(UapiConntrack.tcp("10.0.0.1", sport, "10.0.0.2", 80).status(REPLIED)
                    .tcpState(2, 0, 0, 7, 7).id(i).updateEvent()));
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported());
        threads.setThreadAllocatedMemoryEnabled(true);
        for (int round = 0; round < 20; round++) {
            for (NlMsg m : updates) {
                flows.apply(m, false);
            }
        }
        long framesBefore = fpc.frames();
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        for (int round = 0; round < 50; round++) {
            for (NlMsg m : updates) {
                flows.apply(m, false);
            }
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        // two of each flow's three updates change it
        assertThat(fpc.frames() - framesBefore).isEqualTo(50L * 2 * FLOWS);
        // the counter and the JIT's own: under a byte per message, where an object per message is 16 bytes or more
        assertThat(allocated).as("bytes allocated by 150,000 update events").isLessThan(64 * 1024);
    }

    @Test
    void replaysAndRefreshesOfHeldFlowsAllocateNothing() throws NetlinkFormatException {
        RecordingFpc fpc = RecordingFpc.countingOnly();
        ConntrackStore store = new ConntrackStore(0, fpc);
        ConntrackFlows flows = new ConntrackFlows(new Vrf(0, ""), store, () -> FlowFilter.DEFAULT, () -> true);
        List<NlMsg> dump = new ArrayList<>();
        for (int i = 0; i < FLOWS; i++) {
            dump.add(message(UapiConntrack.tcp("10.0.0.1", 20_000 + i, "10.0.0.2", 80).status(ASSURED)
                    .tcpState(3, 0x23, 0x23, 7, 7).id(i).dumped()));
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported());
        threads.setThreadAllocatedMemoryEnabled(true);
        for (int round = 0; round < 20; round++) {
            replayThenRefresh(store, flows, dump);
        }
        long framesBefore = fpc.frames();
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        for (int round = 0; round < 50; round++) {
            replayThenRefresh(store, flows, dump);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        // a replay sends every flow, a refresh none (nothing changed), and neither sweep finds a flow gone
        assertThat(fpc.frames() - framesBefore).isEqualTo(50L * FLOWS);
        assertThat(store.size()).isEqualTo(FLOWS);
        // the dumps' framing and sweeps (a walk over the table each) included: under a byte per reply
        assertThat(allocated).as("bytes allocated by 100 dumps of 1,000 flows").isLessThan(64 * 1024);
    }

    @Test
    void flushesOfHeldFlowsAndTheirReturnAllocateNothingCompactionsIncluded() throws NetlinkFormatException {
        RecordingFpc fpc = RecordingFpc.countingOnly();
        // compactions after every few hundred bytes given up: many per flush
        ConntrackFlows flows = new ConntrackFlows(new Vrf(0, ""), new ConntrackStore(0, fpc, 256),
                () -> FlowFilter.DEFAULT, () -> true);
        List<NlMsg> news = new ArrayList<>();
        List<NlMsg> destroys = new ArrayList<>();
        for (int i = 0; i < FLOWS; i++) {
            UapiConntrack flow = UapiConntrack.udp("10.0.0.1", 20_000 + i, "10.0.0.2", 53).id(i);
            news.add(message(flow.newEvent()));
            destroys.add(message(flow.destroyEvent()));
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported());
        threads.setThreadAllocatedMemoryEnabled(true);
        for (int round = 0; round < 20; round++) {
            applyAll(flows, news);
            applyAll(flows, destroys);
        }
        long framesBefore = fpc.frames();
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        for (int round = 0; round < 50; round++) {
            applyAll(flows, news);
            applyAll(flows, destroys);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertThat(fpc.frames() - framesBefore).isEqualTo(50L * 2 * FLOWS);
        // a compaction in place allocates its small cursor only: under a byte per message
        assertThat(allocated).as("bytes allocated by 100,000 new and destroy events").isLessThan(64 * 1024);
    }

    private static void applyAll(ConntrackFlows flows, List<NlMsg> messages) throws NetlinkFormatException {
        for (NlMsg m : messages) {
            flows.apply(m, false);
        }
    }

    private static void replayThenRefresh(ConntrackStore store, ConntrackFlows flows, List<NlMsg> dump)
            throws NetlinkFormatException {
        dump(store, flows, dump, false);
        dump(store, flows, dump, true);
    }

    private static void dump(ConntrackStore store, ConntrackFlows flows, List<NlMsg> dump, boolean differential)
            throws NetlinkFormatException {
        store.dumpStarted(differential);
        for (NlMsg m : dump) {
            flows.apply(m, true);
        }
        store.dumpFinished(true);
    }
}
