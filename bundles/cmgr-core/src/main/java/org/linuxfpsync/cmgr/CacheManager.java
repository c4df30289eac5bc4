package org.linuxfpsync.cmgr;

import java.util.List;

/** Read access to the cache manager's state for the console and the feature bundles. */
public interface CacheManager {

    /** Every cached interface, sorted by vrfid then ifindex. */
    List<CachedInterface> interfaces();

    /** The followed namespaces, sorted by vrfid. */
    List<VrfState> vrfs();

    /** The revision of the vrfs' configuration applied, and the deliveries of it refused. */
    AppliedConfiguration vrfsConfiguration();
}
