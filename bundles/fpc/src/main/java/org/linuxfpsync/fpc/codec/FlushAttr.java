package org.linuxfpsync.fpc.codec;

/** TLVs of FLUSH. Layout: docs/fpc-protocol.md, {@link FpcSchema}. */
public final class FlushAttr {
    /** u8 (required): the object family to empty (section 7.1). */
    public static final int FAMILY = 1;
    /** u32 (required): in this vrf. */
    public static final int VRFID = 2;

    private FlushAttr() {
    }
}
