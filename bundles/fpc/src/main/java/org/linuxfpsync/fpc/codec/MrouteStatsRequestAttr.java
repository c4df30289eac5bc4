package org.linuxfpsync.fpc.codec;

import static org.linuxfpsync.fpc.codec.TlvForm.U32;
import static org.linuxfpsync.fpc.codec.TlvSpec.opt;

import java.util.List;

/** TLVs of MROUTE_STATS_REQUEST. Layout: docs/fpc-protocol.md, {@link FpcSchema}. */
public final class MrouteStatsRequestAttr {
    /** u32 (optional): only the multicast routes of this vrf; absent: every vrf. */
    public static final int VRFID = 1;

    static final TlvList TLVS = new TlvList("MROUTE_STATS_REQ", "MrouteStatsRequestAttr",
            "TLVs of MROUTE_STATS_REQUEST.", List.of(
            opt(VRFID, "VRFID", U32, "only the multicast routes of this vrf; absent: every vrf")));

    private MrouteStatsRequestAttr() {
    }
}
