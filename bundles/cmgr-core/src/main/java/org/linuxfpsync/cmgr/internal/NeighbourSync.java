package org.linuxfpsync.cmgr.internal;

import org.linuxfpsync.cmgr.Ifuid;
import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.fpc.codec.NeighbourAttr;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.NeighbourMessage;
import org.linuxfpsync.netlink.codec.NetlinkFormatException;
import org.linuxfpsync.netlink.codec.NlMsg;
import org.linuxfpsync.netlink.codec.Rtnetlink;

/**
 * The neighbours of one address family in one vrf (ARP for IPv4, NDP for IPv6) that a fast path
 * forwards with: RTM_NEWNEIGH/RTM_DELNEIGH to NEIGH_ADD/NEIGH_DEL. Like addresses, they belong to
 * their interface in the FPM and so share the interfaces' channel. The neighbour group also
 * carries the other family and the bridges' FDB (AF_BRIDGE): only this sync's family is taken.
 *
 * <p>What is synced: unicast destinations in a NUD_VALID state (permanent, noarp, reachable, stale,
 * delay, probe), each with its link-layer address. What is not, and why:
 * <ul>
 * <li>entries with no usable link-layer address (none, incomplete, failed): nothing to forward
 *     with, and the kernel creates them administratively without notifying; an entry that falls
 *     into such a state is deleted from the FPM;</li>
 * <li>multicast and broadcast destinations ({@code ndm_type} RTN_MULTICAST, RTN_BROADCAST): mappings the
 *     kernel makes, silently, from the address itself (33:33:... for ff02::/16), which a fast path
 *     computes the same way;</li>
 * <li>proxy entries ({@code ip neigh add proxy}): answers the kernel gives for others, not
 *     neighbours, left out as {@code ip neigh} leaves them out.</li>
 * </ul>
 */
final class NeighbourSync extends L3ObjectSync {
    /** NUD_PERMANENT | NUD_NOARP | NUD_REACHABLE | NUD_PROBE | NUD_STALE | NUD_DELAY (linux/neighbour.h). */
    static final int NUD_VALID = 0x80 | 0x40 | 0x02 | 0x10 | 0x04 | 0x08;

    private final NeighbourMessage neighbour = new NeighbourMessage();
    private final byte[] dst = new byte[16];
    private final byte[] lladdr = new byte[32];

    NeighbourSync(Vrf vrf, int addressFamily, FpcChannel fpc) {
        // Key words: ifindex (and an IPv4 destination); an IPv6 destination.
        super(L3ObjectKind.NEIGHBOURS, vrf, addressFamily, fpc, addressFamily == Rtnetlink.AF_INET ? 1 : 3);
    }

    @Override
    void apply(NlMsg message, boolean fromDump) throws NetlinkFormatException {
        // ndm_family, the payload's first byte: the other family's neighbours and the bridges' FDB,
        // which this channel carries too, are left before their attributes are walked (issue #23); one
        // too short for its header goes on, to be refused and counted as malformed.
        if (message.payloadLength() >= NeighbourMessage.NDMSG_LENGTH
                && (message.buffer().get(message.payloadOffset()) & 0xff) != addressFamily) {
            return;
        }
        neighbour.wrap(message);
        if (neighbour.family() != addressFamily || (neighbour.flags() & Rtnetlink.NTF_PROXY) != 0) {
            return;
        }
        int ifindex = neighbour.ifindex();
        int length = neighbour.copyDst(dst);
        if (ifindex <= 0 || length == 0) {
            throw malformed("neighbour of ifindex " + ifindex + (length == 0 ? " without NDA_DST" : ""));
        }
        long[] key = keys.key;
        if (addressLength == 4) {
            key[0] = ((long) ifindex << 32) | ((dst[0] & 0xffL) << 24) | ((dst[1] & 0xffL) << 16)
                    | ((dst[2] & 0xffL) << 8) | (dst[3] & 0xffL);
        } else {
            key[0] = ifindex;
            packAddress(key, 1, dst, 16);
        }
        long ifuid = Ifuid.of(vrf.vrfid(), ifindex);
        // ndm_type is the destination's type when the entry was made: RTN_LOCAL for an address that
        // was ours then, still a neighbour to forward to. Multicast and broadcast are mappings.
        boolean forwardable = (neighbour.state() & NUD_VALID) != 0 && neighbour.type() != Rtnetlink.RTN_MULTICAST
                && neighbour.type() != Rtnetlink.RTN_BROADCAST;
        if (message.type() == Rtnetlink.RTM_DELNEIGH || !forwardable) {
            // Only what was sent is deleted: a dump leaves the others out, the FPM never had them.
            if (keys.remove()) {
                writeKey(NeighbourAttr.NEIGH_DEL, ifuid);
                send();
            }
            return;
        }
        FrameWriter w = writeKey(NeighbourAttr.NEIGH_ADD, ifuid);
        int lladdrLength = neighbour.copyLladdr(lladdr);
        if (lladdrLength > 0) {
            w.putBytes(NeighbourAttr.LLADDR, lladdr, 0, lladdrLength);
        }
        w.putU16(NeighbourAttr.STATE, neighbour.state());
        w.putU8(NeighbourAttr.FLAGS, neighbour.flags());
        putAndSend(0, w.finish(), fromDump);
    }

    /** NEIGH_DEL of the neighbour whose key words {@code keys.key} holds. */
    @Override
    void deleteSwept(long value) {
        long[] key = keys.key;
        int ifindex;
        if (addressLength == 4) {
            ifindex = (int) (key[0] >>> 32);
            unpackAddress(key, 0, dst, 4);
        } else {
            ifindex = (int) key[0];
            unpackAddress(key, 1, dst, 16);
        }
        writeKey(NeighbourAttr.NEIGH_DEL, Ifuid.of(vrf.vrfid(), ifindex));
        send();
    }

    private FrameWriter writeKey(int type, long ifuid) {
        FrameWriter w = writer();
        w.begin(type, FpcSequence.next());
        w.putU32(NeighbourAttr.VRFID, vrf.vrfid());
        w.putU64(NeighbourAttr.IFUID, ifuid);
        w.putU8(NeighbourAttr.FAMILY, addressFamily);
        w.putBytes(NeighbourAttr.DST, dst, 0, addressLength);
        return w;
    }
}
