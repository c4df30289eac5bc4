package org.linuxfpsync.fpm.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * One table of the FPM with the graceful-restart marks of docs/fpc-protocol.md §6:
 * {@link #beginReplay} marks a vrf's rows stale, writing a row clears its mark, {@link #endReplay}
 * deletes those still marked. Readers (dump, console) see a weakly consistent snapshot; writes
 * come from one session at a time.
 *
 * @param <K> the row key
 * @param <V> the row value
 */
final class ReplayTable<K, V> {
    /** One row: the value and whether a replay in progress has not refreshed it yet. */
    record Row<V>(V value, boolean stale) {
    }

    private final ConcurrentHashMap<K, Row<V>> rows = new ConcurrentHashMap<>();
    private final Set<Integer> replaying = ConcurrentHashMap.newKeySet();
    private final ToIntFunction<V> vrfOf;

    ReplayTable(ToIntFunction<V> vrfOf) {
        this.vrfOf = vrfOf;
    }

    /** Creates, or replaces (and so refreshes) the row of {@code key}. */
    void put(K key, V value) {
        rows.put(key, new Row<>(value, false));
    }

    /** Replaces a known row; false when the key is unknown. */
    boolean update(K key, V value) {
        return rows.computeIfPresent(key, (k, old) -> new Row<>(value, false)) != null;
    }

    /** The value of {@code key}, or null. */
    V get(K key) {
        Row<V> row = rows.get(key);
        return row == null ? null : row.value();
    }

    /** The removed value, or null when the key was unknown. */
    V remove(K key) {
        Row<V> row = rows.remove(key);
        return row == null ? null : row.value();
    }

    /** Every row of the vrf is stale until the replay refreshes it. */
    void beginReplay(int vrfid) {
        replaying.add(vrfid);
        rows.replaceAll((k, r) -> vrfOf.applyAsInt(r.value()) == vrfid ? new Row<>(r.value(), true) : r);
    }

    /**
     * Deletes the rows of the vrf the replay did not refresh.
     *
     * @return the values deleted, or null when no replay of that vrf was in progress
     */
    List<V> endReplay(int vrfid) {
        if (!replaying.remove(vrfid)) {
            return null;
        }
        return removeIf(r -> r.stale() && vrfOf.applyAsInt(r.value()) == vrfid);
    }

    /** Deletes every row of the vrf (FLUSH); a replay in progress there ends with nothing to sweep. */
    List<V> flush(int vrfid) {
        return removeIf(r -> vrfOf.applyAsInt(r.value()) == vrfid);
    }

    /** Deletes the rows whose value matches; returns their values. */
    List<V> removeValues(Predicate<V> which) {
        return removeIf(r -> which.test(r.value()));
    }

    private List<V> removeIf(Predicate<Row<V>> which) {
        List<V> removed = new ArrayList<>();
        rows.values().removeIf(r -> {
            boolean gone = which.test(r);
            if (gone) {
                removed.add(r.value());
            }
            return gone;
        });
        return removed;
    }

    /** A snapshot of the rows, in no order. */
    List<Row<V>> rows() {
        return new ArrayList<>(rows.values());
    }

    int size() {
        return rows.size();
    }
}
