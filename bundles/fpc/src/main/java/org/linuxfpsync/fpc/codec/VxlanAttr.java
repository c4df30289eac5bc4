package org.linuxfpsync.fpc.codec;

import static org.linuxfpsync.fpc.codec.TlvForm.ADDRESS;
import static org.linuxfpsync.fpc.codec.TlvForm.U16;
import static org.linuxfpsync.fpc.codec.TlvForm.U32;
import static org.linuxfpsync.fpc.codec.TlvForm.U64;
import static org.linuxfpsync.fpc.codec.TlvForm.U8;
import static org.linuxfpsync.fpc.codec.TlvSpec.key;
import static org.linuxfpsync.fpc.codec.TlvSpec.opt;
import static org.linuxfpsync.fpc.codec.TlvSpec.req;

import java.util.List;

import org.linuxfpsync.fpc.codec.MessageSpec.Role;

/**
 * The object family of table {@code vxlan}, declared once, here: its code and message types, the constants of its
 * TLVs, and its {@code SCHEMA}, which {@link FpcSchema} registers.
 *
 * <p>TLVs of VXLAN_ADD and VXLAN_DEL (IFLA_VXLAN_* of a vxlan interface). Layout: docs/fpc-protocol.md, {@link
 * FpcSchema}.
 */
public final class VxlanAttr {
    /** The family (GR_BEGIN and FLUSH FAMILY): the high byte of its message types. */
    public static final int FAMILY_VXLAN = 0x09;
    /** VXLAN parameters of an interface. */
    public static final int VXLAN_ADD = 0x0900;
    /** The parameters are gone. */
    public static final int VXLAN_DEL = 0x0901;

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

    static final TlvList TLVS = new TlvList("VXLAN", "VxlanAttr",
            "TLVs of VXLAN_ADD and VXLAN_DEL (`IFLA_VXLAN_*` of a vxlan interface).", List.of(
            key(VRFID, "VRFID", U32, "the vrf"),
            key(IFUID, "IFUID", U64, "the vxlan interface"),
            req(VNI, "VNI", U32, "`IFLA_VXLAN_ID`"),
            opt(LOCAL, "LOCAL", ADDRESS, "source address"),
            opt(REMOTE, "REMOTE", ADDRESS, "unicast remote or multicast group (`IFLA_VXLAN_GROUP`)"),
            opt(DST_PORT, "DST_PORT", U16, "UDP destination port"),
            opt(TTL, "TTL", U8, "0: inherit"),
            opt(TOS, "TOS", U8, "1: inherit"),
            opt(LEARNING, "LEARNING", U8, "1: learn remote MACs"),
            opt(COLLECT_METADATA, "COLLECT_METADATA", U8, "1: external (flow-based) mode"),
            opt(LINK_IFUID, "LINK_IFUID", U64, "the underlay device (`IFLA_VXLAN_LINK`)")));

    static final ObjectFamily SCHEMA = new ObjectFamily(FAMILY_VXLAN, "vxlan", "VXLAN",
            "vxlan 0x1", TLVS, List.of(
                new MessageSpec(VXLAN_ADD, "VXLAN_ADD", Role.ADD,
                        "VXLAN parameters of an interface", TLVS),
                new MessageSpec(VXLAN_DEL, "VXLAN_DEL", Role.DEL,
                        "the parameters are gone", TLVS)));

    private VxlanAttr() {
    }
}
