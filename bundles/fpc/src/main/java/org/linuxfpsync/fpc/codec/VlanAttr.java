package org.linuxfpsync.fpc.codec;

/** TLVs of VLAN_ADD and VLAN_DEL (IFLA_VLAN_*). Layout: docs/fpc-protocol.md, {@link FpcSchema}. */
public final class VlanAttr {
    /** u32 (key): the vrf. */
    public static final int VRFID = 1;
    /** u64 (key): the vlan interface. */
    public static final int IFUID = 2;
    /** u16 (required): 0..4094. */
    public static final int VLAN_ID = 3;
    /** u16 (optional): 0x8100 (802.1Q, when absent) or 0x88a8 (802.1ad). */
    public static final int PROTOCOL = 4;
    /** u64 (required): the lower device (IFLA_LINK). */
    public static final int PARENT_IFUID = 5;
    /** u32 (optional): VLAN_FLAG_*: 0x1 reorder_hdr, 0x2 gvrp, 0x4 loose_binding, 0x8 mvrp, 0x10 bridge_binding. */
    public static final int FLAGS = 6;

    private VlanAttr() {
    }
}
