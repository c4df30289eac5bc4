package org.linuxfpsync.fpc.codec;

import static org.linuxfpsync.fpc.codec.TlvForm.U16;
import static org.linuxfpsync.fpc.codec.TlvForm.U32;
import static org.linuxfpsync.fpc.codec.TlvSpec.opt;
import static org.linuxfpsync.fpc.codec.TlvSpec.req;

import java.util.List;

/** TLVs inside a MEMBER of NEXTHOP_ADD. Layout: docs/fpc-protocol.md, {@link FpcSchema}. */
public final class NexthopGroupMemberAttr {
    /** u32 (required): the member's nexthop ID. */
    public static final int ID = 1;
    /** u16 (optional): 1..65536 - 1, ip's weight; 1 when absent. */
    public static final int WEIGHT = 2;

    static final TlvList TLVS = new TlvList("NHGRP", "NexthopGroupMemberAttr",
            "TLVs inside a MEMBER of NEXTHOP_ADD.", List.of(
            req(ID, "ID", U32, "the member's nexthop ID"),
            opt(WEIGHT, "WEIGHT", U16, "ip's `weight` (`struct nexthop_grp` weight + 1); 1 when absent")));

    private NexthopGroupMemberAttr() {
    }
}
