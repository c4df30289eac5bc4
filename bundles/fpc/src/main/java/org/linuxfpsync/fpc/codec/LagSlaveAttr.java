package org.linuxfpsync.fpc.codec;

/** TLVs inside a SLAVE of LAG_ADD (IFLA_BOND_SLAVE_*). Layout: docs/fpc-protocol.md, {@link FpcSchema}. */
public final class LagSlaveAttr {
    /** u64 (required): the slave. */
    public static final int IFUID = 1;
    /** u8 (optional): BOND_STATE_*: 0 active, 1 backup. */
    public static final int STATE = 2;
    /** u8 (optional): BOND_LINK_*: 0 up, 1 fail, 2 down, 3 back. */
    public static final int LINK = 3;
    /** u16 (optional): 802.3ad aggregator. */
    public static final int AGGREGATOR_ID = 4;
    /** u8 (optional): 802.3ad actor port state bits. */
    public static final int LACP_ACTOR_STATE = 5;
    /** u8 (optional): 802.3ad partner port state bits. */
    public static final int LACP_PARTNER_STATE = 6;

    private LagSlaveAttr() {
    }
}
