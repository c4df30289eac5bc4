package org.linuxfpsync.netlink;

import java.util.Map;

/**
 * A live, read-only view of one netlink socket's counters, as the console shows them
 * ({@code show netlink}). Values are read without locking and may be a few messages apart.
 */
public interface ChannelStats {

    /** As in the manual: {@code netlink-route-listen-0}, {@code netlink-route-cmd-0}. */
    String name();

    NetlinkFamily family();

    int vrfid();

    long packetsReceived();

    long bytesReceived();

    /** Messages received per type name in first-seen order ({@code RTM_NEWLINK}, {@code RTM_[80]}). */
    Map<String, Long> packetsByType();

    /** Receive buffer overflows reported by the kernel. */
    long enobufs();

    /**
     * Dumps run on this channel (a command channel: full ones and filtered ones, {@link #filteredDumps})
     * or triggered by it (a listening channel: after an overflow).
     */
    long resyncs();

    /**
     * Of {@link #resyncs()}: the full dumps asked for to catch a silent kernel change
     * ({@link ResyncReason#REFRESH}), e.g. when a route sync could not tell which routes a link
     * change touched.
     */
    default long refreshes() {
        return 0;
    }

    /**
     * Of {@link #resyncs()}: the dumps filtered by the kernel (a route dump by device,
     * {@link Subscription#dumpFiltered}).
     */
    default long filteredDumps() {
        return 0;
    }

    /** Messages dropped because their sender was not the kernel (nl_pid != 0). */
    long droppedNotKernel();

    /** Messages whose header or attributes did not parse. */
    long malformed();

    /** Callbacks that threw an exception. */
    long listenerErrors();

    /** Current receive buffer size in bytes, as the kernel reports it (SO_RCVBUF). */
    int receiveBufferBytes();

    /** The bound the receive buffer may grow to on overflow ({@code -l}). */
    int receiveBufferMaxBytes();

    /** Duration of the last complete dump, in nanoseconds (0 if none yet). */
    long lastDumpNanos();

    /**
     * When a receive call on this socket last returned data (one or more datagrams, whatever they
     * held), in {@link System#nanoTime()}'s nanoseconds: CLOCK_MONOTONIC on Linux, so comparable
     * with the clock of any other process of the machine (e.g. a dump's end against a harness's
     * clock); 0 if none yet.
     */
    default long lastReceiveMonotonicNanos() {
        return 0;
    }

    /** What the channel's counters do not say (the proc connector's namespace, or why it is not open); null if nothing. */
    default String note() {
        return null;
    }
}
