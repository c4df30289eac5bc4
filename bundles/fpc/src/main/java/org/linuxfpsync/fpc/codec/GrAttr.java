package org.linuxfpsync.fpc.codec;

import static org.linuxfpsync.fpc.codec.TlvForm.U32;
import static org.linuxfpsync.fpc.codec.TlvForm.U8;
import static org.linuxfpsync.fpc.codec.TlvSpec.req;

import java.util.List;

/** TLVs of GR_BEGIN and GR_END. */
public final class GrAttr {
    /** u8: object family ({@link InterfaceAttr#FAMILY_INTERFACES}, ...). */
    public static final int FAMILY = 1;
    /** u32: the vrf replayed. */
    public static final int VRFID = 2;

    static final TlvList TLVS = new TlvList("GR", "GrAttr",
            "", List.of(
            req(FAMILY, "FAMILY", U8, "object family (section 7.1)"),
            req(VRFID, "VRFID", U32, "the vrf replayed")));

    private GrAttr() {
    }
}
