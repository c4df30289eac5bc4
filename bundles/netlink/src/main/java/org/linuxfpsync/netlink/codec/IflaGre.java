package org.linuxfpsync.netlink.codec;

/**
 * The constants of the {@code IFLA_INFO_DATA} of a link of kind "gre", "gretap", "ip6gre",
 * "ip6gretap", "erspan" or "ip6erspan" ({@code linux/if_tunnel.h}), named exactly as in the kernel's
 * uapi headers, checked against them by {@code LinkKindConstantsTest}. The encapsulation types and
 * flags ({@code TUNNEL_ENCAP_*}) and the ip6 tunnel flags of {@code IFLA_GRE_FLAGS}
 * ({@code IP6_TNL_F_*}) are the other tunnels' ({@code IflaIptun}).
 */
public final class IflaGre {
    public static final int IFLA_GRE_LINK = 1;
    /** {@code __be16}: GRE_* flags of received packets. */
    public static final int IFLA_GRE_IFLAGS = 2;
    /** {@code __be16}: GRE_* flags of sent packets. */
    public static final int IFLA_GRE_OFLAGS = 3;
    /** {@code __be32}. */
    public static final int IFLA_GRE_IKEY = 4;
    /** {@code __be32}. */
    public static final int IFLA_GRE_OKEY = 5;
    public static final int IFLA_GRE_LOCAL = 6;
    public static final int IFLA_GRE_REMOTE = 7;
    public static final int IFLA_GRE_TTL = 8;
    public static final int IFLA_GRE_TOS = 9;
    public static final int IFLA_GRE_PMTUDISC = 10;
    public static final int IFLA_GRE_ENCAP_LIMIT = 11;
    /** {@code __be32}: traffic class and flow label of an ip6gre. */
    public static final int IFLA_GRE_FLOWINFO = 12;
    /** u32: IP6_TNL_F_* of an ip6gre. */
    public static final int IFLA_GRE_FLAGS = 13;
    public static final int IFLA_GRE_ENCAP_TYPE = 14;
    public static final int IFLA_GRE_ENCAP_FLAGS = 15;
    /** {@code __be16}. */
    public static final int IFLA_GRE_ENCAP_SPORT = 16;
    /** {@code __be16}. */
    public static final int IFLA_GRE_ENCAP_DPORT = 17;
    /** A flag (no payload): the device is flow-based ({@code external}). */
    public static final int IFLA_GRE_COLLECT_METADATA = 18;
    public static final int IFLA_GRE_IGNORE_DF = 19;
    public static final int IFLA_GRE_FWMARK = 20;
    public static final int IFLA_GRE_ERSPAN_INDEX = 21;
    public static final int IFLA_GRE_ERSPAN_VER = 22;
    public static final int IFLA_GRE_ERSPAN_DIR = 23;
    public static final int IFLA_GRE_ERSPAN_HWID = 24;

    // ---- GRE header flags, as IFLA_GRE_IFLAGS/OFLAGS carry them: __be16 values, here as read in network order
    public static final int GRE_CSUM = 0x8000;
    public static final int GRE_KEY = 0x2000;
    public static final int GRE_SEQ = 0x1000;

    private IflaGre() {
    }
}
