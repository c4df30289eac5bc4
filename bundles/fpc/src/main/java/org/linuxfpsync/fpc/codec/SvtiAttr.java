package org.linuxfpsync.fpc.codec;

/**
 * TLVs of SVTI_ADD and SVTI_DEL (a vti or vti6 interface: route-based IPsec). Layout: docs/fpc-protocol.md, {@link
 * FpcSchema}.
 */
public final class SvtiAttr {
    /** u32 (key): the vrf. */
    public static final int VRFID = 1;
    /** u64 (key): the vti interface. */
    public static final int IFUID = 2;
    /** address (optional): outer source. */
    public static final int LOCAL = 3;
    /** address (optional): outer destination. */
    public static final int REMOTE = 4;
    /** u32 (optional): input key: the mark matching inbound SAs. */
    public static final int IKEY = 5;
    /** u32 (optional): output key: the mark of outbound lookups. */
    public static final int OKEY = 6;
    /** u64 (optional): the underlay device. */
    public static final int LINK_IFUID = 7;
    /** u32 (optional): the vrf of the outer packets when it differs. */
    public static final int LINK_VRFID = 8;

    private SvtiAttr() {
    }
}
