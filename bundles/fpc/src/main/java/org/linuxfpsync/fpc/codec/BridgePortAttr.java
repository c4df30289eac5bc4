package org.linuxfpsync.fpc.codec;

/**
 * TLVs of BRPORT_ADD and BRPORT_DEL (a bridge port, IFLA_PROTINFO of AF_BRIDGE). Layout: docs/fpc-protocol.md, {@link
 * FpcSchema}.
 */
public final class BridgePortAttr {
    /** u32 (key): the vrf. */
    public static final int VRFID = 1;
    /** u64 (key): the port. */
    public static final int IFUID = 2;
    /** u64 (required): its bridge. */
    public static final int BRIDGE_IFUID = 3;
    /** u8 (optional): BR_STATE_*: 0 disabled, 1 listening, 2 learning, 3 forwarding, 4 blocking. */
    public static final int STATE = 4;
    /**
     * u32 (optional): 0x1 learning, 0x2 unicast flood, 0x4 multicast flood, 0x8 broadcast flood, 0x10 hairpin, 0x20
     * proxy ARP, 0x40 neighbour suppression, 0x80 isolated.
     */
    public static final int FLAGS = 5;
    /** u16 (optional): IFLA_BRPORT_PRIORITY. */
    public static final int PRIORITY = 6;
    /** u32 (optional): IFLA_BRPORT_COST. */
    public static final int COST = 7;

    private BridgePortAttr() {
    }
}
