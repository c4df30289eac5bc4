package org.linuxfpsync.fpc.codec;

import static org.linuxfpsync.fpc.codec.TlvForm.U32;
import static org.linuxfpsync.fpc.codec.TlvForm.U8;
import static org.linuxfpsync.fpc.codec.TlvSpec.req;

import java.util.List;

/** TLVs of FLUSH. Layout: docs/fpc-protocol.md, {@link FpcSchema}. */
public final class FlushAttr {
    /** u8 (required): the object family to empty (section 7.1). */
    public static final int FAMILY = 1;
    /** u32 (required): in this vrf. */
    public static final int VRFID = 2;

    static final TlvList TLVS = new TlvList("FLUSH", "FlushAttr",
            "TLVs of FLUSH.", List.of(
            req(FAMILY, "FAMILY", U8, "the object family to empty (section 7.1)"),
            req(VRFID, "VRFID", U32, "in this vrf")));

    private FlushAttr() {
    }
}
