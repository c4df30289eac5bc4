package org.linuxfpsync.sync.conntrack;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.Arrays;

import org.linuxfpsync.cmgr.spi.ReplayMember;
import org.linuxfpsync.featuresync.FamilyObjects;
import org.linuxfpsync.featuresync.FrameSequence;
import org.linuxfpsync.featuresync.ReplayMembership;
import org.linuxfpsync.featuresync.SyncedFamily;
import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.fpc.codec.ConntrackAttr;
import org.linuxfpsync.fpc.codec.FpcSchema;
import org.linuxfpsync.fpc.codec.FrameWriter;

/**
 * What the conntrack sync of one vrf has in the FPM, flow by flow, with the rules of
 * {@link FamilyObjects} (an event that changes nothing sends nothing, a DEL goes only for what was
 * sent, a replay forgets what it did not report, a differential dump sends the differences and a
 * DEL for each flow gone; its dumps framed by a {@link ReplayMembership} as FamilyObjects' are),
 * kept flat: the keys and per-flow fields in a {@link FlowTable}, the TLVs last sent in a
 * {@link ByteArena}. No Java object per flow, none per event.
 *
 * <p>Of a CT_ADD, the store keeps the TLVs after the key and before the part that moves without a
 * change (TIMEOUT): what a change is looked for in. The key TLVs are the key's, equal when it is.
 *
 * <p>Used by the subscription's reader thread only, except {@link #size} (a racy read for the
 * console) and {@link #close} (once the subscription is closed).
 */
final class ConntrackStore implements SyncedFamily {
    private final int vrfid;
    private final FpcChannel fpc;
    private final FrameWriter writer = new FrameWriter();
    private final FlowTable table = new FlowTable();
    private final ByteArena arena;
    private final byte[] addressScratch = new byte[16];
    /** The flows' arena offsets and slots, sorted by {@link #compact}; kept between compactions. */
    private long[] compactionOrder = new long[0];
    /** The table's size for the console: written with release semantics, no full fence per event. */
    private volatile int size;
    private static final VarHandle SIZE;
    /**
     * Flows held that dumps reported and no event has since: with {@code nf_conntrack_events = 2},
     * the only ones that may lack the kernel's event extension (ConntrackVrfSync). Read by the
     * timer's thread; written on the reader's with release semantics, and only when a flow's mark
     * changes (its first dump report, its first event, its removal), not per event.
     */
    private volatile int dumpOnly;
    private static final VarHandle DUMP_ONLY;

    static {
        try {
            SIZE = MethodHandles.lookup().findVarHandle(ConntrackStore.class, "size", int.class);
            DUMP_ONLY = MethodHandles.lookup().findVarHandle(ConntrackStore.class, "dumpOnly", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The running dump's; a flow it reported carries it. Never 0: a new slot's 0 is no dump's. */
    private int generation = 1;
    /** The replay window's rules, those of FamilyObjects; its sweeper made once, here: none per dump. */
    private final ReplayMembership membership = new ReplayMembership(this::sweep);

    ConntrackStore(int vrfid, FpcChannel fpc) {
        this(vrfid, fpc, ByteArena.MIN_GARBAGE);
    }

    /** @param compactionMinGarbage see {@link ByteArena#ByteArena(int)} (tests: compactions early and often) */
    ConntrackStore(int vrfid, FpcChannel fpc, int compactionMinGarbage) {
        this.vrfid = vrfid;
        this.fpc = fpc;
        this.arena = new ByteArena(compactionMinGarbage);
    }

    @Override
    public int familyCode() {
        return ConntrackAttr.FAMILY_CONNTRACK;
    }

    @Override
    public String familyName() {
        return FpcSchema.family(ConntrackAttr.FAMILY_CONNTRACK).name();
    }

    /** Begins a CT_ADD: write its key TLVs ({@link FlowKey#write}), the rest, then {@link #add}. */
    FrameWriter beginAdd() {
        return writer.begin(ConntrackAttr.CT_ADD, FrameSequence.next());
    }

    /**
     * Sends the CT_ADD begun by {@link #beginAdd} as the state of {@code key}: always during a replay
     * (it refreshes the flow in the replay window), otherwise only when its TLVs in
     * [{@code stateFrom}, {@code compared}) (frame offsets: after the key, before what moves without
     * a change) differ from those last sent.
     *
     * @param tcp the flow's TCP state, kept with it ({@link #lastTcp})
     */
    void add(long[] key, boolean fromDump, int stateFrom, int compared, long tcp) {
        ByteBuffer frame = writer.finish();
        int length = Math.min(compared, frame.limit()) - stateFrom;
        int slot = table.find(key);
        if (slot < 0) {
            slot = table.insert(key);
            table.tlvs(slot, arena.append(frame, stateFrom, length), length);
            SIZE.setRelease(this, table.size());
            if (fromDump) {
                markDumpOnly(slot, true);
            }
        } else if ((!fromDump || membership.differential()) && table.tlvLength(slot) == length
                && arena.sameBytes(table.tlvOffset(slot), frame, stateFrom, length)) {
            table.generation(slot, generation);
            if (!fromDump && table.dumpOnly(slot)) {
                markDumpOnly(slot, false);
            }
            return;
        } else {
            store(slot, frame, stateFrom, length);
            if (!fromDump && table.dumpOnly(slot)) {
                markDumpOnly(slot, false);
            }
        }
        table.generation(slot, generation);
        table.tcp(slot, tcp);
        fpc.send(frame);
    }

    /** The TCP state kept with {@code key} by {@link #add}, or {@code absent} when it is not in the FPM. */
    long lastTcp(long[] key, long absent) {
        int slot = table.find(key);
        return slot < 0 ? absent : table.tcp(slot);
    }

    /**
     * Flows held that dumps reported and no event has since (a NEW, UPDATE or DESTROY event proves
     * that a flow has the kernel's event extension; a flow older than the listener lacks it with
     * {@code nf_conntrack_events = 2}). Any thread (a racy read: the timer's check).
     */
    int dumpOnlyFlows() {
        return dumpOnly;
    }

    private void markDumpOnly(int slot, boolean value) {
        table.dumpOnly(slot, value);
        DUMP_ONLY.setRelease(this, dumpOnly + (value ? 1 : -1));
    }

    boolean contains(long[] key) {
        return table.find(key) >= 0;
    }

    /** Sends the CT_DEL of {@code key} when this store sent it; returns whether it did. */
    boolean delete(long[] key) {
        int slot = table.find(key);
        if (slot < 0) {
            return false;
        }
        deleteAt(slot);
        return true;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void join(ReplayMember m) {
        membership.join(m);
    }

    @Override
    public void dumpStarted(boolean differential) {
        // 0 is a new slot's: skipped when the counter wraps
        generation = generation == -1 ? 1 : generation + 1;
        membership.dumpStarted(differential);
    }

    @Override
    public void dumpFinished(boolean complete) {
        membership.dumpFinished(complete);
    }

    @Override
    public void close(boolean withdraw) {
        membership.leave(withdraw);
        table.clear();
        arena.clear();
        size = 0;
        dumpOnly = 0;
    }

    /**
     * Removes every flow the running dump did not report, with a CT_DEL each when {@code withDel}
     * ({@link ReplayMembership.Sweeper}).
     */
    private void sweep(boolean withDel) {
        int slot = 0;
        while (slot < table.capacity()) {
            if (!table.occupied(slot) || table.generation(slot) == generation) {
                slot++;
            } else if (withDel) {
                // the next entry of the probe run may move into slot: examined again
                deleteAt(slot);
            } else {
                forgetAt(slot);
            }
        }
    }

    private void deleteAt(int slot) {
        writer.begin(ConntrackAttr.CT_DEL, FrameSequence.next());
        FlowKey.write(writer, vrfid, table.keys(), table.keyAt(slot), addressScratch);
        forgetAt(slot);
        fpc.send(writer.finish());
    }

    private void forgetAt(int slot) {
        if (table.dumpOnly(slot)) {
            markDumpOnly(slot, false);
        }
        arena.release(table.tlvLength(slot));
        table.removeAt(slot);
        SIZE.setRelease(this, table.size());
        if (arena.wantsCompaction()) {
            compact();
        }
    }

    /** The flow's new TLVs: in place when as long as the old ones, else appended. */
    private void store(int slot, ByteBuffer frame, int from, int length) {
        if (table.tlvLength(slot) == length) {
            arena.overwrite(table.tlvOffset(slot), frame, from, length);
            return;
        }
        arena.release(table.tlvLength(slot));
        table.tlvs(slot, arena.append(frame, from, length), length);
        if (arena.wantsCompaction()) {
            compact();
        }
    }

    /**
     * Compacts the arena in place: the flows' ranges in offset order (offset and slot in one long,
     * sorted), each slid down. The order array is kept for the next compaction: no allocation
     * unless the table grew.
     */
    private void compact() {
        if (compactionOrder.length < table.size()) {
            compactionOrder = new long[table.capacity()];
        }
        int n = 0;
        for (int slot = 0; slot < table.capacity(); slot++) {
            if (table.occupied(slot)) {
                compactionOrder[n++] = (long) table.tlvOffset(slot) << 32 | slot;
            }
        }
        Arrays.sort(compactionOrder, 0, n);
        ByteArena.Compaction c = arena.compaction();
        for (int i = 0; i < n; i++) {
            int slot = (int) compactionOrder[i];
            table.tlvs(slot, c.move(table.tlvOffset(slot), table.tlvLength(slot)), table.tlvLength(slot));
        }
        c.finish();
    }
}
