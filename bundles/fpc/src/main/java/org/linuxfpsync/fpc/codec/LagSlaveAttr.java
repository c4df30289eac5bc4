package org.linuxfpsync.fpc.codec;

import static org.linuxfpsync.fpc.codec.TlvForm.U16;
import static org.linuxfpsync.fpc.codec.TlvForm.U64;
import static org.linuxfpsync.fpc.codec.TlvForm.U8;
import static org.linuxfpsync.fpc.codec.TlvSpec.opt;
import static org.linuxfpsync.fpc.codec.TlvSpec.req;

import java.util.List;

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

    static final TlvList TLVS = new TlvList("LAG_SLAVE", "LagSlaveAttr",
            "TLVs inside a SLAVE of LAG_ADD (`IFLA_BOND_SLAVE_*`).", List.of(
            req(IFUID, "IFUID", U64, "the slave"),
            opt(STATE, "STATE", U8, "`BOND_STATE_*`: 0 active, 1 backup"),
            opt(LINK, "LINK", U8, "`BOND_LINK_*`: 0 up, 1 fail, 2 down, 3 back"),
            opt(AGGREGATOR_ID, "AGGREGATOR_ID", U16, "802.3ad aggregator"),
            opt(LACP_ACTOR_STATE, "LACP_ACTOR_STATE", U8, "802.3ad actor port state bits"),
            opt(LACP_PARTNER_STATE, "LACP_PARTNER_STATE", U8, "802.3ad partner port state bits")));

    private LagSlaveAttr() {
    }
}
