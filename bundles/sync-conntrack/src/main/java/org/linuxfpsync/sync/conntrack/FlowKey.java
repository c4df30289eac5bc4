package org.linuxfpsync.sync.conntrack;

import org.linuxfpsync.featuresync.FamilyObjects;
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

    /**
     * Mixes every field (the record's own hash, 31 × h + field, leaves the flows of one client
     * and server, which differ in their ports only, in a third of a large table's buckets, with
     * chains of dozens: most of the event path's time went to walking them).
     */
    @Override
    public int hashCode() {
        long h = srcLow * 0x9E3779B97F4A7C15L;
        h = (h ^ dstLow) * 0xC2B2AE3D27D4EB4FL;
        h = (h ^ srcHigh) * 0x9E3779B97F4A7C15L;
        h = (h ^ dstHigh) * 0xC2B2AE3D27D4EB4FL;
        h = (h ^ ((long) srcPort << 48 | (long) (dstPort & 0xffff) << 32 | (long) (icmpId & 0xffff) << 16
                | (icmpType & 0xff) << 8 | (icmpCode & 0xff))) * 0x9E3779B97F4A7C15L;
        h = (h ^ ((long) vrfid << 32 | (long) (zone & 0xffff) << 16 | (family & 0xff) << 8 | (protocol & 0xff)))
                * 0xC2B2AE3D27D4EB4FL;
        return (int) (h ^ (h >>> 29) ^ (h >>> 47));
    }

    /** Field by field (the record's own equals goes through method handles). */
    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof FlowKey k && srcLow == k.srcLow && dstLow == k.dstLow && srcPort == k.srcPort
                && dstPort == k.dstPort && srcHigh == k.srcHigh && dstHigh == k.dstHigh && protocol == k.protocol
                && zone == k.zone && vrfid == k.vrfid && family == k.family && icmpId == k.icmpId
                && icmpType == k.icmpType && icmpCode == k.icmpCode;
    }

    /**
     * The key TLVs' writer of one {@code FamilyObjects} (whose one reader thread uses it): an
     * address buffer of its own, so that no frame costs an allocation.
     */
    static FamilyObjects.KeyWriter<FlowKey> keyWriter() {
        byte[] scratch = new byte[16];
        return (w, k) -> write(w, k, scratch);
    }

    /** The key TLVs: VRFID, ZONE, ORIG; {@code scratch} holds an address (16 bytes). */
    static void write(FrameWriter w, FlowKey k, byte[] scratch) {
        w.putU32(ConntrackAttr.VRFID, k.vrfid).putU16(ConntrackAttr.ZONE, k.zone);
        w.beginNested(ConntrackAttr.ORIG);
        int length = k.family == Rtnetlink.AF_INET ? 4 : 16;
        w.putU8(CtTupleAttr.FAMILY, k.family);
        w.putBytes(CtTupleAttr.SRC, address(k.srcHigh, k.srcLow, length, scratch), 0, length);
        w.putBytes(CtTupleAttr.DST, address(k.dstHigh, k.dstLow, length, scratch), 0, length);
        writePorts(w, k.protocol, k.srcPort, k.dstPort, k.icmpId, k.icmpType, k.icmpCode);
        w.endNested();
    }

    /**
     * The TLVs of one direction (table TUPLE), in type order, from the family's address in
     * {@code src} and {@code dst} (4 or 16 bytes from 0); a field at -1 is left out.
     */
    static void writeTuple(FrameWriter w, int family, byte[] src, byte[] dst, int protocol, int srcPort, int dstPort,
                           int icmpId, int icmpType, int icmpCode) {
        int length = family == Rtnetlink.AF_INET ? 4 : 16;
        w.putU8(CtTupleAttr.FAMILY, family).putBytes(CtTupleAttr.SRC, src, 0, length)
                .putBytes(CtTupleAttr.DST, dst, 0, length);
        writePorts(w, protocol, srcPort, dstPort, icmpId, icmpType, icmpCode);
    }

    /** The tuple's TLVs after its addresses. */
    private static void writePorts(FrameWriter w, int protocol, int srcPort, int dstPort, int icmpId, int icmpType,
                                   int icmpCode) {
        w.putU8(CtTupleAttr.PROTO, protocol);
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

    /** The address of the two halves, in the first {@code length} bytes of {@code b}. */
    private static byte[] address(long high, long low, int length, byte[] b) {
        for (int i = 0; i < length; i++) {
            int fromEnd = length - 1 - i;
            long half = fromEnd < 8 ? low : high;
            b[i] = (byte) (half >>> (8 * (fromEnd % 8)));
        }
        return b;
    }
}
