package org.linuxfpsync.fpm.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * One table of the FPM with the graceful-restart marks of docs/fpc-protocol.md §6:
 * {@link #beginReplay} marks a vrf's rows stale, writing a row clears its mark, {@link #endReplay}
 * deletes those still marked. Readers (dump, console) see a weakly consistent snapshot; writes
 * come from one session at a time.
 *
 * <p>A mark costs nothing per row: each row remembers when it was last written (a counter of
 * writes, not a clock), each replay when it began, and a row of a vrf in replay is stale when it
 * was written before the replay began. Beginning the replay of a million routes is then one map
 * entry instead of a million rows rewritten, and a row written again is updated in place.
 *
 * @param <K> the row key
 * @param <V> the row value
 */
final class ReplayTable<K, V> {
    /** One row as readers see it: the value and whether a replay in progress has not refreshed it yet. */
    record Row<V>(V value, boolean stale) {
    }

    /** A stored row: its value and the write that last set it. */
    private static final class Slot<V> {
        volatile V value;
        volatile long written;

        Slot(V value, long written) {
            this.value = value;
            this.written = written;
        }
    }

    private final ConcurrentHashMap<K, Slot<V>> rows;
    /** Per vrf in replay, the write count when its replay began: rows written before are stale. */
    private final Map<Integer, Long> replaying = new ConcurrentHashMap<>();
    private final ToIntFunction<V> vrfOf;
    /** Writes so far; only the session's thread writes (volatile for the readers' stale marks). */
    private volatile long writes;

    ReplayTable(ToIntFunction<V> vrfOf) {
        this(vrfOf, 16);
    }

    /** @param expectedRows rows the table is sized for at once, so that filling it does not rehash it over and over */
    ReplayTable(ToIntFunction<V> vrfOf, int expectedRows) {
        this.vrfOf = vrfOf;
        this.rows = new ConcurrentHashMap<>(expectedRows);
    }

    private long nextWrite() {
        long w = writes + 1;
        writes = w;
        return w;
    }

    /** Creates, or replaces (and so refreshes) the row of {@code key}. */
    void put(K key, V value) {
        long w = nextWrite();
        Slot<V> known = rows.putIfAbsent(key, new Slot<>(value, w));
        if (known != null) {
            known.value = value;
            known.written = w;
        }
    }

    /** Replaces a known row; false when the key is unknown. */
    boolean update(K key, V value) {
        Slot<V> known = rows.get(key);
        if (known == null) {
            return false;
        }
        known.value = value;
        known.written = nextWrite();
        return true;
    }

    /** The value of {@code key}, or null. */
    V get(K key) {
        Slot<V> row = rows.get(key);
        return row == null ? null : row.value;
    }

    /** The removed value, or null when the key was unknown. */
    V remove(K key) {
        Slot<V> row = rows.remove(key);
        return row == null ? null : row.value;
    }

    /** Every row of the vrf is stale until the replay refreshes it. */
    void beginReplay(int vrfid) {
        replaying.put(vrfid, nextWrite());
    }

    /**
     * Deletes the rows of the vrf the replay did not refresh.
     *
     * @return the values deleted, or null when no replay of that vrf was in progress
     */
    List<V> endReplay(int vrfid) {
        Long began = replaying.remove(vrfid);
        if (began == null) {
            return null;
        }
        return removeIf(r -> r.written < began && vrfOf.applyAsInt(r.value) == vrfid);
    }

    /** Deletes every row of the vrf (FLUSH); a replay in progress there ends with nothing to sweep. */
    List<V> flush(int vrfid) {
        return removeIf(r -> vrfOf.applyAsInt(r.value) == vrfid);
    }

    /** Deletes the rows whose value matches; returns their values. */
    List<V> removeValues(Predicate<V> which) {
        return removeIf(r -> which.test(r.value));
    }

    private List<V> removeIf(Predicate<Slot<V>> which) {
        List<V> removed = new ArrayList<>();
        rows.values().removeIf(r -> {
            boolean gone = which.test(r);
            if (gone) {
                removed.add(r.value);
            }
            return gone;
        });
        return removed;
    }

    /** A snapshot of the rows, in no order. */
    List<Row<V>> rows() {
        List<Row<V>> snapshot = new ArrayList<>(rows.size());
        for (Slot<V> slot : rows.values()) {
            V value = slot.value;
            Long began = replaying.get(vrfOf.applyAsInt(value));
            snapshot.add(new Row<>(value, began != null && slot.written < began));
        }
        return snapshot;
    }

    int size() {
        return rows.size();
    }
}
