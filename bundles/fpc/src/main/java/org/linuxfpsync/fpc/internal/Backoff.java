package org.linuxfpsync.fpc.internal;

/** Reconnect delays: doubling from a first delay up to a ceiling, back to the first after a success. */
final class Backoff {
    private final long firstMillis;
    private final long maxMillis;
    private long nextMillis;

    Backoff(long firstMillis, long maxMillis) {
        this.firstMillis = firstMillis;
        this.maxMillis = maxMillis;
        this.nextMillis = firstMillis;
    }

    /** The delay to wait now; the following one doubles. */
    long next() {
        long d = nextMillis;
        nextMillis = Math.min(maxMillis, nextMillis * 2);
        return d;
    }

    void reset() {
        nextMillis = firstMillis;
    }
}
