package org.linuxfpsync.fpm.internal;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

import org.linuxfpsync.fpm.FpmBytes;
import org.linuxfpsync.fpm.FpmObject;

import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Addresses, routes, neighbours and rules written as iproute2 6.1 writes them in
 * {@code ip -j addr}, {@code ip -j route show table all}, {@code ip -j neigh} and {@code ip -j rule}:
 * the same field names, value forms and order, so that a differential test is a plain comparison
 * (docs/fpm-dump.md). Fields ip writes from kernel state FPC does not carry (cache info, lifetimes
 * counting down, {@code proxy} entries) are not invented. Each writer opens the object and leaves it
 * open, so that the caller can add our own fields after iproute2's.
 */
final class Iproute2Objects {
    private static final int AF_INET = 2;
    private static final int RT_TABLE_DEFAULT = 253;
    private static final int RT_TABLE_MAIN = 254;
    private static final int RT_TABLE_LOCAL = 255;
    private static final int RTPROT_BOOT = 3;
    private static final int RTN_UNICAST = 1;
    private static final int IFA_F_SECONDARY = 0x01;
    private static final int IFA_F_PERMANENT = 0x80;
    private static final int NTF_EXT_LEARNED = 0x10;
    private static final int NTF_ROUTER = 0x80;
    private static final int FR_ACT_TO_TBL = 1;
    private static final int FR_ACT_GOTO = 2;
    private static final int FIB_RULE_INVERT = 0x2;

    /** rtnl_rtntype_n2a() of lib/rt_names.c. */
    private static final String[] ROUTE_TYPES = {
        "none", "unicast", "local", "broadcast", "anycast", "multicast", "blackhole", "unreachable", "prohibit",
        "throw", "nat", "xresolve",
    };
    /** /etc/iproute2/rt_protos of iproute2 6.1. */
    static final Map<Integer, String> PROTOCOLS = Map.ofEntries(Map.entry(0, "unspec"),
            Map.entry(1, "redirect"), Map.entry(2, "kernel"), Map.entry(3, "boot"), Map.entry(4, "static"),
            Map.entry(8, "gated"), Map.entry(9, "ra"), Map.entry(10, "mrt"), Map.entry(11, "zebra"),
            Map.entry(12, "bird"), Map.entry(13, "dnrouted"), Map.entry(14, "xorp"), Map.entry(15, "ntk"),
            Map.entry(16, "dhcp"), Map.entry(18, "keepalived"), Map.entry(42, "babel"), Map.entry(99, "openr"),
            Map.entry(186, "bgp"), Map.entry(187, "isis"), Map.entry(188, "ospf"), Map.entry(189, "rip"),
            Map.entry(192, "eigrp"));
    /** /etc/iproute2/rt_scopes. */
    private static final Map<Integer, String> SCOPES = Map.of(0, "global", 200, "site", 253, "link", 254, "host",
            255, "nowhere");
    /** print_rt_flags() and the nexthop flags of ip/iproute.c, in ip's order. */
    private static final int[] NEXTHOP_FLAG_BITS = {0x1, 0x2, 0x4, 0x8, 0x10, 0x20};
    private static final long RTNH_F_DEAD = 0x1;
    private static final long RTNH_F_LINKDOWN = 0x10;
    private static final String[] NEXTHOP_FLAG_NAMES = {"dead", "pervasive", "onlink", "offload", "linkdown",
        "unresolved"};
    /** nud_state_n2a() of ip/ipneigh.c, in ip's order. */
    private static final int[] NUD_BITS = {0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80};
    private static final String[] NUD_NAMES = {"INCOMPLETE", "REACHABLE", "STALE", "DELAY", "PROBE", "FAILED",
        "NOARP", "PERMANENT"};
    /** print_ifa_flags() of ip/ipaddress.c: IFA_F_* bits shown as "name": true. */
    private static final int[] IFA_BITS = {0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x100, 0x200, 0x400, 0x800};
    private static final String[] IFA_NAMES = {"nodad", "optimistic", "dadfailed", "home", "deprecated",
        "tentative", "mngtmpaddr", "noprefixroute", "autojoin", "stable-privacy"};
    private static final String[] RULE_ACTIONS = {"unspec", "table", "goto", "nop", "4", "5", "blackhole",
        "unreachable", "prohibit"};

    private Iproute2Objects() {
    }

    /** One element of a link's {@code addr_info}. */
    static void address(JsonGenerator g, FpmObject a) throws IOException {
        boolean inet = a.number("FAMILY", AF_INET) == AF_INET;
        long flags = a.number("FLAGS", IFA_F_PERMANENT);
        g.writeStartObject();
        g.writeStringField("family", inet ? "inet" : "inet6");
        g.writeStringField("local", text(a.fields().get("LOCAL")));
        if (a.fields().containsKey("PEER")) {
            g.writeStringField("address", text(a.fields().get("PEER")));
        }
        g.writeNumberField("prefixlen", a.number("PREFIXLEN", 0));
        if (a.fields().containsKey("BROADCAST")) {
            g.writeStringField("broadcast", text(a.fields().get("BROADCAST")));
        }
        g.writeStringField("scope", scope(a.number("SCOPE", 0)));
        if ((flags & IFA_F_PERMANENT) == 0) {
            g.writeBooleanField("dynamic", true);
        }
        if ((flags & IFA_F_SECONDARY) != 0) {
            g.writeBooleanField(inet ? "secondary" : "temporary", true);
        }
        for (int i = 0; i < IFA_BITS.length; i++) {
            if ((flags & IFA_BITS[i]) != 0) {
                g.writeBooleanField(IFA_NAMES[i], true);
            }
        }
        if (a.fields().containsKey("LABEL")) {
            g.writeStringField("label", (String) a.fields().get("LABEL"));
        }
        if (a.fields().containsKey("VALID_LFT")) {
            g.writeNumberField("valid_life_time", a.number("VALID_LFT", 0));
        }
        if (a.fields().containsKey("PREFERRED_LFT")) {
            g.writeNumberField("preferred_life_time", a.number("PREFERRED_LFT", 0));
        }
    }

    /**
     * One route of {@code ip -j route show table all}; {@code names} gives an ifuid's ifname or null,
     * {@code nexthops} a nexthop object of the vrf by its ID, or null. A route through a nexthop
     * object (NH_ID) is written with {@code nhid}, then the next hops it resolves to, as ip writes
     * such a route with {@code nexthop_compat_mode} 1.
     */
    static void route(JsonGenerator g, FpmObject r, LongFunction<String> names, LongFunction<FpmObject> nexthops)
            throws IOException {
        Map<String, Object> f = r.fields();
        g.writeStartObject();
        long type = r.number("TYPE", RTN_UNICAST);
        if (type != RTN_UNICAST) {
            g.writeStringField("type", type < ROUTE_TYPES.length ? ROUTE_TYPES[(int) type] : Long.toString(type));
        }
        g.writeStringField("dst", prefix((InetAddress) f.get("DST"), r.number("PREFIXLEN", 0)));
        boolean inet = r.number("FAMILY", AF_INET) == AF_INET;
        List<Map<String, Object>> hops;
        // the kernel writes an IPv6 route through a group with RTA_MULTIPATH whatever its number of
        // members (IPv4: only with more than one), so ip writes a group of one as a list of one
        boolean multipathOfOne = false;
        if (f.containsKey("NH_ID")) {
            g.writeNumberField("nhid", r.number("NH_ID", 0));
            hops = Iproute2Nexthops.resolve(r.number("NH_ID", 0), nexthops);
            multipathOfOne = !inet && hops.size() == 1 && Iproute2Nexthops.isGroup(r.number("NH_ID", 0), nexthops);
        } else {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> sent = (List<Map<String, Object>>) f.getOrDefault("NEXTHOP", List.of());
            hops = sent;
        }
        Map<String, Object> single = hops.size() == 1 && !multipathOfOne ? hops.get(0) : null;
        if (single != null) {
            nexthopTarget(g, single, names, inet);
        }
        long table = r.number("TABLE", RT_TABLE_MAIN);
        if (table != RT_TABLE_MAIN) {
            g.writeStringField("table", table == RT_TABLE_LOCAL ? "local" : table == RT_TABLE_DEFAULT ? "default"
                    : Long.toString(table));
        }
        long protocol = r.number("PROTOCOL", RTPROT_BOOT);
        if (protocol != RTPROT_BOOT) {
            g.writeStringField("protocol", PROTOCOLS.getOrDefault((int) protocol, Long.toString(protocol)));
        }
        long scope = r.number("SCOPE", 0);
        if (scope != 0) {
            g.writeStringField("scope", scope(scope));
        }
        if (f.containsKey("PREFSRC")) {
            g.writeStringField("prefsrc", text(f.get("PREFSRC")));
        }
        if (f.containsKey("PRIORITY")) {
            g.writeNumberField("metric", r.number("PRIORITY", 0));
        }
        nexthopFlags(g, single != null || !inet ? single : Map.of("FLAGS", multipathRouteFlags(hops)));
        if (f.containsKey("MTU")) {
            g.writeArrayFieldStart("metrics");
            g.writeStartObject();
            g.writeNumberField("mtu", r.number("MTU", 0));
            g.writeEndObject();
            g.writeEndArray();
        }
        if (hops.size() > 1 || multipathOfOne) {
            g.writeArrayFieldStart("nexthops");
            for (Map<String, Object> hop : hops) {
                g.writeStartObject();
                nexthopTarget(g, hop, names, inet);
                g.writeNumberField("weight", hop.containsKey("WEIGHT") ? (Long) hop.get("WEIGHT") : 1);
                nexthopFlags(g, hop);
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        if (f.containsKey("PREF")) {
            long pref = r.number("PREF", 0);
            g.writeStringField("pref", pref == 0 ? "medium" : pref == 1 ? "high" : pref == 3 ? "low"
                    : Long.toString(pref));
        }
    }

    /** One entry of {@code ip -j neigh}. */
    static void neighbour(JsonGenerator g, FpmObject n, LongFunction<String> names) throws IOException {
        g.writeStartObject();
        g.writeStringField("dst", text(n.fields().get("DST")));
        String dev = names.apply(n.ifuid());
        if (dev != null) {
            g.writeStringField("dev", dev);
        }
        if (n.fields().containsKey("LLADDR")) {
            g.writeStringField("lladdr", n.fields().get("LLADDR").toString());
        }
        long flags = n.number("FLAGS", 0);
        if ((flags & NTF_ROUTER) != 0) {
            g.writeNullField("router");
        }
        if ((flags & NTF_EXT_LEARNED) != 0) {
            g.writeNullField("extern_learn");
        }
        long state = n.number("STATE", 0);
        g.writeArrayFieldStart("state");
        if (state == 0) {
            g.writeString("NONE");
        }
        for (int i = 0; i < NUD_BITS.length; i++) {
            if ((state & NUD_BITS[i]) != 0) {
                g.writeString(NUD_NAMES[i]);
            }
        }
        g.writeEndArray();
    }

    /** One rule of {@code ip -j rule}. */
    static void rule(JsonGenerator g, FpmObject r) throws IOException {
        Map<String, Object> f = r.fields();
        int bits = r.number("FAMILY", AF_INET) == AF_INET ? 32 : 128;
        g.writeStartObject();
        g.writeNumberField("priority", r.number("PRIORITY", 0));
        if ((r.number("FLAGS", 0) & FIB_RULE_INVERT) != 0) {
            g.writeNullField("not");
        }
        rulePrefix(g, "src", f.get("SRC"), r.number("SRC_LEN", 0), bits, true);
        rulePrefix(g, "dst", f.get("DST"), r.number("DST_LEN", 0), bits, false);
        if (r.number("TOS", 0) != 0) {
            g.writeStringField("tos", "0x" + Long.toHexString(r.number("TOS", 0)));
        }
        if (f.containsKey("FWMARK") || f.containsKey("FWMASK")) {
            g.writeStringField("fwmark", "0x" + Long.toHexString(r.number("FWMARK", 0)));
            long mask = r.number("FWMASK", 0xffffffffL);
            if (mask != 0xffffffffL) {
                g.writeStringField("fwmask", "0x" + Long.toHexString(mask));
            }
        }
        if (f.containsKey("IIFNAME")) {
            g.writeStringField("iif", (String) f.get("IIFNAME"));
        }
        if (f.containsKey("OIFNAME")) {
            g.writeStringField("oif", (String) f.get("OIFNAME"));
        }
        long action = r.number("ACTION", FR_ACT_TO_TBL);
        if (action == FR_ACT_TO_TBL) {
            long table = r.number("TABLE", 0);
            g.writeStringField("table", table == RT_TABLE_MAIN ? "main" : table == RT_TABLE_LOCAL ? "local"
                    : table == RT_TABLE_DEFAULT ? "default" : Long.toString(table));
        } else if (action == FR_ACT_GOTO) {
            g.writeNumberField("goto", r.number("GOTO", 0));
        } else {
            g.writeStringField("action", action < RULE_ACTIONS.length ? RULE_ACTIONS[(int) action]
                    : Long.toString(action));
        }
    }

    private static void rulePrefix(JsonGenerator g, String name, Object address, long len, int bits, boolean always)
            throws IOException {
        if (address instanceof InetAddress) {
            g.writeStringField(name, text(address));
            if (len != bits) {
                g.writeNumberField(name + "len", len);
            }
        } else if (always) {
            g.writeStringField(name, "all");
        }
    }

    /** {@code gateway}, or ip's {@code via} object for an IPv6 gateway of an IPv4 route (RTA_VIA); then {@code dev}. */
    static void nexthopTarget(JsonGenerator g, Map<String, Object> hop, LongFunction<String> names, boolean inet)
            throws IOException {
        Object gateway = hop.get("GATEWAY");
        if (inet && gateway instanceof Inet6Address) {
            g.writeObjectFieldStart("via");
            g.writeStringField("family", "inet6");
            g.writeStringField("host", text(gateway));
            g.writeEndObject();
        } else if (gateway != null) {
            g.writeStringField("gateway", text(gateway));
        }
        if (hop.containsKey("IFUID")) {
            String dev = names.apply((Long) hop.get("IFUID"));
            if (dev != null) {
                g.writeStringField("dev", dev);
            }
        }
    }

    /**
     * The flags an IPv4 multipath route shows of its own: dead and linkdown when every next hop has
     * them. The kernel keeps them in the route (fib_sync_down_dev sets them once the last next hop
     * goes, fib_sync_up clears them when one comes back), silently: the next hops say it all.
     */
    static long multipathRouteFlags(List<Map<String, Object>> hops) {
        long all = hops.isEmpty() ? 0 : RTNH_F_DEAD | RTNH_F_LINKDOWN;
        for (Map<String, Object> hop : hops) {
            all &= hop.containsKey("FLAGS") ? (Long) hop.get("FLAGS") : 0;
        }
        return all;
    }

    static void nexthopFlags(JsonGenerator g, Map<String, Object> hop) throws IOException {
        long flags = hop == null || !hop.containsKey("FLAGS") ? 0 : (Long) hop.get("FLAGS");
        g.writeArrayFieldStart("flags");
        for (int i = 0; i < NEXTHOP_FLAG_BITS.length; i++) {
            if ((flags & NEXTHOP_FLAG_BITS[i]) != 0) {
                g.writeString(NEXTHOP_FLAG_NAMES[i]);
            }
        }
        g.writeEndArray();
    }

    /** ip's dst: "default" for a zero-length prefix, the bare address for a host route, else "a/len". */
    static String prefix(InetAddress address, long len) {
        if (len == 0) {
            return "default";
        }
        String a = text(address);
        return len == address.getAddress().length * 8L ? a : a + "/" + len;
    }

    static String scope(long scope) {
        return SCOPES.getOrDefault((int) scope, Long.toString(scope));
    }

    /** An address as ip writes it (glibc inet_ntop); any other value by its toString (FpmBytes hides secrets). */
    static String text(Object value) {
        if (value instanceof InetAddress) {
            return LinkFormat.inet6OrInet4((InetAddress) value);
        }
        return value instanceof FpmBytes ? value.toString() : String.valueOf(value);
    }
}
