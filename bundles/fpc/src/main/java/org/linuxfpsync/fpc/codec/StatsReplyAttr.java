package org.linuxfpsync.fpc.codec;

import static org.linuxfpsync.fpc.codec.TlvForm.U32;
import static org.linuxfpsync.fpc.codec.TlvForm.U64;
import static org.linuxfpsync.fpc.codec.TlvForm.U8;
import static org.linuxfpsync.fpc.codec.TlvSpec.opt;
import static org.linuxfpsync.fpc.codec.TlvSpec.req;

import java.util.List;

/** TLVs of STATS_REPLY. Layout: docs/fpc-protocol.md, {@link FpcSchema}. */
public final class StatsReplyAttr {
    /** u32 (required): seq of the STATS_REQUEST answered. */
    public static final int REQUEST_SEQ = 1;
    /** u64 (optional): the interface counted; absent in an empty answer. */
    public static final int IFUID = 2;
    /** u32 (optional): its vrf. */
    public static final int VRFID = 3;
    /** u64 (optional). */
    public static final int RX_PACKETS = 4;
    /** u64 (optional). */
    public static final int RX_BYTES = 5;
    /** u64 (optional). */
    public static final int TX_PACKETS = 6;
    /** u64 (optional). */
    public static final int TX_BYTES = 7;
    /** u64 (optional). */
    public static final int RX_DROPPED = 8;
    /** u64 (optional). */
    public static final int TX_DROPPED = 9;
    /** u64 (optional). */
    public static final int RX_ERRORS = 10;
    /** u64 (optional). */
    public static final int TX_ERRORS = 11;
    /** u8 (optional): 1 on the last reply to the request. */
    public static final int LAST = 12;

    static final TlvList TLVS = new TlvList("STATS", "StatsReplyAttr",
            "TLVs of STATS_REPLY.", List.of(
            req(REQUEST_SEQ, "REQUEST_SEQ", U32, "seq of the STATS_REQUEST answered"),
            opt(IFUID, "IFUID", U64, "the interface counted; absent in an empty answer"),
            opt(VRFID, "VRFID", U32, "its vrf"),
            opt(RX_PACKETS, "RX_PACKETS", U64, ""),
            opt(RX_BYTES, "RX_BYTES", U64, ""),
            opt(TX_PACKETS, "TX_PACKETS", U64, ""),
            opt(TX_BYTES, "TX_BYTES", U64, ""),
            opt(RX_DROPPED, "RX_DROPPED", U64, ""),
            opt(TX_DROPPED, "TX_DROPPED", U64, ""),
            opt(RX_ERRORS, "RX_ERRORS", U64, ""),
            opt(TX_ERRORS, "TX_ERRORS", U64, ""),
            opt(LAST, "LAST", U8, "1 on the last reply to the request")));

    private StatsReplyAttr() {
    }
}
