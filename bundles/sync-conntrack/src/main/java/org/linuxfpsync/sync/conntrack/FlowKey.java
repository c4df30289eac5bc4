package org.linuxfpsync.sync.conntrack;

import org.linuxfpsync.fpc.codec.ConntrackAttr;
import org.linuxfpsync.fpc.codec.CtTupleAttr;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.netlink.codec.ConntrackMessage;
import org.linuxfpsync.netlink.codec.Rtnetlink;

/**
 * What identifies a flow in the FPM of one vrf: its zone and its original tuple (the kernel's table
 * holds one flow per zone and original tuple), packed in {@link #WORDS} longs so that a store keeps
 * its keys in one {@code long[]} and an event costs no key object:
 *
 * <pre>
 * word 0, 1  source address, big-endian halves (an IPv4 address in the low half)
 * word 2, 3  destination address, the same
 * word 4     zone (16 bits) | family (8) | protocol (8) | ICMP type + 1 (16) | ICMP code + 1 (16)
 * word 5     source port + 1 (20 bits) &lt;&lt; 40 | destination port + 1 (20) &lt;&lt; 20 | ICMP id + 1 (20)
 * </pre>
 *
 * A field the protocol does not have (ports of ICMP, the ICMP fields of TCP) is -1, packed as 0. The
 * vrf is the store's: one store per vrf.
 */
final class FlowKey {
    static final int WORDS = 6;

    private FlowKey() {
    }

    /** Packs the key of the flow in {@code ct}, whose original tuple has its addresses, into {@code key}. */
    static void pack(ConntrackMessage ct, long[] key, byte[] scratch) {
        ConntrackMessage.Tuple t = ct.original();
        int length = t.family() == Rtnetlink.AF_INET ? 4 : 16;
        t.copySrc(scratch);
        key[0] = half(scratch, 0, length);
        key[1] = half(scratch, 8, length);
        t.copyDst(scratch);
        key[2] = half(scratch, 0, length);
        key[3] = half(scratch, 8, length);
        key[4] = meta(ct.zone(), t.family(), t.protocol(), t.icmpType(), t.icmpCode());
        key[5] = ports(t.srcPort(), t.dstPort(), t.icmpId());
    }

    /** Word 4 of a key. */
    static long meta(int zone, int family, int protocol, int icmpType, int icmpCode) {
        return (zone & 0xffffL) << 48 | (family & 0xffL) << 40 | (protocol & 0xffL) << 32
                | ((icmpType + 1) & 0xffffL) << 16 | ((icmpCode + 1) & 0xffffL);
    }

    /** Word 5 of a key. */
    static long ports(int srcPort, int dstPort, int icmpId) {
        return ((srcPort + 1) & 0xfffffL) << 40 | ((dstPort + 1) & 0xfffffL) << 20 | ((icmpId + 1) & 0xfffffL);
    }

    static int zone(long[] keys, int at) {
        return (int) (keys[at + 4] >>> 48);
    }

    static int family(long[] keys, int at) {
        return (int) (keys[at + 4] >>> 40) & 0xff;
    }

    static int protocol(long[] keys, int at) {
        return (int) (keys[at + 4] >>> 32) & 0xff;
    }

    private static int icmpType(long[] keys, int at) {
        return ((int) (keys[at + 4] >>> 16) & 0xffff) - 1;
    }

    private static int icmpCode(long[] keys, int at) {
        return ((int) keys[at + 4] & 0xffff) - 1;
    }

    private static int srcPort(long[] keys, int at) {
        return ((int) (keys[at + 5] >>> 40) & 0xfffff) - 1;
    }

    private static int dstPort(long[] keys, int at) {
        return ((int) (keys[at + 5] >>> 20) & 0xfffff) - 1;
    }

    private static int icmpId(long[] keys, int at) {
        return ((int) keys[at + 5] & 0xfffff) - 1;
    }

    /**
     * Mixes every word (the flows of one client and server differ in their ports only: a hash that
     * left them in few buckets made long probe runs, where most of the event path's time went).
     */
    static int hash(long[] keys, int at) {
        long h = keys[at + 1] * 0x9E3779B97F4A7C15L;
        h = (h ^ keys[at + 3]) * 0xC2B2AE3D27D4EB4FL;
        h = (h ^ keys[at]) * 0x9E3779B97F4A7C15L;
        h = (h ^ keys[at + 2]) * 0xC2B2AE3D27D4EB4FL;
        h = (h ^ keys[at + 5]) * 0x9E3779B97F4A7C15L;
        h = (h ^ keys[at + 4]) * 0xC2B2AE3D27D4EB4FL;
        return (int) (h ^ (h >>> 29) ^ (h >>> 47));
    }

    /** The key TLVs of the key at {@code keys[at..]}: VRFID, ZONE, ORIG; {@code scratch} holds an address (16 bytes). */
    static void write(FrameWriter w, int vrfid, long[] keys, int at, byte[] scratch) {
        w.putU32(ConntrackAttr.VRFID, vrfid).putU16(ConntrackAttr.ZONE, zone(keys, at));
        w.beginNested(ConntrackAttr.ORIG);
        int family = family(keys, at);
        int length = family == Rtnetlink.AF_INET ? 4 : 16;
        w.putU8(CtTupleAttr.FAMILY, family);
        w.putBytes(CtTupleAttr.SRC, address(keys[at], keys[at + 1], length, scratch), 0, length);
        w.putBytes(CtTupleAttr.DST, address(keys[at + 2], keys[at + 3], length, scratch), 0, length);
        writePorts(w, protocol(keys, at), srcPort(keys, at), dstPort(keys, at), icmpId(keys, at), icmpType(keys, at),
                icmpCode(keys, at));
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
