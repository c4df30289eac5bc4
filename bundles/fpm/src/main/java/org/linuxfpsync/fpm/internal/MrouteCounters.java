package org.linuxfpsync.fpm.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The packet and byte counters of each multicast route the FPM holds, as a fast path forwarding its
 * packets keeps them (the kernel's {@code struct rta_mfc_stats}). An entry's counters live as long as
 * the entry: an MROUTE_ADD that replaces it keeps them, as the kernel does when the daemon changes
 * an entry's output interfaces; one that creates it, after a deletion, a sweep or a flush, starts at 0.
 */
final class MrouteCounters {
    /** What one entry counted: packets, bytes, packets that arrived on another interface than its iif. */
    record Counts(long packets, long bytes, long wrongIf) {
        static final Counts ZERO = new Counts(0, 0, 0);
    }

    private final Map<List<Object>, Counts> byKey = new HashMap<>();

    /** An MROUTE_ADD of an entry the table did not hold: its counters start at 0. */
    synchronized void created(List<Object> key) {
        byKey.put(key, Counts.ZERO);
    }

    /** The entry left the table (MROUTE_DEL, sweep, flush): its counters go with it. */
    synchronized void removed(List<Object> key) {
        byKey.remove(key);
    }

    /** After a sweep or flush: keeps the counters of the entries still held. */
    synchronized void retain(Predicate<List<Object>> held) {
        byKey.keySet().removeIf(held.negate());
    }

    /** Adds what the fast path forwarded; false when the entry is not held. */
    synchronized boolean add(List<Object> key, long packets, long bytes, long wrongIf) {
        if (packets < 0 || bytes < 0 || wrongIf < 0) {
            throw new IllegalArgumentException("negative counter increment: " + packets + " packets, " + bytes
                    + " bytes, " + wrongIf + " on a wrong interface");
        }
        Counts c = byKey.get(key);
        if (c == null) {
            return false;
        }
        byKey.put(key, new Counts(c.packets() + packets, c.bytes() + bytes, c.wrongIf() + wrongIf));
        return true;
    }

    synchronized Counts of(List<Object> key) {
        return byKey.getOrDefault(key, Counts.ZERO);
    }
}
