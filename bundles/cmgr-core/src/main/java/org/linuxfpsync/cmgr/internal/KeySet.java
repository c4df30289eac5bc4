package org.linuxfpsync.cmgr.internal;

import java.util.Arrays;

/**
 * The keys of the objects one sync has in the fast path, packed in one {@code long[]}: a count, a
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
 * <p>One writer (the reader thread of the sync); {@link #size()} may be read by the console,
 * racily.
 */
final class KeySet {
    private static final long USED = 1L << 63;
    private static final long GENERATION_MASK = 0x7fffffffL;
    private static final int MIN_CAPACITY = 16;

    /** The key to look up or store: the caller's scratch words. */
    final long[] key;
    private final int width;
    private final int stride;
    private long[] slots;
    private int mask;
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
        if (width < 1) {
            throw new IllegalArgumentException("a key has at least one word: " + width);
        }
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
        return (long) slots.length * Long.BYTES;
    }

    /** The value stored with {@link #key}, or {@code absent}. */
    long get(long absent) {
        int slot = find();
        return slot < 0 ? absent : slots[slot + width + 1];
    }

    /**
     * The value stored with {@link #key} if it was written in the current generation, else
     * {@code absent}: during a dump, what the dump has not reported yet may be gone.
     */
    long getCurrent(long absent) {
        int slot = find();
        return slot < 0 || !isLive(slots, slot) ? absent : slots[slot + width + 1];
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
        int slot = find();
        long meta = USED | (generation & GENERATION_MASK);
        if (slot >= 0) {
            slots[slot + width] = meta;
            slots[slot + width + 1] = value;
            slots[slot + width + 2] = contentHash;
            return false;
        }
        if ((size + 1) * 4L > (mask + 1) * 3L) {
            grow();
            slot = -insertionSlot(hash(key, 0)) - 1;
        }
        slot = -slot - 1; // find stopped at the empty slot the key goes to
        System.arraycopy(key, 0, slots, slot, width);
        slots[slot + width] = meta;
        slots[slot + width + 1] = value;
        slots[slot + width + 2] = contentHash;
        size++;
        lastFound = slot; // the key at hand is there now: still the last find's key
        return true;
    }

    /** The content hash stored with {@link #key}, whatever its generation, or {@code absent}. */
    long contentHash(long absent) {
        int slot = find();
        return slot < 0 ? absent : slots[slot + width + 2];
    }

    /** Removes {@link #key}; false when it was not there. */
    boolean remove() {
        int slot = find();
        if (slot < 0) {
            return false;
        }
        removeAt(slot / stride);
        size--;
        return true;
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
        int removed = 0;
        long[] old = slots;
        int live = 0;
        for (int s = 0; s < old.length; s += stride) {
            if (isLive(old, s)) {
                live++;
            }
        }
        if (live == size) {
            // Nothing to remove (a first dump, a replay that found everything): the table stays as it
            // is, instead of being copied entry by entry (a million routes: 0.1 s, issue #23).
            return 0;
        }
        emptyTable(Math.max(MIN_CAPACITY, Integer.highestOneBit(Math.max(1, live * 2)) * 2));
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
            int slot = insertionSlot(hash(old, s));
            System.arraycopy(old, s, slots, slot, stride);
        }
        size = live;
        return removed;
    }

    /**
     * Every entry, whatever its generation: {@link #key} holds its key words during the call; the
     * set must not be changed meanwhile.
     */
    void forEach(Swept visitor) {
        long[] table = slots;
        for (int s = 0; s < table.length; s += stride) {
            if ((table[s + width] & USED) != 0) {
                System.arraycopy(table, s, key, 0, width);
                visitor.swept(table[s + width + 1]);
            }
        }
    }

    /** The value of every entry, whatever its generation ({@link #key} is left alone). */
    void forEachValue(java.util.function.LongConsumer action) {
        long[] table = slots;
        for (int s = 0; s < table.length; s += stride) {
            if ((table[s + width] & USED) != 0) {
                action.accept(table[s + width + 1]);
            }
        }
    }

    void clear() {
        emptyTable(MIN_CAPACITY);
        size = 0;
    }

    private boolean isLive(long[] table, int s) {
        long meta = table[s + width];
        return (meta & USED) != 0 && (meta & GENERATION_MASK) == generation;
    }

    /** Replaces the table by an empty one of {@code capacity} entries (a power of two); returns the old one. */
    private long[] emptyTable(int capacity) {
        lastValid = false;
        long[] old = slots;
        slots = new long[capacity * stride];
        mask = capacity - 1;
        return old;
    }

    private void grow() {
        long[] old = emptyTable((mask + 1) * 2);
        for (int s = 0; s < old.length; s += stride) {
            if ((old[s + width] & USED) != 0) {
                System.arraycopy(old, s, slots, insertionSlot(hash(old, s)), stride);
            }
        }
    }

    /** The array offset of {@link #key}'s entry, or -(the offset of the empty slot where it would go) - 1. */
    private int find() {
        long[] k = key;
        if (lastValid && sameWords(lastKey, 0, k)) {
            return lastFound;
        }
        long[] table = slots;
        int index = hash(k, 0) & mask;
        int found;
        while (true) {
            int s = index * stride;
            if ((table[s + width] & USED) == 0) {
                found = -s - 1;
                break;
            }
            if (sameWords(table, s, k)) {
                found = s;
                break;
            }
            index = (index + 1) & mask;
        }
        for (int w = 0; w < width; w++) {
            lastKey[w] = k[w];
        }
        lastFound = found;
        lastValid = true;
        return found;
    }

    /**
     * Whether the {@code width} words of {@code words} from {@code offset} are {@code key}'s: a plain
     * loop, as keys are 1 to 5 words (Arrays.equals over ranges checks and dispatches more than it
     * compares: it was most of the cost of a lookup, issue #23).
     */
    private boolean sameWords(long[] words, int offset, long[] k) {
        for (int w = 0; w < width; w++) {
            if (words[offset + w] != k[w]) {
                return false;
            }
        }
        return true;
    }

    private int insertionSlot(int hash) {
        int index = hash & mask;
        while ((slots[index * stride + width] & USED) != 0) {
            index = (index + 1) & mask;
        }
        return index * stride;
    }

    /** Backward-shift deletion: moves later entries of the probe chain into the hole. */
    private void removeAt(int hole) {
        lastValid = false;
        int i = hole;
        int j = hole;
        while (true) {
            j = (j + 1) & mask;
            int sj = j * stride;
            if ((slots[sj + width] & USED) == 0) {
                break;
            }
            int home = hash(slots, sj) & mask;
            boolean movable = i <= j ? home <= i || home > j : home <= i && home > j;
            if (movable) {
                System.arraycopy(slots, sj, slots, i * stride, stride);
                i = j;
            }
        }
        Arrays.fill(slots, i * stride, i * stride + stride, 0L);
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
