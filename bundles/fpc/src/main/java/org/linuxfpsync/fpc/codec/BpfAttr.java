package org.linuxfpsync.fpc.codec;

import static org.linuxfpsync.fpc.codec.TlvForm.BYTES;
import static org.linuxfpsync.fpc.codec.TlvForm.U32;
import static org.linuxfpsync.fpc.codec.TlvForm.U64;
import static org.linuxfpsync.fpc.codec.TlvSpec.key;
import static org.linuxfpsync.fpc.codec.TlvSpec.req;

import java.util.List;

import org.linuxfpsync.fpc.codec.MessageSpec.Role;

/**
 * The object family of table {@code bpf}, declared once, here: its code and message types, the constants of its
 * TLVs, and its {@code SCHEMA}, which {@link FpcSchema} registers.
 *
 * <p>TLVs of BPF_ADD and BPF_DEL: a classic BPF filter attached to an interface (a capture: tcpdump). Layout:
 * docs/fpc-protocol.md, {@link FpcSchema}.
 */
public final class BpfAttr {
    /** The family (GR_BEGIN and FLUSH FAMILY): the high byte of its message types. */
    public static final int FAMILY_BPF = 0x14;
    /** A capture filter on an interface. */
    public static final int BPF_ADD = 0x1400;
    /** The filter is gone. */
    public static final int BPF_DEL = 0x1401;

    /** u32 (key): the vrf. */
    public static final int VRFID = 1;
    /** u64 (key): the interface captured. */
    public static final int IFUID = 2;
    /** u32 (key): the filter among those of the interface (the capturing socket's inode). */
    public static final int ID = 3;
    /** bytes (required): 1 to 4096 instructions of 8 bytes: u16 code, u8 jt, u8 jf, u32 k, big-endian. */
    public static final int PROGRAM = 4;

    static final TlvList TLVS = new TlvList("BPF", "BpfAttr",
            "TLVs of BPF_ADD and BPF_DEL: a classic BPF filter attached to an interface (a capture: tcpdump).", List.of(
            key(VRFID, "VRFID", U32, "the vrf"),
            key(IFUID, "IFUID", U64, "the interface captured"),
            key(ID, "ID", U32, "the filter among those of the interface (the capturing socket's inode)"),
            req(PROGRAM, "PROGRAM", BYTES,
                    "1 to 4096 instructions of 8 bytes: u16 code, u8 jt, u8 jf, u32 k, big-endian").withMax(32768)));

    static final ObjectFamily SCHEMA = new ObjectFamily(FAMILY_BPF, "bpf", "BPF filters",
            "bpf 0x2000", TLVS, List.of(
                new MessageSpec(BPF_ADD, "BPF_ADD", Role.ADD,
                        "a capture filter on an interface", TLVS),
                new MessageSpec(BPF_DEL, "BPF_DEL", Role.DEL, "the filter is gone", TLVS)));

    private BpfAttr() {
    }
}
