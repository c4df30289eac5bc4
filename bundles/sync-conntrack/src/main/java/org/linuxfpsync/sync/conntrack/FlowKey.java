package org.linuxfpsync.sync.conntrack;

import org.linuxfpsync.fpc.codec.ConntrackAttr;
import org.linuxfpsync.fpc.codec.CtTupleAttr;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.netlink.codec.ConntrackMessage;
import org.linuxfpsync.netlink.codec.Rtnetlink;

/**
 * What identifies a flow in the FPM: its vrf, its zone and its original tuple (the kernel's table
 * holds one flow per zone and original tuple). Addresses as two big-endian halves (an IPv4 address in
 * the low half); -1 for a field the protocol does not have (ports of ICMP, the ICMP fields of TCP).
 */
record FlowKey(int vrfid, int zone, int family, int protocol, long srcHigh, long srcLow, long dstHigh, long dstLow,
               int srcPort, int dstPort, int icmpId, int icmpType, int icmpCode) {

    /** The key of the flow in {@code ct}, whose original tuple has its addresses. */
    static FlowKey of(int vrfid, ConntrackMessage ct, byte[] scratch) {
        ConntrackMessage.Tuple t = ct.original();
        int length = t.family() == Rtnetlink.AF_INET ? 4 : 16;
        t.copySrc(scratch);
        long srcHigh = half(scratch, 0, length);
        long srcLow = half(scratch, 8, length);
        t.copyDst(scratch);
        return new FlowKey(vrfid, ct.zone(), t.family(), t.protocol(), srcHigh, srcLow, half(scratch, 0, length),
                half(scratch, 8, length), t.srcPort(), t.dstPort(), t.icmpId(), t.icmpType(), t.icmpCode());
    }

    /** The key TLVs (FamilyObjects.KeyWriter): VRFID, ZONE, ORIG. */
    static void write(FrameWriter w, FlowKey k) {
        int length = k.family == Rtnetlink.AF_INET ? 4 : 16;
        w.putU32(ConntrackAttr.VRFID, k.vrfid).putU16(ConntrackAttr.ZONE, k.zone);
        w.beginNested(ConntrackAttr.ORIG);
        writeTuple(w, k.family, address(k.srcHigh, k.srcLow, length), address(k.dstHigh, k.dstLow, length),
                k.protocol, k.srcPort, k.dstPort, k.icmpId, k.icmpType, k.icmpCode);
        w.endNested();
    }

    /** The TLVs of one direction (table TUPLE), in type order; a field at -1 is left out. */
    static void writeTuple(FrameWriter w, int family, byte[] src, byte[] dst, int protocol, int srcPort, int dstPort,
                           int icmpId, int icmpType, int icmpCode) {
        w.putU8(CtTupleAttr.FAMILY, family).putAddress(CtTupleAttr.SRC, src).putAddress(CtTupleAttr.DST, dst)
                .putU8(CtTupleAttr.PROTO, protocol);
        if (srcPort >= 0) {
            w.putU16(CtTupleAttr.SPORT, srcPort);
        }
        if (dstPort >= 0) {
            w.putU16(CtTupleAttr.DPORT, dstPort);
        }
        if (icmpId >= 0) {
            w.putU16(CtTupleAttr.ICMP_ID, icmpId);
        }
        if (icmpType >= 0) {
            w.putU8(CtTupleAttr.ICMP_TYPE, icmpType);
        }
        if (icmpCode >= 0) {
            w.putU8(CtTupleAttr.ICMP_CODE, icmpCode);
        }
    }

    /** Bytes [from, from + 8) of an address, big-endian; an IPv4 address is all in the low half. */
    private static long half(byte[] address, int from, int length) {
        if (length == 4) {
            return from == 0 ? 0 : ((address[0] & 0xffL) << 24) | ((address[1] & 0xffL) << 16)
                    | ((address[2] & 0xffL) << 8) | (address[3] & 0xffL);
        }
        long v = 0;
        for (int i = from; i < from + 8; i++) {
            v = (v << 8) | (address[i] & 0xffL);
        }
        return v;
    }

    private static byte[] address(long high, long low, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            int fromEnd = length - 1 - i;
            long half = fromEnd < 8 ? low : high;
            b[i] = (byte) (half >>> (8 * (fromEnd % 8)));
        }
        return b;
    }
}
