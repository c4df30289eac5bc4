package org.linuxfpsync.sync.ipv6;

import org.linuxfpsync.cmgr.spi.L3Sync;
import org.linuxfpsync.cmgr.spi.SyncCore;
import org.linuxfpsync.cmgr.spi.SyncFeature;
import org.linuxfpsync.featuresync.FeatureComponent;
import org.linuxfpsync.featuresync.VrfSync;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * IPv6 in every vrf the core follows: the core's L3 sync, run for AF_INET6, started with the bundle
 * (it converges from a kernel dump) and withdrawn when the bundle stops, so that with the feature
 * disabled nothing IPv6 stays in the FPM. When the whole cache manager stops, the FPM keeps the
 * objects for the next start's replay, as for every feature ({@code VrfSyncs}).
 */
@Component(service = SyncFeature.class, immediate = true)
public final class Ipv6Sync extends FeatureComponent {
    private static final int AF_INET6 = 10;

    @Activate
    public Ipv6Sync(@Reference SyncCore core, BundleContext context) {
        super(core, context, (feature, vrf) -> of(core.startL3Sync(vrf, AF_INET6)));
    }

    /** The core counts the messages its L3 sync cannot parse: none are this feature's. */
    private static VrfSync of(L3Sync sync) {
        return new VrfSync() {
            @Override
            public long syncedObjects() {
                return sync.syncedObjects();
            }

            @Override
            public long malformed() {
                return 0;
            }

            @Override
            public void close(boolean withdraw) {
                sync.close(withdraw);
            }
        };
    }
}
