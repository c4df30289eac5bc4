package org.linuxfpsync.netlink.codec;

/**
 * The constants of the {@code IFLA_INFO_DATA} of a link of kind "ipip", "sit" or "ip6tnl" ({@code
 * linux/if_tunnel.h}, {@code linux/ip6_tunnel.h}), named exactly as in the kernel's uapi headers, checked against
 * them by {@code LinkKindConstantsTest}.
 */
public final class IflaIptun {
    public static final int IFLA_IPTUN_LINK = 1;
    public static final int IFLA_IPTUN_LOCAL = 2;
    public static final int IFLA_IPTUN_REMOTE = 3;
    public static final int IFLA_IPTUN_TTL = 4;
    public static final int IFLA_IPTUN_TOS = 5;
    public static final int IFLA_IPTUN_ENCAP_LIMIT = 6;
    public static final int IFLA_IPTUN_FLOWINFO = 7;
    public static final int IFLA_IPTUN_FLAGS = 8;
    public static final int IFLA_IPTUN_PROTO = 9;
    public static final int IFLA_IPTUN_PMTUDISC = 10;
    public static final int IFLA_IPTUN_6RD_PREFIX = 11;
    public static final int IFLA_IPTUN_6RD_RELAY_PREFIX = 12;
    public static final int IFLA_IPTUN_6RD_PREFIXLEN = 13;
    public static final int IFLA_IPTUN_6RD_RELAY_PREFIXLEN = 14;
    public static final int IFLA_IPTUN_ENCAP_TYPE = 15;
    public static final int IFLA_IPTUN_ENCAP_FLAGS = 16;
    public static final int IFLA_IPTUN_ENCAP_SPORT = 17;
    public static final int IFLA_IPTUN_ENCAP_DPORT = 18;
    public static final int IFLA_IPTUN_COLLECT_METADATA = 19;
    public static final int IFLA_IPTUN_FWMARK = 20;
    public static final int IFLA_IPTUN_MAX = 20;

    // ---- values
    public static final int TUNNEL_ENCAP_NONE = 0;
    public static final int TUNNEL_ENCAP_FOU = 1;
    public static final int TUNNEL_ENCAP_GUE = 2;
    public static final int TUNNEL_ENCAP_MPLS = 3;
    public static final int TUNNEL_ENCAP_FLAG_CSUM = 1;
    public static final int TUNNEL_ENCAP_FLAG_CSUM6 = 2;
    public static final int TUNNEL_ENCAP_FLAG_REMCSUM = 4;
    /** IFLA_IPTUN_FLAGS of a sit: an ISATAP router. */
    public static final int SIT_ISATAP = 0x0001;
    public static final int IP6_TNL_F_IGN_ENCAP_LIMIT = 0x1;
    public static final int IP6_TNL_F_USE_ORIG_TCLASS = 0x2;
    public static final int IP6_TNL_F_USE_ORIG_FLOWLABEL = 0x4;
    public static final int IP6_TNL_F_MIP6_DEV = 0x8;
    public static final int IP6_TNL_F_RCV_DSCP_COPY = 0x10;
    public static final int IP6_TNL_F_USE_ORIG_FWMARK = 0x20;
    public static final int IP6_TNL_F_ALLOW_LOCAL_REMOTE = 0x40;

    private IflaIptun() {
    }
}
