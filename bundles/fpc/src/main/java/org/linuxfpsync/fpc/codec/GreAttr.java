package org.linuxfpsync.fpc.codec;

/**
 * TLVs of GRE_ADD and GRE_DEL (IFLA_GRE_* of gre, gretap, ip6gre, ip6gretap). Layout: docs/fpc-protocol.md, {@link
 * FpcSchema}.
 */
public final class GreAttr {
    /** u32 (key): the vrf. */
    public static final int VRFID = 1;
    /** u64 (key): the tunnel interface. */
    public static final int IFUID = 2;
    /** u8 (required): 1 gre, 2 gretap, 3 ip6gre, 4 ip6gretap. */
    public static final int KIND = 3;
    /** address (optional): outer source. */
    public static final int LOCAL = 4;
    /** address (optional): outer destination; absent for a multipoint tunnel. */
    public static final int REMOTE = 5;
    /** u32 (optional): input key. */
    public static final int IKEY = 6;
    /** u32 (optional): output key. */
    public static final int OKEY = 7;
    /** u16 (optional): GRE_* input flags: 0x8000 csum, 0x2000 key, 0x1000 seq. */
    public static final int IFLAGS = 8;
    /** u16 (optional): GRE_* output flags. */
    public static final int OFLAGS = 9;
    /** u8 (optional): 0: inherit. */
    public static final int TTL = 10;
    /** u8 (optional): TOS or traffic class; 1: inherit. */
    public static final int TOS = 11;
    /** u8 (optional): 1: path MTU discovery (DF set). */
    public static final int PMTUDISC = 12;
    /** u64 (optional): the underlay device (IFLA_GRE_LINK). */
    public static final int LINK_IFUID = 13;
    /** u32 (optional): the vrf of the outer packets when it differs (IFLA_LINK_NETNSID). */
    public static final int LINK_VRFID = 14;

    private GreAttr() {
    }
}
