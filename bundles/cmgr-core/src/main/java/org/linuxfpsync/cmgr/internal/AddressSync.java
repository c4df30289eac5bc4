package org.linuxfpsync.cmgr.internal;

import java.util.Arrays;

import org.linuxfpsync.cmgr.Ifuid;
import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.fpc.codec.AddressAttr;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.AddressMessage;
import org.linuxfpsync.netlink.codec.NetlinkFormatException;
import org.linuxfpsync.netlink.codec.NlMsg;
import org.linuxfpsync.netlink.codec.Rtnetlink;

/**
 * The interface addresses of one address family in one vrf: RTM_NEWADDR/RTM_DELADDR to
 * ADDR_ADD/ADDR_DEL. Addresses belong to their interface in the FPM, which refuses one whose
 * interface it does not hold yet: they share the interfaces' channel (and reader thread), so an
 * address never overtakes the IF_CREATE of its interface.

 */
final class AddressSync extends L3ObjectSync {
    private final AddressMessage address = new AddressMessage();
    private final byte[] local = new byte[16];
    private final byte[] other = new byte[16];
    AddressSync(Vrf vrf, int addressFamily, FpcChannel fpc) {
        // Key words: ifindex and prefix length; the address (one word for IPv4, two for IPv6).
        super(L3ObjectKind.ADDRESSES, vrf, addressFamily, fpc, addressFamily == Rtnetlink.AF_INET ? 2 : 3);
    }

    @Override
    void apply(NlMsg message, boolean fromDump) throws NetlinkFormatException {
        address.wrap(message);
        if (address.family() != addressFamily) {
            return;
        }
        int ifindex = address.ifindex();
        int prefixLength = address.prefixLength();
        if (ifindex <= 0 || prefixLength > addressLength * 8) {
            throw malformed("address of ifindex " + ifindex + " with prefix length " + prefixLength);
        }
        // IFA_LOCAL is the address itself when present (IFA_ADDRESS is then the peer); IPv6
        // usually has IFA_ADDRESS only.
        int length = address.copyLocal(local);
        boolean peer = false;
        if (length == 0) {
            length = address.copyAddress(local);
        } else if (address.copyAddress(other) == length) {
            peer = !Arrays.equals(local, 0, length, other, 0, length);
        }
        if (length == 0) {
            throw malformed("address of ifindex " + ifindex + " without IFA_LOCAL or IFA_ADDRESS");
        }
        long[] key = keys.key;
        key[0] = ((long) ifindex << 32) | prefixLength;
        packAddress(key, 1, local, length);
        long ifuid = Ifuid.of(vrf.vrfid(), ifindex);
        if (message.type() == Rtnetlink.RTM_DELADDR) {
            keys.remove();
            writeKey(AddressAttr.ADDR_DEL, ifuid, length, prefixLength);
            send();
            return;
        }
        FrameWriter w = writeKey(AddressAttr.ADDR_ADD, ifuid, length, prefixLength);
        if (peer) {
            w.putBytes(AddressAttr.PEER, other, 0, length);
        }
        int broadcast = address.copyBroadcast(other);
        if (broadcast > 0) {
            w.putBytes(AddressAttr.BROADCAST, other, 0, broadcast);
        }
        w.putU32(AddressAttr.FLAGS, address.flags());
        w.putU8(AddressAttr.SCOPE, address.scope());
        if (address.has(Rtnetlink.IFA_LABEL)) {
            w.putString(AddressAttr.LABEL, address.label());
        }
        if (address.has(Rtnetlink.IFA_CACHEINFO)) {
            w.putU32(AddressAttr.VALID_LFT, (int) address.validLifetime());
            w.putU32(AddressAttr.PREFERRED_LFT, (int) address.preferredLifetime());
        }
        putAndSend(0, w.finish(), fromDump);
    }

    /** ADDR_DEL of the address whose key words {@code keys.key} holds. */
    @Override
    void deleteSwept(long value) {
        long[] key = keys.key;
        int ifindex = (int) (key[0] >>> 32);
        int prefixLength = (int) key[0];
        unpackAddress(key, 1, local, addressLength);
        writeKey(AddressAttr.ADDR_DEL, Ifuid.of(vrf.vrfid(), ifindex), addressLength, prefixLength);
        send();
    }

    private FrameWriter writeKey(int type, long ifuid, int length, int prefixLength) {
        FrameWriter w = writer();
        w.begin(type, FpcSequence.next());
        w.putU32(AddressAttr.VRFID, vrf.vrfid());
        w.putU64(AddressAttr.IFUID, ifuid);
        w.putU8(AddressAttr.FAMILY, addressFamily);
        w.putBytes(AddressAttr.LOCAL, local, 0, length);
        w.putU8(AddressAttr.PREFIXLEN, prefixLength);
        return w;
    }
}
