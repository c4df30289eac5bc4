package org.linuxfpsync.netlink;

/** Why a subscriber is being given a full dump. */
public enum ResyncReason {
    /** The subscription has just started. */
    INITIAL,
    /** The subscriber asked for it ({@link Subscription#resync}), e.g. to replay to a new FPM session. */
    REQUESTED,
    /** The listening socket overflowed (ENOBUFS): events were lost, the dump restores the truth. */
    OVERFLOW
}
