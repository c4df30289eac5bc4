package org.linuxfpsync.fpxdp.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.linuxfpsync.fpm.FpmBytes;
import org.linuxfpsync.fpm.FpmInterface;
import org.linuxfpsync.fpm.FpmObject;

/** FPM objects as the FPM's decoder makes them (docs/fpc-protocol.md TLV names), for the translation's tests. */
final class Fpm {
    static final int UP_WITH_CARRIER = 0x1 | 0x2 | 0x40 | 0x1000 | 0x10000;

    private Fpm() {
    }

    static InetAddress ip(String a) {
        try {
            return InetAddress.getByName(a);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(a, e);
        }
    }

    static FpmInterface iface(long ifuid, int vrfid, int ifindex, String name, int flags, String mac) {
        return new FpmInterface(ifuid, vrfid, ifindex, name, 6, 0, flags, 1500,
                mac == null ? null : HexFormat.ofDelimiter(":").parseHex(mac), 0, "veth", null, 6, 1);
    }

    /** A route of table 254, metric {@code metric}: {@code hops} are {ifuid, gateway or null, weight, flags}. */
    static FpmObject route(int vrfid, String dst, int plen, int table, int type, long metric, Object[]... hops) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("VRFID", (long) vrfid);
        f.put("TABLE", (long) table);
        InetAddress d = ip(dst);
        f.put("FAMILY", d.getAddress().length == 4 ? 2L : 10L);
        f.put("DST", d);
        f.put("PREFIXLEN", (long) plen);
        f.put("PRIORITY", metric);
        f.put("TYPE", (long) type);
        long oif = 0;
        if (hops.length > 0) {
            List<Object> list = new ArrayList<>();
            for (Object[] h : hops) {
                Map<String, Object> nh = new LinkedHashMap<>();
                if (h[1] != null) {
                    nh.put("GATEWAY", ip((String) h[1]));
                }
                nh.put("IFUID", h[0]);
                nh.put("WEIGHT", h.length > 2 ? (Long) h[2] : 1L);
                if (h.length > 3) {
                    nh.put("FLAGS", h[3]);
                }
                list.add(nh);
            }
            f.put("NEXTHOP", list);
            if (hops.length == 1) {
                oif = (Long) hops[0][0];
                f.put("OIF_IFUID", oif);
            }
        }
        return new FpmObject("routes", vrfid, f, List.of((long) vrfid, (long) table, f.get("FAMILY"), d, (long) plen,
                0L, metric, oif));
    }

    static FpmObject routeVia(int vrfid, String dst, int plen, long nhId) {
        Map<String, Object> f = new LinkedHashMap<>();
        InetAddress d = ip(dst);
        f.put("VRFID", (long) vrfid);
        f.put("TABLE", 254L);
        f.put("FAMILY", d.getAddress().length == 4 ? 2L : 10L);
        f.put("DST", d);
        f.put("PREFIXLEN", (long) plen);
        f.put("NH_ID", nhId);
        return new FpmObject("routes", vrfid, f, List.of((long) vrfid, 254L, f.get("FAMILY"), d, (long) plen, 0L, 0L, 0L));
    }

    static Object[] hop(long ifuid, String gateway) {
        return new Object[] {ifuid, gateway};
    }

    static Object[] hop(long ifuid, String gateway, long weight, long flags) {
        return new Object[] {ifuid, gateway, weight, flags};
    }

    static FpmObject nexthop(int vrfid, long id, long ifuid, String gateway) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("VRFID", (long) vrfid);
        f.put("ID", id);
        f.put("FAMILY", 2L);
        if (gateway != null) {
            f.put("GATEWAY", ip(gateway));
        }
        f.put("IFUID", ifuid);
        return new FpmObject("nexthops", vrfid, f, List.of((long) vrfid, id));
    }

    static FpmObject blackholeNexthop(int vrfid, long id) {
        return new FpmObject("nexthops", vrfid, Map.of("VRFID", (long) vrfid, "ID", id, "BLACKHOLE", 1L),
                List.of((long) vrfid, id));
    }

    /** A group: {@code members} are {id, weight} pairs. */
    static FpmObject group(int vrfid, long id, long... members) {
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < members.length; i += 2) {
            list.add(Map.of("ID", members[i], "WEIGHT", members[i + 1]));
        }
        return new FpmObject("nexthops", vrfid, Map.of("VRFID", (long) vrfid, "ID", id, "GROUP_TYPE", 0L,
                "MEMBER", list), List.of((long) vrfid, id));
    }

    static FpmObject neighbour(int vrfid, long ifuid, String dst, String mac, int state, int flags) {
        Map<String, Object> f = new LinkedHashMap<>();
        InetAddress d = ip(dst);
        f.put("VRFID", (long) vrfid);
        f.put("IFUID", ifuid);
        f.put("FAMILY", d.getAddress().length == 4 ? 2L : 10L);
        f.put("DST", d);
        if (mac != null) {
            f.put("LLADDR", new FpmBytes(HexFormat.ofDelimiter(":").parseHex(mac), false));
        }
        f.put("STATE", (long) state);
        f.put("FLAGS", (long) flags);
        return new FpmObject("neighbours", vrfid, f, List.of((long) vrfid, ifuid, f.get("FAMILY"), d));
    }
}
