package org.linuxfpsync.fpc.codec;

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

    private CtTupleAttr() {
    }
}
