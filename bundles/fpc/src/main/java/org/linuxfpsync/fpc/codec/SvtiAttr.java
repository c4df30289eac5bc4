package org.linuxfpsync.fpc.codec;

import static org.linuxfpsync.fpc.codec.TlvForm.ADDRESS;
import static org.linuxfpsync.fpc.codec.TlvForm.U32;
import static org.linuxfpsync.fpc.codec.TlvForm.U64;
import static org.linuxfpsync.fpc.codec.TlvForm.U8;
import static org.linuxfpsync.fpc.codec.TlvSpec.key;
import static org.linuxfpsync.fpc.codec.TlvSpec.opt;
import static org.linuxfpsync.fpc.codec.TlvSpec.req;

import java.util.List;

import org.linuxfpsync.fpc.codec.MessageSpec.Role;

/**
 * The object family of table {@code svti}, declared once, here: its code and message types, the constants of its
 * TLVs, and its {@code SCHEMA}, which {@link FpcSchema} registers.
 *
 * <p>TLVs of SVTI_ADD and SVTI_DEL (a vti, vti6 or xfrm interface: route-based IPsec). Layout: docs/fpc-protocol.md, {@link
 * FpcSchema}.
 */
public final class SvtiAttr {
    /** The family (GR_BEGIN and FLUSH FAMILY): the high byte of its message types. */
    public static final int FAMILY_SVTI = 0x11;
    /** Vti or xfrm parameters of an interface. */
    public static final int SVTI_ADD = 0x1100;
    /** The parameters are gone. */
    public static final int SVTI_DEL = 0x1101;

    /** u32 (key): the vrf. */
    public static final int VRFID = 1;
    /** u64 (key): the vti or xfrm interface. */
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
    /** u8 (required): 1 vti, 2 vti6, 3 xfrm. */
    public static final int KIND = 9;
    /** u32 (optional): the mark of the outer packets (vti, vti6). */
    public static final int FWMARK = 10;
    /** u32 (optional): the if_id of an xfrm interface: its SAs and policies carry it. */
    public static final int IF_ID = 11;
    /** u8 (optional): 1: an xfrm interface in external mode (collect_metadata), if_id per packet. */
    public static final int COLLECT_METADATA = 12;
    /** u8 (optional): 1: the kind's fallback device (ip_vti0, ip6_vti0): the catch-all receive device of its namespace. */
    public static final int FALLBACK = 13;

    static final TlvList TLVS = new TlvList("SVTI", "SvtiAttr",
            "TLVs of SVTI_ADD and SVTI_DEL (a vti, vti6 or xfrm interface: route-based IPsec).", List.of(
            key(VRFID, "VRFID", U32, "the vrf"),
            key(IFUID, "IFUID", U64, "the vti or xfrm interface"),
            opt(LOCAL, "LOCAL", ADDRESS, "outer source"),
            opt(REMOTE, "REMOTE", ADDRESS, "outer destination"),
            opt(IKEY, "IKEY", U32, "input key: the mark matching inbound SAs"),
            opt(OKEY, "OKEY", U32, "output key: the mark of outbound lookups"),
            opt(LINK_IFUID, "LINK_IFUID", U64, "the underlay device"),
            opt(LINK_VRFID, "LINK_VRFID", U32, "the vrf of the outer packets when it differs"),
            req(KIND, "KIND", U8, "1 vti, 2 vti6, 3 xfrm"),
            opt(FWMARK, "FWMARK", U32, "the mark of the outer packets (vti, vti6)"),
            opt(IF_ID, "IF_ID", U32, "the if_id of an xfrm interface: its SAs and policies carry it"),
            opt(COLLECT_METADATA, "COLLECT_METADATA", U8, "1: an xfrm interface in external mode, if_id per packet"),
            opt(FALLBACK, "FALLBACK", U8,
                    "1: the kind's fallback device (ip_vti0, ip6_vti0): the catch-all receive device of its namespace")));

    static final ObjectFamily SCHEMA = new ObjectFamily(FAMILY_SVTI, "svti", "SVTI (vti, vti6, xfrm interfaces)",
            "svti 0x200", TLVS, List.of(
                new MessageSpec(SVTI_ADD, "SVTI_ADD", Role.ADD,
                        "vti or xfrm parameters of an interface", TLVS),
                new MessageSpec(SVTI_DEL, "SVTI_DEL", Role.DEL, "the parameters are gone", TLVS)));

    private SvtiAttr() {
    }
}
