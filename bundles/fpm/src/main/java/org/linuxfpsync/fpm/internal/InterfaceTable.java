package org.linuxfpsync.fpm.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.linuxfpsync.fpm.FpmInterface;

/**
 * The interface table, keyed by ifuid, with the graceful-restart marks of {@link ReplayTable}.
 */
final class InterfaceTable {
    /** One row: the interface and whether a replay in progress has not refreshed it yet. */
    record Entry(FpmInterface iface, boolean stale) {
    }

    static final Comparator<FpmInterface> ORDER = Comparator
            .comparingLong((FpmInterface i) -> Integer.toUnsignedLong(i.vrfid()))
            .thenComparingLong(i -> Integer.toUnsignedLong(i.ifindex()))
            .thenComparingLong(FpmInterface::ifuid);

    private final ReplayTable<Long, FpmInterface> table = new ReplayTable<>(FpmInterface::vrfid);

    /** IF_CREATE: creates, or replaces (and so refreshes) a known ifuid. */
    void put(FpmInterface iface) {
        table.put(iface.ifuid(), iface);
    }

    /** IF_UPDATE: replaces a known ifuid; false when it is unknown. */
    boolean update(FpmInterface iface) {
        return table.update(iface.ifuid(), iface);
    }

    /** IF_DELETE: false when the ifuid is unknown. */
    boolean remove(long ifuid) {
        return table.remove(ifuid) != null;
    }

    /** The interface with this ifuid, or null. */
    FpmInterface get(long ifuid) {
        return table.get(ifuid);
    }

    /** GR_BEGIN: every interface of the vrf is stale until the replay refreshes it. */
    void beginReplay(int vrfid) {
        table.beginReplay(vrfid);
    }

    /**
     * GR_END: deletes the vrf's interfaces the replay did not refresh.
     *
     * @return how many were deleted, or -1 when no replay of that vrf was in progress
     */
    int endReplay(int vrfid) {
        List<FpmInterface> swept = endReplaySwept(vrfid);
        return swept == null ? -1 : swept.size();
    }

    /** GR_END: the interfaces deleted, or null when no replay of that vrf was in progress. */
    List<FpmInterface> endReplaySwept(int vrfid) {
        return table.endReplay(vrfid);
    }

    /** FLUSH of the interfaces of a vrf: the interfaces deleted. */
    List<FpmInterface> flush(int vrfid) {
        return table.flush(vrfid);
    }

    /** Rows sorted by vrfid, then ifindex. */
    List<Entry> entries() {
        List<Entry> list = new ArrayList<>();
        for (ReplayTable.Row<FpmInterface> r : table.rows()) {
            list.add(new Entry(r.value(), r.stale()));
        }
        list.sort(Comparator.comparing(Entry::iface, ORDER));
        return list;
    }

    List<FpmInterface> interfaces() {
        List<FpmInterface> list = new ArrayList<>(table.size());
        for (Entry e : entries()) {
            list.add(e.iface());
        }
        return list;
    }

    int size() {
        return table.size();
    }
}
