package org.linuxfpsync.sync.conntrack;

import java.util.Arrays;

/**
 * The flows one store holds, by key ({@link FlowKey}), without a Java object per flow: open
 * addressing with linear probing over parallel arrays, a slot per flow. A slot holds the key's words
 * and the flow's fields: where its TLVs are in the store's {@link ByteArena}, the generation of the
 * dump that last reported it, and its last TCP state. A removal shifts the rest of its probe run back
 * (no tombstones: a table that sees every flow come and go stays as fast as a fresh one).
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
    private boolean[] occupied;
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
        occupied = new boolean[capacity];
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
        return occupied[slot];
    }

    /** The slot of {@code key} (its first {@link FlowKey#WORDS} words), or -1. */
    int find(long[] key) {
        for (int slot = FlowKey.hash(key, 0) & mask; occupied[slot]; slot = (slot + 1) & mask) {
            if (sameKey(slot, key)) {
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
        int slot = FlowKey.hash(key, 0) & mask;
        while (occupied[slot]) {
            slot = (slot + 1) & mask;
        }
        System.arraycopy(key, 0, keys, slot * FlowKey.WORDS, FlowKey.WORDS);
        occupied[slot] = true;
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
        for (int next = (hole + 1) & mask; occupied[next]; next = (next + 1) & mask) {
            int home = FlowKey.hash(keys, next * FlowKey.WORDS) & mask;
            // the entry at next may fill the hole only if its home is not inside (hole, next]
            if (((next - home) & mask) >= ((next - hole) & mask)) {
                move(next, hole);
                hole = next;
            }
        }
        occupied[hole] = false;
        size--;
    }

    void clear() {
        Arrays.fill(occupied, false);
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
        occupied[to] = true;
        tlvOffset[to] = tlvOffset[from];
        tlvLength[to] = tlvLength[from];
        generation[to] = generation[from];
        tcp[to] = tcp[from];
    }

    private void grow() {
        long[] oldKeys = keys;
        boolean[] oldOccupied = occupied;
        int[] oldOffset = tlvOffset;
        int[] oldLength = tlvLength;
        int[] oldGeneration = generation;
        long[] oldTcp = tcp;
        allocate(capacity() * 2);
        for (int from = 0; from < oldOccupied.length; from++) {
            if (!oldOccupied[from]) {
                continue;
            }
            int at = from * FlowKey.WORDS;
            int slot = FlowKey.hash(oldKeys, at) & mask;
            while (occupied[slot]) {
                slot = (slot + 1) & mask;
            }
            System.arraycopy(oldKeys, at, keys, slot * FlowKey.WORDS, FlowKey.WORDS);
            occupied[slot] = true;
            tlvOffset[slot] = oldOffset[from];
            tlvLength[slot] = oldLength[from];
            generation[slot] = oldGeneration[from];
            tcp[slot] = oldTcp[from];
        }
    }
}
