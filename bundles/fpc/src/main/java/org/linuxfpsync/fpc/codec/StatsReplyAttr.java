package org.linuxfpsync.fpc.codec;

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

    private StatsReplyAttr() {
    }
}
