package org.linuxfpsync.fpstats.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * The answers to one kind of statistics request: the request in flight, recognized by its seq so a
 * late reply to an abandoned request is never mixed in, and the last complete answer. Not thread
 * safe: its owner guards it with its own monitor.
 *
 * @param <T> one reply's counters
 */
final class Answers<T> {
    private final Comparator<T> order;
    private int pendingSeq = -1;
    private List<T> collecting;
    private int lastAnswered = -1;
    private volatile List<T> last = List.of();
    private volatile long lastUpdate;

    Answers(Comparator<T> order) {
        this.order = order;
    }

    void start(int seq) {
        pendingSeq = seq;
        collecting = new ArrayList<>();
    }

    /** Whether the request {@code seq} (-1: none was sent) is still in flight. */
    boolean pending(int seq) {
        return seq != -1 && pendingSeq == seq;
    }

    boolean answered(int seq) {
        return lastAnswered == seq;
    }

    /** @return whether a request was in flight (and is now abandoned) */
    boolean abandon() {
        boolean was = pendingSeq != -1;
        pendingSeq = -1;
        collecting = null;
        return was;
    }

    /**
     * One reply; {@code counters} null for the single reply of an empty answer.
     *
     * @return false when the reply answers no request in flight (it is ignored)
     */
    boolean reply(int seq, T counters, boolean lastReply) {
        if (!pending(seq)) {
            return false;
        }
        if (counters != null) {
            collecting.add(counters);
        }
        if (lastReply) {
            if (!sorted(collecting)) {
                collecting.sort(order); // an FPM that answers in its own order
            }
            // collecting is dropped by complete(): the answer needs no copy, only no writer
            complete(Collections.unmodifiableList(collecting));
        }
        return true;
    }

    /** Whether the replies came in order already: one comparison each, no sort (the poll runs every 5 s). */
    private boolean sorted(List<T> list) {
        for (int i = 1; i < list.size(); i++) {
            if (order.compare(list.get(i - 1), list.get(i)) > 0) {
                return false;
            }
        }
        return true;
    }

    /** The request in flight ends with this answer (the peer refused it: nothing to count). */
    void complete(List<T> answer) {
        last = answer;
        lastUpdate = System.currentTimeMillis();
        lastAnswered = pendingSeq;
        pendingSeq = -1;
        collecting = null;
    }

    List<T> last() {
        return last;
    }

    long lastUpdateMillis() {
        return lastUpdate;
    }
}
