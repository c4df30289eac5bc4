package org.linuxfpsync.fpc.codec;

import static org.linuxfpsync.fpc.codec.TlvForm.ADDRESS;
import static org.linuxfpsync.fpc.codec.TlvForm.U16;
import static org.linuxfpsync.fpc.codec.TlvForm.U64;
import static org.linuxfpsync.fpc.codec.TlvForm.U8;
import static org.linuxfpsync.fpc.codec.TlvSpec.opt;
import static org.linuxfpsync.fpc.codec.TlvSpec.req;

import java.util.List;

/**
 * TLVs inside a SELECTOR (struct xfrm_selector) of SA_ADD and SP_ADD. Layout: docs/fpc-protocol.md, {@link FpcSchema}.
 */
public final class SelectorAttr {
    /** u8 (required): address family: 2 AF_INET, 10 AF_INET6. */
    public static final int FAMILY = 1;
    /** address (optional): source; absent: any. */
    public static final int SADDR = 2;
    /** address (optional): destination; absent: any. */
    public static final int DADDR = 3;
    /** u8 (optional): source prefix length. */
    public static final int SPREFIXLEN = 4;
    /** u8 (optional): destination prefix length. */
    public static final int DPREFIXLEN = 5;
    /** u8 (optional): upper-layer protocol, 0 any. */
    public static final int PROTO = 6;
    /** u16 (optional): source port. */
    public static final int SPORT = 7;
    /** u16 (optional). */
    public static final int SPORT_MASK = 8;
    /** u16 (optional): destination port. */
    public static final int DPORT = 9;
    /** u16 (optional). */
    public static final int DPORT_MASK = 10;
    /** u64 (optional): interface the selector is bound to. */
    public static final int IFUID = 11;

    static final TlvList TLVS = new TlvList("SEL", "SelectorAttr",
            "TLVs inside a SELECTOR (`struct xfrm_selector`) of SA_ADD and SP_ADD.", List.of(
            req(FAMILY, "FAMILY", U8, "address family: 2 AF_INET, 10 AF_INET6"),
            opt(SADDR, "SADDR", ADDRESS, "source; absent: any"),
            opt(DADDR, "DADDR", ADDRESS, "destination; absent: any"),
            opt(SPREFIXLEN, "SPREFIXLEN", U8, "source prefix length"),
            opt(DPREFIXLEN, "DPREFIXLEN", U8, "destination prefix length"),
            opt(PROTO, "PROTO", U8, "upper-layer protocol, 0 any"),
            opt(SPORT, "SPORT", U16, "source port"),
            opt(SPORT_MASK, "SPORT_MASK", U16, ""),
            opt(DPORT, "DPORT", U16, "destination port"),
            opt(DPORT_MASK, "DPORT_MASK", U16, ""),
            opt(IFUID, "IFUID", U64, "interface the selector is bound to")));

    private SelectorAttr() {
    }
}
