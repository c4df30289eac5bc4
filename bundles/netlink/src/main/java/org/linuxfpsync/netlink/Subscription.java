package org.linuxfpsync.netlink;

/** A live subscription; closing it stops delivery (memberships of other subscribers stay). */
public interface Subscription extends AutoCloseable {

    SubscriptionSpec spec();

    /**
     * Waits until the initial dump of a subscription made with {@link
     * NetlinkService#subscribeWithoutWaiting} has been delivered; returns at once for one made with
     * {@link NetlinkService#subscribe}, or once the dump is done.
     *
     * @throws NetlinkException the groups could not be joined, the dump did not end in time, or the
     *                          wait was interrupted: the subscription is then closed
     */
    default void awaitInitialDump() throws NetlinkException {
        // Additive SPI change: a transport that can only wait has dumped by the time it subscribed.
    }

    /** Asks for a new full dump, delivered on the reader thread as soon as possible. */
    void resync(ResyncReason reason);

    /**
     * Asks for one dump of what {@code filter} selects (its payload carries the kernel's filter
     * attributes, e.g. a route dump by RTA_OIF), delivered on the reader thread between
     * {@link NetlinkListener#filteredDumpStarted} and {@link NetlinkListener#filteredDumpFinished}.
     * A full dump run after the request covers it: the filtered one is then dropped. An
     * implementation that cannot filter runs a {@link ResyncReason#REFRESH} instead.
     */
    default void dumpFiltered(DumpRequest filter) {
        resync(ResyncReason.REFRESH);
    }

    @Override
    void close();
}
