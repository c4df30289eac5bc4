package org.linuxfpsync.cmgr.internal;

import java.util.ArrayList;
import java.util.List;

import org.linuxfpsync.cmgr.spi.L3Sync;
import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.netlink.NetlinkException;
import org.linuxfpsync.netlink.NetlinkService;
import org.linuxfpsync.netlink.ResyncReason;
import org.linuxfpsync.netlink.Subscription;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.Rtnetlink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The L3 objects of one address family in one vrf: addresses, neighbours and rules on the vrf's
 * default route channel (beside the interfaces they belong to), routes on a channel of their own,
 * and, in the base (IPv4) sync, the nexthop objects of both families on the routes' channel.
 * Each object kind is a member of its FPC family's {@link ReplayWindow} in the vrf.
 */
final class L3FamilySync implements L3Sync {
    private static final Logger LOG = LoggerFactory.getLogger(L3FamilySync.class);

    private final Vrf vrf;
    private final int addressFamily;
    private final NetlinkService netlink;
    private final ReplayWindows windows;
    private final Runnable onClose;
    private final RouteSync routes;
    /** Addresses, neighbours, rules, then (base sync) the nexthop objects, routes last. */
    private final List<L3ObjectSync> syncs;
    /**
     * The order the kinds are subscribed in: the nexthop objects, then the routes that may name
     * them (on the same channel: in that order in the FPM too), whose dump runs on that channel's
     * own reader while the addresses, neighbours and rules are dumped on the vrf's default channel.
     * The interfaces they all name are in the FPM before this sync starts.
     */
    private final List<L3ObjectSync> startOrder;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final List<ReplayWindow.Member> members = new ArrayList<>();
    /** The link changes the routes and nexthop objects hear, from the links' reader. */
    private final LinkRelay relay;
    private final List<LinkRelay.Registration> relayed = new ArrayList<>();
    private volatile Subscription routeSubscription;
    /** The base sync's nexthop objects; null in the IPv6 sync. */
    private final NexthopSync nexthops;
    private volatile Subscription nexthopSubscription;
    private boolean closed;

    /**
     * @param onClose         run once by {@link #close}, to forget this sync
     * @param refreshVrfRoutes asks every L3 sync of the vrf for a refresh of its routes
     */
    L3FamilySync(Vrf vrf, int addressFamily, NetlinkService netlink, FpcChannel fpc, ReplayWindows windows,
                 LinkRelay relay, Runnable onClose, Runnable refreshVrfRoutes) {
        this.vrf = vrf;
        this.relay = relay;
        this.addressFamily = addressFamily;
        this.netlink = netlink;
        this.windows = windows;
        this.onClose = onClose;
        this.routes = new RouteSync(vrf, addressFamily, fpc, () -> resyncRoutes(ResyncReason.REFRESH),
                () -> resyncRoutes(ResyncReason.REQUESTED), this::dumpRoutesThrough);
        List<L3ObjectSync> kinds = new ArrayList<>(List.of(new AddressSync(vrf, addressFamily, fpc),
                new NeighbourSync(vrf, addressFamily, fpc), new RuleSync(vrf, addressFamily, fpc)));
        if (addressFamily == Rtnetlink.AF_INET) {
            // Nexthop objects of both families, base sync (see NexthopSync); before the routes, on their channel.
            this.nexthops = new NexthopSync(vrf, fpc, this::refreshNexthops, () -> {
                resyncRoutes(ResyncReason.REFRESH); // merged with the one refreshVrfRoutes asks of this sync
                refreshVrfRoutes.run();
            });
            kinds.add(nexthops);
        } else {
            this.nexthops = null;
        }
        kinds.add(routes);
        this.syncs = List.copyOf(kinds);
        List<L3ObjectSync> order = new ArrayList<>();
        if (nexthops != null) {
            order.add(nexthops);
        }
        order.add(routes);
        kinds.stream().filter(k -> k != nexthops && k != routes).forEach(order::add);
        this.startOrder = List.copyOf(order);
    }

    /**
     * Subscribes each object kind ({@link #startOrder}); returns once every initial dump but the
     * routes' has been sent. The routes' runs on their channel's own reader thread meanwhile (a
     * million routes: seconds), {@link #awaitRoutes} waits for it: the caller can start what does
     * not depend on them (the vrf's features) in between.
     */
    synchronized void startWithoutWaitingForRoutes() throws NetlinkException {
        try {
            for (L3ObjectSync sync : startOrder) {
                Subscription[] own = new Subscription[1];
                ReplayWindow.Member member = windows.of(sync.kind.fpcFamily, vrf.vrfid()).join(name(sync), () -> {
                    Subscription s = own[0];
                    if (s != null) {
                        s.resync(ResyncReason.REQUESTED);
                    }
                });
                members.add(member);
                sync.joinWindow(member);
                if (sync == routes) {
                    // The key set sized for the table before its first dump fills it (issue #23).
                    routes.expectObjects(netlink.routeCountHint(vrf, addressFamily));
                }
                // Registered before it subscribes: a link change heard meanwhile comes after its dump.
                LinkRelay.Registration link = sync instanceof LinkRelay.Dependent d ? relay.register(d) : null;
                if (link != null) {
                    relayed.add(link);
                }
                Subscription s = sync == routes ? netlink.subscribeWithoutWaiting(sync.subscriptionSpec(), sync)
                        : netlink.subscribe(sync.subscriptionSpec(), sync);
                if (link != null) {
                    link.attach(s);
                }
                own[0] = s;
                subscriptions.add(s);
                if (sync == routes) {
                    routeSubscription = s;
                } else if (sync == nexthops) {
                    nexthopSubscription = s;
                }
            }
        } catch (NetlinkException | RuntimeException e) {
            // Whatever the started kinds sent goes: the next attempt starts from nothing.
            close(true);
            throw e;
        }
    }

    /** Waits until the routes' initial dump has been sent; on failure, closes this sync (withdrawn). */
    synchronized void awaitRoutes() throws NetlinkException {
        Subscription s = routeSubscription;
        if (s == null) {
            throw new NetlinkException("vrf " + vrf.vrfid() + ": " + familyName() + " sync closed during its start");
        }
        try {
            s.awaitInitialDump();
        } catch (NetlinkException | RuntimeException e) {
            close(true);
            throw e;
        }
        LOG.info("vrf {}: {} synced: {} addresses, {} neighbours, {} rules, {} routes{}", vrf.vrfid(), familyName(),
                syncs.get(0).size(), syncs.get(1).size(), syncs.get(2).size(), routes.size(),
                nexthops == null ? "" : ", " + nexthops.size() + " nexthop objects");
    }

    /** A nexthop refresh, asked by NexthopSync when a link changed; merged with any dump already requested. */
    private void refreshNexthops() {
        Subscription s = nexthopSubscription;
        if (s != null) {
            s.resync(ResyncReason.REFRESH);
        }
    }

    /** A route dump, asked by RouteSync (a refresh, or a replay); merged with any dump already requested. */
    private void resyncRoutes(ResyncReason reason) {
        Subscription s = routeSubscription;
        if (s != null) {
            s.resync(reason);
        }
    }

    /** A dump of the routes through one device, asked by RouteSync when a link or address changed. */
    private void dumpRoutesThrough(int ifindex) {
        Subscription s = routeSubscription;
        if (s != null) {
            s.dumpFiltered(RouteSync.dumpByDevice(addressFamily, ifindex));
        }
    }

    /** A refresh of this sync's routes (a nexthop changed their type silently). */
    void refreshRoutes() {
        resyncRoutes(ResyncReason.REFRESH);
    }

    @Override
    public Vrf vrf() {
        return vrf;
    }

    @Override
    public int addressFamily() {
        return addressFamily;
    }

    @Override
    public long syncedObjects() {
        long n = 0;
        for (L3ObjectSync sync : syncs) {
            n += sync.size();
        }
        return n;
    }

    /** Messages that did not parse, over every kind. */
    long malformed() {
        long n = 0;
        for (L3ObjectSync sync : syncs) {
            n += sync.malformed();
        }
        return n;
    }

    /** Bytes of the key sets: what this sync's cache costs. */
    long cacheBytes() {
        long n = 0;
        for (L3ObjectSync sync : syncs) {
            n += sync.keys.bytes();
        }
        return n;
    }

    int routeCount() {
        return routes.size();
    }

    @Override
    public void close(boolean withdraw) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            routeSubscription = null;
            nexthopSubscription = null;
            relayed.forEach(LinkRelay.Registration::close);
            relayed.clear();
            // Closing waits until no callback runs: nothing of ours is sent after the leave below.
            for (Subscription s : subscriptions) {
                s.close();
            }
            subscriptions.clear();
            for (ReplayWindow.Member m : members) {
                m.leave(withdraw);
            }
            members.clear();
        }
        onClose.run();
        LOG.info("vrf {}: {} sync stopped{}", vrf.vrfid(), familyName(), withdraw ? ", its objects withdrawn" : "");
    }

    private String name(L3ObjectSync sync) {
        return familyName() + " " + sync.kind.plural;
    }

    private String familyName() {
        return addressFamily == Rtnetlink.AF_INET ? "IPv4" : "IPv6";
    }
}
