package org.linuxfpsync.fpc.codec;

/**
 * TLVs of FDB_ADD and FDB_DEL (a forwarding database entry, RTM_NEWNEIGH of AF_BRIDGE). IFUID is the device whose table
 * holds the entry: the bridge for its learned and static entries (so a station moving to another port replaces its
 * entry), the VXLAN device for its own remote entries. Layout: docs/fpc-protocol.md, {@link FpcSchema}.
 */
public final class FdbAttr {
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

    private FdbAttr() {
    }
}
