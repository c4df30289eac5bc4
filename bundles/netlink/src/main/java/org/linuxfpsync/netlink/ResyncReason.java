package org.linuxfpsync.netlink;

/** Why a subscriber is being given a full dump. */
public enum ResyncReason {
    /** The subscription has just started. */
    INITIAL,
    /** The subscriber asked for it ({@link Subscription#resync}), e.g. to replay to a new FPM session. */
    REQUESTED,
    /** The listening socket overflowed (ENOBUFS): events were lost, the dump restores the truth. */
    OVERFLOW,
    /**
     * The subscriber asked for a dump to catch what the kernel changed without a notification (a
     * link gone flushes its routes silently): it compares the dump with what it holds and sends
     * the differences only, where the other reasons replay everything. The weakest reason: a
     * pending dump of any other reason covers it.
     */
    REFRESH
}
