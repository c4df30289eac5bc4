package org.linuxfpsync.sync.ipv6;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import org.linuxfpsync.cmgr.spi.L3Sync;
import org.linuxfpsync.cmgr.spi.SyncCore;
import org.linuxfpsync.cmgr.spi.SyncFeature;
import org.linuxfpsync.cmgr.spi.VrfListener;
import org.linuxfpsync.netlink.NetlinkException;
import org.linuxfpsync.netlink.Vrf;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IPv6 in every vrf the core follows: started with the bundle (it converges from a kernel dump),
 * withdrawn when the bundle stops, so that with the feature disabled nothing IPv6 stays in the
 * FPM. When the whole cache manager stops (the framework is stopping), the FPM keeps the objects:
 * the next start replays them between graceful-restart markers, as it does for the interfaces.
 */
@Component(service = SyncFeature.class, immediate = true)
public final class Ipv6Sync implements SyncFeature, VrfListener {
    private static final Logger LOG = LoggerFactory.getLogger(Ipv6Sync.class);
    private static final int AF_INET6 = 10;

    private final SyncCore core;
    private final BooleanSupplier frameworkStopping;
    private final Map<Integer, L3Sync> byVrf = new ConcurrentHashMap<>();

    @Activate
    public Ipv6Sync(@Reference SyncCore core, BundleContext context) {
        this(core, () -> context.getBundle(0).getState() == Bundle.STOPPING);
    }

    Ipv6Sync(SyncCore core, BooleanSupplier frameworkStopping) {
        this.core = core;
        this.frameworkStopping = frameworkStopping;
    }

    @Activate
    void activate() {
        core.addVrfListener(this);
        LOG.info("sync feature ipv6 started: {} vrfs, {} objects", byVrf.size(), syncedObjects());
    }

    @Deactivate
    void deactivate() {
        // First, so that no vrf is followed or released while the syncs close.
        core.removeVrfListener(this);
        boolean withdraw = !frameworkStopping.getAsBoolean();
        List<L3Sync> all = new ArrayList<>(byVrf.values());
        byVrf.clear();
        for (L3Sync sync : all) {
            sync.close(withdraw);
        }
        LOG.info("sync feature ipv6 stopped{}", withdraw ? ": IPv6 withdrawn from the FPM" : " with the cache manager");
    }

    @Override
    public void vrfFollowed(Vrf vrf) {
        try {
            L3Sync previous = byVrf.put(vrf.vrfid(), core.startL3Sync(vrf, AF_INET6));
            if (previous != null) {
                previous.close(true);
            }
        } catch (NetlinkException | IllegalArgumentException e) {
            LOG.error("vrf {}: IPv6 not synced: {}", vrf.vrfid(), e.getMessage());
        }
    }

    @Override
    public void vrfReleased(Vrf vrf) {
        L3Sync sync = byVrf.remove(vrf.vrfid());
        if (sync != null) {
            sync.close(true);
        }
    }

    @Override
    public String name() {
        return "ipv6";
    }

    @Override
    public String owns() {
        return "IPv6 addresses, routes, NDP neighbours and rules of every followed vrf";
    }

    @Override
    public long syncedObjects() {
        long n = 0;
        for (L3Sync sync : byVrf.values()) {
            n += sync.syncedObjects();
        }
        return n;
    }
}
