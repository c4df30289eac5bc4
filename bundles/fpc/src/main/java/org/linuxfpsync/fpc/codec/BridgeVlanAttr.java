package org.linuxfpsync.fpc.codec;

/**
 * TLVs of BRVLAN_ADD and BRVLAN_DEL (one VLAN of a bridge port or of the bridge itself, IFLA_AF_SPEC BRIDGE_VLAN_INFO).
 * Layout: docs/fpc-protocol.md, {@link FpcSchema}.
 */
public final class BridgeVlanAttr {
    /** u32 (key): the vrf. */
    public static final int VRFID = 1;
    /** u64 (key): the port (or the bridge). */
    public static final int IFUID = 2;
    /** u16 (key): 1..4094. */
    public static final int VID = 3;
    /** u16 (optional): BRIDGE_VLAN_INFO_*: 0x2 pvid, 0x4 untagged. */
    public static final int FLAGS = 4;

    private BridgeVlanAttr() {
    }
}
