package org.linuxfpsync.fpstats;

import java.util.List;

/** The fast path's per-interface counters, refreshed from the FPM. */
public interface FastPathStats {

    /** The counters of every interface from the last complete answer, sorted by vrfid then ifuid. */
    List<InterfaceCounters> interfaces();

    /**
     * Asks the FPM now and waits for its complete answer.
     *
     * @return false when no FPM session is up or the FPM did not answer within {@code timeoutMillis}
     */
    boolean refresh(long timeoutMillis) throws InterruptedException;

    /** When the last complete answer arrived (epoch milliseconds), 0 if none yet. */
    long lastUpdateMillis();

    long requestsSent();

    long repliesReceived();

    /** Requests the FPM never finished answering (session lost, or a newer request started). */
    long requestsUnanswered();
}
