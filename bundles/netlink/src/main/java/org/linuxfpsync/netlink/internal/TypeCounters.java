package org.linuxfpsync.netlink.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntFunction;
import org.linuxfpsync.netlink.NetlinkFamily;
import org.linuxfpsync.netlink.codec.MessageTypeNames;

/**
 * Messages received per type, in first-seen order. One writer (the reader thread) and any number
 * of readers (the console), without locks: the writer publishes a type's slot before the slot's
 * count is visible through {@code size}, and grows the table by copy-and-publish. After the
 * first message of each type, counting allocates nothing.
 */
final class TypeCounters {
    private static final class Table {
        final int[] types;
        final String[] names;
        final AtomicLongArray counts;
        /** Slots in use; written after the slot is filled, so readers never see a half slot. */
        volatile int size;

        Table(int capacity) {
            types = new int[capacity];
            names = new String[capacity];
            counts = new AtomicLongArray(capacity);
        }
    }

    private final IntFunction<String> names;
    private volatile Table table = new Table(16);
    // Writer-only cache: messages come in runs of one type (a dump, a flood of route changes).
    private int lastType = -1;
    private int lastSlot;

    TypeCounters(NetlinkFamily family) {
        this(type -> MessageTypeNames.name(family, type));
    }

    /** Counts by a key of the caller's, named by {@code names} (the proc connector counts events, not message types). */
    TypeCounters(IntFunction<String> names) {
        this.names = names;
    }

    /** Counts one message of {@code type}; reader thread only. */
    void increment(int type) {
        int slot = type == lastType ? lastSlot : slotOf(type);
        AtomicLongArray counts = table.counts;
        counts.setOpaque(slot, counts.getPlain(slot) + 1);
    }

    private int slotOf(int type) {
        Table t = table;
        int size = t.size;
        int slot = -1;
        for (int i = 0; i < size; i++) {
            if (t.types[i] == type) {
                slot = i;
                break;
            }
        }
        if (slot < 0) {
            slot = add(t, type);
        }
        lastType = type;
        lastSlot = slot;
        return slot;
    }

    private int add(Table t, int type) {
        int size = t.size;
        if (size == t.types.length) {
            Table bigger = new Table(size * 2);
            System.arraycopy(t.types, 0, bigger.types, 0, size);
            System.arraycopy(t.names, 0, bigger.names, 0, size);
            for (int i = 0; i < size; i++) {
                bigger.counts.setPlain(i, t.counts.getPlain(i));
            }
            bigger.size = size;
            table = bigger;
            t = bigger;
        }
        t.types[size] = type;
        t.names[size] = names.apply(type);
        t.size = size + 1;
        return size;
    }

    /** A snapshot, by type name in first-seen order. */
    Map<String, Long> snapshot() {
        Table t = table;
        int size = t.size;
        Map<String, Long> map = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            map.merge(t.names[i], t.counts.getOpaque(i), Long::sum);
        }
        return Collections.unmodifiableMap(map);
    }
}
