package org.linuxfpsync.cmgr;

/**
 * One sync feature as it is now: what is wanted, what the FPM supports, and what its bundle
 * really does (the truth the console shows, whoever stopped or started it).
 *
 * @param name           as in the manual's {@code show sync-features}
 * @param bit            its sync-mask flag (0 for ipsec-ha, which is toggled on its own)
 * @param wanted         in the effective mask: requested, its parent requested, supported by the FPM
 * @param fpmSupports    false when the FPM's HELLO did not offer it
 * @param bundle         its bundle's state
 * @param pending        the reconciler has yet to apply the wanted state to its bundle (just after
 *                       start, or a change): until then the bundle's state is no operator's doing
 * @param implemented    its bundle registers a SyncFeature service (it really synchronizes)
 * @param owns           what it synchronizes, from its SyncFeature, or null
 * @param syncedObjects  objects it has in the fast path now
 * @param lastError      why its bundle could not be started or stopped, or null
 * @param malformedMessages kernel messages of its own that did not parse
 * @param refusedObjects kernel objects it did not send, by reason (what an operator must know is missing)
 * @param subModules     the lines it adds to {@code show modules} besides its own ({@code xfrm-migrate ...})
 */
public record FeatureState(String name, long bit, boolean wanted, boolean fpmSupports, BundleState bundle,
                           boolean pending, boolean implemented, String owns, long syncedObjects, String lastError,
                           long malformedMessages, java.util.Map<String, Long> refusedObjects,
                           java.util.List<String> subModules) {

    /** A feature without sub-modules. */
    public FeatureState(String name, long bit, boolean wanted, boolean fpmSupports, BundleState bundle,
                        boolean pending, boolean implemented, String owns, long syncedObjects, String lastError,
                        long malformedMessages, java.util.Map<String, Long> refusedObjects) {
        this(name, bit, wanted, fpmSupports, bundle, pending, implemented, owns, syncedObjects, lastError,
                malformedMessages, refusedObjects, java.util.List.of());
    }

    /** A feature with nothing malformed and nothing refused. */
    public FeatureState(String name, long bit, boolean wanted, boolean fpmSupports, BundleState bundle,
                        boolean pending, boolean implemented, String owns, long syncedObjects, String lastError) {
        this(name, bit, wanted, fpmSupports, bundle, pending, implemented, owns, syncedObjects, lastError, 0,
                java.util.Map.of());
    }

    /** A feature bundle's state, simplified from the OSGi life cycle. */
    public enum BundleState {
        /** No bundle declares this feature in this distribution. */
        MISSING,
        /** Installed or resolved, not running. */
        STOPPED,
        STARTING,
        ACTIVE,
        STOPPING
    }

    /**
     * The status word of {@code show sync-features}, honest about features whose bundle
     * synchronizes nothing yet, and about bundles on their way to the wanted state.
     */
    public String status() {
        if (starting()) {
            return "starting";
        }
        if (stopping()) {
            return "stopping";
        }
        if (bundle != BundleState.ACTIVE) {
            return "disabled";
        }
        return implemented ? "enabled" : "not implemented";
    }

    /** Its bundle is starting, or the reconciler will start it: not stopped by anyone. */
    public boolean starting() {
        return bundle == BundleState.STARTING || pending && wanted && bundle == BundleState.STOPPED;
    }

    /** Its bundle is stopping, or the reconciler will stop it: not started by anyone. */
    public boolean stopping() {
        return bundle == BundleState.STOPPING || pending && !wanted && bundle == BundleState.ACTIVE;
    }
}
