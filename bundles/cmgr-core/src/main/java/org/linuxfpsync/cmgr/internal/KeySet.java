package org.linuxfpsync.cmgr.internal;

import java.util.Arrays;

/**
 * The keys of the objects one sync has in the fast path, packed in {@code long[]} segments (none humongous, {@link #MAX_SEGMENT_BYTES}): a count, a
 * 64-bit value per key (a route's output interface and next hop count) and a hash of what was
 * last sent of it, without an object per key, so that a table of a million routes costs tens of
 * bytes per route and nothing is allocated per message.
 *
 * <p>The caller writes a key into {@link #key} (its {@code width} words), then calls
 * {@link #put}, {@link #get} or {@link #remove}. An entry is {@code width} key words, a word with
 * its used bit and generation, the value word and the content hash word. Open addressing with linear probing; a removal
 * shifts the following entries back, so there are no tombstones. Each entry remembers the
 * generation it was last written in: a dump starts a generation ({@link #nextGeneration}) and,
 * complete, removes what it did not report ({@link #sweep}).
 *
 * <p>A table that fills grows without stopping its writer: the doubled table starts empty, and the
 * previous one's entries move to it {@link #MOVES_PER_LOOKUP} slots per lookup, and an entry a lookup
 * looks for at once. Rehashing 786,432 routes in one go held the route reader ~0.2 s while the kernel
 * went on notifying a flood (issue #23: the routes socket's queue reached 11-16 MB of its 16 MiB).
 *
 * <p>One writer (the reader thread of the sync); {@link #size()} may be read by the console,
 * racily.
 */
final class KeySet {
    private static final long USED = 1L << 63;
    /** A slot of the previous table whose entry moved to the new one: a probe goes on past it. */
    private static final long MOVED = 1L << 62;
    private static final long GENERATION_MASK = 0x7fffffffL;
    private static final int MIN_CAPACITY = 16;
    /**
     * The most bytes of one array of the table. The table is cut into segments of a power of two
     * entries each, none above this: G1 makes an object of half a region or more (1 MiB with cmgrd's
     * 4 GiB heap, 2 MiB regions) humongous, and each humongous allocation started a collection and a
     * concurrent cycle: three per 100,000 routes added to a fresh table, most of what the churn's add
     * rows cost in GC threads (issue #23, JFR: every collection of the churn was "G1 Humongous Allocation").
     */
    static final int MAX_SEGMENT_BYTES = 256 * 1024;
    /**
     * Slots of the previous table moved per lookup while the table grows (a message looks its key up
     * once: the other calls hit {@link #lastKey}): growth starts at 3/4 of the old capacity, so the
     * old table's slots are all moved after 1/8 of it in messages (131,072 for a million routes, about
     * six entries moved per message meanwhile), long before the new table fills, and a table left at
     * a size in between stops holding two tables soon after.
     */
    static final int MOVES_PER_LOOKUP = 8;

    /** The key to look up or store: the caller's scratch words. */
    final long[] key;
    private final int width;
    private final int stride;
    /** The table: entry {@code e} is at {@code (e & segmentMask) * stride} of segment {@code e >>> segmentShift}. */
    private long[][] segments;
    private final int segmentShift;
    private final int segmentMask;
    private int mask;
    /** While the table grows: the previous table (same segment layout), whose entries are moving; else null. */
    private long[][] previous;
    private int previousMask;
    /** Slots of {@link #previous} moved so far, in order. */
    private int moved;
    private int size;
    private int generation;
    /**
     * The last {@link #find}: its key and result (an entry's offset, or where the key would be
     * inserted, as {@code -offset - 1}). A message looks its key up several times (known? sent
     * before? then stored): the probe through a table of a million entries, a cache miss at each
     * step, is done once (issue #23). Any change to the table forgets it.
     */
    private final long[] lastKey;
    private int lastFound;
    private boolean lastValid;

    KeySet(int width) {
        this(width, Integer.highestOneBit(MAX_SEGMENT_BYTES / Long.BYTES / (width + 3)));
    }

    /** @param segmentEntries entries per segment, a power of two (tests make them small) */
    KeySet(int width, int segmentEntries) {
        if (width < 1) {
            throw new IllegalArgumentException("a key has at least one word: " + width);
        }
        if (segmentEntries < 1 || Integer.bitCount(segmentEntries) != 1) {
            throw new IllegalArgumentException("entries per segment: a power of two, not " + segmentEntries);
        }
        this.segmentShift = Integer.numberOfTrailingZeros(segmentEntries);
        this.segmentMask = segmentEntries - 1;
        this.width = width;
        this.stride = width + 3;
        this.key = new long[width];
        this.lastKey = new long[width];
        emptyTable(MIN_CAPACITY);
    }

    int size() {
        return size;
    }

    /** Bytes held by the table: what this cache costs. */
    long bytes() {
        long slots = (long) (mask + 1) + (previous == null ? 0 : previousMask + 1);
        return slots * stride * Long.BYTES;
    }

    /** Whether entries of the previous table are still moving to the grown one (tests). */
    boolean growing() {
        return previous != null;
    }

    /** Bytes of the largest array of the table (tests: none is humongous). */
    long largestArrayBytes() {
        long largest = (long) segments.length * Integer.BYTES;
        for (long[] segment : segments) {
            largest = Math.max(largest, (long) segment.length * Long.BYTES);
        }
        if (previous != null) {
            for (long[] segment : previous) {
                largest = Math.max(largest, (long) segment.length * Long.BYTES);
            }
        }
        return largest;
    }

    /** The value stored with {@link #key}, or {@code absent}. */
    long get(long absent) {
        int e = find();
        return e < 0 ? absent : segment(e)[offset(e) + width + 1];
    }

    /**
     * The value stored with {@link #key} if it was written in the current generation, else
     * {@code absent}: during a dump, what the dump has not reported yet may be gone.
     */
    long getCurrent(long absent) {
        int e = find();
        return e < 0 || !isLive(segment(e), offset(e)) ? absent : segment(e)[offset(e) + width + 1];
    }

    /** Stores {@link #key} with {@code value} in the current generation; true when the key is new. */
    boolean put(long value) {
        return put(value, 0);
    }

    /**
     * Stores {@link #key} with {@code value} and the hash of what was sent of it, in the current
     * generation; true when the key is new.
     */
    boolean put(long value, long contentHash) {
        int e = find();
        long meta = USED | (generation & GENERATION_MASK);
        if (e >= 0) {
            long[] seg = segment(e);
            int o = offset(e);
            seg[o + width] = meta;
            seg[o + width + 1] = value;
            seg[o + width + 2] = contentHash;
            return false;
        }
        if ((size + 1) * 4L > (mask + 1) * 3L) {
            grow();
            e = -insertionEntry(hash(key, 0)) - 1;
        }
        e = -e - 1; // find stopped at the empty entry the key goes to
        long[] seg = segment(e);
        int o = offset(e);
        System.arraycopy(key, 0, seg, o, width);
        seg[o + width] = meta;
        seg[o + width + 1] = value;
        seg[o + width + 2] = contentHash;
        size++;
        lastFound = e; // the key at hand is there now: still the last find's key
        return true;
    }

    /** The content hash stored with {@link #key}, whatever its generation, or {@code absent}. */
    long contentHash(long absent) {
        int e = find();
        return e < 0 ? absent : segment(e)[offset(e) + width + 2];
    }

    /** Removes {@link #key}; false when it was not there. */
    boolean remove() {
        int e = find();
        if (e < 0) {
            return false;
        }
        removeAt(e);
        size--;
        return true;
    }

    /** The most entries {@link #reserve} sizes an empty set for: a bad hint costs no more than this. */
    static final int MAX_RESERVED = 1 << 22;

    /**
     * Sizes an empty set for about {@code entries} (at most {@link #MAX_RESERVED}) so that filling
     * it does not grow it; nothing when it holds entries or the hint is not positive. A dump that
     * fills a fresh set of a million routes grew it 17 times: half of the route reader's samples
     * were the key set, a tenth the lookups in the previous table while entries moved, and the
     * doubled tables' allocation (168 MB) cost the collector as much again (issue #23).
     */
    void reserve(long entries) {
        if (size != 0 || previous != null || entries <= 0) {
            return;
        }
        int capacity = capacityFor(entries);
        if (capacity > mask + 1) {
            lastValid = false;
            emptyTable(capacity);
        }
    }

    /** The capacity {@link #reserve} gives {@code entries}: a power of two, under 3/4 full with them. */
    static int capacityFor(long entries) {
        long wanted = Math.min(entries, MAX_RESERVED) * 4 / 3 + 1; // growth starts at 3/4 full
        return (int) Math.max(MIN_CAPACITY, Long.highestOneBit(wanted - 1) * 2);
    }

    /** Entries written from now on belong to a new generation. */
    void nextGeneration() {
        generation = (int) ((generation + 1) & GENERATION_MASK);
    }

    /** Removes every entry not written in the current generation; returns how many. */
    int sweep() {
        return sweep(null);
    }

    /** What a sweep removed, one entry at a time. */
    interface Swept {
        /** {@link #key} holds the removed entry's key words; the set must not be changed meanwhile. */
        void swept(long value);
    }

    /**
     * Removes every entry not written in the current generation, telling {@code swept} (when not
     * null) of each; returns how many.
     */
    int sweep(Swept swept) {
        finishGrowing();
        int removed = 0;
        long[][] oldSegments = segments;
        int live = 0;
        for (long[] old : oldSegments) {
            for (int s = 0; s < old.length; s += stride) {
                if (isLive(old, s)) {
                    live++;
                }
            }
        }
        int capacity = Math.max(MIN_CAPACITY, Integer.highestOneBit(Math.max(1, live * 2)) * 2);
        if (live == size && mask + 1 <= capacity) {
            // Nothing to remove (a first dump, a replay that found everything) and no room to give
            // back: the table stays as it is instead of being copied entry by entry (a million
            // routes: 0.1 s, issue #23). A table left oversized by a mass deletion is still shrunk.
            return 0;
        }
        emptyTable(capacity);
        for (long[] old : oldSegments) {
            for (int s = 0; s < old.length; s += stride) {
                long word = old[s + width];
                if ((word & USED) == 0) {
                    continue;
                }
                if (!isLive(old, s)) {
                    removed++;
                    if (swept != null) {
                        System.arraycopy(old, s, key, 0, width);
                        swept.swept(old[s + width + 1]);
                    }
                    continue;
                }
                int e = insertionEntry(hash(old, s));
                System.arraycopy(old, s, segment(e), offset(e), stride);
            }
        }
        size = live;
        return removed;
    }

    /**
     * Every entry, whatever its generation: {@link #key} holds its key words during the call; the
     * set must not be changed meanwhile.
     */
    void forEach(Swept visitor) {
        finishGrowing();
        for (long[] table : segments) {
            for (int s = 0; s < table.length; s += stride) {
                if ((table[s + width] & USED) != 0) {
                    System.arraycopy(table, s, key, 0, width);
                    visitor.swept(table[s + width + 1]);
                }
            }
        }
    }

    /** The value of every entry, whatever its generation ({@link #key} is left alone). */
    void forEachValue(java.util.function.LongConsumer action) {
        finishGrowing();
        for (long[] table : segments) {
            for (int s = 0; s < table.length; s += stride) {
                if ((table[s + width] & USED) != 0) {
                    action.accept(table[s + width + 1]);
                }
            }
        }
    }

    void clear() {
        previous = null;
        emptyTable(MIN_CAPACITY);
        size = 0;
    }

    private boolean isLive(long[] table, int s) {
        long meta = table[s + width];
        return (meta & USED) != 0 && (meta & GENERATION_MASK) == generation;
    }

    /** Replaces the table by an empty one of {@code capacity} entries (a power of two); returns the old one. */
    private long[][] emptyTable(int capacity) {
        lastValid = false;
        long[][] old = segments;
        int perSegment = Math.min(capacity, segmentMask + 1);
        long[][] fresh = new long[capacity / perSegment][];
        for (int i = 0; i < fresh.length; i++) {
            fresh[i] = new long[perSegment * stride];
        }
        segments = fresh;
        mask = capacity - 1;
        return old;
    }

    /** Doubles the table; its entries move later ({@link #moveSome}, {@link #bringForward}). */
    private void grow() {
        finishGrowing(); // not reached while moving: MOVES_PER_LOOKUP empties the old table first
        previousMask = mask;
        moved = 0;
        previous = emptyTable((mask + 1) * 2);
    }

    /** Moves the next {@code slots} slots' entries of the previous table to the current one. */
    private void moveSome(int slots) {
        int end = (int) Math.min((long) moved + slots, (long) previousMask + 1);
        for (; moved < end; moved++) {
            long[] seg = previous[moved >>> segmentShift];
            int s = (moved & segmentMask) * stride;
            if ((seg[s + width] & USED) != 0) {
                moveToCurrent(seg, s);
            }
        }
        if (moved > previousMask) {
            previous = null; // every entry moved
        }
    }

    private void finishGrowing() {
        if (previous != null) {
            lastValid = false; // a key found absent may have been given its slot
            moveSome(previousMask + 1);
        }
    }

    /** Moves {@link #key}'s entry, if the previous table still holds it, to the current table. */
    private void bringForward() {
        int index = hash(key, 0) & previousMask;
        while (true) {
            long[] seg = previous[index >>> segmentShift];
            int s = (index & segmentMask) * stride;
            long meta = seg[s + width];
            if ((meta & (USED | MOVED)) == 0) {
                return; // the end of its probe chain: not there
            }
            if ((meta & USED) != 0 && sameKey(seg, s)) {
                moveToCurrent(seg, s);
                return;
            }
            index = (index + 1) & previousMask;
        }
    }

    /** Copies the previous table's entry at {@code s} of {@code seg} to the current table and marks its slot moved. */
    private void moveToCurrent(long[] seg, int s) {
        int e = insertionEntry(hash(seg, s));
        System.arraycopy(seg, s, segment(e), offset(e), stride);
        seg[s + width] = MOVED; // the chains that ran through it still do
    }

    /** The segment of entry {@code e}. */
    private long[] segment(int e) {
        return segments[e >>> segmentShift];
    }

    /** Where entry {@code e} starts in its {@link #segment}. */
    private int offset(int e) {
        return (e & segmentMask) * stride;
    }

    /** The entry of {@link #key}, or -(the empty entry where it would go) - 1. */
    private int find() {
        if (lastValid && sameKey(lastKey, 0)) {
            return lastFound;
        }
        if (previous != null) {
            moveSome(MOVES_PER_LOOKUP);
            if (previous != null) {
                bringForward(); // a key is in one table: the current one, once looked up
            }
        }
        int index = hash(key, 0) & mask;
        int found;
        while (true) {
            long[] seg = segment(index);
            int s = offset(index);
            if ((seg[s + width] & USED) == 0) {
                found = -index - 1;
                break;
            }
            if (sameKey(seg, s)) {
                found = index;
                break;
            }
            index = (index + 1) & mask;
        }
        System.arraycopy(key, 0, lastKey, 0, width);
        lastFound = found;
        lastValid = true;
        return found;
    }

    /**
     * Whether the {@code width} words of {@code words} from {@code offset} are {@link #key}'s: a plain
     * loop over one to four words, where Arrays.equals's range checks and mismatch call cost more
     * than the comparison (issue #23: it showed in a profile of the route churn, a lookup per message).
     */
    private boolean sameKey(long[] words, int offset) {
        for (int w = 0; w < width; w++) {
            if (words[offset + w] != key[w]) {
                return false;
            }
        }
        return true;
    }

    /** The first empty entry of {@code hash}'s probe chain. */
    private int insertionEntry(int hash) {
        int index = hash & mask;
        while ((segment(index)[offset(index) + width] & USED) != 0) {
            index = (index + 1) & mask;
        }
        return index;
    }

    /** Backward-shift deletion: moves later entries of the probe chain into the hole. */
    private void removeAt(int hole) {
        lastValid = false;
        int i = hole;
        int j = hole;
        while (true) {
            j = (j + 1) & mask;
            long[] seg = segment(j);
            int sj = offset(j);
            if ((seg[sj + width] & USED) == 0) {
                break;
            }
            int home = hash(seg, sj) & mask;
            boolean movable = i <= j ? home <= i || home > j : home <= i && home > j;
            if (movable) {
                System.arraycopy(seg, sj, segment(i), offset(i), stride);
                i = j;
            }
        }
        Arrays.fill(segment(i), offset(i), offset(i) + stride, 0L);
    }

    private int hash(long[] words, int offset) {
        long h = 0x9e3779b97f4a7c15L;
        for (int w = 0; w < width; w++) {
            h = (h ^ words[offset + w]) * 0xff51afd7ed558ccdL;
            h ^= h >>> 32;
        }
        h *= 0xc4ceb9fe1a85ec53L;
        return (int) (h ^ (h >>> 29));
    }
}
