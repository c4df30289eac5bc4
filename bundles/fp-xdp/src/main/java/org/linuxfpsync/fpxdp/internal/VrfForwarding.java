package org.linuxfpsync.fpxdp.internal;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.linuxfpsync.fpm.FpmBytes;
import org.linuxfpsync.fpm.FpmInterface;
import org.linuxfpsync.fpm.FpmObject;

/**
 * The FPM's tables of one vrf translated into the fast path's maps (docs/fp-xdp.md): each change
 * told recomputes what it affects and writes only entries that differ from what was written.
 * Not thread-safe: {@link FpXdp} calls it under its lock.
 *
 * <ul>
 * <li>interfaces with an ifindex and a 6-byte MAC, loopback excepted, each with a counter slot;</li>
 * <li>routes of the main (254) and local (255) tables with TOS 0, one per prefix: a local-table
 * route first (as the kernel's default rules look it up first), then the lowest metric; unicast
 * forwards on its usable next hops (a dead one or one whose interface the fast path does not hold
 * is left out; none left: to Linux), blackhole drops, every other type (local, broadcast,
 * unreachable, prohibit, throw...) goes to Linux, which answers or sends the ICMP error;</li>
 * <li>routes through a nexthop object (NH_ID) resolve it, and its group's members, when written
 * and again when a NEXTHOP_ADD replaces one of them;</li>
 * <li>neighbours in a usable state (reachable, stale, delay, probe, permanent, noarp) with a 6-byte
 * link-layer address, proxy entries excepted.</li>
 * </ul>
 */
final class VrfForwarding {
    static final int TABLE_MAIN = 254;
    static final int TABLE_LOCAL = 255;
    static final int MAX_SLOTS = 1024;

    private static final int IFF_UP = 0x1;
    private static final int IFF_LOOPBACK = 0x8;
    private static final int IFF_LOWER_UP = 0x10000;
    private static final int RTN_UNICAST = 1;
    private static final int RTN_BLACKHOLE = 6;
    private static final int RTNH_F_DEAD = 0x1;
    private static final int NUD_USABLE = 0x02 | 0x04 | 0x08 | 0x10 | 0x40 | 0x80;
    private static final int NTF_PROXY = 0x08;

    /** Candidates at one prefix, best first. */
    private static final Comparator<FpmObject> PREFERENCE = Comparator
            .comparingInt((FpmObject r) -> r.number("TABLE", TABLE_MAIN) == TABLE_LOCAL ? 0 : 1)
            .thenComparingLong(r -> r.number("PRIORITY", 0))
            .thenComparing(r -> r.key().toString());

    private final int vrfid;
    private final ForwardingMaps maps;

    private final Map<Long, FpmInterface> interfaces = new HashMap<>();
    private final Map<Long, InterfaceEntry> writtenInterfaces = new HashMap<>();
    private final Map<Long, Integer> slots = new ConcurrentHashMap<>();
    private final BitSet usedSlots = new BitSet(MAX_SLOTS);

    private final Map<List<Object>, FpmObject> routes = new HashMap<>();
    private final Map<Prefix, List<FpmObject>> routesAt = new HashMap<>();
    private final Map<Prefix, RouteEntry> writtenRoutes = new HashMap<>();
    private final Map<Long, Set<Prefix>> prefixesByNexthop = new HashMap<>();
    private final Map<Long, Set<Prefix>> prefixesByIfuid = new HashMap<>();

    private final Map<Long, FpmObject> nexthops = new HashMap<>();

    private final Map<List<Object>, FpmObject> neighbours = new HashMap<>();
    private final Map<NeighbourKey, byte[]> writtenNeighbours = new HashMap<>();

    /** A neighbour as the map keys it. */
    private record NeighbourKey(int ifindex, ByteBuffer address) {
    }

    VrfForwarding(int vrfid, ForwardingMaps maps) {
        this.vrfid = vrfid;
        this.maps = maps;
    }

    int vrfid() {
        return vrfid;
    }

    boolean holds(long ifuid) {
        return interfaces.containsKey(ifuid);
    }

    /** The counter slot of an interface, -1 when it has none; safe from any thread. */
    int slot(long ifuid) {
        Integer s = slots.get(ifuid);
        return s == null ? -1 : s;
    }

    FpmInterface iface(long ifuid) {
        return interfaces.get(ifuid);
    }

    // ---- interfaces

    void interfaceChanged(FpmInterface i) {
        interfaces.put(i.ifuid(), i);
        InterfaceEntry old = writtenInterfaces.get(i.ifuid());
        InterfaceEntry now = entryOf(i, old);
        if (Objects.equals(old, now)) {
            return;
        }
        if (old != null && (now == null || old.ifindex() != now.ifindex())) {
            maps.deleteInterface(old.ifindex());
            dropNeighboursOf(old.ifindex());
        }
        if (now == null) {
            writtenInterfaces.remove(i.ifuid());
            releaseSlot(i.ifuid());
        } else {
            maps.putInterface(now, old == null);
            writtenInterfaces.put(i.ifuid(), now);
        }
        if (old == null || now == null || old.ifindex() != now.ifindex()) {
            // paths and neighbours through it appear or go
            rewriteNeighboursOf(i.ifuid());
            recompute(prefixesByIfuid.getOrDefault(i.ifuid(), Set.of()));
        }
    }

    /** IF_DELETE: the interface, its neighbours (the FPM dropped them with it) and the paths through it. */
    void interfaceDeleted(long ifuid) {
        if (interfaces.remove(ifuid) == null) {
            return;
        }
        InterfaceEntry old = writtenInterfaces.remove(ifuid);
        if (old != null) {
            maps.deleteInterface(old.ifindex());
            dropNeighboursOf(old.ifindex());
        }
        neighbours.values().removeIf(n -> n.ifuid() == ifuid);
        releaseSlot(ifuid);
        recompute(prefixesByIfuid.getOrDefault(ifuid, Set.of()));
    }

    private InterfaceEntry entryOf(FpmInterface i, InterfaceEntry old) {
        byte[] mac = i.mac();
        if (i.ifindex() == 0 || mac.length != 6 || (i.flags() & IFF_LOOPBACK) != 0) {
            return null;
        }
        int slot = old != null ? old.slot() : takeSlot(i.ifuid());
        if (slot < 0) {
            return null;
        }
        boolean up = (i.flags() & IFF_UP) != 0 && (i.flags() & IFF_LOWER_UP) != 0;
        return new InterfaceEntry(i.ifindex(), vrfid, i.mtu(), slot, mac, up);
    }

    private int takeSlot(long ifuid) {
        Integer s = slots.get(ifuid);
        if (s != null) {
            return s;
        }
        int free = usedSlots.nextClearBit(0);
        if (free >= MAX_SLOTS) {
            return -1;
        }
        usedSlots.set(free);
        slots.put(ifuid, free);
        return free;
    }

    private void releaseSlot(long ifuid) {
        Integer s = slots.remove(ifuid);
        if (s != null) {
            usedSlots.clear(s);
        }
    }

    private int ifindexOf(long ifuid) {
        InterfaceEntry e = writtenInterfaces.get(ifuid);
        return e == null ? 0 : e.ifindex();
    }

    // ---- routes

    void routeAdded(FpmObject r) {
        Prefix p = prefixOf(r);
        if (p == null) {
            return;
        }
        FpmObject before = routes.put(r.key(), r);
        List<FpmObject> at = routesAt.computeIfAbsent(p, k -> new ArrayList<>(1));
        if (before != null) {
            at.remove(before);
        }
        at.add(r);
        recompute(p);
    }

    void routeDeleted(FpmObject r) {
        FpmObject gone = routes.remove(r.key());
        if (gone == null) {
            return;
        }
        Prefix p = prefixOf(gone);
        List<FpmObject> at = routesAt.get(p);
        if (at != null) {
            at.remove(gone);
            if (at.isEmpty()) {
                routesAt.remove(p);
            }
        }
        recompute(p);
    }

    /** The LPM key of a route the fast path considers, or null (another table, a TOS). */
    private Prefix prefixOf(FpmObject r) {
        long table = r.number("TABLE", TABLE_MAIN);
        if ((table != TABLE_MAIN && table != TABLE_LOCAL) || r.number("TOS", 0) != 0) {
            return null;
        }
        Object dst = r.fields().get("DST");
        if (!(dst instanceof InetAddress)) {
            return null;
        }
        return new Prefix(vrfid, ((InetAddress) dst).getAddress(), (int) r.number("PREFIXLEN", 0));
    }

    private void recompute(Set<Prefix> prefixes) {
        for (Prefix p : List.copyOf(prefixes)) {
            recompute(p);
        }
    }

    private void recompute(Prefix p) {
        List<FpmObject> at = routesAt.get(p);
        RouteEntry now = null;
        if (at != null && !at.isEmpty()) {
            FpmObject best = at.get(0);
            for (FpmObject r : at) {
                if (PREFERENCE.compare(r, best) < 0) {
                    best = r;
                }
            }
            now = translate(p, best);
        }
        RouteEntry old = now == null ? writtenRoutes.remove(p) : writtenRoutes.put(p, now);
        if (Objects.equals(old, now)) {
            return;
        }
        if (now == null) {
            maps.deleteRoute(p);
        } else {
            maps.putRoute(p, now);
        }
    }

    /** What the fast path does with packets to {@code p}, {@code r} being the best route there. */
    private RouteEntry translate(Prefix p, FpmObject r) {
        int type = (int) r.number("TYPE", RTN_UNICAST);
        if (type == RTN_BLACKHOLE) {
            return RouteEntry.BLACKHOLE;
        }
        if (type != RTN_UNICAST) {
            return RouteEntry.TO_LINUX;
        }
        List<RouteEntry.Path> paths = new ArrayList<>();
        Object nhId = r.fields().get("NH_ID");
        if (nhId instanceof Long) {
            RouteEntry viaObject = throughNexthop(p, (Long) nhId, paths);
            if (viaObject != null) {
                return viaObject;
            }
        } else {
            Object hops = r.fields().get("NEXTHOP");
            if (hops instanceof List) {
                for (Object h : (List<?>) hops) {
                    if (h instanceof Map) {
                        Map<?, ?> nh = (Map<?, ?>) h;
                        addPath(p, paths, number(nh.get("IFUID"), 0), nh.get("GATEWAY"), number(nh.get("WEIGHT"), 1),
                                number(nh.get("FLAGS"), 0));
                    }
                }
            } else {
                addPath(p, paths, r.number("OIF_IFUID", 0), null, 1, 0);
            }
        }
        if (paths.isEmpty()) {
            return RouteEntry.TO_LINUX;
        }
        return new RouteEntry(RouteEntry.FORWARD, (int) r.number("MTU", 0),
                paths.subList(0, Math.min(paths.size(), RouteEntry.MAX_PATHS)));
    }

    /** Fills {@code paths} from nexthop object {@code id}; returns the entry when it decides alone. */
    private RouteEntry throughNexthop(Prefix p, long id, List<RouteEntry.Path> paths) {
        prefixesByNexthop.computeIfAbsent(id, k -> new HashSet<>()).add(p);
        FpmObject nh = nexthops.get(id);
        if (nh == null || nh.number("FDB", 0) != 0) {
            return RouteEntry.TO_LINUX;
        }
        if (nh.number("BLACKHOLE", 0) != 0) {
            return RouteEntry.BLACKHOLE;
        }
        Object members = nh.fields().get("MEMBER");
        if (members instanceof List) {
            for (Object m : (List<?>) members) {
                if (!(m instanceof Map)) {
                    continue;
                }
                long memberId = number(((Map<?, ?>) m).get("ID"), 0);
                prefixesByNexthop.computeIfAbsent(memberId, k -> new HashSet<>()).add(p);
                FpmObject member = nexthops.get(memberId);
                if (member != null && member.number("BLACKHOLE", 0) == 0) {
                    addPath(p, paths, member.number("IFUID", 0), member.fields().get("GATEWAY"),
                            number(((Map<?, ?>) m).get("WEIGHT"), 1), member.number("FLAGS", 0));
                }
            }
            return null;
        }
        addPath(p, paths, nh.number("IFUID", 0), nh.fields().get("GATEWAY"), 1, nh.number("FLAGS", 0));
        return null;
    }

    private void addPath(Prefix p, List<RouteEntry.Path> paths, long ifuid, Object gateway, long weight, long flags) {
        if (ifuid == 0) {
            return;
        }
        prefixesByIfuid.computeIfAbsent(ifuid, k -> new HashSet<>()).add(p);
        int ifindex = ifindexOf(ifuid);
        if (ifindex == 0 || (flags & RTNH_F_DEAD) != 0) {
            return;
        }
        byte[] gw = gateway instanceof InetAddress ? ((InetAddress) gateway).getAddress() : null;
        paths.add(new RouteEntry.Path(ifindex, (int) Math.max(1, Math.min(256, weight)), gw));
    }

    private static long number(Object v, long dflt) {
        return v instanceof Long ? (Long) v : dflt;
    }

    // ---- nexthop objects

    void nexthopAdded(FpmObject nh) {
        long id = nh.number("ID", 0);
        nexthops.put(id, nh);
        recompute(prefixesByNexthop.getOrDefault(id, Set.of()));
    }

    void nexthopDeleted(FpmObject nh) {
        long id = nh.number("ID", 0);
        if (nexthops.remove(id) != null) {
            recompute(prefixesByNexthop.getOrDefault(id, Set.of()));
        }
    }

    // ---- neighbours

    void neighbourAdded(FpmObject n) {
        FpmObject before = neighbours.put(n.key(), n);
        if (before != null && before.ifuid() != n.ifuid()) {
            writeNeighbour(before, true);
        }
        writeNeighbour(n, false);
    }

    void neighbourDeleted(FpmObject n) {
        FpmObject gone = neighbours.remove(n.key());
        if (gone != null) {
            writeNeighbour(gone, true);
        }
    }

    private void writeNeighbour(FpmObject n, boolean gone) {
        int ifindex = ifindexOf(n.ifuid());
        Object dst = n.fields().get("DST");
        if (ifindex == 0 || !(dst instanceof InetAddress)) {
            return;
        }
        byte[] address = ((InetAddress) dst).getAddress();
        NeighbourKey key = new NeighbourKey(ifindex, ByteBuffer.wrap(address));
        byte[] mac = gone ? null : usableMac(n);
        byte[] old = mac == null ? writtenNeighbours.remove(key) : writtenNeighbours.put(key, mac);
        if (java.util.Arrays.equals(old, mac)) {
            return;
        }
        if (mac == null) {
            maps.deleteNeighbour(ifindex, address);
        } else {
            maps.putNeighbour(ifindex, address, mac);
        }
    }

    private static byte[] usableMac(FpmObject n) {
        Object ll = n.fields().get("LLADDR");
        if (!(ll instanceof FpmBytes) || ((FpmBytes) ll).length() != 6) {
            return null;
        }
        if ((n.number("STATE", 0) & NUD_USABLE) == 0 || (n.number("FLAGS", 0) & NTF_PROXY) != 0) {
            return null;
        }
        return ((FpmBytes) ll).bytes();
    }

    private void rewriteNeighboursOf(long ifuid) {
        for (FpmObject n : neighbours.values()) {
            if (n.ifuid() == ifuid) {
                writeNeighbour(n, false);
            }
        }
    }

    /** The entries written for an ifindex that no longer is (the interface went or renumbered). */
    private void dropNeighboursOf(int ifindex) {
        writtenNeighbours.keySet().removeIf(k -> {
            if (k.ifindex() != ifindex) {
                return false;
            }
            maps.deleteNeighbour(ifindex, k.address().array());
            return true;
        });
    }

    // ---- resynchronization

    /** Sizes, for the console and the log: interfaces, routes, prefixes written, nexthops, neighbours written. */
    Map<String, Integer> sizes() {
        Map<String, Integer> s = new java.util.LinkedHashMap<>();
        s.put("interfaces", writtenInterfaces.size());
        s.put("routes", routes.size());
        s.put("prefixes", writtenRoutes.size());
        s.put("nexthops", nexthops.size());
        s.put("neighbours", writtenNeighbours.size());
        return s;
    }

    /** Every interface held, for a resynchronization. */
    Set<Long> ifuids() {
        return Set.copyOf(interfaces.keySet());
    }

    /** Every object held of a table ({@code routes}, {@code nexthops}, {@code neighbours}). */
    List<FpmObject> held(String table) {
        switch (table) {
            case "routes": return List.copyOf(routes.values());
            case "nexthops": return List.copyOf(nexthops.values());
            case "neighbours": return List.copyOf(neighbours.values());
            default: return List.of();
        }
    }
}
