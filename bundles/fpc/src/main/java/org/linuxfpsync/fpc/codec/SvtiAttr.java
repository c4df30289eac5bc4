package org.linuxfpsync.fpc.codec;

import static org.linuxfpsync.fpc.codec.TlvForm.ADDRESS;
import static org.linuxfpsync.fpc.codec.TlvForm.U32;
import static org.linuxfpsync.fpc.codec.TlvForm.U64;
import static org.linuxfpsync.fpc.codec.TlvForm.U8;
import static org.linuxfpsync.fpc.codec.TlvSpec.key;
import static org.linuxfpsync.fpc.codec.TlvSpec.opt;

import java.util.List;

import org.linuxfpsync.fpc.codec.MessageSpec.Role;

/**
 * The object family of table {@code svti}, declared once, here: its code and message types, the constants of its
 * TLVs, and its {@code SCHEMA}, which {@link FpcSchema} registers.
 *
 * <p>TLVs of SVTI_ADD and SVTI_DEL (a vti or vti6 interface: route-based IPsec). Layout: docs/fpc-protocol.md, {@link
 * FpcSchema}.
 */
public final class SvtiAttr {
    /** The family (GR_BEGIN and FLUSH FAMILY): the high byte of its message types. */
    public static final int FAMILY_SVTI = 0x11;
    /** Vti parameters of an interface. */
    public static final int SVTI_ADD = 0x1100;
    /** The parameters are gone. */
    public static final int SVTI_DEL = 0x1101;

    /** u32 (key): the vrf. */
    public static final int VRFID = 1;
    /** u64 (key): the vti interface. */
    public static final int IFUID = 2;
    /** address (optional): outer source. */
    public static final int LOCAL = 3;
    /** address (optional): outer destination. */
    public static final int REMOTE = 4;
    /** u32 (optional): input key: the mark matching inbound SAs. */
    public static final int IKEY = 5;
    /** u32 (optional): output key: the mark of outbound lookups. */
    public static final int OKEY = 6;
    /** u64 (optional): the underlay device. */
    public static final int LINK_IFUID = 7;
    /** u32 (optional): the vrf of the outer packets when it differs. */
    public static final int LINK_VRFID = 8;
    /** u8 (optional): 1: the kind's fallback device (ip_vti0, ip6_vti0): the catch-all receive device of its namespace. */
    public static final int FALLBACK = 9;

    static final TlvList TLVS = new TlvList("SVTI", "SvtiAttr",
            "TLVs of SVTI_ADD and SVTI_DEL (a vti or vti6 interface: route-based IPsec).", List.of(
            key(VRFID, "VRFID", U32, "the vrf"),
            key(IFUID, "IFUID", U64, "the vti interface"),
            opt(LOCAL, "LOCAL", ADDRESS, "outer source"),
            opt(REMOTE, "REMOTE", ADDRESS, "outer destination"),
            opt(IKEY, "IKEY", U32, "input key: the mark matching inbound SAs"),
            opt(OKEY, "OKEY", U32, "output key: the mark of outbound lookups"),
            opt(LINK_IFUID, "LINK_IFUID", U64, "the underlay device"),
            opt(LINK_VRFID, "LINK_VRFID", U32, "the vrf of the outer packets when it differs"),
            opt(FALLBACK, "FALLBACK", U8,
                    "1: the kind's fallback device (ip_vti0, ip6_vti0): the catch-all receive device of its namespace")));

    static final ObjectFamily SCHEMA = new ObjectFamily(FAMILY_SVTI, "svti", "SVTI (vti, vti6)",
            "svti 0x200", TLVS, List.of(
                new MessageSpec(SVTI_ADD, "SVTI_ADD", Role.ADD,
                        "vti parameters of an interface", TLVS),
                new MessageSpec(SVTI_DEL, "SVTI_DEL", Role.DEL, "the parameters are gone", TLVS)));

    private SvtiAttr() {
    }
}
