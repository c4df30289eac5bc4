package org.linuxfpsync.fpc.codec;

/**
 * TLVs of BPF_ADD and BPF_DEL: a classic BPF filter attached to an interface (a capture: tcpdump). Layout:
 * docs/fpc-protocol.md, {@link FpcSchema}.
 */
public final class BpfAttr {
    /** u32 (key): the vrf. */
    public static final int VRFID = 1;
    /** u64 (key): the interface captured. */
    public static final int IFUID = 2;
    /** u32 (key): the filter among those of the interface (the capturing socket's inode). */
    public static final int ID = 3;
    /** bytes (required): 1 to 4096 instructions of 8 bytes: u16 code, u8 jt, u8 jf, u32 k, big-endian. */
    public static final int PROGRAM = 4;

    private BpfAttr() {
    }
}
