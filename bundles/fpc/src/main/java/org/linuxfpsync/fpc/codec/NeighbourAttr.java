package org.linuxfpsync.fpc.codec;

import static org.linuxfpsync.fpc.codec.TlvForm.ADDRESS;
import static org.linuxfpsync.fpc.codec.TlvForm.BYTES;
import static org.linuxfpsync.fpc.codec.TlvForm.U16;
import static org.linuxfpsync.fpc.codec.TlvForm.U32;
import static org.linuxfpsync.fpc.codec.TlvForm.U64;
import static org.linuxfpsync.fpc.codec.TlvForm.U8;
import static org.linuxfpsync.fpc.codec.TlvSpec.key;
import static org.linuxfpsync.fpc.codec.TlvSpec.opt;

import java.util.List;

import org.linuxfpsync.fpc.codec.MessageSpec.Role;

/**
 * The object family of table {@code neighbours}, declared once, here: its code and message types, the constants of
 * its TLVs, and its {@code SCHEMA}, which {@link FpcSchema} registers.
 *
 * <p>TLVs of NEIGH_ADD and NEIGH_DEL (RTM_NEWNEIGH of AF_INET, AF_INET6). Layout: docs/fpc-protocol.md, {@link
 * FpcSchema}.
 */
public final class NeighbourAttr {
    /** The family (GR_BEGIN and FLUSH FAMILY): the high byte of its message types. */
    public static final int FAMILY_NEIGHBOURS = 0x04;
    /** A neighbour entry, created or replaced. */
    public static final int NEIGH_ADD = 0x0400;
    /** The neighbour entry is gone. */
    public static final int NEIGH_DEL = 0x0401;

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

    static final TlvList TLVS = new TlvList("NEIGH", "NeighbourAttr",
            "TLVs of NEIGH_ADD and NEIGH_DEL (`RTM_NEWNEIGH` of AF_INET, AF_INET6).", List.of(
            key(VRFID, "VRFID", U32, "the vrf of the interface"),
            key(IFUID, "IFUID", U64, "the interface"),
            key(FAMILY, "FAMILY", U8, "address family: 2 AF_INET, 10 AF_INET6"),
            key(DST, "DST", ADDRESS, "the neighbour's IP address (`NDA_DST`)"),
            opt(LLADDR, "LLADDR", BYTES,
                    "its link-layer address (`NDA_LLADDR`), at most 32 bytes").withMax(32),
            opt(STATE, "STATE", U16,
                    "`NUD_*`: 0x01 incomplete, 0x02 reachable, 0x04 stale, 0x08 delay, 0x10 probe, 0x20 failed, "
                    + "0x40 noarp, 0x80 permanent"),
            opt(FLAGS, "FLAGS", U8, "`NTF_*`: 0x01 use, 0x08 proxy, 0x10 extern_learn, 0x80 router")));

    static final ObjectFamily SCHEMA = new ObjectFamily(FAMILY_NEIGHBOURS, "neighbours",
            "Neighbours",
            "base (ARP); ipv6 0x10000 (NDP)", TLVS, List.of(
                new MessageSpec(NEIGH_ADD, "NEIGH_ADD", Role.ADD,
                        "a neighbour entry, created or replaced", TLVS),
                new MessageSpec(NEIGH_DEL, "NEIGH_DEL", Role.DEL,
                        "the neighbour entry is gone", TLVS)));

    private NeighbourAttr() {
    }
}
