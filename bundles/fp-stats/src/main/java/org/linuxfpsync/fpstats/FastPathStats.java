package org.linuxfpsync.fpstats;

import java.util.List;

/** The fast path's per-interface and per-multicast-route counters, refreshed from the FPM. */
public interface FastPathStats {

    /** The counters of every interface from the last complete answer, sorted by vrfid then ifuid. */
    List<InterfaceCounters> interfaces();

    /**
     * The counters of every multicast route from the last complete answer, sorted by vrfid, family,
     * table, group, source; empty when the FPM holds none or does not answer MROUTE_STATS_REQUEST.
     */
    List<MulticastRouteCounters> multicastRoutes();

    /**
     * Asks the FPM now for both and waits for its complete answers.
     *
     * @return false when no FPM session is up or the FPM did not answer within {@code timeoutMillis}
     *         (an FPM that refuses MROUTE_STATS_REQUEST has answered: it forwards no multicast)
     */
    boolean refresh(long timeoutMillis) throws InterruptedException;

    /** When the last complete answer arrived (epoch milliseconds), 0 if none yet. */
    long lastUpdateMillis();

    long requestsSent();

    long repliesReceived();

    /** Requests the FPM never finished answering (session lost, or a newer request started). */
    long requestsUnanswered();
}
