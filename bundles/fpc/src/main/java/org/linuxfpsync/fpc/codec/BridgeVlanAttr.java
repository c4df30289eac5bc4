package org.linuxfpsync.fpc.codec;

import static org.linuxfpsync.fpc.codec.TlvForm.U16;
import static org.linuxfpsync.fpc.codec.TlvForm.U32;
import static org.linuxfpsync.fpc.codec.TlvForm.U64;
import static org.linuxfpsync.fpc.codec.TlvSpec.key;
import static org.linuxfpsync.fpc.codec.TlvSpec.opt;

import java.util.List;

import org.linuxfpsync.fpc.codec.MessageSpec.Role;

/**
 * The object family of table {@code bridge-vlans}, declared once, here: its code and message types, the constants
 * of its TLVs, and its {@code SCHEMA}, which {@link FpcSchema} registers.
 *
 * <p>TLVs of BRVLAN_ADD and BRVLAN_DEL (one VLAN of a bridge port or of the bridge itself, IFLA_AF_SPEC
 * BRIDGE_VLAN_INFO). Layout: docs/fpc-protocol.md, {@link FpcSchema}.
 */
public final class BridgeVlanAttr {
    /** The family (GR_BEGIN and FLUSH FAMILY): the high byte of its message types. */
    public static final int FAMILY_BRIDGE_VLANS = 0x07;
    /** A VLAN of a bridge port. */
    public static final int BRVLAN_ADD = 0x0700;
    /** The VLAN left the port. */
    public static final int BRVLAN_DEL = 0x0701;

    /** u32 (key): the vrf. */
    public static final int VRFID = 1;
    /** u64 (key): the port (or the bridge). */
    public static final int IFUID = 2;
    /** u16 (key): 1..4094. */
    public static final int VID = 3;
    /** u16 (optional): BRIDGE_VLAN_INFO_*: 0x2 pvid, 0x4 untagged. */
    public static final int FLAGS = 4;

    static final TlvList TLVS = new TlvList("BRVLAN", "BridgeVlanAttr",
            "TLVs of BRVLAN_ADD and BRVLAN_DEL (one VLAN of a bridge port or of the bridge itself, "
            + "`IFLA_AF_SPEC` `BRIDGE_VLAN_INFO`).", List.of(
            key(VRFID, "VRFID", U32, "the vrf"),
            key(IFUID, "IFUID", U64, "the port (or the bridge)"),
            key(VID, "VID", U16, "1..4094"),
            opt(FLAGS, "FLAGS", U16, "`BRIDGE_VLAN_INFO_*`: 0x2 pvid, 0x4 untagged")));

    static final ObjectFamily SCHEMA = new ObjectFamily(FAMILY_BRIDGE_VLANS, "bridge-vlans",
            "Bridge VLANs",
            "bridge 0x2", TLVS, List.of(
                new MessageSpec(BRVLAN_ADD, "BRVLAN_ADD", Role.ADD,
                        "a VLAN of a bridge port", TLVS),
                new MessageSpec(BRVLAN_DEL, "BRVLAN_DEL", Role.DEL,
                        "the VLAN left the port", TLVS)));

    private BridgeVlanAttr() {
    }
}
