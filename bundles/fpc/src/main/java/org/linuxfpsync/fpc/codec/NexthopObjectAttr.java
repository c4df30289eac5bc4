package org.linuxfpsync.fpc.codec;

import static org.linuxfpsync.fpc.codec.TlvForm.ADDRESS;
import static org.linuxfpsync.fpc.codec.TlvForm.NESTED;
import static org.linuxfpsync.fpc.codec.TlvForm.U16;
import static org.linuxfpsync.fpc.codec.TlvForm.U32;
import static org.linuxfpsync.fpc.codec.TlvForm.U64;
import static org.linuxfpsync.fpc.codec.TlvForm.U8;
import static org.linuxfpsync.fpc.codec.TlvSpec.key;
import static org.linuxfpsync.fpc.codec.TlvSpec.opt;

import java.util.List;

import org.linuxfpsync.fpc.codec.MessageSpec.Role;

/**
 * The object family of table {@code nexthops}, declared once, here: its code and message types, the constants of
 * its TLVs, and its {@code SCHEMA}, which {@link FpcSchema} registers.
 *
 * <p>TLVs of NEXTHOP_ADD and NEXTHOP_DEL (kernel nexthop objects, {@code ip nexthop}: RTM_NEWNEXTHOP). A route
 * that uses one carries its ID (ROUTE NH_ID); a nexthop's replacement is one NEXTHOP_ADD whatever the number of
 * routes using it. Layout: docs/fpc-protocol.md, {@link FpcSchema}.
 */
public final class NexthopObjectAttr {
    /** The family (GR_BEGIN and FLUSH FAMILY): the high byte of its message types. */
    public static final int FAMILY_NEXTHOPS = 0x17;
    /** A nexthop object or group, created or replaced. */
    public static final int NEXTHOP_ADD = 0x1700;
    /** The nexthop object is gone. */
    public static final int NEXTHOP_DEL = 0x1701;

    /** u32 (key): the vrf. */
    public static final int VRFID = 1;
    /** u32 (key): NHA_ID, the nexthop's ID in the vrf. */
    public static final int ID = 2;
    /** u8 (optional): nh_family: 2 AF_INET, 10 AF_INET6; absent (0) for a group. */
    public static final int FAMILY = 3;
    /** u8 (optional): nh_protocol, RTPROT_* of the installer. */
    public static final int PROTOCOL = 4;
    /** u8 (optional): nh_scope, RT_SCOPE_*: 253 link (with a gateway), 254 host (a device only). */
    public static final int SCOPE = 5;
    /** u32 (optional): nh_flags, RTNH_F_*: 0x1 dead, 0x4 onlink, 0x10 linkdown. */
    public static final int FLAGS = 6;
    /** address (optional): NHA_GATEWAY. */
    public static final int GATEWAY = 7;
    /** u64 (optional): the output interface (NHA_OIF). */
    public static final int IFUID = 8;
    /** u8 (optional): 1: NHA_BLACKHOLE, the nexthop drops. */
    public static final int BLACKHOLE = 9;
    /** u8 (optional): 1: NHA_FDB, a nexthop (or group) of bridge FDB entries, not of routes. */
    public static final int FDB = 10;
    /** u16 (optional): NHA_ENCAP_TYPE, LWTUNNEL_ENCAP_*. */
    public static final int ENCAP_TYPE = 11;
    /** u8 (optional): NHA_GROUP_TYPE of a group: 0 mpath (hash-threshold), 1 resilient. */
    public static final int GROUP_TYPE = 12;
    /** nested (optional, repeated): one member of a group (table NHGRP below), in the kernel's order. */
    public static final int MEMBER = 13;
    /** u16 (optional): NHA_RES_GROUP_BUCKETS of a resilient group. */
    public static final int BUCKETS = 14;
    /** u32 (optional): NHA_RES_GROUP_IDLE_TIMER of a resilient group, in hundredths of a second (clock_t). */
    public static final int IDLE_TIMER = 15;
    /** u32 (optional): NHA_RES_GROUP_UNBALANCED_TIMER of a resilient group, in hundredths of a second. */
    public static final int UNBALANCED_TIMER = 16;

    static final TlvList TLVS = new TlvList("NEXTHOP", "NexthopObjectAttr",
            "TLVs of NEXTHOP_ADD and NEXTHOP_DEL (kernel nexthop objects, `ip nexthop`: `RTM_NEWNEXTHOP`). A route "
            + "that uses one carries its ID (ROUTE NH_ID).", List.of(
            key(VRFID, "VRFID", U32, "the vrf"),
            key(ID, "ID", U32, "`NHA_ID`, the nexthop's ID in the vrf"),
            opt(FAMILY, "FAMILY", U8, "`nh_family`: 2 AF_INET, 10 AF_INET6; absent (0) for a group"),
            opt(PROTOCOL, "PROTOCOL", U8, "`nh_protocol`, `RTPROT_*` of the installer"),
            opt(SCOPE, "SCOPE", U8,
                    "`nh_scope`, `RT_SCOPE_*`: 253 link (with a gateway), 254 host (a device only)"),
            opt(FLAGS, "FLAGS", U32, "`nh_flags`, `RTNH_F_*`: 0x1 dead, 0x4 onlink, 0x10 linkdown"),
            opt(GATEWAY, "GATEWAY", ADDRESS, "`NHA_GATEWAY`"),
            opt(IFUID, "IFUID", U64, "the output interface (`NHA_OIF`)"),
            opt(BLACKHOLE, "BLACKHOLE", U8, "1: `NHA_BLACKHOLE`, the nexthop drops"),
            opt(FDB, "FDB", U8, "1: `NHA_FDB`, a nexthop (or group) of bridge FDB entries, not of routes"),
            opt(ENCAP_TYPE, "ENCAP_TYPE", U16, "`NHA_ENCAP_TYPE`, `LWTUNNEL_ENCAP_*`"),
            opt(GROUP_TYPE, "GROUP_TYPE", U8, "`NHA_GROUP_TYPE` of a group: 0 mpath (hash-threshold), 1 resilient"),
            opt(MEMBER, "MEMBER", NESTED,
                    "one member of a group (table NHGRP below), in the kernel's order")
                    .withNested(NexthopGroupMemberAttr.TLVS).asRepeated(),
            opt(BUCKETS, "BUCKETS", U16, "`NHA_RES_GROUP_BUCKETS` of a resilient group"),
            opt(IDLE_TIMER, "IDLE_TIMER", U32,
                    "`NHA_RES_GROUP_IDLE_TIMER` of a resilient group, in hundredths of a second (`clock_t`)"),
            opt(UNBALANCED_TIMER, "UNBALANCED_TIMER", U32,
                    "`NHA_RES_GROUP_UNBALANCED_TIMER` of a resilient group, in hundredths of a second")));

    static final ObjectFamily SCHEMA = new ObjectFamily(FAMILY_NEXTHOPS, "nexthops", "Nexthop objects",
            "base (IPv4 and IPv6 nexthops, groups)", TLVS, List.of(
                new MessageSpec(NEXTHOP_ADD, "NEXTHOP_ADD", Role.ADD,
                        "a nexthop object or group, created or replaced", TLVS),
                new MessageSpec(NEXTHOP_DEL, "NEXTHOP_DEL", Role.DEL, "the nexthop object is gone", TLVS)));

    private NexthopObjectAttr() {
    }
}
