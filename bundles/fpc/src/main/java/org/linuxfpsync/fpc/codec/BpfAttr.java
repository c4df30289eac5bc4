package org.linuxfpsync.fpc.codec;

import static org.linuxfpsync.fpc.codec.TlvForm.BYTES;
import static org.linuxfpsync.fpc.codec.TlvForm.STRING;
import static org.linuxfpsync.fpc.codec.TlvForm.U16;
import static org.linuxfpsync.fpc.codec.TlvForm.U32;
import static org.linuxfpsync.fpc.codec.TlvForm.U64;
import static org.linuxfpsync.fpc.codec.TlvForm.U8;
import static org.linuxfpsync.fpc.codec.TlvSpec.key;
import static org.linuxfpsync.fpc.codec.TlvSpec.key0;
import static org.linuxfpsync.fpc.codec.TlvSpec.opt;
import static org.linuxfpsync.fpc.codec.TlvSpec.req;

import java.util.List;

import org.linuxfpsync.fpc.codec.MessageSpec.Role;

/**
 * The object family of table {@code bpf}, declared once, here: its code and message types, the constants of its
 * TLVs, and its {@code SCHEMA}, which {@link FpcSchema} registers.
 *
 * <p>TLVs of BPF_ADD and BPF_DEL: a tap, one packet capture socket (tcpdump) on an interface or on every
 * interface of a vrf, with its classic BPF filter. Layout: docs/fpc-protocol.md, {@link FpcSchema}.
 */
public final class BpfAttr {
    /** The family (GR_BEGIN and FLUSH FAMILY): the high byte of its message types. */
    public static final int FAMILY_BPF = 0x14;
    /** A capture on an interface, created or its filter replaced. */
    public static final int BPF_ADD = 0x1400;
    /** The capture is gone. */
    public static final int BPF_DEL = 0x1401;

    /** u32 (key): the vrf. */
    public static final int VRFID = 1;
    /** u64 (key, 0 when absent): the interface captured; absent: every interface of the vrf. */
    public static final int IFUID = 2;
    /** u32 (key): the capture among those of the vrf: the capturing socket's inode. */
    public static final int ID = 3;
    /** bytes (optional): the classic BPF filter; absent: every packet. */
    public static final int PROGRAM = 4;
    /** u8 (required): the socket's type: 3 SOCK_RAW, 2 SOCK_DGRAM (cooked). */
    public static final int SOCKET_TYPE = 5;
    /** u16 (required): the ethertype the socket receives, 0x0003 (ETH_P_ALL) for every one. */
    public static final int PROTOCOL = 6;
    /** u32 (optional): the process that holds the socket. */
    public static final int PID = 7;
    /** string (optional): that process's name (comm). */
    public static final int APPLICATION = 8;
    /** u8 (optional): 1 when the capture put the interface in promiscuous mode. */
    public static final int PROMISC = 9;

    static final TlvList TLVS = new TlvList("BPF", "BpfAttr",
            "TLVs of BPF_ADD and BPF_DEL: a tap, one packet capture socket (tcpdump) on an interface or on every "
            + "interface of a vrf, with its classic BPF filter.", List.of(
            key(VRFID, "VRFID", U32, "the vrf"),
            key0(IFUID, "IFUID", U64, "the interface captured; absent: every interface of the vrf (a capture on "
                    + "`any`)"),
            key(ID, "ID", U32, "the capture among those of the vrf: the capturing socket's inode"),
            opt(PROGRAM, "PROGRAM", BYTES,
                    "the classic BPF filter: 1 to 4096 instructions of 8 bytes (u16 code, u8 jt, u8 jf, u32 k, "
                    + "big-endian); absent: every packet (no filter, an eBPF filter, or tap pattern only)")
                    .withMax(32768),
            req(SOCKET_TYPE, "SOCKET_TYPE", U8, "3 SOCK_RAW: the filter sees the link-layer header; 2 SOCK_DGRAM "
                    + "(cooked): it sees the network header at offset 0 and link-layer fields through ancillary "
                    + "loads (`SKF_AD_*`, `linux/filter.h`)"),
            req(PROTOCOL, "PROTOCOL", U16, "the ethertype the socket receives, 0x0003 (ETH_P_ALL) for every one"),
            opt(PID, "PID", U32, "the process that holds the socket"),
            opt(APPLICATION, "APPLICATION", STRING, "that process's name (`comm`: tcpdump)"),
            opt(PROMISC, "PROMISC", U8, "1 when the capture put the interface in promiscuous mode "
                    + "(`PACKET_MR_PROMISC`): it sees packets not addressed to the interface")));

    static final ObjectFamily SCHEMA = new ObjectFamily(FAMILY_BPF, "bpf", "BPF filters",
            "bpf 0x2000", TLVS, List.of(
                new MessageSpec(BPF_ADD, "BPF_ADD", Role.ADD,
                        "a capture on an interface, created or its filter replaced", TLVS),
                new MessageSpec(BPF_DEL, "BPF_DEL", Role.DEL, "the capture is gone", TLVS)));

    private BpfAttr() {
    }
}
