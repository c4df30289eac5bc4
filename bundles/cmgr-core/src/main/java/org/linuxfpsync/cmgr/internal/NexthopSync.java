package org.linuxfpsync.cmgr.internal;

import java.nio.ByteBuffer;

import org.linuxfpsync.cmgr.Ifuid;
import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.fpc.codec.NexthopGroupMemberAttr;
import org.linuxfpsync.fpc.codec.NexthopObjectAttr;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.NetlinkFormatException;
import org.linuxfpsync.netlink.codec.NexthopMessage;
import org.linuxfpsync.netlink.codec.NlMsg;
import org.linuxfpsync.netlink.codec.Rtnetlink;

/**
 * The nexthop objects of one vrf ({@code ip nexthop}), of every address family, and their groups:
 * RTM_NEWNEXTHOP/RTM_DELNEXTHOP to NEXTHOP_ADD/NEXTHOP_DEL, keyed by their ID. Routes through one
 * carry its ID (ROUTE NH_ID, {@link RouteFrames}), so a nexthop's replacement is one frame whatever
 * the number of routes through it.
 *
 * <p>The kernel removes the nexthops of a link that goes down or away, and changes the flags of
 * those of a link that loses its carrier, without notifying: like {@link RouteSync}, this sync
 * is told of link changes by the links' reader, after what its socket (the routes' channel) holds
 * ({@link LinkRelay}), and answers such a change with a refresh, which sends only the nexthops that changed and deletes those that went. Only a link
 * that a nexthop leaves by (its NHA_OIF) asks for one: the others have nothing the kernel could
 * remove (issue #23: every veth deleted cost a nexthop dump). A nexthop removed from its groups by
 * a deletion is notified (the group's RTM_NEWNEXTHOP, or its RTM_DELNEXTHOP when it was the last
 * member); blackhole, fdb and group nexthops have no device of their own.
 *
 * <p>The kernel shows a route through a blackhole nexthop as a blackhole route whatever type it
 * was added with, and changes that silently when a replacement makes the nexthop a blackhole or no
 * longer one: such a change asks for a refresh of the vrf's routes (a failover, gateway for
 * gateway, does not). A group whose only member turns into a blackhole (or back) by the member's
 * own replacement is seen through that replacement.
 */
final class NexthopSync extends LinkDependentSync {
    /** RTNH_F_DEAD .. RTNH_F_UNRESOLVED: the flags FPC carries and ip prints. */
    private static final int NEXTHOP_FLAGS = 0x3f;
    private static final long ABSENT = -1;
    /**
     * Key set value of a nexthop through which routes are blackholes: a blackhole, or a group of
     * one blackhole (the kernel's nexthop_is_blackhole); 0 for any other.
     */
    private static final long BLACKHOLE = 1;
    /** Above {@link #BLACKHOLE} in a key set value: the nexthop's device (NHA_OIF), 0 when it has none. */
    private static final int OIF_SHIFT = 1;

    private final NexthopMessage nexthop = new NexthopMessage();
    /** A device gained its first nexthop or lost its last one since the link interest was published. */
    private boolean interestStale = true;
    /** Per device (the key: its ifindex), how many nexthops leave by it: the links whose change matters. */
    private final KeySet byDevice = new KeySet(1);
    private final byte[] gateway = new byte[16];
    private final Runnable routesChanged;

    /**
     * @param redump        asks for a refresh of this sync (its subscription's resync, REFRESH)
     * @param routesChanged asks for a refresh of the routes of the vrf, both families
     */
    NexthopSync(Vrf vrf, FpcChannel fpc, Runnable redump, Runnable routesChanged) {
        // The base sync's (AF_INET) member: it holds the nexthops of both families. One key word: the ID.
        super(L3ObjectKind.NEXTHOPS, vrf, Rtnetlink.AF_INET, fpc, 1, redump);
        this.routesChanged = routesChanged;
    }

    /** A refresh found nexthops gone (a link down or away removes them without notifying). */
    private boolean nexthopsWentSilently;

    @Override
    void deleteSwept(long value) {
        send(delete((int) keys.key[0]));
        countDevice(value, -1);
        nexthopsWentSilently = true;
    }

    @Override
    void forgetSwept(long value) {
        countDevice(value, -1);
    }

    /**
     * The routes through a nexthop that went silently went with it, silently too: the route syncs
     * do not index routes by nexthop object, so they re-read their tables.
     */
    @Override
    void differentialFinished(boolean complete) {
        if (!complete) {
            recountDevices(); // an interrupted dump left the key set between two states
        }
        if (nexthopsWentSilently) {
            nexthopsWentSilently = false;
            routesChanged.run();
        }
    }

    @Override
    void replayFinished(boolean complete) {
        if (!complete) {
            recountDevices();
        }
    }

    /** Adds {@code delta} to the count of the device of the nexthop stored as {@code value}. */
    private void countDevice(long value, int delta) {
        int oif = (int) (value >>> OIF_SHIFT);
        if (oif == 0) {
            return;
        }
        byDevice.key[0] = oif;
        long before = byDevice.get(0);
        long n = Math.max(0, before + delta);
        if (n == 0) {
            interestStale |= byDevice.remove();
        } else {
            byDevice.put(n);
            interestStale |= before == 0;
        }
    }

    /** The device counts, from the key set. */
    private void recountDevices() {
        interestStale = true;
        byDevice.clear();
        keys.forEachValue(value -> countDevice(value, 1));
    }

    /** Whether a nexthop leaves by the link {@code ifindex}. */
    private boolean nexthopsThrough(int ifindex) {
        byDevice.key[0] = ifindex;
        return byDevice.get(0) > 0;
    }

    /** Before the reader waits: the devices nexthops leave by, rebuilt when one gained its first or lost its last. */
    @Override
    public void caughtUp() {
        if (!interestStale) {
            return;
        }
        interestStale = false;
        LinkInterest.Builder devices = new LinkInterest.Builder();
        byDevice.forEach(n -> devices.add((int) byDevice.key[0]));
        publish(devices.build());
    }

    /**
     * A link changed or went (told by the links' reader through {@link LinkRelay}, after what this
     * socket held then): the kernel removed the nexthops through it without notifying.
     */
    @Override
    public void linkChanged(ForwardingLinks.Change change, int ifindex) {
        if (change != ForwardingLinks.Change.NONE && nexthopsThrough(ifindex)) {
            redump.run();
        }
    }

    @Override
    void apply(NlMsg message, boolean fromDump) throws NetlinkFormatException {
        nexthop.wrap(message);
        int id = nexthop.id();
        if (id == 0) {
            throw malformed("NHA_ID missing in " + (message.type() == Rtnetlink.RTM_DELNEXTHOP ? "RTM_DELNEXTHOP"
                    : "RTM_NEWNEXTHOP"));
        }
        keys.key[0] = id & 0xffffffffL;
        if (message.type() == Rtnetlink.RTM_DELNEXTHOP) {
            long gone = keys.get(ABSENT);
            if (keys.remove()) {
                countDevice(gone, -1);
            }
            send(delete(id));
            return;
        }
        long sentBefore = differential() && fromDump ? keys.contentHash(0) : 0;
        long before = keys.get(ABSENT);
        boolean blackhole = nexthop.blackhole() || (nexthop.memberCount() == 1 && isBlackhole(nexthop.memberId(0)));
        keys.key[0] = id & 0xffffffffL;
        ByteBuffer frame = add(id);
        long sent = contentHash(frame);
        long value = ((long) Math.max(0, nexthop.oif()) << OIF_SHIFT) | (blackhole ? BLACKHOLE : 0);
        keys.put(value, sent);
        if (before != ABSENT) {
            countDevice(before, -1);
        }
        countDevice(value, 1);
        if (!fromDump && before != ABSENT && ((before & BLACKHOLE) != 0) != blackhole) {
            // The kernel shows a route through a blackhole nexthop as a blackhole route, and changes
            // that type silently when the nexthop stops or starts being one: the routes are re-read.
            routesChanged.run();
        }
        if (differential() && fromDump && sent == sentBefore) {
            return; // unchanged since the FPM got it
        }
        send(frame);
    }

    /** Whether the nexthop {@code id} is known as one whose routes are blackholes (changes keys.key). */
    private boolean isBlackhole(int id) {
        keys.key[0] = id & 0xffffffffL;
        long value = keys.get(ABSENT);
        return value != ABSENT && (value & BLACKHOLE) != 0;
    }

    private ByteBuffer delete(int id) {
        FrameWriter w = writer();
        w.begin(NexthopObjectAttr.NEXTHOP_DEL, FpcSequence.next());
        w.putU32(NexthopObjectAttr.VRFID, vrf.vrfid());
        w.putU32(NexthopObjectAttr.ID, id);
        return w.finish();
    }

    /** NEXTHOP_ADD of the nexthop at hand, its TLVs in type order. */
    private ByteBuffer add(int id) {
        NexthopMessage nh = nexthop;
        FrameWriter w = writer();
        w.begin(NexthopObjectAttr.NEXTHOP_ADD, FpcSequence.next());
        w.putU32(NexthopObjectAttr.VRFID, vrf.vrfid());
        w.putU32(NexthopObjectAttr.ID, id);
        if (nh.family() != Rtnetlink.AF_UNSPEC) {
            w.putU8(NexthopObjectAttr.FAMILY, nh.family());
        }
        w.putU8(NexthopObjectAttr.PROTOCOL, nh.protocol());
        w.putU8(NexthopObjectAttr.SCOPE, nh.scope());
        int flags = nh.flags() & NEXTHOP_FLAGS;
        if (flags != 0) {
            w.putU32(NexthopObjectAttr.FLAGS, flags);
        }
        int length = nh.copyGateway(gateway);
        if (length > 0) {
            w.putBytes(NexthopObjectAttr.GATEWAY, gateway, 0, length);
        }
        if (nh.oif() > 0) {
            w.putU64(NexthopObjectAttr.IFUID, Ifuid.of(vrf.vrfid(), nh.oif()));
        }
        if (nh.blackhole()) {
            w.putU8(NexthopObjectAttr.BLACKHOLE, 1);
        }
        if (nh.fdb()) {
            w.putU8(NexthopObjectAttr.FDB, 1);
        }
        if (nh.encapType() >= 0) {
            w.putU16(NexthopObjectAttr.ENCAP_TYPE, nh.encapType());
        }
        if (nh.isGroup()) {
            w.putU8(NexthopObjectAttr.GROUP_TYPE, nh.groupType());
            for (int i = 0; i < nh.memberCount(); i++) {
                w.beginNested(NexthopObjectAttr.MEMBER);
                w.putU32(NexthopGroupMemberAttr.ID, nh.memberId(i));
                if (nh.memberWeight(i) != 1) {
                    w.putU16(NexthopGroupMemberAttr.WEIGHT, nh.memberWeight(i));
                }
                w.endNested();
            }
        }
        if (nh.buckets() >= 0) {
            w.putU16(NexthopObjectAttr.BUCKETS, nh.buckets());
        }
        if (nh.idleTimer() >= 0) {
            w.putU32(NexthopObjectAttr.IDLE_TIMER, (int) nh.idleTimer());
        }
        if (nh.unbalancedTimer() >= 0) {
            w.putU32(NexthopObjectAttr.UNBALANCED_TIMER, (int) nh.unbalancedTimer());
        }
        return w.finish();
    }
}
