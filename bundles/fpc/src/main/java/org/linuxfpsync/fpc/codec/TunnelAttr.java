package org.linuxfpsync.fpc.codec;

import static org.linuxfpsync.fpc.codec.TlvForm.ADDRESS;
import static org.linuxfpsync.fpc.codec.TlvForm.U16;
import static org.linuxfpsync.fpc.codec.TlvForm.U32;
import static org.linuxfpsync.fpc.codec.TlvForm.U64;
import static org.linuxfpsync.fpc.codec.TlvForm.U8;
import static org.linuxfpsync.fpc.codec.TlvSpec.key;
import static org.linuxfpsync.fpc.codec.TlvSpec.opt;
import static org.linuxfpsync.fpc.codec.TlvSpec.req;

import java.util.List;

import org.linuxfpsync.fpc.codec.MessageSpec.Role;

/**
 * The object family of table {@code tunnels}, declared once, here: its code and message types, the constants of its
 * TLVs, and its {@code SCHEMA}, which {@link FpcSchema} registers.
 *
 * <p>TLVs of TUNNEL_ADD and TUNNEL_DEL (IFLA_IPTUN_* of ipip, sit, ip6tnl). Layout: docs/fpc-protocol.md, {@link
 * FpcSchema}.
 */
public final class TunnelAttr {
    /** The family (GR_BEGIN and FLUSH FAMILY): the high byte of its message types. */
    public static final int FAMILY_TUNNELS = 0x0e;
    /** Tunnel parameters of an interface. */
    public static final int TUNNEL_ADD = 0x0e00;
    /** The parameters are gone. */
    public static final int TUNNEL_DEL = 0x0e01;

    /** u32 (key): the vrf. */
    public static final int VRFID = 1;
    /** u64 (key): the tunnel interface. */
    public static final int IFUID = 2;
    /** u8 (required): 1 ipip, 2 sit, 3 ip6tnl. */
    public static final int KIND = 3;
    /** address (optional): outer source. */
    public static final int LOCAL = 4;
    /** address (optional): outer destination. */
    public static final int REMOTE = 5;
    /** u8 (optional): 0: inherit (hop limit for ip6tnl). */
    public static final int TTL = 6;
    /** u8 (optional): TOS of ipip and sit, traffic class of ip6tnl (bits 20-27 of IFLA_IPTUN_FLOWINFO). */
    public static final int TOS = 7;
    /** u8 (optional): inner protocol (ip6tnl mode): 4 IPv4 (ipip6), 41 IPv6 (ip6ip6), 0 any; 137 MPLS. */
    public static final int PROTO = 8;
    /** u32 (optional): IFLA_IPTUN_FLAGS. */
    public static final int FLAGS = 9;
    /** u64 (optional): the underlay device (IFLA_IPTUN_LINK). */
    public static final int LINK_IFUID = 10;
    /** u32 (optional): the vrf of the outer packets when it differs. */
    public static final int LINK_VRFID = 11;
    /** u32 (optional): flow label of ip6tnl (the low 20 bits of IFLA_IPTUN_FLOWINFO). */
    public static final int FLOWLABEL = 12;
    /** u8 (optional): encapsulation limit of ip6tnl. */
    public static final int ENCAP_LIMIT = 13;
    /** u8 (optional): 1: path MTU discovery (DF set) of ipip and sit. */
    public static final int PMTUDISC = 14;
    /** u32 (optional): the mark of the outer packets. */
    public static final int FWMARK = 15;
    /** u8 (optional): 1: external (collect_metadata), the endpoints come with each packet. */
    public static final int COLLECT_METADATA = 16;
    /** u16 (optional): IFLA_IPTUN_ENCAP_TYPE: 0 none, 1 fou, 2 gue, 3 mpls. */
    public static final int ENCAP_TYPE = 17;
    /** u16 (optional): IFLA_IPTUN_ENCAP_FLAGS: 1 csum, 2 csum6, 4 remcsum. */
    public static final int ENCAP_FLAGS = 18;
    /** u16 (optional): UDP source port of the encapsulation (0: chosen by flow). */
    public static final int ENCAP_SPORT = 19;
    /** u16 (optional): UDP destination port of the encapsulation. */
    public static final int ENCAP_DPORT = 20;
    /** address (optional): 6rd prefix of sit. */
    public static final int IP6RD_PREFIX = 21;
    /** u16 (optional): length of the 6rd prefix. */
    public static final int IP6RD_PREFIXLEN = 22;
    /** address (optional): 6rd relay prefix of sit. */
    public static final int IP6RD_RELAY_PREFIX = 23;
    /** u16 (optional): length of the 6rd relay prefix. */
    public static final int IP6RD_RELAY_PREFIXLEN = 24;
    /** u8 (optional): 1: the kind's fallback device (tunl0, sit0, ip6tnl0): the catch-all receive device of its namespace. */
    public static final int FALLBACK = 25;

    static final TlvList TLVS = new TlvList("TUNNEL", "TunnelAttr",
            "TLVs of TUNNEL_ADD and TUNNEL_DEL (`IFLA_IPTUN_*` of ipip, sit, ip6tnl).", List.of(
            key(VRFID, "VRFID", U32, "the vrf"),
            key(IFUID, "IFUID", U64, "the tunnel interface"),
            req(KIND, "KIND", U8, "1 ipip, 2 sit, 3 ip6tnl"),
            opt(LOCAL, "LOCAL", ADDRESS, "outer source"),
            opt(REMOTE, "REMOTE", ADDRESS, "outer destination"),
            opt(TTL, "TTL", U8, "0: inherit (hop limit for ip6tnl)"),
            opt(TOS, "TOS", U8, "TOS of ipip and sit, traffic class of ip6tnl (bits 20-27 of `IFLA_IPTUN_FLOWINFO`)"),
            opt(PROTO, "PROTO", U8, "inner protocol (ip6tnl mode): 4 IPv4 (ipip6), 41 IPv6 (ip6ip6), 0 any; 137 MPLS"),
            opt(FLAGS, "FLAGS", U32, "`IFLA_IPTUN_FLAGS`: `SIT_ISATAP` of sit, `IP6_TNL_F_*` of ip6tnl"),
            opt(LINK_IFUID, "LINK_IFUID", U64, "the underlay device (`IFLA_IPTUN_LINK`)"),
            opt(LINK_VRFID, "LINK_VRFID", U32, "the vrf of the outer packets when it differs"),
            opt(FLOWLABEL, "FLOWLABEL", U32, "flow label of ip6tnl (the low 20 bits of `IFLA_IPTUN_FLOWINFO`)"),
            opt(ENCAP_LIMIT, "ENCAP_LIMIT", U8, "encapsulation limit of ip6tnl"),
            opt(PMTUDISC, "PMTUDISC", U8, "1: path MTU discovery (DF set) of ipip and sit"),
            opt(FWMARK, "FWMARK", U32, "the mark of the outer packets"),
            opt(COLLECT_METADATA, "COLLECT_METADATA", U8, "1: external (collect_metadata), endpoints per packet"),
            opt(ENCAP_TYPE, "ENCAP_TYPE", U16, "`IFLA_IPTUN_ENCAP_TYPE`: 0 none, 1 fou, 2 gue, 3 mpls"),
            opt(ENCAP_FLAGS, "ENCAP_FLAGS", U16, "`IFLA_IPTUN_ENCAP_FLAGS`: 1 csum, 2 csum6, 4 remcsum"),
            opt(ENCAP_SPORT, "ENCAP_SPORT", U16, "UDP source port of the encapsulation (0: by flow)"),
            opt(ENCAP_DPORT, "ENCAP_DPORT", U16, "UDP destination port of the encapsulation"),
            opt(IP6RD_PREFIX, "IP6RD_PREFIX", ADDRESS, "6rd prefix of sit"),
            opt(IP6RD_PREFIXLEN, "IP6RD_PREFIXLEN", U16, "length of the 6rd prefix"),
            opt(IP6RD_RELAY_PREFIX, "IP6RD_RELAY_PREFIX", ADDRESS, "6rd relay prefix of sit"),
            opt(IP6RD_RELAY_PREFIXLEN, "IP6RD_RELAY_PREFIXLEN", U16, "length of the 6rd relay prefix"),
            opt(FALLBACK, "FALLBACK", U8,
                    "1: the kind's fallback device (tunl0, sit0, ip6tnl0): the catch-all receive device of its namespace")));

    static final ObjectFamily SCHEMA = new ObjectFamily(FAMILY_TUNNELS, "tunnels",
            "IP tunnels (ipip, sit, ip6tnl)",
            "tunnel 0x80", TLVS, List.of(
                new MessageSpec(TUNNEL_ADD, "TUNNEL_ADD", Role.ADD,
                        "tunnel parameters of an interface", TLVS),
                new MessageSpec(TUNNEL_DEL, "TUNNEL_DEL", Role.DEL,
                        "the parameters are gone", TLVS)));

    private TunnelAttr() {
    }
}
