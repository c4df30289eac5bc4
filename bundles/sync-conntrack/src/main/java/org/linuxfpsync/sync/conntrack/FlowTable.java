package org.linuxfpsync.sync.conntrack;

/**
 * The flows one store holds, by key ({@link FlowKey}), without a Java object per flow: open
 * addressing with linear probing over one {@code long[]} of records, a record per slot:
 *
 * <pre>
 * word 0     tag (the key's hash with the top bit set; 0: empty slot) &lt;&lt; 32 | generation of the
 *            dump that last reported the flow (32 bits)
 * word 1     offset of the flow's TLVs in the store's {@link ByteArena} &lt;&lt; 32 | {@link #dumpOnly} (1 bit)
 *            &lt;&lt; 31 | their length (31 bits)
 * word 2     the flow's last TCP state
 * word 3..8  the key's {@link FlowKey#WORDS} words
 * </pre>
 *
 * One record is 72 bytes, two adjacent cache lines at most: a lookup, and the store's reads and
 * writes of the flow's fields after it, touch those two lines only. With each field in an array of
 * its own (tags, keys, offsets, lengths, generations, TCP states), an event among 150,000 flows cost
 * six cache misses, where most of the event path's time went (docs/conntrack-sync.md).
 *
 * <p>A probe compares the tag and the key words in one test, without a branch per word: a key that
 * differs only after its tag matched (a 31-bit hash collision, a few among 150,000 flows) would
 * otherwise take a branch the JIT had never seen taken, and it recompiled the whole inlined event
 * path (half a second of C2 each time) in the middle of bench/run's measured phases.
 *
 * <p>A removal shifts the rest of its probe run back (no tombstones: a table that sees every flow come
 * and go stays as fast as a fresh one), finding each entry's home slot from its tag. Grown at three
 * quarters full. Not thread-safe: the conntrack reader thread's.
 */
final class FlowTable {
    private static final int INITIAL_CAPACITY = 1024;
    private static final int STRIDE = 3 + FlowKey.WORDS;
    private static final int HEADER = 0;
    private static final int TLVS = 1;
    private static final int TCP = 2;
    private static final int KEY = 3;
    private static final long LOW_32 = 0xffffffffL;
    private static final long LENGTH_BITS = 0x7fffffffL;
    private static final long DUMP_ONLY = 1L << 31;

    static {
        // find() compares the key word by word, unrolled for six words: a key of another size
        // must change it too, not compare the wrong words silently.
        if (FlowKey.WORDS != 6) {
            throw new ExceptionInInitializerError("FlowTable.find compares 6 key words, FlowKey.WORDS is " + FlowKey.WORDS);
        }
    }

    private int mask;
    private int size;
    private long[] records;

    FlowTable() {
        allocate(INITIAL_CAPACITY);
    }

    private void allocate(int capacity) {
        mask = capacity - 1;
        records = new long[capacity * STRIDE];
    }

    int size() {
        return size;
    }

    /** Slots, occupied or not: a walk over every flow goes from 0 to this. */
    int capacity() {
        return mask + 1;
    }

    boolean occupied(int slot) {
        return records[slot * STRIDE + HEADER] >>> 32 != 0;
    }

    /** Never 0 (an empty slot's); its low bits are the home slot's (capacities stay below 2^31). */
    private static int tag(long[] keys, int at) {
        return FlowKey.hash(keys, at) | Integer.MIN_VALUE;
    }

    private int tagAt(int slot) {
        return (int) (records[slot * STRIDE + HEADER] >>> 32);
    }

    /** The slot of {@code key} (its first {@link FlowKey#WORDS} words), or -1. */
    int find(long[] key) {
        long tag = tag(key, 0) & LOW_32;
        long k0 = key[0];
        long k1 = key[1];
        long k2 = key[2];
        long k3 = key[3];
        long k4 = key[4];
        long k5 = key[5];
        long[] r = records;
        for (int slot = (int) tag & mask; ; slot = (slot + 1) & mask) {
            int at = slot * STRIDE;
            long header = r[at + HEADER] >>> 32;
            if (header == 0) {
                return -1;
            }
            long differs = (header ^ tag) | (r[at + KEY] ^ k0) | (r[at + KEY + 1] ^ k1) | (r[at + KEY + 2] ^ k2)
                    | (r[at + KEY + 3] ^ k3) | (r[at + KEY + 4] ^ k4) | (r[at + KEY + 5] ^ k5);
            if (differs == 0) {
                return slot;
            }
        }
    }

    /** Adds {@code key}, which the table does not hold, with zeroed fields; returns its slot. */
    int insert(long[] key) {
        if (size + 1 > capacity() - (capacity() >>> 2)) {
            grow();
        }
        int tag = tag(key, 0);
        int slot = tag & mask;
        while (occupied(slot)) {
            slot = (slot + 1) & mask;
        }
        int at = slot * STRIDE;
        records[at + HEADER] = (long) tag << 32;
        records[at + TLVS] = 0;
        records[at + TCP] = 0;
        System.arraycopy(key, 0, records, at + KEY, FlowKey.WORDS);
        size++;
        return slot;
    }

    /**
     * Empties {@code slot}; the entries after it in its probe run move back, one of them perhaps into
     * {@code slot} itself: a walk that removes re-examines the slot it removed.
     */
    void removeAt(int slot) {
        int hole = slot;
        for (int next = (hole + 1) & mask; occupied(next); next = (next + 1) & mask) {
            int home = tagAt(next) & mask;
            // the entry at next may fill the hole only if its home is not inside (hole, next]
            if (((next - home) & mask) >= ((next - hole) & mask)) {
                System.arraycopy(records, next * STRIDE, records, hole * STRIDE, STRIDE);
                hole = next;
            }
        }
        records[hole * STRIDE + HEADER] = 0;
        size--;
    }

    void clear() {
        for (int at = HEADER; at < records.length; at += STRIDE) {
            records[at] = 0;
        }
        size = 0;
    }

    /** The key words of {@code slot} are {@code keys()[keyAt(slot)..]} (valid until the next change). */
    long[] keys() {
        return records;
    }

    int keyAt(int slot) {
        return slot * STRIDE + KEY;
    }

    int tlvOffset(int slot) {
        return (int) (records[slot * STRIDE + TLVS] >>> 32);
    }

    int tlvLength(int slot) {
        return (int) (records[slot * STRIDE + TLVS] & LENGTH_BITS);
    }

    /** Sets the flow's TLVs (a frame's bytes: far below 2^31); its {@link #dumpOnly} mark is kept. */
    void tlvs(int slot, int offset, int length) {
        int at = slot * STRIDE + TLVS;
        records[at] = (long) offset << 32 | (records[at] & DUMP_ONLY) | (length & LENGTH_BITS);
    }

    /** Whether the flow was reported by dumps only, never by an event since (ConntrackStore#dumpOnlyFlows). */
    boolean dumpOnly(int slot) {
        return (records[slot * STRIDE + TLVS] & DUMP_ONLY) != 0;
    }

    void dumpOnly(int slot, boolean value) {
        int at = slot * STRIDE + TLVS;
        records[at] = value ? records[at] | DUMP_ONLY : records[at] & ~DUMP_ONLY;
    }

    int generation(int slot) {
        return (int) records[slot * STRIDE + HEADER];
    }

    void generation(int slot, int value) {
        int at = slot * STRIDE + HEADER;
        records[at] = (records[at] & ~LOW_32) | (value & LOW_32);
    }

    long tcp(int slot) {
        return records[slot * STRIDE + TCP];
    }

    void tcp(int slot, long value) {
        records[slot * STRIDE + TCP] = value;
    }

    private void grow() {
        long[] old = records;
        allocate(capacity() * 2);
        for (int from = 0; from < old.length; from += STRIDE) {
            int tag = (int) (old[from + HEADER] >>> 32);
            if (tag == 0) {
                continue;
            }
            int slot = tag & mask;
            while (occupied(slot)) {
                slot = (slot + 1) & mask;
            }
            System.arraycopy(old, from, records, slot * STRIDE, STRIDE);
        }
    }
}
