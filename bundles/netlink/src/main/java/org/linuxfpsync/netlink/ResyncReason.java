package org.linuxfpsync.netlink;

/**
 * Why a subscriber is being given a full dump. INITIAL and REQUESTED ask for a replay (the receiver
 * of what the subscriber sends may hold nothing of it, or stale objects: send everything); OVERFLOW
 * and REFRESH only say that the subscriber's view may be wrong ({@link #differential}). Declared
 * from the dump that does most to the one that does least: pending requests merge by that order.
 */
public enum ResyncReason {
    /** The subscription has just started. */
    INITIAL,
    /** The subscriber asked for it ({@link Subscription#resync}), e.g. to replay to a new FPM session. */
    REQUESTED,
    /**
     * The listening socket overflowed (ENOBUFS): events were lost, the dump restores the truth. The
     * receiver of what the subscriber sent still has it: the subscriber may compare and send the
     * differences only, as for a {@link #REFRESH}.
     */
    OVERFLOW,
    /**
     * The subscriber asked for a dump to catch what the kernel changed without a notification (a
     * link gone flushes its routes silently): it compares the dump with what it holds and sends
     * the differences only. The weakest reason: a pending dump of any other reason covers it.
     */
    REFRESH;

    /**
     * True for OVERFLOW and REFRESH: nothing asked for a replay, so a subscriber that keeps what it
     * sent may answer with the differences (what changed, and a deletion for what the dump no longer
     * reports). Merged with a pending replay, such a dump becomes that replay.
     */
    public boolean differential() {
        return this == OVERFLOW || this == REFRESH;
    }
}
