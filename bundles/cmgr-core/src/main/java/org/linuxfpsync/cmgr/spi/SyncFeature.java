package org.linuxfpsync.cmgr.spi;

/**
 * Registered by a feature bundle that synchronizes something (the whiteboard the core tracks).
 * A feature bundle without this service is shown as "not implemented": it never pretends.
 *
 * <p>Converging and withdrawing are the bundle's own job: on activation it subscribes to netlink,
 * whose initial dump replays what it owns to the FPM; on deactivation it deletes from the FPM
 * everything it sent.
 */
public interface SyncFeature {

    /** Manifest header naming the feature a bundle implements: {@code LinuxFpSync-SyncFeature: vxlan}. */
    String BUNDLE_HEADER = "LinuxFpSync-SyncFeature";

    /** The feature's name in the manual's {@code show sync-features} ({@link FeatureCatalog}). */
    String name();

    /** One line saying what it synchronizes, for {@code show modules}. */
    String owns();

    /** Objects it currently has in the fast path. */
    long syncedObjects();

    /** Kernel messages of its own that did not parse (each logged in one line, rate-limited). */
    default long malformedMessages() {
        return 0;
    }

    /**
     * Kernel objects it refused to send, by reason: well formed, but not describable to the FPM
     * (a tunnel whose lower device is in a namespace not followed). Empty when none.
     */
    default java.util.Map<String, Long> refusedObjects() {
        return java.util.Map.of();
    }

    /**
     * Kernel settings the feature read that change what it can see, by name, each with its value and
     * what it means (conntrack: {@code vrf 0 net.netfilter.nf_conntrack_events}), for {@code show conf}.
     * Empty when none.
     */
    default java.util.Map<String, String> kernelSettings() {
        // Additive SPI change: a feature that reads none has none.
        return java.util.Map.of();
    }
}
