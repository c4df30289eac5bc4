package org.linuxfpsync.netlink.codec;

import java.util.Arrays;

/**
 * Where each attribute type of one message (or nest) lies in the buffer. Presence is a stamp equal
 * to the current generation, so starting the next message costs one increment, not a clear; the
 * last of duplicate attributes wins, as in the kernel's {@code nla_parse}. Types at or above the
 * capacity are not indexed (newer kernels' attributes: walked and validated, then ignored).
 */
final class AttributeIndex {
    private final int[] stamp;
    private final int[] offset;
    private final int[] length;
    private int generation;

    AttributeIndex(int capacity) {
        stamp = new int[capacity];
        offset = new int[capacity];
        length = new int[capacity];
    }

    /** Forgets every attribute: O(1). */
    void clear() {
        generation++;
        if (generation == 0) {
            // Wrapped after 2^32 messages: stale stamps could now match, so forget them all.
            Arrays.fill(stamp, 0);
            generation = 1;
        }
    }

    /** Records the walker's current attribute (payload offset and length) under its type. */
    void put(AttributeWalker attribute) {
        int type = attribute.type();
        if (type < stamp.length) {
            stamp[type] = generation;
            offset[type] = attribute.payloadOffset();
            length[type] = attribute.payloadLength();
        }
    }

    boolean has(int type) {
        return type >= 0 && type < stamp.length && stamp[type] == generation;
    }

    /** Payload offset of {@code type}, or -1 when absent. */
    int offset(int type) {
        return has(type) ? offset[type] : -1;
    }

    /** Payload length of {@code type}, or -1 when absent. */
    int length(int type) {
        return has(type) ? length[type] : -1;
    }
}
