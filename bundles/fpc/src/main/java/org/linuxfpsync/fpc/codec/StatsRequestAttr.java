package org.linuxfpsync.fpc.codec;

/** TLVs of STATS_REQUEST. Layout: docs/fpc-protocol.md, {@link FpcSchema}. */
public final class StatsRequestAttr {
    /** u32 (optional): only the interfaces of this vrf; absent: every vrf. */
    public static final int VRFID = 1;
    /** u64 (optional): only this interface. */
    public static final int IFUID = 2;

    private StatsRequestAttr() {
    }
}
