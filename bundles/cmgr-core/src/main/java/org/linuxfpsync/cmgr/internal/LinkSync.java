package org.linuxfpsync.cmgr.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.linuxfpsync.cmgr.CachedInterface;
import org.linuxfpsync.cmgr.Ifuid;
import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.fpc.codec.FpInterfaceSubtype;
import org.linuxfpsync.fpc.codec.FpInterfaceType;
import org.linuxfpsync.fpc.codec.InterfaceAttr;
import org.linuxfpsync.netlink.DumpRequest;
import org.linuxfpsync.netlink.NetlinkFamily;
import org.linuxfpsync.netlink.NetlinkListener;
import org.linuxfpsync.netlink.ResyncReason;
import org.linuxfpsync.netlink.SubscriptionSpec;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.LinkMessage;
import org.linuxfpsync.netlink.codec.NetlinkFormatException;
import org.linuxfpsync.netlink.codec.NetlinkRequests;
import org.linuxfpsync.netlink.codec.NlMsg;
import org.linuxfpsync.netlink.codec.Rtnetlink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base link sync of one vrf: RTM_NEWLINK/RTM_DELLINK into the interface cache and to the FPM.
 * Every call comes on the vrf's route reader thread, so the per-dump state needs no lock; the
 * cache map is concurrent only because the console reads it.
 *
 * <p>A dump at the start or for a new FPM session is a replay: it is framed by GR_BEGIN/GR_END for
 * the interfaces of this vrf and sends every interface in full, so the FPM deletes whatever the
 * kernel no longer has. A dump after a lost-events overflow, while the FPM still holds what was
 * sent, is differential ({@link ResyncReason#differential}): it sends the interfaces that changed
 * as notifications would, and an IF_DELETE for each one it no longer reports, without markers.
 */
final class LinkSync implements NetlinkListener {
    private static final Logger LOG = LoggerFactory.getLogger(LinkSync.class);

    private final Vrf vrf;
    private final FpcChannel fpc;
    /** The route-side syncs of the vrf hear the link changes that change their objects through it. */
    private final LinkRelay relay;
    private final InterfaceFrames frames = new InterfaceFrames();
    private final LinkMessage link = new LinkMessage();
    private final Map<Integer, CachedInterface> byIfindex = new ConcurrentHashMap<>();
    /** Ifindexes reported by the running dump; null outside a dump. */
    private Set<Integer> seenInDump;
    /** The running dump sends differences only. */
    private boolean differential;
    /** The running dump follows an overflow of the links' socket: link events were lost. */
    private boolean eventsLost;
    private volatile boolean synced;
    private long malformed;

    LinkSync(Vrf vrf, FpcChannel fpc, LinkRelay relay) {
        this.vrf = vrf;
        this.fpc = fpc;
        this.relay = relay;
    }

    LinkRelay relay() {
        return relay;
    }

    SubscriptionSpec subscriptionSpec() {
        return new SubscriptionSpec(NetlinkFamily.ROUTE, vrf, new int[] {Rtnetlink.RTNLGRP_LINK},
                new int[] {Rtnetlink.RTM_NEWLINK, Rtnetlink.RTM_DELLINK},
                List.of(new DumpRequest(Rtnetlink.RTM_GETLINK, NetlinkRequests.ifinfomsgDump(Rtnetlink.AF_UNSPEC))));
    }

    Vrf vrf() {
        return vrf;
    }

    boolean synced() {
        return synced;
    }

    int size() {
        return byIfindex.size();
    }

    /** Whether the interface of {@code ifindex} was sent (IF_CREATE) and not deleted since. */
    boolean holds(int ifindex) {
        return byIfindex.containsKey(ifindex);
    }

    List<CachedInterface> interfaces() {
        List<CachedInterface> list = new ArrayList<>(byIfindex.values());
        list.sort(Comparator.comparingInt(CachedInterface::ifindex));
        return list;
    }

    @Override
    public void dumpStarted(ResyncReason reason) {
        LOG.debug("vrf {}: link dump started ({})", vrf.vrfid(), reason);
        seenInDump = new HashSet<>();
        differential = reason.differential();
        eventsLost |= reason == ResyncReason.OVERFLOW; // kept until a dump completes
        if (!differential) {
            fpc.send(frames.replayBegin(InterfaceAttr.FAMILY_INTERFACES, vrf.vrfid()));
        }
    }

    @Override
    public void message(NlMsg message, boolean fromDump) {
        try {
            // A deletion names its link by ifindex: its attributes are not read.
            if (message.type() == Rtnetlink.RTM_DELLINK) {
                link.wrapHeader(message);
            } else {
                link.wrap(message);
            }
        } catch (NetlinkFormatException e) {
            malformed++;
            LOG.warn("vrf {}: link message ignored: {}", vrf.vrfid(), e.getMessage());
            return;
        }
        // The bridge driver reports its ports with AF_BRIDGE link messages (port state, not the
        // device): an AF_BRIDGE RTM_DELLINK means "left the bridge", never "device deleted".
        if (link.family() != Rtnetlink.AF_UNSPEC) {
            return;
        }
        if (message.type() == Rtnetlink.RTM_DELLINK) {
            relay.linkMessage(true, link.ifindex(), 0, 0);
            CachedInterface gone = byIfindex.remove(link.ifindex());
            if (gone != null) {
                send(frames.delete(gone));
            }
            return;
        }
        if (!link.has(Rtnetlink.IFLA_IFNAME)) {
            malformed++;
            LOG.warn("vrf {}: RTM_NEWLINK for ifindex {} without IFLA_IFNAME ignored", vrf.vrfid(), link.ifindex());
            return;
        }
        relay.linkMessage(false, link.ifindex(), link.flags(), link.mtu());
        CachedInterface now = fromKernel(link);
        CachedInterface before = byIfindex.put(now.ifindex(), now);
        if (fromDump) {
            seenInDump.add(now.ifindex());
        }
        if (fromDump && !differential) {
            send(frames.create(now));
        } else if (before == null || before.ifuid() != now.ifuid()) {
            send(frames.create(now));
        } else if (!before.equals(now)) {
            send(frames.update(now));
        }
    }

    @Override
    public void dumpFinished(boolean complete) {
        Set<Integer> seen = seenInDump;
        seenInDump = null;
        boolean replay = !differential;
        differential = false;
        if (!complete) {
            LOG.warn("vrf {}: link dump interrupted; keeping the cache until the next dump", vrf.vrfid());
            return;
        }
        for (CachedInterface cached : List.copyOf(byIfindex.values())) {
            if (!seen.contains(cached.ifindex())) {
                relay.linkGone(cached.ifindex());
                byIfindex.remove(cached.ifindex());
                send(frames.delete(cached));
            }
        }
        if (replay) {
            fpc.send(frames.replayEnd(InterfaceAttr.FAMILY_INTERFACES, vrf.vrfid()));
        }
        if (eventsLost) {
            eventsLost = false;
            relay.linkEventsLost();
        }
        synced = true;
        LOG.debug("vrf {}: link dump done, {} interfaces", vrf.vrfid(), byIfindex.size());
    }

    /** Withdraws every interface of this vrf from the fast path (the vrf is no longer followed). */
    void withdrawAll() {
        relay.clear();
        for (CachedInterface cached : List.copyOf(byIfindex.values())) {
            byIfindex.remove(cached.ifindex());
            send(frames.delete(cached));
        }
        synced = false;
    }

    long malformed() {
        return malformed;
    }

    private void send(ByteBuffer frame) {
        // false = no FPM session: nothing to do, the replay at the next session sends the truth.
        fpc.send(frame);
    }

    private CachedInterface fromKernel(LinkMessage m) {
        int vrfid = vrf.vrfid();
        byte[] mac = new byte[m.addressLength()];
        m.copyAddress(mac);
        String kind = m.kind();
        int operstate = m.operstate();
        return new CachedInterface(vrfid, m.ifindex(), Ifuid.of(vrfid, m.ifindex()), m.ifname(),
                FpInterfaceType.fromArphrd(m.arphrd()), FpInterfaceSubtype.fromKind(kind), m.flags(),
                Math.max(m.mtu(), 0), mac, m.master() != 0 ? Ifuid.of(vrfid, m.master()) : 0L, kind, m.slaveKind(),
                Math.max(operstate, 0), m.arphrd());
    }
}
