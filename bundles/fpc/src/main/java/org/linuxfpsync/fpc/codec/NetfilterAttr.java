package org.linuxfpsync.fpc.codec;

/**
 * TLVs of NF_TABLE_ADD and NF_TABLE_DEL: the rules of one netfilter table (or one chain of it) as an opaque blob the
 * fast path compiles. Layout: docs/fpc-protocol.md, {@link FpcSchema}.
 */
public final class NetfilterAttr {
    /** u32 (key): the vrf. */
    public static final int VRFID = 1;
    /** u8 (key): NFPROTO_*: 2 IPv4, 3 ARP, 7 bridge (ebtables), 10 IPv6. */
    public static final int FAMILY = 2;
    /** string (key): filter, nat, mangle, raw, broute..., at most 31 bytes. */
    public static final int TABLE = 3;
    /** string (key, 0 when absent): one chain of the table; absent: the whole table; at most 31 bytes. */
    public static final int CHAIN = 4;
    /**
     * u8 (required): 1: x_tables replace blob (ipt_replace, ip6t_replace, ebt_replace and its entries), 2: nftables
     * netlink rule messages.
     */
    public static final int FORMAT = 5;
    /**
     * bytes (optional, repeated): a piece of the blob; repeated: the blob is the concatenation of the RULES TLVs in
     * order.
     */
    public static final int RULES = 6;
    /** u8 (optional): chain policy: 0 drop, 1 accept. */
    public static final int POLICY = 7;

    private NetfilterAttr() {
    }
}
