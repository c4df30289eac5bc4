package org.linuxfpsync.fpc.codec;

import static org.linuxfpsync.fpc.codec.TlvForm.U64;
import static org.linuxfpsync.fpc.codec.TlvForm.U8;
import static org.linuxfpsync.fpc.codec.TlvSpec.opt;
import static org.linuxfpsync.fpc.codec.TlvSpec.req;

import java.util.List;

/** TLVs inside an OIF of MROUTE_ADD. Layout: docs/fpc-protocol.md, {@link FpcSchema}. */
public final class MrouteOifAttr {
    /** u64 (required): the output interface. */
    public static final int IFUID = 1;
    /** u8 (optional): TTL threshold. */
    public static final int TTL = 2;

    static final TlvList TLVS = new TlvList("OIF", "MrouteOifAttr",
            "TLVs inside an OIF of MROUTE_ADD.", List.of(
            req(IFUID, "IFUID", U64, "the output interface"),
            opt(TTL, "TTL", U8, "TTL threshold")));

    private MrouteOifAttr() {
    }
}
