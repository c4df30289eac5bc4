package org.linuxfpsync.featuresync;

import org.linuxfpsync.cmgr.spi.SyncCore;
import org.linuxfpsync.cmgr.spi.SyncFeature;

/**
 * The {@link SyncFeature} of a feature bundle, over its {@link VrfSyncs}. A feature's DS component
 * extends it: its constructor builds the syncs, its {@code @Activate} method calls {@link #open} and
 * its {@code @Deactivate} method {@link #close}.
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

    /** Starts the feature in every vrf the core follows. */
    protected final void open() {
        syncs.open();
    }

    /** Stops it everywhere: its objects leave the FPM, unless the cache manager stops. */
    protected final void close() {
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
