package org.linuxfpsync.cmgr.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.linuxfpsync.cmgr.CacheManager;
import org.linuxfpsync.cmgr.CachedInterface;
import org.linuxfpsync.cmgr.VrfState;
import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.fpc.FpcPeer;
import org.linuxfpsync.fpc.FpcSessionListener;
import org.linuxfpsync.netlink.NetlinkException;
import org.linuxfpsync.netlink.NetlinkService;
import org.linuxfpsync.netlink.ResyncReason;
import org.linuxfpsync.netlink.Subscription;
import org.linuxfpsync.netlink.Vrf;
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
 * interfaces. A new FPM session gets a full replay, run as a netlink resync on each vrf's reader
 * thread so that replayed and live messages can never be sent out of order.
 */
@Component(service = CacheManager.class, immediate = true, configurationPid = "org.linuxfpsync.cmgr",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = CacheManagerConfig.class)
public final class CacheManagerImpl implements CacheManager, FpcSessionListener {
    private static final Logger LOG = LoggerFactory.getLogger(CacheManagerImpl.class);

    private final NetlinkService netlink;
    private final FpcChannel fpc;
    /** Guarded by this: configuration changes, retries and deactivation take turns. */
    private final Map<Integer, FollowedVrf> followed = new LinkedHashMap<>();
    private ScheduledExecutorService retries;
    private int retrySeconds;

    /** A configured vrf: its link sync, and its subscription once the namespace could be opened. */
    private static final class FollowedVrf {
        final LinkSync links;
        Subscription subscription;
        String lastError;

        FollowedVrf(LinkSync links) {
            this.links = links;
        }
    }

    @Activate
    public CacheManagerImpl(@Reference NetlinkService netlink, @Reference FpcChannel fpc) {
        this.netlink = netlink;
        this.fpc = fpc;
    }

    @Activate
    synchronized void activate(CacheManagerConfig config) {
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
        retries.scheduleWithFixedDelay(this::retryFailed, retrySeconds, retrySeconds, TimeUnit.SECONDS);
        LOG.info("cache manager started, following vrfs {}", describe(vrfs));
    }

    @Modified
    synchronized void modified(CacheManagerConfig config) {
        List<Vrf> vrfs;
        try {
            vrfs = VrfsOption.parse(config.vrfs());
        } catch (IllegalArgumentException e) {
            // An invalid change must not undo what is synced: keep following what we follow.
            LOG.error("cache manager configuration change refused, nothing changed: {}", e.getMessage());
            return;
        }
        apply(vrfs);
        LOG.info("cache manager now follows vrfs {}", describe(vrfs));
    }

    @Deactivate
    synchronized void deactivate() {
        fpc.removeSessionListener(this);
        retries.shutdownNow();
        // Leave the FPM's tables as they are: a restarted cache manager replays between
        // graceful-restart markers and the FPM sweeps only what really went away.
        for (FollowedVrf f : followed.values()) {
            if (f.subscription != null) {
                f.subscription.close();
            }
        }
        followed.clear();
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
                followed.remove(vrfid);
            }
        }
        for (Vrf vrf : wanted) {
            if (!followed.containsKey(vrf.vrfid())) {
                FollowedVrf f = new FollowedVrf(new LinkSync(vrf, fpc));
                followed.put(vrf.vrfid(), f);
                startFollowing(f);
            }
        }
    }

    private void startFollowing(FollowedVrf f) {
        try {
            f.subscription = netlink.subscribe(f.links.subscriptionSpec(), f.links);
            f.lastError = null;
            LOG.info("vrf {} ({}) synced: {} interfaces", f.links.vrf().vrfid(), nsName(f.links.vrf()), f.links.size());
        } catch (NetlinkException e) {
            if (!e.getMessage().equals(f.lastError)) {
                LOG.error("vrf {} ({}) not followed, retrying every {} s: {}", f.links.vrf().vrfid(),
                        nsName(f.links.vrf()), retrySeconds, e.getMessage());
            }
            f.lastError = e.getMessage();
        }
    }

    private void stopFollowing(FollowedVrf f) {
        if (f.subscription != null) {
            f.subscription.close();
            f.subscription = null;
        }
        // Closing the subscription joined nothing on the reader thread, but it delivers no more:
        // the withdrawal below cannot interleave with a late event of this vrf.
        f.links.withdrawAll();
        LOG.info("vrf {} ({}) no longer followed; its interfaces were withdrawn", f.links.vrf().vrfid(),
                nsName(f.links.vrf()));
    }

    private synchronized void retryFailed() {
        for (FollowedVrf f : followed.values()) {
            if (f.subscription == null) {
                startFollowing(f);
            }
        }
    }

    @Override
    public synchronized void sessionUp(FpcPeer peer) {
        LOG.info("FPM session up ({} v{}, epoch {}): replaying every vrf", peer.name(), peer.version(), peer.epoch());
        for (FollowedVrf f : followed.values()) {
            if (f.subscription != null) {
                f.subscription.resync(ResyncReason.REQUESTED);
            }
        }
    }

    @Override
    public void sessionDown(String reason) {
        LOG.warn("FPM session down: {}; changes are replayed when it is back", reason);
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
    public List<VrfState> vrfs() {
        List<VrfState> states = new ArrayList<>();
        for (FollowedVrf f : snapshot()) {
            states.add(new VrfState(f.links.vrf().vrfid(), f.links.vrf().netnsName(),
                    f.subscription != null && f.links.synced(), f.links.size(), f.lastError));
        }
        states.sort(Comparator.comparingInt(VrfState::vrfid));
        return states;
    }

    private synchronized List<FollowedVrf> snapshot() {
        List<FollowedVrf> list = new ArrayList<>(followed.values());
        list.sort(Comparator.comparingInt(f -> f.links.vrf().vrfid()));
        return list;
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
