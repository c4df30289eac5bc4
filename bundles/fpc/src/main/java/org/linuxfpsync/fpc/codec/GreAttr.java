package org.linuxfpsync.fpc.codec;

import static org.linuxfpsync.fpc.codec.TlvForm.ADDRESS;
import static org.linuxfpsync.fpc.codec.TlvForm.U16;
import static org.linuxfpsync.fpc.codec.TlvForm.U32;
import static org.linuxfpsync.fpc.codec.TlvForm.U64;
import static org.linuxfpsync.fpc.codec.TlvForm.U8;
import static org.linuxfpsync.fpc.codec.TlvSpec.key;
import static org.linuxfpsync.fpc.codec.TlvSpec.opt;
import static org.linuxfpsync.fpc.codec.TlvSpec.req;

import java.util.List;

import org.linuxfpsync.fpc.codec.MessageSpec.Role;

/**
 * The object family of table {@code gre}, declared once, here: its code and message types, the constants of its
 * TLVs, and its {@code SCHEMA}, which {@link FpcSchema} registers.
 *
 * <p>TLVs of GRE_ADD and GRE_DEL (IFLA_GRE_* of gre, gretap, ip6gre, ip6gretap). Layout: docs/fpc-protocol.md, {@link
 * FpcSchema}.
 */
public final class GreAttr {
    /** The family (GR_BEGIN and FLUSH FAMILY): the high byte of its message types. */
    public static final int FAMILY_GRE = 0x0d;
    /** GRE parameters of an interface. */
    public static final int GRE_ADD = 0x0d00;
    /** The parameters are gone. */
    public static final int GRE_DEL = 0x0d01;

    /** u32 (key): the vrf. */
    public static final int VRFID = 1;
    /** u64 (key): the tunnel interface. */
    public static final int IFUID = 2;
    /** u8 (required): 1 gre, 2 gretap, 3 ip6gre, 4 ip6gretap. */
    public static final int KIND = 3;
    /** address (optional): outer source. */
    public static final int LOCAL = 4;
    /** address (optional): outer destination; absent for a multipoint tunnel. */
    public static final int REMOTE = 5;
    /** u32 (optional): input key. */
    public static final int IKEY = 6;
    /** u32 (optional): output key. */
    public static final int OKEY = 7;
    /** u16 (optional): GRE_* input flags: 0x8000 csum, 0x2000 key, 0x1000 seq. */
    public static final int IFLAGS = 8;
    /** u16 (optional): GRE_* output flags. */
    public static final int OFLAGS = 9;
    /** u8 (optional): 0: inherit. */
    public static final int TTL = 10;
    /** u8 (optional): TOS or traffic class; 1: inherit. */
    public static final int TOS = 11;
    /** u8 (optional): 1: path MTU discovery (DF set). */
    public static final int PMTUDISC = 12;
    /** u64 (optional): the underlay device (IFLA_GRE_LINK). */
    public static final int LINK_IFUID = 13;
    /** u32 (optional): the vrf of the outer packets when it differs (IFLA_LINK_NETNSID). */
    public static final int LINK_VRFID = 14;
    /** u8 (optional): 1: the kind's fallback device (gre0, gretap0, erspan0, ip6gre0): the catch-all receive device of its namespace. */
    public static final int FALLBACK = 15;

    static final TlvList TLVS = new TlvList("GRE", "GreAttr",
            "TLVs of GRE_ADD and GRE_DEL (`IFLA_GRE_*` of gre, gretap, ip6gre, ip6gretap).", List.of(
            key(VRFID, "VRFID", U32, "the vrf"),
            key(IFUID, "IFUID", U64, "the tunnel interface"),
            req(KIND, "KIND", U8, "1 gre, 2 gretap, 3 ip6gre, 4 ip6gretap"),
            opt(LOCAL, "LOCAL", ADDRESS, "outer source"),
            opt(REMOTE, "REMOTE", ADDRESS, "outer destination; absent for a multipoint tunnel"),
            opt(IKEY, "IKEY", U32, "input key"),
            opt(OKEY, "OKEY", U32, "output key"),
            opt(IFLAGS, "IFLAGS", U16, "`GRE_*` input flags: 0x8000 csum, 0x2000 key, 0x1000 seq"),
            opt(OFLAGS, "OFLAGS", U16, "`GRE_*` output flags"),
            opt(TTL, "TTL", U8, "0: inherit"),
            opt(TOS, "TOS", U8, "TOS or traffic class; 1: inherit"),
            opt(PMTUDISC, "PMTUDISC", U8, "1: path MTU discovery (DF set)"),
            opt(LINK_IFUID, "LINK_IFUID", U64, "the underlay device (`IFLA_GRE_LINK`)"),
            opt(LINK_VRFID, "LINK_VRFID", U32,
                    "the vrf of the outer packets when it differs (`IFLA_LINK_NETNSID`)"),
            opt(FALLBACK, "FALLBACK", U8,
                    "1: the kind's fallback device (gre0, gretap0, erspan0, ip6gre0): the catch-all receive device of its namespace")));

    static final ObjectFamily SCHEMA = new ObjectFamily(FAMILY_GRE, "gre", "GRE and GRETAP",
            "gre 0x40", TLVS, List.of(
                new MessageSpec(GRE_ADD, "GRE_ADD", Role.ADD,
                        "GRE parameters of an interface", TLVS),
                new MessageSpec(GRE_DEL, "GRE_DEL", Role.DEL, "the parameters are gone", TLVS)));

    private GreAttr() {
    }
}
