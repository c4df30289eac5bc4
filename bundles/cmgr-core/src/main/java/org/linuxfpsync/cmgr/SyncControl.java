package org.linuxfpsync.cmgr;

import java.util.List;

/**
 * The sync mask and the IPsec HA toggle, applied live as bundle operations. Changes go through
 * the configuration ({@code org.linuxfpsync.cmgr.sync}), so they survive a restart and
 * {@code show conf} can say where each value came from.
 */
public interface SyncControl {

    /** Every feature of the manual's table, in {@code show sync-features} order. */
    List<FeatureState> features();

    /** IPsec HA, the manual's {@code ipsec ha show}. */
    FeatureState ipsecHa();

    /** The requested mask ({@code -S}, {@code --disable-sync-*}, console). */
    long requestedMask();

    /** What is applied: the requested mask, closed under dependencies, within the FPM's offer. */
    long effectiveMask();

    /** The features the FPM offered in its HELLO, or -1 when no FPM session has been seen. */
    long fpmFeatures();

    boolean ipsecHaRequested();

    /** The revision of {@code org.linuxfpsync.cmgr.sync} applied, and the deliveries of it refused. */
    AppliedConfiguration syncConfiguration();

    /**
     * Requests a mask. {@code source} says who asked ("console", "/etc/cmgr.env", ...).
     *
     * @throws IllegalArgumentException one line, nothing changed
     */
    void requestMask(long mask, String source) throws Exception;

    /** Enables or disables one feature by its name or option name; dependents follow the manual's rules. */
    void requestFeature(String name, boolean enabled, String source) throws Exception;

    void requestIpsecHa(boolean enabled, String source) throws Exception;
}
