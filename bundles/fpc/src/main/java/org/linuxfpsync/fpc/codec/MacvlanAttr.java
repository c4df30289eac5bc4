package org.linuxfpsync.fpc.codec;

import static org.linuxfpsync.fpc.codec.TlvForm.BYTES;
import static org.linuxfpsync.fpc.codec.TlvForm.U16;
import static org.linuxfpsync.fpc.codec.TlvForm.U32;
import static org.linuxfpsync.fpc.codec.TlvForm.U64;
import static org.linuxfpsync.fpc.codec.TlvSpec.key;
import static org.linuxfpsync.fpc.codec.TlvSpec.opt;
import static org.linuxfpsync.fpc.codec.TlvSpec.req;

import java.util.List;

import org.linuxfpsync.fpc.codec.MessageSpec.Role;

/**
 * The object family of table {@code macvlan}, declared once, here: its code and message types, the constants of its
 * TLVs, and its {@code SCHEMA}, which {@link FpcSchema} registers.
 *
 * <p>TLVs of MACVLAN_ADD and MACVLAN_DEL (IFLA_MACVLAN_*, macvlan and macvtap). Layout: docs/fpc-protocol.md, {@link
 * FpcSchema}.
 */
public final class MacvlanAttr {
    /** The family (GR_BEGIN and FLUSH FAMILY): the high byte of its message types. */
    public static final int FAMILY_MACVLAN = 0x0b;
    /** MACVLAN parameters of an interface. */
    public static final int MACVLAN_ADD = 0x0b00;
    /** The parameters are gone. */
    public static final int MACVLAN_DEL = 0x0b01;

    /** u32 (key): the vrf. */
    public static final int VRFID = 1;
    /** u64 (key): the macvlan interface. */
    public static final int IFUID = 2;
    /** u32 (required): MACVLAN_MODE_*: 1 private, 2 vepa, 4 bridge, 8 passthru, 16 source. */
    public static final int MODE = 3;
    /** u64 (required): the lower device. */
    public static final int PARENT_IFUID = 4;
    /** u16 (optional): MACVLAN_FLAG_*: 0x1 nopromisc, 0x2 nodst. */
    public static final int FLAGS = 5;
    /**
     * bytes (optional, repeated): a source MAC of a mode source device (IFLA_MACVLAN_MACADDR_DATA), 6 bytes; one TLV per
     * address.
     */
    public static final int SOURCE_MAC = 6;

    static final TlvList TLVS = new TlvList("MACVLAN", "MacvlanAttr",
            "TLVs of MACVLAN_ADD and MACVLAN_DEL (`IFLA_MACVLAN_*`, macvlan and macvtap).", List.of(
            key(VRFID, "VRFID", U32, "the vrf"),
            key(IFUID, "IFUID", U64, "the macvlan interface"),
            req(MODE, "MODE", U32, "`MACVLAN_MODE_*`: 1 private, 2 vepa, 4 bridge, 8 passthru, 16 source"),
            req(PARENT_IFUID, "PARENT_IFUID", U64, "the lower device"),
            opt(FLAGS, "FLAGS", U16, "`MACVLAN_FLAG_*`: 0x1 nopromisc, 0x2 nodst"),
            opt(SOURCE_MAC, "SOURCE_MAC", BYTES,
                    "a source MAC of a mode source device (`IFLA_MACVLAN_MACADDR_DATA`), 6 bytes")
                    .withMax(32).asRepeated()));

    static final ObjectFamily SCHEMA = new ObjectFamily(FAMILY_MACVLAN, "macvlan", "MACVLAN",
            "macvlan 0x8", TLVS, List.of(
                new MessageSpec(MACVLAN_ADD, "MACVLAN_ADD", Role.ADD,
                        "MACVLAN parameters of an interface", TLVS),
                new MessageSpec(MACVLAN_DEL, "MACVLAN_DEL", Role.DEL,
                        "the parameters are gone", TLVS)));

    private MacvlanAttr() {
    }
}
