package org.linuxfpsync.featuresync;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import org.linuxfpsync.cmgr.spi.SyncCore;
import org.linuxfpsync.cmgr.spi.VrfListener;
import org.linuxfpsync.netlink.NetlinkException;
import org.linuxfpsync.netlink.Vrf;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A feature in every vrf the core follows: one {@link VrfSync} per vrf, started when the core
 * follows it, withdrawn when the core releases it or the feature's bundle stops. When the whole
 * cache manager stops (the framework is stopping), the FPM keeps the objects: the next start replays
 * them between graceful-restart markers, as it does for the interfaces.
 */
public final class VrfSyncs implements VrfListener {
    private static final Logger LOG = LoggerFactory.getLogger(VrfSyncs.class);

    /** Starts the feature's sync in one vrf; returns once the kernel's state has been sent. */
    @FunctionalInterface
    public interface Starter {
        /** @param feature the feature's name, for its logs and the core's replay windows */
        VrfSync start(String feature, Vrf vrf) throws NetlinkException;
    }

    private final String feature;
    private final SyncCore core;
    private final Starter starter;
    private final BooleanSupplier frameworkStopping;
    private final Map<Integer, VrfSync> byVrf = new ConcurrentHashMap<>();

    public VrfSyncs(String feature, SyncCore core, Starter starter, BooleanSupplier frameworkStopping) {
        this.feature = feature;
        this.core = core;
        this.starter = starter;
        this.frameworkStopping = frameworkStopping;
    }

    /** True while the OSGi framework itself stops (bundle 0 is STOPPING): the cache manager stops. */
    public static BooleanSupplier frameworkStopping(BundleContext context) {
        return () -> context.getBundle(0).getState() == Bundle.STOPPING;
    }

    /** Starts the feature in every vrf the core follows, and in those it will follow. */
    public void open() {
        core.addVrfListener(this);
        LOG.info("sync feature {} started: {} vrfs, {} objects", feature, byVrf.size(), syncedObjects());
    }

    /** Stops the feature everywhere: its objects leave the FPM, unless the cache manager stops. */
    public void close() {
        // First, so that no vrf is followed or released while the syncs close.
        core.removeVrfListener(this);
        boolean withdraw = !frameworkStopping.getAsBoolean();
        List<VrfSync> all = new ArrayList<>(byVrf.values());
        byVrf.clear();
        for (VrfSync sync : all) {
            sync.close(withdraw);
        }
        LOG.info("sync feature {} stopped{}", feature, withdraw ? ": its objects withdrawn from the FPM"
                : " with the cache manager");
    }

    @Override
    public void vrfFollowed(Vrf vrf) {
        // A vrf followed again without a release between (its namespace replaced under the same
        // vrfid): the old sync's objects go first. Closed after the new one had sent, it would
        // withdraw what the new namespace has under the same keys (ifuids come from vrfid and
        // ifindex, and a fresh namespace numbers its devices the same way).
        VrfSync previous = byVrf.remove(vrf.vrfid());
        if (previous != null) {
            previous.close(true);
        }
        try {
            byVrf.put(vrf.vrfid(), starter.start(feature, vrf));
        } catch (NetlinkException | RuntimeException e) {
            LOG.error("vrf {}: {} not synced: {}", vrf.vrfid(), feature, e.getMessage());
        }
    }

    @Override
    public void vrfReleased(Vrf vrf) {
        VrfSync sync = byVrf.remove(vrf.vrfid());
        if (sync != null) {
            sync.close(true);
        }
    }

    public long syncedObjects() {
        long n = 0;
        for (VrfSync sync : byVrf.values()) {
            n += sync.syncedObjects();
        }
        return n;
    }

    /** Kernel messages that did not parse, over every vrf. */
    public long malformed() {
        long n = 0;
        for (VrfSync sync : byVrf.values()) {
            n += sync.malformed();
        }
        return n;
    }

    /** Kernel objects refused, by reason, over every vrf. */
    public Map<String, Long> refused() {
        Map<String, Long> counts = new TreeMap<>();
        for (VrfSync sync : byVrf.values()) {
            sync.refused().forEach((reason, n) -> counts.merge(reason, n, Long::sum));
        }
        return counts;
    }

    /** The sync of a vrf, or null. */
    public VrfSync of(int vrfid) {
        return byVrf.get(vrfid);
    }
}
