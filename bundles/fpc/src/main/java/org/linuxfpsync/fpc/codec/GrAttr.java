package org.linuxfpsync.fpc.codec;

/** TLVs of GR_BEGIN and GR_END. */
public final class GrAttr {
    /** u8: object family ({@link FpcMessageType#FAMILY_INTERFACES}, ...). */
    public static final int FAMILY = 1;
    /** u32: the vrf replayed. */
    public static final int VRFID = 2;

    private GrAttr() {
    }
}
