package org.linuxfpsync.fpc.codec;

import static org.linuxfpsync.fpc.codec.TlvForm.ADDRESS;
import static org.linuxfpsync.fpc.codec.TlvForm.U32;
import static org.linuxfpsync.fpc.codec.TlvForm.U64;
import static org.linuxfpsync.fpc.codec.TlvForm.U8;
import static org.linuxfpsync.fpc.codec.TlvSpec.opt;
import static org.linuxfpsync.fpc.codec.TlvSpec.req;

import java.util.List;

/**
 * TLVs of MROUTE_STATS_REPLY: what the fast path forwarded on one multicast route, named by the key
 * of its MROUTE_ADD ({@link MrouteAttr}). Layout: docs/fpc-protocol.md, {@link FpcSchema}.
 */
public final class MrouteStatsReplyAttr {
    /** u32 (required): seq of the MROUTE_STATS_REQUEST answered. */
    public static final int REQUEST_SEQ = 1;
    /** u32 (optional): the route's vrf; absent in an empty answer. */
    public static final int VRFID = 2;
    /** u8 (optional): address family: 2 AF_INET, 10 AF_INET6. */
    public static final int FAMILY = 3;
    /** u32 (optional): multicast routing table. */
    public static final int TABLE = 4;
    /** address (optional): source address, 0 for (*,G). */
    public static final int SOURCE = 5;
    /** address (optional): group address. */
    public static final int GROUP = 6;
    /** u64 (optional): packets forwarded. */
    public static final int PACKETS = 7;
    /** u64 (optional): bytes forwarded. */
    public static final int BYTES = 8;
    /** u64 (optional): packets that arrived on another interface than the route's input interface. */
    public static final int WRONG_IF = 9;
    /** u8 (optional): 1 on the last reply to the request. */
    public static final int LAST = 10;

    static final TlvList TLVS = new TlvList("MROUTE_STATS", "MrouteStatsReplyAttr",
            "TLVs of MROUTE_STATS_REPLY: what the fast path forwarded on one multicast route, named by the "
            + "key of its MROUTE_ADD.", List.of(
            req(REQUEST_SEQ, "REQUEST_SEQ", U32, "seq of the MROUTE_STATS_REQUEST answered"),
            opt(VRFID, "VRFID", U32, "the route's vrf; absent in an empty answer"),
            opt(FAMILY, "FAMILY", U8, "address family: 2 AF_INET, 10 AF_INET6"),
            opt(TABLE, "TABLE", U32, "multicast routing table"),
            opt(SOURCE, "SOURCE", ADDRESS, "source address, 0 for (*,G)"),
            opt(GROUP, "GROUP", ADDRESS, "group address"),
            opt(PACKETS, "PACKETS", U64, "packets forwarded"),
            opt(BYTES, "BYTES", U64, "bytes forwarded"),
            opt(WRONG_IF, "WRONG_IF", U64,
                    "packets that arrived on another interface than the route's input interface"),
            opt(LAST, "LAST", U8, "1 on the last reply to the request")));

    private MrouteStatsReplyAttr() {
    }
}
