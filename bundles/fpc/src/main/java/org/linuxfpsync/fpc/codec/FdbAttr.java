package org.linuxfpsync.fpc.codec;

import static org.linuxfpsync.fpc.codec.TlvForm.ADDRESS;
import static org.linuxfpsync.fpc.codec.TlvForm.BYTES;
import static org.linuxfpsync.fpc.codec.TlvForm.U16;
import static org.linuxfpsync.fpc.codec.TlvForm.U32;
import static org.linuxfpsync.fpc.codec.TlvForm.U64;
import static org.linuxfpsync.fpc.codec.TlvForm.U8;
import static org.linuxfpsync.fpc.codec.TlvSpec.key;
import static org.linuxfpsync.fpc.codec.TlvSpec.key0;
import static org.linuxfpsync.fpc.codec.TlvSpec.opt;

import java.util.List;

import org.linuxfpsync.fpc.codec.MessageSpec.Role;

/**
 * The object family of table {@code fdb}, declared once, here: its code and message types, the constants of its
 * TLVs, and its {@code SCHEMA}, which {@link FpcSchema} registers.
 *
 * <p>TLVs of FDB_ADD and FDB_DEL (a forwarding database entry, RTM_NEWNEIGH of AF_BRIDGE). IFUID is the device whose
 * table holds the entry: the bridge for its learned and static entries (so a station moving to another port
 * replaces its entry), the VXLAN device for its own remote entries. Layout: docs/fpc-protocol.md, {@link
 * FpcSchema}.
 */
public final class FdbAttr {
    /** The family (GR_BEGIN and FLUSH FAMILY): the high byte of its message types. */
    public static final int FAMILY_FDB = 0x08;
    /** An FDB entry, created or replaced. */
    public static final int FDB_ADD = 0x0800;
    /** The FDB entry is gone. */
    public static final int FDB_DEL = 0x0801;

    /** u32 (key): the vrf. */
    public static final int VRFID = 1;
    /** u64 (key): the device holding the table: the bridge (NTF_MASTER) or the device itself (NTF_SELF). */
    public static final int IFUID = 2;
    /** bytes (key): the station's MAC address, 6 bytes. */
    public static final int MAC = 3;
    /** u16 (key, 0 when absent): NDA_VLAN. */
    public static final int VLAN = 4;
    /** address (key, 0 when absent): VXLAN remote (NDA_DST); a VXLAN entry may have several. */
    public static final int REMOTE = 5;
    /** u64 (optional): the port the station is behind (ndm_ifindex of a bridge entry). */
    public static final int PORT_IFUID = 6;
    /** u32 (optional): NDA_VNI. */
    public static final int VNI = 7;
    /** u16 (optional): VXLAN UDP port (NDA_PORT). */
    public static final int DST_PORT = 8;
    /** u16 (optional): NUD_*: 0x80 permanent (static, local), 0x40 noarp, 0x02 reachable (learned). */
    public static final int STATE = 9;
    /** u8 (optional): NTF_*: 0x02 self, 0x04 master, 0x10 extern_learn, 0x40 sticky. */
    public static final int FLAGS = 10;
    /** u64 (optional): the device a VXLAN remote is reached through (NDA_IFINDEX). */
    public static final int VIA_IFUID = 11;

    static final TlvList TLVS = new TlvList("FDB", "FdbAttr",
            "TLVs of FDB_ADD and FDB_DEL (a forwarding database entry, `RTM_NEWNEIGH` of AF_BRIDGE). IFUID is "
            + "the device whose table holds the entry: the bridge for its learned and static entries (so a station "
            + "moving to another port replaces its entry), the VXLAN device for its own remote entries.", List.of(
            key(VRFID, "VRFID", U32, "the vrf"),
            key(IFUID, "IFUID", U64,
                    "the device holding the table: the bridge (NTF_MASTER) or the device itself (NTF_SELF)"),
            key(MAC, "MAC", BYTES, "the station's MAC address, 6 bytes").withMax(32),
            key0(VLAN, "VLAN", U16, "`NDA_VLAN`"),
            key0(REMOTE, "REMOTE", ADDRESS, "VXLAN remote (`NDA_DST`); a VXLAN entry may have several"),
            opt(PORT_IFUID, "PORT_IFUID", U64,
                    "the port the station is behind (`ndm_ifindex` of a bridge entry)"),
            opt(VNI, "VNI", U32, "`NDA_VNI`"),
            opt(DST_PORT, "DST_PORT", U16, "VXLAN UDP port (`NDA_PORT`)"),
            opt(STATE, "STATE", U16,
                    "`NUD_*`: 0x80 permanent (static, local), 0x40 noarp, 0x02 reachable (learned)"),
            opt(FLAGS, "FLAGS", U8, "`NTF_*`: 0x02 self, 0x04 master, 0x10 extern_learn, 0x40 sticky"),
            opt(VIA_IFUID, "VIA_IFUID", U64,
                    "the device a VXLAN remote is reached through (`NDA_IFINDEX`)")));

    static final ObjectFamily SCHEMA = new ObjectFamily(FAMILY_FDB, "fdb", "Forwarding database",
            "bridge 0x2; vxlan 0x1 (VXLAN remotes)", TLVS, List.of(
                new MessageSpec(FDB_ADD, "FDB_ADD", Role.ADD,
                        "an FDB entry, created or replaced", TLVS),
                new MessageSpec(FDB_DEL, "FDB_DEL", Role.DEL, "the FDB entry is gone", TLVS)));

    private FdbAttr() {
    }
}
