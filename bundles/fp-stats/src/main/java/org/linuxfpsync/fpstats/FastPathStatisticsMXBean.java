package org.linuxfpsync.fpstats;

import java.util.List;

/** JMX view of the fast path statistics: {@code org.linuxfpsync:type=FastPathStatistics}. */
public interface FastPathStatisticsMXBean {

    List<InterfaceCounters> getInterfaces();

    List<MulticastRouteCounters> getMulticastRoutes();

    long getLastUpdateMillis();

    long getRequestsSent();

    long getRepliesReceived();

    long getRequestsUnanswered();

    /** Asks the FPM now (waits up to 2 s). */
    boolean refresh() throws InterruptedException;
}
