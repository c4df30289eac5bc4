package org.linuxfpsync.fpc.codec;

/**
 * TLVs of BRIDGE_ADD and BRIDGE_DEL (the forwarding parameters of a bridge device, IFLA_BR_* of IFLA_INFO_DATA).
 * Layout: docs/fpc-protocol.md, {@link FpcSchema}.
 */
public final class BridgeAttr {
    /** u32 (key): the vrf. */
    public static final int VRFID = 1;
    /** u64 (key): the bridge. */
    public static final int IFUID = 2;
    /** u32 (optional): IFLA_BR_AGEING_TIME: how long a learned entry lives, in hundredths of a second. */
    public static final int AGEING_TIME = 3;
    /** u32 (optional): IFLA_BR_STP_STATE: 0 off, 1 kernel STP, 2 user-space STP. */
    public static final int STP_STATE = 4;
    /** u32 (optional): IFLA_BR_FORWARD_DELAY: listening and learning time of a port, in hundredths of a second. */
    public static final int FORWARD_DELAY = 5;
    /** u8 (optional): IFLA_BR_VLAN_FILTERING: 1 when the bridge filters by VLAN (table bridge-vlans). */
    public static final int VLAN_FILTERING = 6;
    /** u16 (optional): IFLA_BR_VLAN_PROTOCOL: 0x8100 (802.1Q) or 0x88a8 (802.1ad). */
    public static final int VLAN_PROTOCOL = 7;
    /** u16 (optional): IFLA_BR_VLAN_DEFAULT_PVID: the PVID of a new port, 0 for none. */
    public static final int VLAN_DEFAULT_PVID = 8;
    /** u16 (optional): IFLA_BR_GROUP_FWD_MASK: the link-local groups 01:80:c2:00:00:0X forwarded, one bit per X. */
    public static final int GROUP_FWD_MASK = 9;
    /** u8 (optional): IFLA_BR_MCAST_SNOOPING: 1 when multicast is forwarded by IGMP/MLD membership. */
    public static final int MCAST_SNOOPING = 10;

    private BridgeAttr() {
    }
}
