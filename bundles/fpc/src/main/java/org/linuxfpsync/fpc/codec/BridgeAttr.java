package org.linuxfpsync.fpc.codec;

import static org.linuxfpsync.fpc.codec.TlvForm.U16;
import static org.linuxfpsync.fpc.codec.TlvForm.U32;
import static org.linuxfpsync.fpc.codec.TlvForm.U64;
import static org.linuxfpsync.fpc.codec.TlvForm.U8;
import static org.linuxfpsync.fpc.codec.TlvSpec.key;
import static org.linuxfpsync.fpc.codec.TlvSpec.opt;

import java.util.List;

import org.linuxfpsync.fpc.codec.MessageSpec.Role;

/**
 * The object family of table {@code bridges}, declared once, here: its code and message types, the constants of its
 * TLVs, and its {@code SCHEMA}, which {@link FpcSchema} registers.
 *
 * <p>TLVs of BRIDGE_ADD and BRIDGE_DEL (the forwarding parameters of a bridge device, IFLA_BR_* of IFLA_INFO_DATA).
 * Layout: docs/fpc-protocol.md, {@link FpcSchema}.
 */
public final class BridgeAttr {
    /** The family (GR_BEGIN and FLUSH FAMILY): the high byte of its message types. */
    public static final int FAMILY_BRIDGES = 0x16;
    /** The forwarding parameters of a bridge, created or replaced. */
    public static final int BRIDGE_ADD = 0x1600;
    /** The parameters are gone. */
    public static final int BRIDGE_DEL = 0x1601;

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

    static final TlvList TLVS = new TlvList("BRIDGE", "BridgeAttr",
            "TLVs of BRIDGE_ADD and BRIDGE_DEL (the forwarding parameters of a bridge device, `IFLA_BR_*` of "
            + "`IFLA_INFO_DATA`).", List.of(
            key(VRFID, "VRFID", U32, "the vrf"),
            key(IFUID, "IFUID", U64, "the bridge"),
            opt(AGEING_TIME, "AGEING_TIME", U32,
                    "`IFLA_BR_AGEING_TIME`: how long a learned entry lives, in hundredths of a second"),
            opt(STP_STATE, "STP_STATE", U32, "`IFLA_BR_STP_STATE`: 0 off, 1 kernel STP, 2 user-space STP"),
            opt(FORWARD_DELAY, "FORWARD_DELAY", U32,
                    "`IFLA_BR_FORWARD_DELAY`: listening and learning time of a port, in hundredths of a second"),
            opt(VLAN_FILTERING, "VLAN_FILTERING", U8,
                    "`IFLA_BR_VLAN_FILTERING`: 1 when the bridge filters by VLAN (table bridge-vlans)"),
            opt(VLAN_PROTOCOL, "VLAN_PROTOCOL", U16,
                    "`IFLA_BR_VLAN_PROTOCOL`: 0x8100 (802.1Q) or 0x88a8 (802.1ad)"),
            opt(VLAN_DEFAULT_PVID, "VLAN_DEFAULT_PVID", U16,
                    "`IFLA_BR_VLAN_DEFAULT_PVID`: the PVID of a new port, 0 for none"),
            opt(GROUP_FWD_MASK, "GROUP_FWD_MASK", U16,
                    "`IFLA_BR_GROUP_FWD_MASK`: the link-local groups 01:80:c2:00:00:0X forwarded, one bit per X"),
            opt(MCAST_SNOOPING, "MCAST_SNOOPING", U8,
                    "`IFLA_BR_MCAST_SNOOPING`: 1 when multicast is forwarded by IGMP/MLD membership")));

    static final ObjectFamily SCHEMA = new ObjectFamily(FAMILY_BRIDGES, "bridges", "Bridges",
            "bridge 0x2", TLVS, List.of(
                new MessageSpec(BRIDGE_ADD, "BRIDGE_ADD", Role.ADD,
                        "the forwarding parameters of a bridge, created or replaced", TLVS),
                new MessageSpec(BRIDGE_DEL, "BRIDGE_DEL", Role.DEL,
                        "the parameters are gone", TLVS)));

    private BridgeAttr() {
    }
}
