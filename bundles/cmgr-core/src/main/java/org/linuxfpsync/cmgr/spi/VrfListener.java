package org.linuxfpsync.cmgr.spi;

import org.linuxfpsync.netlink.Vrf;

/**
 * Told which namespaces the core follows, so that a feature follows the same ones. Calls come
 * one at a time, in order, with the core's vrf lock held: a listener may subscribe to netlink
 * (which waits for its initial dump) and call {@link SyncCore#startL3Sync}, but must not wait
 * for another thread that calls back into the core.
 */
public interface VrfListener {

    /**
     * The core syncs this vrf now (its interfaces are in the FPM; at its start, its IPv4 routes may
     * still be on their way, dumped on their own channel meanwhile); also called for each vrf at
     * registration.
     */
    void vrfFollowed(Vrf vrf);

    /**
     * The core stops following this vrf: release what was started for it. The core then withdraws
     * every object of the vrf from the FPM itself.
     */
    void vrfReleased(Vrf vrf);
}
