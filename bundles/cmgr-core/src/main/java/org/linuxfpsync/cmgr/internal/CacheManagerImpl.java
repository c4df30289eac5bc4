package org.linuxfpsync.cmgr.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.linuxfpsync.cmgr.AppliedConfiguration;
import org.linuxfpsync.cmgr.CacheManager;
import org.linuxfpsync.cmgr.CachedInterface;
import org.linuxfpsync.cmgr.VrfState;
import org.linuxfpsync.cmgr.spi.ConfigRevision;
import org.linuxfpsync.cmgr.spi.L3Sync;
import org.linuxfpsync.cmgr.spi.ReplayMember;
import org.linuxfpsync.cmgr.spi.SyncCore;
import org.linuxfpsync.cmgr.spi.VrfListener;
import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.fpc.FpcPeer;
import org.linuxfpsync.fpc.FpcSessionListener;
import org.linuxfpsync.fpc.codec.FpcSchema;
import org.linuxfpsync.fpc.codec.InterfaceAttr;
import org.linuxfpsync.netlink.NetlinkException;
import org.linuxfpsync.netlink.NetlinkService;
import org.linuxfpsync.netlink.ResyncReason;
import org.linuxfpsync.netlink.Subscription;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.Rtnetlink;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cache manager: follows the configured namespaces and keeps the FPM equal to their
 * interfaces and, per vrf, their IPv4 addresses, routes, neighbours and rules (base sync, always
 * on). A new FPM session gets a full replay, run as a netlink resync on each vrf's reader
 * threads so that replayed and live messages can never be sent out of order.
 *
 * <p>As {@link SyncCore} it lets feature bundles follow the same vrfs and sync the L3 objects of
 * another address family (sync-ipv6), sharing the replay windows of the FPC families.
 *
 * <p>Two locks: {@code changes} orders what starts and stops syncs (configuration, retries, vrf
 * listeners, feature syncs) and is held while subscriptions wait for their initial dumps; the
 * monitor of this object guards the map of followed vrfs only, briefly, so that the console and
 * the FPC session thread never wait for a dump.
 */
@Component(service = {CacheManager.class, SyncCore.class}, immediate = true, configurationPid = CacheManagerImpl.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = CacheManagerConfig.class)
public final class CacheManagerImpl implements CacheManager, SyncCore, FpcSessionListener {
    static final String PID = "org.linuxfpsync.cmgr";
    private static final Logger LOG = LoggerFactory.getLogger(CacheManagerImpl.class);
    /** Where {@code ip netns} names namespaces. */
    private static final String NETNS_DIR = "/var/run/netns";

    private final NetlinkService netlink;
    private final FpcChannel fpc;
    private final ReplayWindows windows;
    private final NamespaceIds namespaceIds;
    private final Object changes = new Object();
    /** Guarded by this (reads) and changes (writes). */
    private final Map<Integer, FollowedVrf> followed = new LinkedHashMap<>();
    /** Guarded by changes. */
    private final List<VrfListener> vrfListeners = new ArrayList<>();
    private ScheduledExecutorService retries;
    private int retrySeconds;
    /** Wakes {@link #maintain} when a namespace name is made or removed; null when none is watched. Guarded by changes. */
    private NamespaceDirectoryWatch namespaceWatch;
    /** The next {@link #maintain} by the clock: only while a vrf is not synced or no watch runs. Guarded by changes. */
    private ScheduledFuture<?> nextMaintain;
    /** The check a namespace event asked for, not run yet: a later event puts it off again. */
    private final AtomicReference<ScheduledFuture<?>> namespaceCheck = new AtomicReference<>();
    /**
     * How long after a name is made the check runs: {@code ip netns add} makes the file, then mounts
     * the namespace on it; a check in between would find a plain file and log a failure.
     */
    static final long NAMESPACE_EVENT_DELAY_MS = 100;
    /**
     * Stale deliveries of the vrfs (fileinstall re-reading etc/org.linuxfpsync.cmgr.cfg behind a newer
     * update) would withdraw vrfs still wanted: refused, and the newest written back (this component
     * owns the PID).
     */
    private final ConfigRevision revision;

    /** A configured vrf: its link sync, and its subscriptions once the namespace could be opened. */
    private static final class FollowedVrf {
        final LinkSync links;
        /** The L3 syncs of the vrf: the core's IPv4 one and those features started. */
        final List<L3FamilySync> l3 = new CopyOnWriteArrayList<>();
        volatile Subscription subscription;
        /**
         * An FPM session came up while the links' subscription was being made: its initial dump may
         * have been sent before the session (frames without a session are discarded), so the one
         * of the session's replay and the subscription's start that sees it takes it and resyncs.
         */
        final AtomicBoolean replayWanted = new AtomicBoolean();
        /** The namespace's name and what it named when followed; null for the namespace cmgrd runs in. */
        final NamespaceName namespace;
        String lastError;

        FollowedVrf(Vrf vrf, FpcChannel fpc) {
            this.links = new LinkSync(vrf, fpc, new LinkRelay());
            this.namespace = vrf.isOwnNamespace() ? null : new NamespaceName(Path.of(NETNS_DIR), vrf.netnsName());
        }

        boolean isSynced() {
            return subscription != null;
        }
    }

    @Activate
    public CacheManagerImpl(@Reference NetlinkService netlink, @Reference FpcChannel fpc,
                            @Reference ConfigurationAdmin configAdmin) {
        this(netlink, fpc, ConfigRevision.through(configAdmin));
    }

    CacheManagerImpl(NetlinkService netlink, FpcChannel fpc, ConfigRevision.WriteBack writeBack) {
        this.netlink = netlink;
        this.fpc = fpc;
        this.windows = new ReplayWindows(fpc);
        this.namespaceIds = new NamespaceIds(netlink);
        this.revision = ConfigRevision.owner(PID, writeBack);
    }

    @Activate
    void activate(CacheManagerConfig config, Map<String, Object> props) {
        synchronized (changes) {
            revision.start(props);
            activateLocked(config);
        }
    }

    private void activateLocked(CacheManagerConfig config) {
        retries = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cmgr-vrf-retry");
            t.setDaemon(true);
            return t;
        });
        retrySeconds = Math.max(1, config.retrySeconds());
        fpc.addSessionListener(this);
        List<Vrf> vrfs;
        try {
            vrfs = VrfsOption.parse(config.vrfs());
        } catch (IllegalArgumentException e) {
            LOG.error("cache manager configuration refused, following the default namespace only: {}", e.getMessage());
            vrfs = List.of(Vrf.defaultVrf());
        }
        apply(vrfs);
        scheduleMaintenance();
        LOG.info("cache manager started, following vrfs {}", describe(vrfs));
    }

    @Modified
    void modified(CacheManagerConfig config, Map<String, Object> props) {
        synchronized (changes) {
            if (revision.admit(props)) {
                modifiedLocked(config);
            }
        }
    }

    private void modifiedLocked(CacheManagerConfig config) {
        List<Vrf> vrfs;
        try {
            vrfs = VrfsOption.parse(config.vrfs());
        } catch (IllegalArgumentException e) {
            // An invalid change must not undo what is synced: keep following what we follow.
            LOG.error("cache manager configuration change refused, nothing changed: {}", e.getMessage());
            return;
        }
        apply(vrfs);
        scheduleMaintenance();
        LOG.info("cache manager now follows vrfs {}", describe(vrfs));
    }

    @Deactivate
    void deactivate() {
        synchronized (changes) {
            fpc.removeSessionListener(this);
            if (namespaceWatch != null) {
                namespaceWatch.close();
                namespaceWatch = null;
            }
            retries.shutdownNow();
            // Leave the FPM's tables as they are: a restarted cache manager replays between
            // graceful-restart markers and the FPM sweeps only what really went away.
            for (FollowedVrf f : followedNow()) {
                for (L3FamilySync sync : f.l3) {
                    sync.close(false);
                }
                if (f.subscription != null) {
                    f.subscription.close();
                }
            }
            synchronized (this) {
                followed.clear();
            }
            vrfListeners.clear();
        }
        LOG.info("cache manager stopped");
    }

    private void apply(List<Vrf> wanted) {
        Map<Integer, Vrf> byId = new LinkedHashMap<>();
        wanted.forEach(v -> byId.put(v.vrfid(), v));
        for (Integer vrfid : List.copyOf(followed.keySet())) {
            Vrf now = byId.get(vrfid);
            FollowedVrf f = followed.get(vrfid);
            if (now == null || !now.equals(f.links.vrf())) {
                stopFollowing(f);
                synchronized (this) {
                    followed.remove(vrfid);
                }
            }
        }
        for (Vrf vrf : wanted) {
            if (!followed.containsKey(vrf.vrfid())) {
                FollowedVrf f = new FollowedVrf(vrf, fpc);
                synchronized (this) {
                    followed.put(vrf.vrfid(), f);
                }
                startFollowing(f);
            }
        }
    }

    /**
     * Interfaces first (everything else names them), then IPv4, then the features. The IPv4 routes'
     * dump, on a reader thread of its own, runs while the rest of IPv4 and the features start: a
     * million routes take seconds, during which those dumps, on other channels, used to wait. What a
     * feature dumps on the routes' channel (the IPv6 routes) still follows them there, as the nexthop
     * objects come before them: a route comes after the objects it names.
     */
    private void startFollowing(FollowedVrf f) {
        Vrf vrf = f.links.vrf();
        Subscription links = null;
        if (f.namespace != null) {
            f.namespace.remember(); // before the sockets: a namespace replaced meanwhile is seen as such
        }
        L3FamilySync ipv4;
        try {
            links = netlink.subscribe(f.links.subscriptionSpec(), f.links);
            f.subscription = links;
            if (f.replayWanted.getAndSet(false)) {
                links.resync(ResyncReason.REQUESTED);
            }
            ipv4 = startL3WithoutWaitingForRoutes(f, Rtnetlink.AF_INET);
        } catch (NetlinkException e) {
            if (links != null) {
                f.subscription = null;
                links.close();
            }
            notFollowed(f, e);
            return;
        }
        namespaceIds.clear();
        for (VrfListener l : List.copyOf(vrfListeners)) {
            notifyFollowed(l, vrf);
        }
        try {
            ipv4.awaitRoutes();
        } catch (NetlinkException e) {
            // The features started already: released, and everything withdrawn; the next attempt
            // starts from nothing.
            stopFollowing(f);
            notFollowed(f, e);
            return;
        }
        f.lastError = null;
        LOG.info("vrf {} ({}) synced: {} interfaces", vrf.vrfid(), nsName(vrf), f.links.size());
    }

    /** Logs why the vrf could not be followed, once per distinct reason; maintain() retries. */
    private void notFollowed(FollowedVrf f, NetlinkException e) {
        Vrf vrf = f.links.vrf();
        if (!e.getMessage().equals(f.lastError)) {
            LOG.error("vrf {} ({}) not followed, retrying every {} s: {}", vrf.vrfid(), nsName(vrf), retrySeconds,
                    e.getMessage());
        }
        f.lastError = e.getMessage();
    }

    private void stopFollowing(FollowedVrf f) {
        Vrf vrf = f.links.vrf();
        if (f.isSynced()) {
            for (VrfListener l : List.copyOf(vrfListeners)) {
                try {
                    l.vrfReleased(vrf);
                } catch (RuntimeException e) {
                    LOG.error("vrf {}: {} failed to release it", vrf.vrfid(), l.getClass().getName(), e);
                }
            }
        }
        // The last sync of each L3 family to leave flushes it from the FPM.
        for (L3FamilySync sync : f.l3) {
            sync.close(true);
        }
        if (f.subscription != null) {
            f.subscription.close();
            f.subscription = null;
        }
        // Closing the subscription waited for its callbacks to end: the withdrawal below cannot
        // interleave with a late event of this vrf.
        f.links.withdrawAll();
        namespaceIds.clear();
        LOG.info("vrf {} ({}) no longer followed; its objects were withdrawn", vrf.vrfid(), nsName(vrf));
    }

    /** A new L3 sync of the vrf, started: each initial dump has been sent. */
    private L3FamilySync startL3(FollowedVrf f, int addressFamily) throws NetlinkException {
        L3FamilySync sync = startL3WithoutWaitingForRoutes(f, addressFamily);
        sync.awaitRoutes();
        return sync;
    }

    /** A new L3 sync of the vrf, started but for its routes' dump ({@link L3FamilySync#awaitRoutes}). */
    private L3FamilySync startL3WithoutWaitingForRoutes(FollowedVrf f, int addressFamily) throws NetlinkException {
        L3FamilySync[] created = new L3FamilySync[1];
        L3FamilySync sync = new L3FamilySync(f.links.vrf(), addressFamily, netlink, fpc, windows, f.links.relay(),
                () -> f.l3.remove(created[0]), () -> f.l3.forEach(L3FamilySync::refreshRoutes));
        created[0] = sync;
        sync.startWithoutWaitingForRoutes();
        f.l3.add(sync);
        return sync;
    }

    /**
     * Follows again the vrfs that could not be opened, and releases those whose namespace was deleted
     * ({@code ip netns del} removes its name; our sockets would keep the namespace, and its
     * interfaces, alive for good): their objects leave the FPM, and the vrf is followed again if the
     * name comes back. A name deleted and made again between two checks names another namespace: the
     * old one's objects leave the FPM and the new one is followed. Runs when a name under
     * /var/run/netns is made or removed ({@link NamespaceDirectoryWatch}), and every {@code
     * retrySeconds} only while a vrf is not synced or the directory cannot be watched.
     */
    private void maintain() {
        synchronized (changes) {
            if (nextMaintain != null) {
                // Run early (a namespace event): the periodic check is rescheduled below, not doubled.
                nextMaintain.cancel(false);
                nextMaintain = null;
            }
            for (FollowedVrf f : followedNow()) {
                Vrf vrf = f.links.vrf();
                NamespaceName.State state = f.namespace == null ? NamespaceName.State.SAME : f.namespace.check();
                if (f.isSynced() && state == NamespaceName.State.GONE) {
                    LOG.warn("vrf {}: network namespace '{}' was deleted; releasing it", vrf.vrfid(), vrf.netnsName());
                    stopFollowing(f);
                    f.lastError = "network namespace '" + vrf.netnsName() + "' was deleted";
                } else if (f.isSynced() && state == NamespaceName.State.REPLACED) {
                    LOG.warn("vrf {}: network namespace '{}' was deleted and made again; following the new one",
                            vrf.vrfid(), vrf.netnsName());
                    stopFollowing(f);
                    startFollowing(f);
                } else if (!f.isSynced()) {
                    startFollowing(f);
                }
            }
            scheduleMaintenance();
        }
    }

    /**
     * Under changes: watches /var/run/netns while a followed vrf has a namespace name (a new watch is
     * followed by a check, for what changed before it), and keeps the periodic check while a vrf is
     * not synced or no watch runs.
     */
    private void scheduleMaintenance() {
        if (retries == null || retries.isShutdown()) {
            return;
        }
        List<FollowedVrf> now = followedNow();
        boolean named = now.stream().anyMatch(f -> f.namespace != null);
        if (namespaceWatch != null && (!named || !namespaceWatch.valid())) {
            namespaceWatch.close();
            namespaceWatch = null;
        }
        if (named && namespaceWatch == null) {
            namespaceWatch = NamespaceDirectoryWatch.start(Path.of(NETNS_DIR), this::namespaceNamesChanged);
            if (namespaceWatch != null) {
                namespaceNamesChanged(); // a name removed before the watch began is seen now
            }
        }
        boolean pending = now.stream().anyMatch(f -> !f.isSynced());
        if ((pending || (named && namespaceWatch == null)) && nextMaintain == null) {
            try {
                nextMaintain = retries.schedule(this::maintain, retrySeconds, TimeUnit.SECONDS);
            } catch (RejectedExecutionException stopped) {
                nextMaintain = null;
            }
        }
    }

    /**
     * From the watch's thread: a check {@link #NAMESPACE_EVENT_DELAY_MS} after the last of a run of
     * events (`ip netns del x; ip netns add x` is a removal, then a name that `ip` mounts a moment
     * later: a check between them would see a namespace half made).
     */
    private void namespaceNamesChanged() {
        ScheduledExecutorService r = retries;
        if (r == null) {
            return;
        }
        try {
            ScheduledFuture<?> check = r.schedule(this::maintain, NAMESPACE_EVENT_DELAY_MS, TimeUnit.MILLISECONDS);
            ScheduledFuture<?> earlier = namespaceCheck.getAndSet(check);
            if (earlier != null) {
                earlier.cancel(false); // not begun yet: this one replaces it; begun: it finishes
            }
        } catch (RejectedExecutionException stopped) {
            // deactivated
        }
    }

    @Override
    public void sessionUp(FpcPeer peer) {
        LOG.info("FPM session up ({} v{}, epoch {}): replaying every vrf", peer.name(), peer.version(), peer.epoch());
        // Interfaces before what belongs to them: both requests go to the same reader thread,
        // which runs its subscribers' dumps in subscription order (links first).
        for (FollowedVrf f : followedNow()) {
            f.replayWanted.set(true);
            Subscription s = f.subscription;
            if (s != null && f.replayWanted.getAndSet(false)) {
                s.resync(ResyncReason.REQUESTED);
            }
        }
        windows.sessionUp();
    }

    @Override
    public void sessionDown(String reason) {
        LOG.warn("FPM session down: {}; changes are replayed when it is back", reason);
    }

    @Override
    public void addVrfListener(VrfListener listener) {
        synchronized (changes) {
            vrfListeners.add(listener);
            for (FollowedVrf f : followedNow()) {
                if (f.isSynced()) {
                    notifyFollowed(listener, f.links.vrf());
                }
            }
        }
    }

    @Override
    public void removeVrfListener(VrfListener listener) {
        synchronized (changes) {
            vrfListeners.remove(listener);
        }
    }

    @Override
    public L3Sync startL3Sync(Vrf vrf, int addressFamily) throws NetlinkException {
        if (addressFamily != Rtnetlink.AF_INET && addressFamily != Rtnetlink.AF_INET6) {
            throw new IllegalArgumentException("address family must be AF_INET (2) or AF_INET6 (10): " + addressFamily);
        }
        synchronized (changes) {
            FollowedVrf f;
            synchronized (this) {
                f = followed.get(vrf.vrfid());
            }
            if (f == null || !f.isSynced() || !f.links.vrf().equals(vrf)) {
                throw new IllegalArgumentException("vrf " + vrf.vrfid() + " (" + nsName(vrf) + ") is not followed");
            }
            return startL3(f, addressFamily);
        }
    }

    @Override
    public ReplayMember joinReplayWindow(Vrf vrf, int fpcFamily, String name, Runnable replay) {
        if (fpcFamily == InterfaceAttr.FAMILY_INTERFACES || FpcSchema.family(fpcFamily) == null) {
            throw new IllegalArgumentException("not an FPC object family: " + fpcFamily);
        }
        return windows.of(fpcFamily, vrf.vrfid()).join(name, replay);
    }

    @Override
    public boolean holdsInterface(Vrf vrf, int ifindex) {
        for (FollowedVrf f : snapshot()) {
            if (f.links.vrf().vrfid() == vrf.vrfid()) {
                return f.links.holds(ifindex);
            }
        }
        return false;
    }

    @Override
    public Optional<Vrf> vrfOfNetnsid(Vrf vrf, int netnsid) {
        List<Vrf> synced = new ArrayList<>();
        for (FollowedVrf f : followedNow()) {
            if (f.isSynced()) {
                synced.add(f.links.vrf());
            }
        }
        return namespaceIds.vrfOf(vrf, netnsid, synced);
    }

    private static void notifyFollowed(VrfListener listener, Vrf vrf) {
        try {
            listener.vrfFollowed(vrf);
        } catch (RuntimeException e) {
            LOG.error("vrf {}: {} failed to follow it", vrf.vrfid(), listener.getClass().getName(), e);
        }
    }

    @Override
    public List<CachedInterface> interfaces() {
        List<CachedInterface> all = new ArrayList<>();
        for (FollowedVrf f : snapshot()) {
            all.addAll(f.links.interfaces());
        }
        return all;
    }

    @Override
    public AppliedConfiguration vrfsConfiguration() {
        return revision.state();
    }

    @Override
    public List<VrfState> vrfs() {
        List<VrfState> states = new ArrayList<>();
        for (FollowedVrf f : snapshot()) {
            states.add(new VrfState(f.links.vrf().vrfid(), f.links.vrf().netnsName(),
                    f.subscription != null && f.links.synced(), f.links.size(), f.lastError));
        }
        states.sort(Comparator.comparingInt(VrfState::vrfid));
        return states;
    }

    private List<FollowedVrf> snapshot() {
        List<FollowedVrf> list = followedNow();
        list.sort(Comparator.comparingInt(f -> f.links.vrf().vrfid()));
        return list;
    }

    private synchronized List<FollowedVrf> followedNow() {
        return new ArrayList<>(followed.values());
    }

    private static String nsName(Vrf vrf) {
        return vrf.isOwnNamespace() ? "own namespace" : "netns " + vrf.netnsName();
    }

    private static String describe(List<Vrf> vrfs) {
        StringBuilder sb = new StringBuilder();
        for (Vrf v : vrfs) {
            sb.append(sb.length() == 0 ? "" : ", ").append(v.vrfid()).append(v.isOwnNamespace() ? "" : ":" + v.netnsName());
        }
        return sb.toString();
    }
}
