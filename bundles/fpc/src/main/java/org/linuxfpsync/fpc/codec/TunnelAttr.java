package org.linuxfpsync.fpc.codec;

import static org.linuxfpsync.fpc.codec.TlvForm.ADDRESS;
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
    /** u8 (optional): TOS or traffic class. */
    public static final int TOS = 7;
    /** u8 (optional): inner protocol of ip6tnl and ipip: 4 IPv4, 41 IPv6, 0 any. */
    public static final int PROTO = 8;
    /** u32 (optional): IFLA_IPTUN_FLAGS. */
    public static final int FLAGS = 9;
    /** u64 (optional): the underlay device (IFLA_IPTUN_LINK). */
    public static final int LINK_IFUID = 10;
    /** u32 (optional): the vrf of the outer packets when it differs. */
    public static final int LINK_VRFID = 11;
    /** u8 (optional): 1: the kind's fallback device (tunl0, sit0, ip6tnl0): the catch-all receive device of its namespace. */
    public static final int FALLBACK = 12;

    static final TlvList TLVS = new TlvList("TUNNEL", "TunnelAttr",
            "TLVs of TUNNEL_ADD and TUNNEL_DEL (`IFLA_IPTUN_*` of ipip, sit, ip6tnl).", List.of(
            key(VRFID, "VRFID", U32, "the vrf"),
            key(IFUID, "IFUID", U64, "the tunnel interface"),
            req(KIND, "KIND", U8, "1 ipip, 2 sit, 3 ip6tnl"),
            opt(LOCAL, "LOCAL", ADDRESS, "outer source"),
            opt(REMOTE, "REMOTE", ADDRESS, "outer destination"),
            opt(TTL, "TTL", U8, "0: inherit (hop limit for ip6tnl)"),
            opt(TOS, "TOS", U8, "TOS or traffic class"),
            opt(PROTO, "PROTO", U8, "inner protocol of ip6tnl and ipip: 4 IPv4, 41 IPv6, 0 any"),
            opt(FLAGS, "FLAGS", U32, "`IFLA_IPTUN_FLAGS`"),
            opt(LINK_IFUID, "LINK_IFUID", U64, "the underlay device (`IFLA_IPTUN_LINK`)"),
            opt(LINK_VRFID, "LINK_VRFID", U32, "the vrf of the outer packets when it differs"),
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
