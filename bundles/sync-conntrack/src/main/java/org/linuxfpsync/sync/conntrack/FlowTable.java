package org.linuxfpsync.sync.conntrack;

import java.util.Arrays;

/**
 * The flows one store holds, by key ({@link FlowKey}), without a Java object per flow: open
 * addressing with linear probing over parallel arrays, a slot per flow. A slot holds a tag (the
 * key's hash with the top bit set; 0: empty), the key's words and the flow's fields: where its TLVs are in the store's {@link ByteArena}, the generation of the
 * dump that last reported it, and its last TCP state. A removal shifts the rest of its probe run back
 * (no tombstones: a table that sees every flow come and go stays as fast as a fresh one). A probe
 * reads the tags, 16 to a cache line, and a key only when its tag matches; a removal finds the home
 * slots of the entries after it from their tags, without reading their keys.
 *
 * <p>With 150,000 flows, a HashMap of boxed keys and values made the young collections copy about
 * four objects per flow and spent the event path's time in cache misses (docs/conntrack-sync.md).
 * Not thread-safe: the conntrack reader thread's.
 */
final class FlowTable {
    /** Grown at three quarters full: short probe runs with the keys' hash. */
    private static final int INITIAL_CAPACITY = 1024;

    private int mask;
    private int size;
    private long[] keys;
    private int[] tags;
    private int[] tlvOffset;
    private int[] tlvLength;
    private int[] generation;
    private long[] tcp;

    FlowTable() {
        allocate(INITIAL_CAPACITY);
    }

    private void allocate(int capacity) {
        mask = capacity - 1;
        keys = new long[capacity * FlowKey.WORDS];
        tags = new int[capacity];
        tlvOffset = new int[capacity];
        tlvLength = new int[capacity];
        generation = new int[capacity];
        tcp = new long[capacity];
    }

    int size() {
        return size;
    }

    /** Slots, occupied or not: a walk over every flow goes from 0 to this. */
    int capacity() {
        return mask + 1;
    }

    boolean occupied(int slot) {
        return tags[slot] != 0;
    }

    /** Never 0 (an empty slot's); its low bits are the home slot's (capacities stay below 2^31). */
    private static int tag(long[] keys, int at) {
        return FlowKey.hash(keys, at) | Integer.MIN_VALUE;
    }

    /** The slot of {@code key} (its first {@link FlowKey#WORDS} words), or -1. */
    int find(long[] key) {
        int tag = tag(key, 0);
        for (int slot = tag & mask; tags[slot] != 0; slot = (slot + 1) & mask) {
            if (tags[slot] == tag && sameKey(slot, key)) {
                return slot;
            }
        }
        return -1;
    }

    /** Adds {@code key}, which the table does not hold, with zeroed fields; returns its slot. */
    int insert(long[] key) {
        if (size + 1 > capacity() - (capacity() >>> 2)) {
            grow();
        }
        int tag = tag(key, 0);
        int slot = tag & mask;
        while (tags[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        System.arraycopy(key, 0, keys, slot * FlowKey.WORDS, FlowKey.WORDS);
        tags[slot] = tag;
        tlvOffset[slot] = 0;
        tlvLength[slot] = 0;
        generation[slot] = 0;
        tcp[slot] = 0;
        size++;
        return slot;
    }

    /**
     * Empties {@code slot}; the entries after it in its probe run move back, one of them perhaps into
     * {@code slot} itself: a walk that removes re-examines the slot it removed.
     */
    void removeAt(int slot) {
        int hole = slot;
        for (int next = (hole + 1) & mask; tags[next] != 0; next = (next + 1) & mask) {
            int home = tags[next] & mask;
            // the entry at next may fill the hole only if its home is not inside (hole, next]
            if (((next - home) & mask) >= ((next - hole) & mask)) {
                move(next, hole);
                hole = next;
            }
        }
        tags[hole] = 0;
        size--;
    }

    void clear() {
        Arrays.fill(tags, 0);
        size = 0;
    }

    /** The key words of {@code slot} are {@code keys()[keyAt(slot)..]} (valid until the next change). */
    long[] keys() {
        return keys;
    }

    int keyAt(int slot) {
        return slot * FlowKey.WORDS;
    }

    int tlvOffset(int slot) {
        return tlvOffset[slot];
    }

    int tlvLength(int slot) {
        return tlvLength[slot];
    }

    void tlvs(int slot, int offset, int length) {
        tlvOffset[slot] = offset;
        tlvLength[slot] = length;
    }

    int generation(int slot) {
        return generation[slot];
    }

    void generation(int slot, int value) {
        generation[slot] = value;
    }

    long tcp(int slot) {
        return tcp[slot];
    }

    void tcp(int slot, long value) {
        tcp[slot] = value;
    }

    private boolean sameKey(int slot, long[] key) {
        int at = slot * FlowKey.WORDS;
        for (int i = 0; i < FlowKey.WORDS; i++) {
            if (keys[at + i] != key[i]) {
                return false;
            }
        }
        return true;
    }

    private void move(int from, int to) {
        System.arraycopy(keys, from * FlowKey.WORDS, keys, to * FlowKey.WORDS, FlowKey.WORDS);
        tags[to] = tags[from];
        tlvOffset[to] = tlvOffset[from];
        tlvLength[to] = tlvLength[from];
        generation[to] = generation[from];
        tcp[to] = tcp[from];
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldTags = tags;
        int[] oldOffset = tlvOffset;
        int[] oldLength = tlvLength;
        int[] oldGeneration = generation;
        long[] oldTcp = tcp;
        allocate(capacity() * 2);
        for (int from = 0; from < oldTags.length; from++) {
            if (oldTags[from] == 0) {
                continue;
            }
            int slot = oldTags[from] & mask;
            while (tags[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            System.arraycopy(oldKeys, from * FlowKey.WORDS, keys, slot * FlowKey.WORDS, FlowKey.WORDS);
            tags[slot] = oldTags[from];
            tlvOffset[slot] = oldOffset[from];
            tlvLength[slot] = oldLength[from];
            generation[slot] = oldGeneration[from];
            tcp[slot] = oldTcp[from];
        }
    }
}
