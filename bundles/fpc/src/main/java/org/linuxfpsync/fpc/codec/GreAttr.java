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
 * <p>TLVs of GRE_ADD and GRE_DEL (IFLA_GRE_* of gre, gretap, ip6gre, ip6gretap, erspan, ip6erspan). Layout: docs/fpc-protocol.md, {@link
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
    /** u8 (required): 1 gre, 2 gretap, 3 ip6gre, 4 ip6gretap, 5 erspan, 6 ip6erspan. */
    public static final int KIND = 3;
    /** address (optional): outer source. */
    public static final int LOCAL = 4;
    /** address (optional): outer destination; absent for a multipoint tunnel. */
    public static final int REMOTE = 5;
    /** u32 (optional): input key (with GRE_KEY in IFLAGS). */
    public static final int IKEY = 6;
    /** u32 (optional): output key (with GRE_KEY in OFLAGS). */
    public static final int OKEY = 7;
    /** u16 (optional): GRE_* input flags: 0x8000 csum, 0x2000 key, 0x1000 seq. */
    public static final int IFLAGS = 8;
    /** u16 (optional): GRE_* output flags. */
    public static final int OFLAGS = 9;
    /** u8 (optional): TTL or hop limit; 0: inherit. */
    public static final int TTL = 10;
    /** u8 (optional): TOS of a gre over IPv4 (an ip6gre's is in FLOWINFO); 1: inherit. */
    public static final int TOS = 11;
    /** u8 (optional): 1: path MTU discovery (DF set). */
    public static final int PMTUDISC = 12;
    /** u64 (optional): the underlay device (IFLA_GRE_LINK). */
    public static final int LINK_IFUID = 13;
    /** u32 (optional): the vrf of the outer packets when it differs (IFLA_LINK_NETNSID). */
    public static final int LINK_VRFID = 14;
    /** u8 (optional): 1: the don't-fragment bit of inner packets is ignored (IFLA_GRE_IGNORE_DF). */
    public static final int IGNORE_DF = 15;
    /** u32 (optional): the mark of the outer packets' route lookup. */
    public static final int FWMARK = 16;
    /** u8 (optional): 1: external (flow-based): the endpoints and key come with each packet. */
    public static final int COLLECT_METADATA = 17;
    /** u16 (optional): UDP encapsulation (TUNNEL_ENCAP_*): 0 none, 1 fou, 2 gue. */
    public static final int ENCAP_TYPE = 18;
    /** u16 (optional): TUNNEL_ENCAP_FLAG_*: 0x1 csum, 0x2 csum6, 0x4 remcsum. */
    public static final int ENCAP_FLAGS = 19;
    /** u16 (optional): UDP source port of the encapsulation; 0: chosen per flow. */
    public static final int ENCAP_SPORT = 20;
    /** u16 (optional): UDP destination port of the encapsulation. */
    public static final int ENCAP_DPORT = 21;
    /** u8 (optional): ip6gre: the encapsulation limit option's value. */
    public static final int ENCAP_LIMIT = 22;
    /** u32 (optional): ip6gre: traffic class (bits 27-20) and flow label (bits 19-0) of the outer header. */
    public static final int FLOWINFO = 23;
    /**
     * u32 (optional): ip6gre: IP6_TNL_F_* (0x1 no encap limit, 0x2 tclass inherited, 0x4 flow label inherited,
     * 0x10 dscp copied, 0x20 fwmark inherited, 0x40 local remote allowed).
     */
    public static final int FLAGS = 24;
    /** u8 (optional): erspan: version, 1 (type II) or 2 (type III). */
    public static final int ERSPAN_VER = 25;
    /** u32 (optional): erspan version 1: the index. */
    public static final int ERSPAN_INDEX = 26;
    /** u8 (optional): erspan version 2: direction, 0 ingress, 1 egress. */
    public static final int ERSPAN_DIR = 27;
    /** u16 (optional): erspan version 2: the hardware id. */
    public static final int ERSPAN_HWID = 28;
    /**
     * u8 (optional): 1: the kind's fallback device (gre0, gretap0, erspan0, ip6gre0): the catch-all receive device
     * of its namespace. The family's last TLV: LinkKindObjects adds it after the translator's.
     */
    public static final int FALLBACK = 29;

    static final TlvList TLVS = new TlvList("GRE", "GreAttr",
            "TLVs of GRE_ADD and GRE_DEL (`IFLA_GRE_*` of gre, gretap, ip6gre, ip6gretap, erspan, ip6erspan).", List.of(
            key(VRFID, "VRFID", U32, "the vrf"),
            key(IFUID, "IFUID", U64, "the tunnel interface"),
            req(KIND, "KIND", U8, "1 gre, 2 gretap, 3 ip6gre, 4 ip6gretap, 5 erspan, 6 ip6erspan"),
            opt(LOCAL, "LOCAL", ADDRESS, "outer source"),
            opt(REMOTE, "REMOTE", ADDRESS, "outer destination; absent for a multipoint tunnel"),
            opt(IKEY, "IKEY", U32, "input key (with `GRE_KEY` in IFLAGS)"),
            opt(OKEY, "OKEY", U32, "output key (with `GRE_KEY` in OFLAGS)"),
            opt(IFLAGS, "IFLAGS", U16, "`GRE_*` input flags: 0x8000 csum, 0x2000 key, 0x1000 seq"),
            opt(OFLAGS, "OFLAGS", U16, "`GRE_*` output flags"),
            opt(TTL, "TTL", U8, "TTL or hop limit; 0: inherit"),
            opt(TOS, "TOS", U8, "TOS of a gre over IPv4 (an ip6gre's is in FLOWINFO); 1: inherit"),
            opt(PMTUDISC, "PMTUDISC", U8, "1: path MTU discovery (DF set)"),
            opt(LINK_IFUID, "LINK_IFUID", U64, "the underlay device (`IFLA_GRE_LINK`)"),
            opt(LINK_VRFID, "LINK_VRFID", U32,
                    "the vrf of the outer packets when it differs (`IFLA_LINK_NETNSID`)"),
            opt(IGNORE_DF, "IGNORE_DF", U8, "1: the don't-fragment bit of inner packets is ignored (`IFLA_GRE_IGNORE_DF`)"),
            opt(FWMARK, "FWMARK", U32, "the mark of the outer packets' route lookup"),
            opt(COLLECT_METADATA, "COLLECT_METADATA", U8,
                    "1: external (flow-based): the endpoints and key come with each packet"),
            opt(ENCAP_TYPE, "ENCAP_TYPE", U16, "UDP encapsulation (`TUNNEL_ENCAP_*`): 0 none, 1 fou, 2 gue"),
            opt(ENCAP_FLAGS, "ENCAP_FLAGS", U16, "`TUNNEL_ENCAP_FLAG_*`: 0x1 csum, 0x2 csum6, 0x4 remcsum"),
            opt(ENCAP_SPORT, "ENCAP_SPORT", U16, "UDP source port of the encapsulation; 0: chosen per flow"),
            opt(ENCAP_DPORT, "ENCAP_DPORT", U16, "UDP destination port of the encapsulation"),
            opt(ENCAP_LIMIT, "ENCAP_LIMIT", U8, "ip6gre: the encapsulation limit option's value"),
            opt(FLOWINFO, "FLOWINFO", U32,
                    "ip6gre: traffic class (bits 27-20) and flow label (bits 19-0) of the outer header"),
            opt(FLAGS, "FLAGS", U32, "ip6gre: `IP6_TNL_F_*` (0x1 no encap limit, 0x2 tclass inherited, 0x4 flow label"
                    + " inherited, 0x10 dscp copied, 0x20 fwmark inherited, 0x40 local remote allowed)"),
            opt(ERSPAN_VER, "ERSPAN_VER", U8, "erspan: version, 1 (type II) or 2 (type III)"),
            opt(ERSPAN_INDEX, "ERSPAN_INDEX", U32, "erspan version 1: the index"),
            opt(ERSPAN_DIR, "ERSPAN_DIR", U8, "erspan version 2: direction, 0 ingress, 1 egress"),
            opt(ERSPAN_HWID, "ERSPAN_HWID", U16, "erspan version 2: the hardware id"),
            opt(FALLBACK, "FALLBACK", U8,
                    "1: the kind's fallback device (gre0, gretap0, erspan0, ip6gre0): the catch-all receive device of its namespace")));

    static final ObjectFamily SCHEMA = new ObjectFamily(FAMILY_GRE, "gre", "GRE and GRETAP (and ERSPAN)",
            "gre 0x40", TLVS, List.of(
                new MessageSpec(GRE_ADD, "GRE_ADD", Role.ADD,
                        "GRE parameters of an interface", TLVS),
                new MessageSpec(GRE_DEL, "GRE_DEL", Role.DEL, "the parameters are gone", TLVS)));

    private GreAttr() {
    }
}
