package org.linuxfpsync.fpm.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.linuxfpsync.fpm.FpmInterface;

/**
 * The interface table, keyed by ifuid, with the graceful-restart marks: {@link #beginReplay}
 * marks a vrf's interfaces stale, writing an interface clears its mark, {@link #endReplay}
 * deletes those still marked. Readers (dump, console) see a weakly consistent snapshot; writes
 * come from one session at a time.
 */
final class InterfaceTable {
    /** One row: the interface and whether a replay in progress has not refreshed it yet. */
    record Entry(FpmInterface iface, boolean stale) {
    }

    static final Comparator<FpmInterface> ORDER = Comparator
            .comparingLong((FpmInterface i) -> Integer.toUnsignedLong(i.vrfid()))
            .thenComparingLong(i -> Integer.toUnsignedLong(i.ifindex()))
            .thenComparingLong(FpmInterface::ifuid);

    private final ConcurrentHashMap<Long, Entry> entries = new ConcurrentHashMap<>();
    private final Set<Integer> replaying = ConcurrentHashMap.newKeySet();

    /** IF_CREATE: creates, or replaces (and so refreshes) a known ifuid. */
    void put(FpmInterface iface) {
        entries.put(iface.ifuid(), new Entry(iface, false));
    }

    /** IF_UPDATE: replaces a known ifuid; false when it is unknown. */
    boolean update(FpmInterface iface) {
        return entries.computeIfPresent(iface.ifuid(), (k, old) -> new Entry(iface, false)) != null;
    }

    /** IF_DELETE: false when the ifuid is unknown. */
    boolean remove(long ifuid) {
        return entries.remove(ifuid) != null;
    }

    /** GR_BEGIN: every interface of the vrf is stale until the replay refreshes it. */
    void beginReplay(int vrfid) {
        replaying.add(vrfid);
        entries.replaceAll((k, e) -> e.iface().vrfid() == vrfid ? new Entry(e.iface(), true) : e);
    }

    /**
     * GR_END: deletes the vrf's interfaces the replay did not refresh.
     *
     * @return how many were deleted, or -1 when no replay of that vrf was in progress
     */
    int endReplay(int vrfid) {
        if (!replaying.remove(vrfid)) {
            return -1;
        }
        AtomicInteger swept = new AtomicInteger();
        entries.values().removeIf(e -> {
            boolean sweep = e.stale() && e.iface().vrfid() == vrfid;
            if (sweep) {
                swept.incrementAndGet();
            }
            return sweep;
        });
        return swept.get();
    }

    /** Rows sorted by vrfid, then ifindex. */
    List<Entry> entries() {
        List<Entry> list = new ArrayList<>(entries.values());
        list.sort(Comparator.comparing(Entry::iface, ORDER));
        return list;
    }

    List<FpmInterface> interfaces() {
        List<FpmInterface> list = new ArrayList<>(entries.size());
        for (Entry e : entries()) {
            list.add(e.iface());
        }
        return list;
    }

    int size() {
        return entries.size();
    }
}
