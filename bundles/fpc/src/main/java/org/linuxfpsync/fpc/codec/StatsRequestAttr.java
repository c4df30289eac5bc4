package org.linuxfpsync.fpc.codec;

import static org.linuxfpsync.fpc.codec.TlvForm.U32;
import static org.linuxfpsync.fpc.codec.TlvForm.U64;
import static org.linuxfpsync.fpc.codec.TlvSpec.opt;

import java.util.List;

/** TLVs of STATS_REQUEST. Layout: docs/fpc-protocol.md, {@link FpcSchema}. */
public final class StatsRequestAttr {
    /** u32 (optional): only the interfaces of this vrf; absent: every vrf. */
    public static final int VRFID = 1;
    /** u64 (optional): only this interface. */
    public static final int IFUID = 2;

    static final TlvList TLVS = new TlvList("STATS_REQ", "StatsRequestAttr",
            "TLVs of STATS_REQUEST.", List.of(
            opt(VRFID, "VRFID", U32, "only the interfaces of this vrf; absent: every vrf"),
            opt(IFUID, "IFUID", U64, "only this interface")));

    private StatsRequestAttr() {
    }
}
