package org.linuxfpsync.fpc.codec;

import static org.linuxfpsync.fpc.codec.TlvForm.U16;
import static org.linuxfpsync.fpc.codec.TlvForm.U32;
import static org.linuxfpsync.fpc.codec.TlvForm.U64;
import static org.linuxfpsync.fpc.codec.TlvSpec.key;
import static org.linuxfpsync.fpc.codec.TlvSpec.opt;
import static org.linuxfpsync.fpc.codec.TlvSpec.req;

import java.util.List;

import org.linuxfpsync.fpc.codec.MessageSpec.Role;

/**
 * The object family of table {@code vlan}, declared once, here: its code and message types, the constants of its
 * TLVs, and its {@code SCHEMA}, which {@link FpcSchema} registers.
 *
 * <p>TLVs of VLAN_ADD and VLAN_DEL (IFLA_VLAN_*). Layout: docs/fpc-protocol.md, {@link FpcSchema}.
 */
public final class VlanAttr {
    /** The family (GR_BEGIN and FLUSH FAMILY): the high byte of its message types. */
    public static final int FAMILY_VLAN = 0x0a;
    /** VLAN parameters of an interface. */
    public static final int VLAN_ADD = 0x0a00;
    /** The parameters are gone. */
    public static final int VLAN_DEL = 0x0a01;

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

    static final TlvList TLVS = new TlvList("VLAN", "VlanAttr",
            "TLVs of VLAN_ADD and VLAN_DEL (`IFLA_VLAN_*`).", List.of(
            key(VRFID, "VRFID", U32, "the vrf"),
            key(IFUID, "IFUID", U64, "the vlan interface"),
            req(VLAN_ID, "VLAN_ID", U16, "0..4094"),
            opt(PROTOCOL, "PROTOCOL", U16, "0x8100 (802.1Q, when absent) or 0x88a8 (802.1ad)"),
            req(PARENT_IFUID, "PARENT_IFUID", U64, "the lower device (`IFLA_LINK`)"),
            opt(FLAGS, "FLAGS", U32,
                    "`VLAN_FLAG_*`: 0x1 reorder_hdr, 0x2 gvrp, 0x4 loose_binding, 0x8 mvrp, 0x10 bridge_binding")));

    static final ObjectFamily SCHEMA = new ObjectFamily(FAMILY_VLAN, "vlan", "VLAN",
            "vlan 0x4", TLVS, List.of(
                new MessageSpec(VLAN_ADD, "VLAN_ADD", Role.ADD,
                        "VLAN parameters of an interface", TLVS),
                new MessageSpec(VLAN_DEL, "VLAN_DEL", Role.DEL, "the parameters are gone", TLVS)));

    private VlanAttr() {
    }
}
