package org.linuxfpsync.fpc.codec;

/**
 * TLVs of VXLAN_ADD and VXLAN_DEL (IFLA_VXLAN_* of a vxlan interface). Layout: docs/fpc-protocol.md, {@link FpcSchema}.
 */
public final class VxlanAttr {
    /** u32 (key): the vrf. */
    public static final int VRFID = 1;
    /** u64 (key): the vxlan interface. */
    public static final int IFUID = 2;
    /** u32 (required): IFLA_VXLAN_ID. */
    public static final int VNI = 3;
    /** address (optional): source address. */
    public static final int LOCAL = 4;
    /** address (optional): unicast remote or multicast group (IFLA_VXLAN_GROUP). */
    public static final int REMOTE = 5;
    /** u16 (optional): UDP destination port. */
    public static final int DST_PORT = 6;
    /** u8 (optional): 0: inherit. */
    public static final int TTL = 7;
    /** u8 (optional): 1: inherit. */
    public static final int TOS = 8;
    /** u8 (optional): 1: learn remote MACs. */
    public static final int LEARNING = 9;
    /** u8 (optional): 1: external (flow-based) mode. */
    public static final int COLLECT_METADATA = 10;
    /** u64 (optional): the underlay device (IFLA_VXLAN_LINK). */
    public static final int LINK_IFUID = 11;

    private VxlanAttr() {
    }
}
