package org.linuxfpsync.fpc.codec;

/**
 * TLVs of NEIGH_ADD and NEIGH_DEL (RTM_NEWNEIGH of AF_INET, AF_INET6). Layout: docs/fpc-protocol.md, {@link FpcSchema}.
 */
public final class NeighbourAttr {
    /** u32 (key): the vrf of the interface. */
    public static final int VRFID = 1;
    /** u64 (key): the interface. */
    public static final int IFUID = 2;
    /** u8 (key): address family: 2 AF_INET, 10 AF_INET6. */
    public static final int FAMILY = 3;
    /** address (key): the neighbour's IP address (NDA_DST). */
    public static final int DST = 4;
    /** bytes (optional): its link-layer address (NDA_LLADDR), at most 32 bytes. */
    public static final int LLADDR = 5;
    /**
     * u16 (optional): NUD_*: 0x01 incomplete, 0x02 reachable, 0x04 stale, 0x08 delay, 0x10 probe, 0x20 failed, 0x40
     * noarp, 0x80 permanent.
     */
    public static final int STATE = 6;
    /** u8 (optional): NTF_*: 0x01 use, 0x08 proxy, 0x10 extern_learn, 0x80 router. */
    public static final int FLAGS = 7;

    private NeighbourAttr() {
    }
}
