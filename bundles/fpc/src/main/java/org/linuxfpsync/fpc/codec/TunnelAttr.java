package org.linuxfpsync.fpc.codec;

/**
 * TLVs of TUNNEL_ADD and TUNNEL_DEL (IFLA_IPTUN_* of ipip, sit, ip6tnl). Layout: docs/fpc-protocol.md, {@link
 * FpcSchema}.
 */
public final class TunnelAttr {
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

    private TunnelAttr() {
    }
}
