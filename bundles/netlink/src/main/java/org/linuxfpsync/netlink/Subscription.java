package org.linuxfpsync.netlink;

/** A live subscription; closing it stops delivery (memberships of other subscribers stay). */
public interface Subscription extends AutoCloseable {

    SubscriptionSpec spec();

    /** Asks for a new full dump, delivered on the reader thread as soon as possible. */
    void resync(ResyncReason reason);

    @Override
    void close();
}
