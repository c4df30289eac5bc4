package org.linuxfpsync.netlink;

/** A live subscription; closing it stops delivery (memberships of other subscribers stay). */
public interface Subscription extends AutoCloseable {

    SubscriptionSpec spec();

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
