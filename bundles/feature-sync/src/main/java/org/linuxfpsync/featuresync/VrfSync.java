package org.linuxfpsync.featuresync;

import java.util.Map;

/** What a feature runs in one vrf, as {@link VrfSyncs} sees it. */
public interface VrfSync {

    /** Objects it has in the FPM now. */
    long syncedObjects();

    /** Kernel messages that did not parse since the start (counted and skipped). */
    long malformed();

    /**
     * Kernel objects refused since the start ({@link ObjectRefused}), by reason; a sync that refuses
     * nothing has none.
     */
    default Map<String, Long> refused() {
        return Map.of();
    }

    /**
     * Stops syncing. With {@code withdraw}, what only this sync sent leaves the FPM; without (the
     * cache manager stops), the FPM keeps it for the next start's replay.
     */
    void close(boolean withdraw);
}
