package org.linuxfpsync.cmgr.spi;

import org.linuxfpsync.netlink.Vrf;

/**
 * The addresses, routes, neighbours and policy rules of one address family in one vrf, kept
 * equal to the kernel in the FPM ({@link SyncCore#startL3Sync}). The core runs one for IPv4 in
 * every vrf it follows; sync-ipv6 runs one for IPv6.
 */
public interface L3Sync {

    Vrf vrf();

    /** AF_INET (2) or AF_INET6 (10). */
    int addressFamily();

    /** Objects of this family and vrf in the fast path now: addresses, routes, neighbours, rules. */
    long syncedObjects();

    /**
     * Stops syncing. With {@code withdraw}, every object only this sync sent leaves the FPM (the
     * other syncs of the same object families in the vrf replay, and the FPM sweeps the rest);
     * without, the FPM keeps them, as for a graceful restart of the cache manager.
     */
    void close(boolean withdraw);
}
