package org.linuxfpsync.netlink.internal;

import java.lang.invoke.VarHandle;

/**
 * Whether a reader thread waits with everything it received delivered, read by other threads as a
 * sequence lock: the reader makes its epoch even when it starts to wait and odd when it wakes, so
 * a thread that finds the same even epoch before and after reading what the reader's listeners
 * published ({@link org.linuxfpsync.netlink.NetlinkListener#caughtUp}) read it while the reader
 * delivered nothing. Lets the links' reader leave the routes' reader asleep for a link no route
 * uses (issue #23: waking it cost as much as the link's own processing).
 */
final class ReaderQuiet {
    /** Odd: the reader is busy (or ended). Written by the reader thread only. */
    private volatile long epoch = 1;

    /** Reader thread, just before it waits: its listeners have published what they hold. */
    void enter() {
        epoch = epoch + 1;
    }

    /** Reader thread, as soon as its wait returns (before it receives), and when it ends. */
    void leave() {
        if ((epoch & 1) == 0) {
            epoch = epoch + 1;
        }
    }

    /** The epoch when the reader waits (even), else -1. Any thread. */
    long mark() {
        long e = epoch;
        return (e & 1) == 0 ? e : -1;
    }

    /** Whether the reader has waited since {@code mark} without waking. Any thread. */
    boolean still(long mark) {
        // What the caller read after mark() must not be reordered after this read of the epoch.
        VarHandle.acquireFence();
        return mark >= 0 && epoch == mark;
    }
}
