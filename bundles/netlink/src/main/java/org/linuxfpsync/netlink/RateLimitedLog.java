package org.linuxfpsync.netlink;

import java.util.function.LongSupplier;

import org.slf4j.Logger;

/**
 * At most one WARN line per second for one kind of trouble: a flood of malformed messages or of
 * failing callbacks must not become a flood of log lines. The next line that gets through says
 * how many were suppressed in between. One instance per kind of trouble, used by one thread (a
 * subscription's reader); a suppressed line costs no allocation.
 *
 * <p>{@link #warn} logs a ready-made line. A caller that formats its own line (to keep the
 * message path free of string building) asks {@link #admit()} first, then puts
 * {@link #suppressed()} into its line.
 */
public final class RateLimitedLog {
    static final long INTERVAL_NANOS = 1_000_000_000L;

    private final Logger log;
    private final LongSupplier nanoClock;
    private boolean logged;
    private long nextAllowedNanos;
    private long suppressed;
    private long suppressedBefore;

    public RateLimitedLog(Logger log) {
        this(log, System::nanoTime);
    }

    /** @param nanoClock a monotonic clock in nanoseconds ({@link System#nanoTime()} but in tests) */
    public RateLimitedLog(Logger log, LongSupplier nanoClock) {
        this.log = log;
        this.nanoClock = nanoClock;
    }

    /**
     * True if a line may be logged now: the first one, or the first one a second after the last
     * admitted. Otherwise counts one more suppressed line and returns false.
     */
    public boolean admit() {
        long now = nanoClock.getAsLong();
        if (logged && now - nextAllowedNanos < 0) {
            suppressed++;
            return false;
        }
        logged = true;
        nextAllowedNanos = now + INTERVAL_NANOS;
        suppressedBefore = suppressed;
        suppressed = 0;
        return true;
    }

    /** How many lines were suppressed between the last two admitted ones. */
    public long suppressed() {
        return suppressedBefore;
    }

    /** Logs {@code message} (and {@code error}'s stack trace if not null) unless within the interval. */
    public void warn(String message, Throwable error) {
        if (!admit()) {
            return;
        }
        String line = suppressedBefore == 0 ? message : message + " (" + suppressedBefore + " similar suppressed)";
        if (error == null) {
            log.warn(line);
        } else {
            log.warn(line, error);
        }
    }
}
