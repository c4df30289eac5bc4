package org.linuxfpsync.featuresync;

import org.linuxfpsync.cmgr.spi.SyncCore;
import org.linuxfpsync.cmgr.spi.SyncFeature;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The {@link SyncFeature} of a feature bundle, over its {@link VrfSyncs}. A feature's DS component
 * extends it and only gives, in its {@code @Activate} constructor, its name and the sync of one vrf;
 * the activation and deactivation here are its own (bnd's {@code -dsannotations-options: inherit} in
 * the feature's pom).
 */
public abstract class FeatureComponent implements SyncFeature {
    private final String name;
    private final String owns;
    private final VrfSyncs syncs;

    /**
     * @param name    the feature's row of the seed's table ({@code FeatureCatalog})
     * @param owns    one line for {@code show modules}
     * @param starter the feature's sync of one vrf
     */
    protected FeatureComponent(String name, String owns, SyncCore core, VrfSyncs.Starter starter,
                               java.util.function.BooleanSupplier frameworkStopping) {
        this.name = name;
        this.owns = owns;
        this.syncs = new VrfSyncs(name, core, starter, frameworkStopping);
    }

    /** Starts the feature in every vrf the core follows: each converges from a kernel dump. */
    @Activate
    public final void activate() {
        syncs.open();
    }

    /** Stops it everywhere: its objects leave the FPM, unless the cache manager stops. */
    @Deactivate
    public final void deactivate() {
        syncs.close();
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String owns() {
        return owns;
    }

    @Override
    public final long syncedObjects() {
        return syncs.syncedObjects();
    }

    /** Kernel messages that did not parse, over every vrf. */
    public final long malformed() {
        return syncs.malformed();
    }
}
