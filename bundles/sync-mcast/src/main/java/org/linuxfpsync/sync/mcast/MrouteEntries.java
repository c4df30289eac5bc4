package org.linuxfpsync.sync.mcast;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import org.linuxfpsync.cmgr.Ifuid;
import org.linuxfpsync.featuresync.FamilyObjects;
import org.linuxfpsync.featuresync.MessageHandler;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.fpc.codec.MrouteAttr;
import org.linuxfpsync.fpc.codec.MrouteOifAttr;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.LinkMessage;
import org.linuxfpsync.netlink.codec.NetlinkFormatException;
import org.linuxfpsync.netlink.codec.NlMsg;
import org.linuxfpsync.netlink.codec.RouteMessage;
import org.linuxfpsync.netlink.codec.Rtnetlink;

/**
 * The multicast forwarding cache entries of one vrf (RTM_NEWROUTE/RTM_DELROUTE of RTNL_FAMILY_IPMR
 * and RTNL_FAMILY_IP6MR, as {@code ipmr_fill_mroute} and {@code ip6mr_fill_mroute} write them) to
 * MROUTE_ADD/MROUTE_DEL, keyed by family, table, source and group.
 *
 * <p>An unresolved entry ({@code RTNH_F_UNRESOLVED}: packets queued while the daemon is asked) has no
 * input interface and forwards nothing: it is not sent, and an entry that has one no longer is
 * deleted. The kernel's per-entry counters ({@code RTA_MFC_STATS}, {@code RTA_EXPIRES}) are not
 * forwarding state and are left out, so that a dump does not resend every entry.
 *
 * <p>Deleting an interface deletes its VIF without a notification: the entries through it lose their
 * input or output interface silently. The deletion of a link that an entry sent had as input or
 * output interface therefore asks for a dump of the vrf's caches; any other link's changes nothing
 * (a veth that goes costs no dump, issue #23).
 */
final class MrouteEntries implements MessageHandler {

    /** An entry's FPC key: VRFID, FAMILY, TABLE, SOURCE, GROUP (addresses as two big-endian halves). */
    record Key(int vrfid, int family, int table, long sourceHigh, long sourceLow, long groupHigh, long groupLow) {
    }

    private final Vrf vrf;
    private final FamilyObjects<Key> mroutes;
    private final RouteMessage route = new RouteMessage();
    private final LinkMessage link = new LinkMessage();
    /**
     * The input and output interfaces of the entries sent since each device's last deletion: a
     * superset of those the FPM's entries use (an entry deleted leaves its devices here).
     */
    private final Set<Integer> devicesUsed = new HashSet<>();
    private final byte[] source = new byte[16];
    private final byte[] group = new byte[16];
    private Runnable dumpRequest = () -> { };

    MrouteEntries(Vrf vrf, FamilyObjects<Key> mroutes) {
        this.vrf = vrf;
        this.mroutes = mroutes;
    }

    @Override
    public void dumpRequester(Runnable request) {
        this.dumpRequest = request;
    }

    @Override
    public void apply(NlMsg message, boolean fromDump) throws NetlinkFormatException {
        int type = message.type();
        if (type == Rtnetlink.RTM_DELLINK) {
            if (MessageHandler.linkOf(Rtnetlink.AF_UNSPEC, message, link) && devicesUsed.remove(link.ifindex())
                    && !fromDump && mroutes.size() > 0) {
                dumpRequest.run();
            }
            return;
        }
        if (type != Rtnetlink.RTM_NEWROUTE && type != Rtnetlink.RTM_DELROUTE) {
            return;
        }
        route.wrap(message);
        int ipFamily = ipFamily(route.family());
        if (ipFamily < 0) {
            return; // a unicast route: a kernel without multicast routing answers the dump with those
        }
        Key key = key(ipFamily);
        if (type == Rtnetlink.RTM_DELROUTE || !forwards(route)) {
            mroutes.delete(key);
            return;
        }
        FrameWriter w = mroutes.beginAdd();
        writeKey(w, key);
        w.putU64(MrouteAttr.IIF_IFUID, Ifuid.of(vrf.vrfid(), route.iif()));
        devicesUsed.add(route.iif());
        RouteMessage.Nexthops oif = route.nexthops();
        while (oif.next()) {
            devicesUsed.add(oif.ifindex());
            w.beginNested(MrouteAttr.OIF)
                    .putU64(MrouteOifAttr.IFUID, Ifuid.of(vrf.vrfid(), oif.ifindex()))
                    .putU8(MrouteOifAttr.TTL, oif.hops())
                    .endNested();
        }
        mroutes.add(key, fromDump);
    }

    /** A resolved entry with an input interface: one the kernel forwards with. */
    private static boolean forwards(RouteMessage route) {
        return (route.flags() & Rtnetlink.RTNH_F_UNRESOLVED) == 0 && route.iif() > 0;
    }

    private static int ipFamily(int rtmFamily) {
        switch (rtmFamily) {
            case Rtnetlink.RTNL_FAMILY_IPMR:
                return Rtnetlink.AF_INET;
            case Rtnetlink.RTNL_FAMILY_IP6MR:
                return Rtnetlink.AF_INET6;
            default:
                return -1;
        }
    }

    /** Reads source (RTA_SRC, 0 when absent: a (*,G) entry) and group (RTA_DST, required). */
    private Key key(int ipFamily) throws NetlinkFormatException {
        int length = ipFamily == Rtnetlink.AF_INET ? 4 : 16;
        Arrays.fill(source, (byte) 0);
        route.copySrc(source);
        if (route.copyDst(group) != length) {
            throw new NetlinkFormatException("multicast route without RTA_DST (its group) in table " + route.table());
        }
        return new Key(vrf.vrfid(), ipFamily, route.table(), half(source, 0, length), half(source, 8, length),
                half(group, 0, length), half(group, 8, length));
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

    /** The key TLVs (FamilyObjects.KeyWriter): VRFID, FAMILY, TABLE, SOURCE, GROUP. */
    static void writeKey(FrameWriter w, Key key) {
        int length = key.family() == Rtnetlink.AF_INET ? 4 : 16;
        w.putU32(MrouteAttr.VRFID, key.vrfid())
                .putU8(MrouteAttr.FAMILY, key.family())
                .putU32(MrouteAttr.TABLE, key.table())
                .putAddress(MrouteAttr.SOURCE, address(key.sourceHigh(), key.sourceLow(), length))
                .putAddress(MrouteAttr.GROUP, address(key.groupHigh(), key.groupLow(), length));
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
