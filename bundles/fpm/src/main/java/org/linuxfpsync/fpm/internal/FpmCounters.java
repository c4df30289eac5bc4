package org.linuxfpsync.fpm.internal;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.linuxfpsync.fpc.codec.ErrorAttr;
import org.linuxfpsync.fpc.codec.FpcSchema;
import org.linuxfpsync.fpm.FpmStats;

/** The FPM's counters; cheap to bump from the connection thread, read by the console. */
final class FpmCounters {
    /** Frames of a type we do not know are counted together, so a hostile peer cannot grow the map. */
    static final String UNKNOWN_TYPE = "UNKNOWN";

    private final Map<String, LongAdder> framesReceived = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errorsSent = new ConcurrentHashMap<>();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder connections = new LongAdder();
    private final LongAdder sessions = new LongAdder();
    private final LongAdder sweeps = new LongAdder();
    private final LongAdder swept = new LongAdder();
    private final LongAdder flushed = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder helloTimeouts = new LongAdder();
    private volatile long epoch;

    void frameReceived(int type) {
        receivedCounter(type).increment();
    }

    /** The counter of the frames of {@code type} received: a session keeps the last one at hand. */
    LongAdder receivedCounter(int type) {
        String name = FpcSchema.message(type) == null ? UNKNOWN_TYPE : FpcSchema.messageName(type);
        return framesReceived.computeIfAbsent(name, n -> new LongAdder());
    }

    void errorSent(int code) {
        errorsSent.computeIfAbsent(ErrorAttr.name(code), n -> new LongAdder()).increment();
    }

    void malformed() {
        malformed.increment();
    }

    void connectionAccepted() {
        connections.increment();
    }

    void sessionAccepted(long sessionEpoch) {
        sessions.increment();
        epoch = sessionEpoch;
    }

    void swept(int objects) {
        sweeps.increment();
        swept.add(objects);
    }

    void flushed(int objects) {
        flushed.add(objects);
    }

    /** A connection closed at once: the limit of connections waiting for HELLO was reached. */
    void connectionRefused() {
        refused.increment();
    }

    /** A connection closed because it sent no HELLO in time. */
    void helloTimeout() {
        helloTimeouts.increment();
    }

    long epoch() {
        return epoch;
    }

    FpmStats snapshot(Map<String, Integer> tableSizes) {
        return new FpmStats(sums(framesReceived), sums(errorsSent), malformed.sum(), connections.sum(),
                sessions.sum(), epoch, sweeps.sum(), swept.sum(), flushed.sum(), refused.sum(), helloTimeouts.sum(),
                tableSizes);
    }

    /** The counters without table sizes: for tests of a session alone. */
    FpmStats snapshot() {
        return snapshot(Map.of());
    }

    private static Map<String, Long> sums(Map<String, LongAdder> adders) {
        Map<String, Long> out = new TreeMap<>();
        adders.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
