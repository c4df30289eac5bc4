package org.linuxfpsync.fpc.codec;

import static org.linuxfpsync.fpc.codec.TlvForm.ADDRESS;
import static org.linuxfpsync.fpc.codec.TlvForm.U16;
import static org.linuxfpsync.fpc.codec.TlvForm.U8;
import static org.linuxfpsync.fpc.codec.TlvSpec.opt;
import static org.linuxfpsync.fpc.codec.TlvSpec.req;

import java.util.List;

/** TLVs inside ORIG and REPLY of CT_ADD (CTA_TUPLE_*). Layout: docs/fpc-protocol.md, {@link FpcSchema}. */
public final class CtTupleAttr {
    /** u8 (required): address family: 2 AF_INET, 10 AF_INET6. */
    public static final int FAMILY = 1;
    /** address (required): source address. */
    public static final int SRC = 2;
    /** address (required): destination address. */
    public static final int DST = 3;
    /** u8 (required): 6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6, 132 SCTP.... */
    public static final int PROTO = 4;
    /** u16 (optional): source port. */
    public static final int SPORT = 5;
    /** u16 (optional): destination port. */
    public static final int DPORT = 6;
    /** u16 (optional). */
    public static final int ICMP_ID = 7;
    /** u8 (optional). */
    public static final int ICMP_TYPE = 8;
    /** u8 (optional). */
    public static final int ICMP_CODE = 9;

    static final TlvList TLVS = new TlvList("TUPLE", "CtTupleAttr",
            "TLVs inside ORIG and REPLY of CT_ADD (`CTA_TUPLE_*`).", List.of(
            req(FAMILY, "FAMILY", U8, "address family: 2 AF_INET, 10 AF_INET6"),
            req(SRC, "SRC", ADDRESS, "source address"),
            req(DST, "DST", ADDRESS, "destination address"),
            req(PROTO, "PROTO", U8, "6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6, 132 SCTP..."),
            opt(SPORT, "SPORT", U16, "source port"),
            opt(DPORT, "DPORT", U16, "destination port"),
            opt(ICMP_ID, "ICMP_ID", U16, ""),
            opt(ICMP_TYPE, "ICMP_TYPE", U8, ""),
            opt(ICMP_CODE, "ICMP_CODE", U8, "")));

    private CtTupleAttr() {
    }
}
