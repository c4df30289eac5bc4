package org.linuxfpsync.featuresync;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a {@link VrfSync} skipped of the kernel's input, as {@link VrfSync#malformed} and
 * {@link VrfSync#refused} report it: replies that did not parse, and objects refused by reason
 * ({@link ObjectRefused}). One thread counts at a time (a subscription's reader, or a read under
 * its sync's lock); the console reads from any thread.
 */
final class SkippedInput {
    /** Volatile, not atomic: its single writer is the one counting thread. */
    private volatile long malformed;
    private final Map<String, LongAdder> refused = new ConcurrentHashMap<>();

    /** Counts a reply that did not parse; returns how many so far, for the log line. */
    long countMalformed() {
        long n = malformed + 1;
        malformed = n;
        return n;
    }

    /** Counts an object refused for {@code reason} (a constant, so that the counts group). */
    void countRefused(String reason) {
        refused.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    long malformed() {
        return malformed;
    }

    /** The refusals so far by reason, in reason order. */
    Map<String, Long> refused() {
        Map<String, Long> counts = new TreeMap<>();
        refused.forEach((reason, n) -> counts.put(reason, n.sum()));
        return counts;
    }
}
