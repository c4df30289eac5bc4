package org.linuxfpsync.fpm.internal;

import java.util.Arrays;

import org.linuxfpsync.fpc.codec.FpcFormatException;
import org.linuxfpsync.fpc.codec.FpcSchema;
import org.linuxfpsync.fpc.codec.FrameReader;
import org.linuxfpsync.fpc.codec.InterfaceAttr;
import org.linuxfpsync.fpm.FpmInterface;

/**
 * Reads the TLVs of IF_CREATE, IF_UPDATE and IF_DELETE, checking what a C fast path would
 * overflow on: a frame is decoded completely before anything is applied, so a bad frame never
 * changes the table.
 */
final class InterfaceDecoder {
    /** IFNAMSIZ less the NUL. */
    static final int IFNAME_MAX = 15;
    /** MAX_ADDR_LEN of the kernel. */
    static final int MAC_MAX = 32;
    static final int KIND_MAX = 31;

    private final byte[] mac = new byte[MAC_MAX];

    /** The whole state carried by IF_CREATE or IF_UPDATE. IFUID and VRFID are required. */
    FpmInterface decode(FrameReader r) throws FpcFormatException {
        String what = FpcSchema.messageName(r.type());
        long ifuid = 0;
        long vrfid = -1;
        int ifindex = 0;
        String ifname = "";
        int type = 0;
        int subtype = 0;
        int flags = 0;
        int mtu = 0;
        int macLength = 0;
        long master = 0;
        String kind = null;
        String slaveKind = null;
        int operstate = FpmInterface.ABSENT;
        int arphrd = FpmInterface.ABSENT;
        r.rewindTlvs();
        while (r.nextTlv()) {
            switch (r.tlvType()) {
                case InterfaceAttr.IFUID: ifuid = r.u64(); break;
                case InterfaceAttr.VRFID: vrfid = Integer.toUnsignedLong(r.u32()); break;
                case InterfaceAttr.IFINDEX: ifindex = r.u32(); break;
                case InterfaceAttr.IFNAME: ifname = boundedString(r, "IFNAME", IFNAME_MAX); break;
                case InterfaceAttr.TYPE: type = r.u16(); break;
                case InterfaceAttr.SUBTYPE: subtype = r.u16(); break;
                case InterfaceAttr.FLAGS: flags = r.u32(); break;
                case InterfaceAttr.MTU: mtu = r.u32(); break;
                case InterfaceAttr.MAC: macLength = r.copyBytes(mac); break;
                case InterfaceAttr.MASTER_IFUID: master = r.u64(); break;
                case InterfaceAttr.KIND: kind = boundedString(r, "KIND", KIND_MAX); break;
                case InterfaceAttr.OPERSTATE: operstate = r.u8(); break;
                case InterfaceAttr.ARPHRD: arphrd = r.u16(); break;
                case InterfaceAttr.SLAVE_KIND: slaveKind = boundedString(r, "SLAVE_KIND", KIND_MAX); break;
                default: break; // a newer sender's TLV: skipped
            }
        }
        checkIdentity(what, ifuid, vrfid);
        return new FpmInterface(ifuid, (int) vrfid, ifindex, ifname, type, subtype, flags, mtu,
                Arrays.copyOf(mac, macLength), master, kind, slaveKind, operstate, arphrd);
    }

    /** The ifuid of an IF_DELETE. IFUID and VRFID are required; IFNAME is only informative. */
    long decodeDelete(FrameReader r) throws FpcFormatException {
        long ifuid = 0;
        long vrfid = -1;
        r.rewindTlvs();
        while (r.nextTlv()) {
            switch (r.tlvType()) {
                case InterfaceAttr.IFUID: ifuid = r.u64(); break;
                case InterfaceAttr.VRFID: vrfid = Integer.toUnsignedLong(r.u32()); break;
                case InterfaceAttr.IFNAME: boundedString(r, "IFNAME", IFNAME_MAX); break;
                default: break;
            }
        }
        checkIdentity("IF_DELETE", ifuid, vrfid);
        return ifuid;
    }

    private static void checkIdentity(String what, long ifuid, long vrfid) throws FpcFormatException {
        if (ifuid == 0) {
            throw FpcFormatException.badFrame(what + " without IFUID (0 is reserved for 'none')");
        }
        if (vrfid < 0) {
            throw FpcFormatException.badFrame(what + " without VRFID");
        }
    }

    private static String boundedString(FrameReader r, String name, int max) throws FpcFormatException {
        if (r.tlvLength() > max) {
            throw FpcFormatException.badFrame(name + " of " + r.tlvLength() + " bytes exceeds " + max);
        }
        return r.string();
    }
}
