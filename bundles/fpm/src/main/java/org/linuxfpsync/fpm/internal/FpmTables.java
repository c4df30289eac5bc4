package org.linuxfpsync.fpm.internal;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.linuxfpsync.fpc.codec.FpcSchema;
import org.linuxfpsync.fpc.codec.FrameReader;
import org.linuxfpsync.fpc.codec.InterfaceAttr;
import org.linuxfpsync.fpc.codec.MrouteAttr;
import org.linuxfpsync.fpc.codec.ObjectFamily;
import org.linuxfpsync.fpc.codec.RouteAttr;
import org.linuxfpsync.fpm.FpmFastPath;
import org.linuxfpsync.fpm.FpmInterface;
import org.linuxfpsync.fpm.FpmObject;

/**
 * Every table of the FPM: the interfaces, and one {@link ObjectTable} per other object family of
 * {@link FpcSchema}, keyed by the family's key TLVs. Objects that belong to an interface
 * (docs/fpc-protocol.md §5.5) go when their interface goes, however it goes.
 */
final class FpmTables {
    private volatile FpmAppliedListener appliedListener;
    private volatile FpmFastPath fastPath;

    /** Objects in a stable order: by vrf, then by key, numbers and addresses compared as unsigned. */
    static final Comparator<FpmObject> ORDER = Comparator
            .comparingLong((FpmObject o) -> Integer.toUnsignedLong(o.vrfid()))
            .thenComparing(FpmObject::key, FpmTables::compareKeys);

    private final InterfaceTable interfaces = new InterfaceTable();
    private final MrouteCounters mrouteCounters = new MrouteCounters();
    private final Map<Integer, ObjectTable> objects = new LinkedHashMap<>();
    /** The same tables by name, for {@link #size(String)}: read while sessions write, never changed after the constructor. */
    private final Map<String, ObjectTable> byName = new HashMap<>();

    /**
     * Rows the routes table's row arrays are sized for at once (36 MiB): a full table is filled
     * without copying them on the way (issue #23). Its index follows the table's size instead
     * ({@link PackedObjectTable}: resized in one sequential pass), so that a small table is probed
     * in a small index.
     */
    static final int EXPECTED_ROUTES = 1 << 20;

    FpmTables() {
        for (ObjectFamily f : FpcSchema.families()) {
            if (f.code() == RouteAttr.FAMILY_ROUTES && ObjectDecoder.packable(f.tlvs())) {
                // A million routes as objects cost the GC more than their decoding: packed, they cost it nothing.
                objects.put(f.code(), new PackedObjectTable(f, EXPECTED_ROUTES));
            } else if (f.code() != InterfaceAttr.FAMILY_INTERFACES) {
                objects.put(f.code(), ObjectTable.onHeap());
            }
        }
        objects.forEach((family, table) -> byName.put(tableName(family), table));
    }

    /** The name of a family's table ({@code routes}), as its declaration in FpcSchema says it. */
    static String tableName(int family) {
        return FpcSchema.family(family).name();
    }

    /** The family whose table is named {@code table}. */
    static ObjectFamily family(String table) {
        for (ObjectFamily f : FpcSchema.families()) {
            if (f.name().equals(table)) {
                return f;
            }
        }
        throw new IllegalArgumentException("no table '" + table + "'");
    }

    void appliedListener(FpmAppliedListener listener) {
        appliedListener = listener;
    }

    void fastPath(FpmFastPath fp) {
        fastPath = fp;
    }

    /** The fast path bound, or null. */
    FpmFastPath fastPath() {
        return fastPath;
    }

    /** Tells the listener, if any, that a read from the client returned bytes (timestamped only then). */
    void read() {
        FpmAppliedListener l = appliedListener;
        if (l != null) {
            l.read(System.nanoTime());
        }
    }

    /** Tells the listener and the fast path, if any, that a frame of {@code type} changed the tables. */
    void applied(int type, Object object) {
        FpmAppliedListener l = appliedListener;
        if (l != null) {
            l.applied(type, object);
        }
        FpmFastPath fp = fastPath;
        if (fp != null) {
            fp.applied(type, object);
        }
    }

    /** True when a listener or a fast path is told of the changes. */
    boolean observed() {
        return appliedListener != null || fastPath != null;
    }

    /**
     * Tells the listener and the fast path, if any, that a frame of {@code type} changed a table kept
     * as frames. The fast path is given the object: fp-xdp translates its fields into its maps, so
     * with a fast path bound every route is decoded once, here (docs/decisions.md).
     */
    void appliedFrame(int type, AppliedFrame frame) {
        FpmAppliedListener l = appliedListener;
        if (l != null) {
            l.appliedFrame(type, frame);
        }
        FpmFastPath fp = fastPath;
        if (fp != null) {
            fp.applied(type, frame.object());
        }
    }

    /**
     * The table of a family whose frames are applied as they are, without an object each (issue
     * #23), or null: the routes. Such a family is not an interface's, has no multicast counters
     * and no amendments: {@link #put} and {@link #remove} would do nothing more for it.
     */
    PackedObjectTable packed(int family) {
        return objects.get(family) instanceof PackedObjectTable p ? p : null;
    }

    /** Objects went without a message each: the fast path reads the table again. */
    private void removedWithoutNotice(int family, int vrfid, int count) {
        FpmFastPath fp = fastPath;
        if (fp != null && count > 0) {
            fp.removedWithoutNotice(tableName(family), vrfid);
        }
    }

    InterfaceTable interfaces() {
        return interfaces;
    }

    /** True for the families this FPM keeps: every family of FPC version 1. */
    boolean keeps(int family) {
        return family == InterfaceAttr.FAMILY_INTERFACES || objects.containsKey(family);
    }

    /** Creates or replaces the object of {@code o}'s key; {@code frame} is the frame it was decoded from. */
    void put(int family, FpmObject o, FrameReader frame) {
        ObjectTable table = objects.get(family);
        if (family == MrouteAttr.FAMILY_MROUTES && table.get(o.key()) == null) {
            mrouteCounters.created(o.key());
        }
        table.put(o, frame);
    }

    /** The fast path's counters of the multicast routes. */
    MrouteCounters mrouteCounters() {
        return mrouteCounters;
    }

    /** The object of the family with this key, or null. */
    FpmObject get(int family, List<Object> key) {
        return objects.get(family).get(key);
    }

    /** Replaces a known object (an amendment such as SA_REPLAY); false when unknown. */
    boolean update(int family, FpmObject o) {
        return objects.get(family).update(o);
    }

    boolean remove(int family, List<Object> key) {
        if (family == MrouteAttr.FAMILY_MROUTES) {
            mrouteCounters.removed(key);
        }
        return objects.get(family).remove(key);
    }

    /** IF_DELETE: the interface and what belongs to it; false when the ifuid is unknown. */
    boolean removeInterface(long ifuid) {
        if (!interfaces.remove(ifuid)) {
            return false;
        }
        removeBelongingTo(List.of(ifuid));
        return true;
    }

    void beginReplay(int family, int vrfid) {
        if (family == InterfaceAttr.FAMILY_INTERFACES) {
            interfaces.beginReplay(vrfid);
        } else {
            objects.get(family).beginReplay(vrfid);
        }
    }

    /** @return the objects swept, or -1 when no replay of that family and vrf was in progress */
    int endReplay(int family, int vrfid) {
        if (family == InterfaceAttr.FAMILY_INTERFACES) {
            List<FpmInterface> swept = interfaces.endReplaySwept(vrfid);
            if (swept == null) {
                return -1;
            }
            removeBelongingTo(ifuids(swept));
            removedWithoutNotice(family, vrfid, swept.size());
            return swept.size();
        }
        int swept = objects.get(family).endReplay(vrfid);
        forgetCountersOfGone(family);
        removedWithoutNotice(family, vrfid, Math.max(0, swept));
        return swept;
    }

    /** FLUSH: the number of objects of the family deleted in the vrf. */
    int flush(int family, int vrfid) {
        if (family == InterfaceAttr.FAMILY_INTERFACES) {
            List<FpmInterface> gone = interfaces.flush(vrfid);
            removeBelongingTo(ifuids(gone));
            removedWithoutNotice(family, vrfid, gone.size());
            return gone.size();
        }
        int flushed = objects.get(family).flush(vrfid);
        forgetCountersOfGone(family);
        removedWithoutNotice(family, vrfid, flushed);
        return flushed;
    }

    private void forgetCountersOfGone(int family) {
        if (family == MrouteAttr.FAMILY_MROUTES) {
            ObjectTable table = objects.get(family);
            mrouteCounters.retain(key -> table.get(key) != null);
        }
    }

    /** The objects of a table in {@link #ORDER}, each with its stale mark. */
    List<ReplayTable.Row<FpmObject>> rows(int family) {
        List<ReplayTable.Row<FpmObject>> rows = objects.get(family).rows();
        rows.sort(Comparator.comparing(ReplayTable.Row::value, ORDER));
        return rows;
    }

    /** The objects of the table named {@code table}, in {@link #ORDER}. */
    List<FpmObject> objects(String table) {
        for (Map.Entry<Integer, ObjectTable> e : objects.entrySet()) {
            if (FpcSchema.family(e.getKey()).name().equals(table)) {
                List<FpmObject> list = new ArrayList<>();
                for (ReplayTable.Row<FpmObject> r : rows(e.getKey())) {
                    list.add(r.value());
                }
                return list;
            }
        }
        throw new IllegalArgumentException("no table '" + table + "'");
    }

    /** Rows per table name, for the tables that hold something (interfaces excluded). */
    Map<String, Integer> sizes() {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        sizes.put("interfaces", interfaces.size());
        objects.forEach((family, table) -> sizes.put(FpcSchema.family(family).name(), table.size()));
        return sizes;
    }

    /**
     * Rows of the table named {@code table} ({@code interfaces} included), without the map of
     * {@link #sizes}: a caller that polls one table's size (the benchmarks' wait for a count) costs
     * a lookup, not a map of every table each time.
     */
    int size(String table) {
        if ("interfaces".equals(table)) {
            return interfaces.size();
        }
        ObjectTable t = byName.get(table);
        if (t == null) {
            throw new IllegalArgumentException("no table '" + table + "'");
        }
        return t.size();
    }

    private void removeBelongingTo(List<Long> ifuids) {
        if (ifuids.isEmpty()) {
            return;
        }
        objects.forEach((family, table) -> {
            if (FpcSchema.family(family).perInterface()) {
                table.removeValues(o -> ifuids.contains(o.ifuid()));
            }
        });
    }

    private static List<Long> ifuids(List<FpmInterface> list) {
        List<Long> ids = new ArrayList<>(list.size());
        for (FpmInterface i : list) {
            ids.add(i.ifuid());
        }
        return ids;
    }

    private static int compareKeys(List<Object> a, List<Object> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = compareValues(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static int compareValues(Object a, Object b) {
        if (a instanceof Long && b instanceof Long) {
            return Long.compareUnsigned((Long) a, (Long) b);
        }
        if (a instanceof InetAddress && b instanceof InetAddress) {
            byte[] x = ((InetAddress) a).getAddress();
            byte[] y = ((InetAddress) b).getAddress();
            return x.length != y.length ? Integer.compare(x.length, y.length) : Arrays.compareUnsigned(x, y);
        }
        if (a.getClass() != b.getClass()) {
            return a.getClass().getName().compareTo(b.getClass().getName());
        }
        return a.toString().compareTo(b.toString());
    }
}
