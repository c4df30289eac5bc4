package org.linuxfpsync.fpc.codec;

import static org.linuxfpsync.fpc.codec.TlvForm.ADDRESS;
import static org.linuxfpsync.fpc.codec.TlvForm.U16;
import static org.linuxfpsync.fpc.codec.TlvForm.U32;
import static org.linuxfpsync.fpc.codec.TlvForm.U64;
import static org.linuxfpsync.fpc.codec.TlvSpec.opt;

import java.util.List;

/** TLVs inside a NEXTHOP of ROUTE_ADD. Layout: docs/fpc-protocol.md, {@link FpcSchema}. */
public final class NexthopAttr {
    /**
     * address (optional): RTA_GATEWAY (or RTA_VIA: an IPv6 gateway of an IPv4 route); absent for a directly connected
     * route.
     */
    public static final int GATEWAY = 1;
    /** u64 (optional): the output interface. */
    public static final int IFUID = 2;
    /** u16 (optional): 1..256, ip's weight (rtnh_hops + 1); 1 when absent. */
    public static final int WEIGHT = 3;
    /** u32 (optional): RTNH_F_*: 0x1 dead, 0x4 onlink, 0x8 offload, 0x10 linkdown. */
    public static final int FLAGS = 4;

    static final TlvList TLVS = new TlvList("NH", "NexthopAttr",
            "TLVs inside a NEXTHOP of ROUTE_ADD.", List.of(
            opt(GATEWAY, "GATEWAY", ADDRESS,
                    "`RTA_GATEWAY` (or `RTA_VIA`: an IPv6 gateway of an IPv4 route); absent for a directly "
                    + "connected route"),
            opt(IFUID, "IFUID", U64, "the output interface"),
            opt(WEIGHT, "WEIGHT", U16, "1..256, ip's `weight` (`rtnh_hops` + 1); 1 when absent"),
            opt(FLAGS, "FLAGS", U32, "`RTNH_F_*`: 0x1 dead, 0x4 onlink, 0x8 offload, 0x10 linkdown")));

    private NexthopAttr() {
    }
}
