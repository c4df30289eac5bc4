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

    /**
     * A mark (>= 0) when this subscription's reader thread waits with every message it received
     * delivered, its listeners' {@link NetlinkListener#caughtUp} run since, and nothing queued on its
     * listening socket; -1 otherwise (busy, about to wake, closed). Any thread. With {@link
     * #stillQuiet}, a sequence lock: what the listeners published between the two calls is what
     * they held for every message the kernel queued before the first.
     */
    default long quietMark() {
        return -1;
    }

    /** Whether the reader has received and delivered nothing since {@link #quietMark} returned {@code mark}. */
    default boolean stillQuiet(long mark) {
        return false;
    }

    /**
     * Runs {@code task} on the reader thread, after every message queued on the listening socket at
     * the call has been delivered: a change the kernel notified before the call (on another socket)
     * comes after the notifications it made before it on this one. Dropped once closed.
     */
    default void runAfterQueued(Runnable task) {
        throw new UnsupportedOperationException("runAfterQueued");
    }

    @Override
    void close();
}
