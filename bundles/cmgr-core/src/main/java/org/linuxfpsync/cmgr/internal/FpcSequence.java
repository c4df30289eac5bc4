package org.linuxfpsync.cmgr.internal;

import java.util.concurrent.atomic.AtomicInteger;

/** FPC sequence numbers: per session in the protocol; one counter for every thread keeps them unique. */
final class FpcSequence {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private FpcSequence() {
    }

    static int next() {
        return SEQUENCE.incrementAndGet();
    }
}
