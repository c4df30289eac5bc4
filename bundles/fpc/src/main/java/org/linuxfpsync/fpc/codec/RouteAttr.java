package org.linuxfpsync.fpc.codec;

import static org.linuxfpsync.fpc.codec.TlvForm.ADDRESS;
import static org.linuxfpsync.fpc.codec.TlvForm.NESTED;
import static org.linuxfpsync.fpc.codec.TlvForm.U32;
import static org.linuxfpsync.fpc.codec.TlvForm.U64;
import static org.linuxfpsync.fpc.codec.TlvForm.U8;
import static org.linuxfpsync.fpc.codec.TlvSpec.key;
import static org.linuxfpsync.fpc.codec.TlvSpec.key0;
import static org.linuxfpsync.fpc.codec.TlvSpec.opt;

import java.util.List;

import org.linuxfpsync.fpc.codec.MessageSpec.Role;

/**
 * The object family of table {@code routes}, declared once, here: its code and message types, the constants of its
 * TLVs, and its {@code SCHEMA}, which {@link FpcSchema} registers.
 *
 * <p>TLVs of ROUTE_ADD and ROUTE_DEL (RTM_NEWROUTE). The key is the kernel's route identity. Layout:
 * docs/fpc-protocol.md, {@link FpcSchema}.
 */
public final class RouteAttr {
    /** The family (GR_BEGIN and FLUSH FAMILY): the high byte of its message types. */
    public static final int FAMILY_ROUTES = 0x03;
    /** Full state of a route, created or replaced. */
    public static final int ROUTE_ADD = 0x0300;
    /** The route is gone. */
    public static final int ROUTE_DEL = 0x0301;

    /** u32 (key): the vrf. */
    public static final int VRFID = 1;
    /** u32 (key): routing table (RTA_TABLE): 254 main, 255 local, 253 default, or any other number. */
    public static final int TABLE = 2;
    /** u8 (key): address family: 2 AF_INET, 10 AF_INET6. */
    public static final int FAMILY = 3;
    /** address (key): destination network (host bits zero); 0.0.0.0/:: with PREFIXLEN 0 for the default route. */
    public static final int DST = 4;
    /** u8 (key): rtm_dst_len, at most 32 (IPv4) or 128 (IPv6). */
    public static final int PREFIXLEN = 5;
    /** u8 (key, 0 when absent): rtm_tos. */
    public static final int TOS = 6;
    /** u32 (key, 0 when absent): RTA_PRIORITY, ip's metric. */
    public static final int PRIORITY = 7;
    /**
     * u8 (optional): RTN_*: 1 unicast (when absent), 2 local, 3 broadcast, 4 anycast, 5 multicast, 6 blackhole, 7
     * unreachable, 8 prohibit, 9 throw.
     */
    public static final int TYPE = 8;
    /** u8 (optional): RTPROT_*: 2 kernel, 3 boot, 4 static, 11 zebra, 16 dhcp, 186 bgp, 188 ospf.... */
    public static final int PROTOCOL = 9;
    /** u8 (optional): RT_SCOPE_*: 0 universe, 200 site, 253 link, 254 host. */
    public static final int SCOPE = 10;
    /** address (optional): RTA_PREFSRC. */
    public static final int PREFSRC = 11;
    /** u32 (optional): RTAX_MTU of RTA_METRICS: path MTU to use for this route. */
    public static final int MTU = 12;
    /** u8 (optional): IPv6 router preference (RTA_PREF): 0 medium, 1 high, 3 low. */
    public static final int PREF = 13;
    /**
     * nested (optional, repeated): one next hop (table NEXTHOP below); repeated, in the kernel's order, for a multipath
     * route; absent for blackhole, unreachable, prohibit.
     */
    public static final int NEXTHOP = 14;
    /**
     * u64 (key, 0 when absent): the output interface of a single-path route (RTA_OIF); absent for a multipath route and
     * a route without one. The kernel keeps routes that differ by their interface only.
     */
    public static final int OIF_IFUID = 15;
    /**
     * u32 (optional): RTA_NH_ID: the route forwards through this nexthop object (table nexthops); it then has no
     * NEXTHOP TLV and no OIF_IFUID.
     */
    public static final int NH_ID = 16;

    static final TlvList TLVS = new TlvList("ROUTE", "RouteAttr",
            "TLVs of ROUTE_ADD and ROUTE_DEL (`RTM_NEWROUTE`). The key is the kernel's route identity.", List.of(
            key(VRFID, "VRFID", U32, "the vrf"),
            key(TABLE, "TABLE", U32,
                    "routing table (`RTA_TABLE`): 254 main, 255 local, 253 default, or any other number"),
            key(FAMILY, "FAMILY", U8, "address family: 2 AF_INET, 10 AF_INET6"),
            key(DST, "DST", ADDRESS,
                    "destination network (host bits zero); `0.0.0.0`/`::` with PREFIXLEN 0 for the default route"),
            key(PREFIXLEN, "PREFIXLEN", U8, "`rtm_dst_len`, at most 32 (IPv4) or 128 (IPv6)"),
            key0(TOS, "TOS", U8, "`rtm_tos`"),
            key0(PRIORITY, "PRIORITY", U32, "`RTA_PRIORITY`, ip's `metric`"),
            opt(TYPE, "TYPE", U8,
                    "`RTN_*`: 1 unicast (when absent), 2 local, 3 broadcast, 4 anycast, 5 multicast, 6 blackhole, "
                    + "7 unreachable, 8 prohibit, 9 throw"),
            opt(PROTOCOL, "PROTOCOL", U8,
                    "`RTPROT_*`: 2 kernel, 3 boot, 4 static, 11 zebra, 16 dhcp, 186 bgp, 188 ospf..."),
            opt(SCOPE, "SCOPE", U8, "`RT_SCOPE_*`: 0 universe, 200 site, 253 link, 254 host"),
            opt(PREFSRC, "PREFSRC", ADDRESS, "`RTA_PREFSRC`"),
            opt(MTU, "MTU", U32, "`RTAX_MTU` of `RTA_METRICS`: path MTU to use for this route"),
            opt(PREF, "PREF", U8, "IPv6 router preference (`RTA_PREF`): 0 medium, 1 high, 3 low"),
            opt(NEXTHOP, "NEXTHOP", NESTED,
                    "one next hop (table NEXTHOP below); repeated, in the kernel's order, for a multipath route; "
                    + "absent for blackhole, unreachable, prohibit").withNested(NexthopAttr.TLVS).asRepeated(),
            key0(OIF_IFUID, "OIF_IFUID", U64,
                    "the output interface of a single-path route (`RTA_OIF`); absent for a multipath route and a "
                    + "route without one. The kernel keeps routes that differ by their interface only: IPv6's "
                    + "`fe80::/64` and `ff00::/8` of every link, IPv4's prefix routes of one subnet on two links"),
            opt(NH_ID, "NH_ID", U32,
                    "`RTA_NH_ID`: the route forwards through this nexthop object (table nexthops, NEXTHOP_ADD); it "
                    + "then has no NEXTHOP TLV and no OIF_IFUID")));

    static final ObjectFamily SCHEMA = new ObjectFamily(FAMILY_ROUTES, "routes", "Routes",
            "base (IPv4); ipv6 0x10000 (IPv6)", TLVS, List.of(
                new MessageSpec(ROUTE_ADD, "ROUTE_ADD", Role.ADD,
                        "full state of a route, created or replaced", TLVS),
                new MessageSpec(ROUTE_DEL, "ROUTE_DEL", Role.DEL, "the route is gone", TLVS)));

    private RouteAttr() {
    }
}
