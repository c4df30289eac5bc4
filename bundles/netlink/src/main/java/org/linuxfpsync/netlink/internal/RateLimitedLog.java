package org.linuxfpsync.netlink.internal;

import org.slf4j.Logger;

/**
 * At most one WARN line per second for one kind of trouble on one channel: a flood of malformed
 * messages or of failing callbacks must not become a flood of log lines. The next line that
 * gets through says how many were suppressed in between. Reader thread only.
 */
final class RateLimitedLog {
    private static final long INTERVAL_NANOS = 1_000_000_000L;

    private final Logger log;
    private long nextAllowedNanos = Long.MIN_VALUE;
    private long suppressed;

    RateLimitedLog(Logger log) {
        this.log = log;
    }

    /** Logs {@code message} (and {@code error}'s stack trace if not null) unless within the interval. */
    void warn(String message, Throwable error) {
        long now = System.nanoTime();
        if (nextAllowedNanos != Long.MIN_VALUE && now - nextAllowedNanos < 0) {
            suppressed++;
            return;
        }
        nextAllowedNanos = now + INTERVAL_NANOS;
        String line = suppressed == 0 ? message : message + " (" + suppressed + " similar suppressed)";
        suppressed = 0;
        if (error == null) {
            log.warn(line);
        } else {
            log.warn(line, error);
        }
    }
}
