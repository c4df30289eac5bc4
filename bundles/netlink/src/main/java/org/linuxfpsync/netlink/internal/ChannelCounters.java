package org.linuxfpsync.netlink.internal;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import org.linuxfpsync.netlink.ChannelStats;
import org.linuxfpsync.netlink.NetlinkFamily;

/**
 * The counters of one socket. Written by the family's reader thread only (plain read, opaque
 * write: no lock, no CAS on the message path), read by anyone.
 */
final class ChannelCounters implements ChannelStats {
    private static final int PACKETS = 0;
    private static final int BYTES = 1;
    private static final int ENOBUFS = 2;
    private static final int RESYNCS = 3;
    private static final int DROPPED_NOT_KERNEL = 4;
    private static final int MALFORMED = 5;
    private static final int LISTENER_ERRORS = 6;
    private static final int LAST_DUMP_NANOS = 7;
    private static final int RECEIVE_ERRORS = 8;
    private static final int REFRESHES = 9;
    private static final int FILTERED_DUMPS = 10;
    private static final int LAST_RECEIVE_MONOTONIC_NANOS = 11;
    private static final int COUNT = 12;

    private final String name;
    private final NetlinkFamily family;
    private final int vrfid;
    private final AtomicLongArray values = new AtomicLongArray(COUNT);
    private final TypeCounters types;
    private volatile int receiveBufferBytes;
    private volatile int receiveBufferMaxBytes;

    private volatile String note;

    ChannelCounters(String name, NetlinkFamily family, int vrfid) {
        this(name, family, vrfid, new TypeCounters(family));
    }

    ChannelCounters(String name, NetlinkFamily family, int vrfid, TypeCounters types) {
        this.name = name;
        this.family = family;
        this.vrfid = vrfid;
        this.types = types;
    }

    private void add(int index, long delta) {
        values.setOpaque(index, values.getPlain(index) + delta);
    }

    private long get(int index) {
        return values.getOpaque(index);
    }

    void countMessage(int type) {
        add(PACKETS, 1);
        types.increment(type);
    }

    void countBytes(int bytes) {
        add(BYTES, bytes);
    }

    void countEnobufs() {
        add(ENOBUFS, 1);
    }

    void countResync() {
        add(RESYNCS, 1);
    }

    void countRefresh() {
        add(REFRESHES, 1);
    }

    void countFilteredDump() {
        add(FILTERED_DUMPS, 1);
    }

    void countDroppedNotKernel() {
        add(DROPPED_NOT_KERNEL, 1);
    }

    void countMalformed() {
        add(MALFORMED, 1);
    }

    void countListenerError() {
        add(LISTENER_ERRORS, 1);
    }

    void countReceiveError() {
        add(RECEIVE_ERRORS, 1);
    }

    void setLastDumpNanos(long nanos) {
        values.setOpaque(LAST_DUMP_NANOS, nanos);
    }

    /**
     * A receive call returned data at {@code monotonicNanos} ({@link System#nanoTime()}): one opaque
     * write per call, not per message, so that the console can say when the socket last heard from
     * the kernel without polling it.
     */
    void receivedAt(long monotonicNanos) {
        values.setOpaque(LAST_RECEIVE_MONOTONIC_NANOS, monotonicNanos);
    }

    void setReceiveBuffer(int bytes, int maxBytes) {
        receiveBufferBytes = bytes;
        receiveBufferMaxBytes = maxBytes;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public NetlinkFamily family() {
        return family;
    }

    @Override
    public int vrfid() {
        return vrfid;
    }

    @Override
    public long packetsReceived() {
        return get(PACKETS);
    }

    @Override
    public long bytesReceived() {
        return get(BYTES);
    }

    @Override
    public Map<String, Long> packetsByType() {
        return types.snapshot();
    }

    @Override
    public long enobufs() {
        return get(ENOBUFS);
    }

    @Override
    public long resyncs() {
        return get(RESYNCS);
    }

    @Override
    public long refreshes() {
        return get(REFRESHES);
    }

    @Override
    public long filteredDumps() {
        return get(FILTERED_DUMPS);
    }

    @Override
    public long droppedNotKernel() {
        return get(DROPPED_NOT_KERNEL);
    }

    @Override
    public long malformed() {
        return get(MALFORMED);
    }

    @Override
    public long listenerErrors() {
        return get(LISTENER_ERRORS);
    }

    /** Receive calls that failed with something other than a timeout, EINTR or ENOBUFS. */
    long receiveErrors() {
        return get(RECEIVE_ERRORS);
    }

    @Override
    public int receiveBufferBytes() {
        return receiveBufferBytes;
    }

    @Override
    public int receiveBufferMaxBytes() {
        return receiveBufferMaxBytes;
    }

    @Override
    public long lastDumpNanos() {
        return get(LAST_DUMP_NANOS);
    }

    @Override
    public long lastReceiveMonotonicNanos() {
        return get(LAST_RECEIVE_MONOTONIC_NANOS);
    }

    void setNote(String note) {
        this.note = note;
    }

    @Override
    public String note() {
        return note;
    }

    @Override
    public String toString() {
        return name + " packets=" + packetsReceived() + " bytes=" + bytesReceived() + " enobufs=" + enobufs()
                + " resyncs=" + resyncs() + " droppedNotKernel=" + droppedNotKernel() + " malformed=" + malformed()
                + " listenerErrors=" + listenerErrors() + " types=" + packetsByType();
    }
}
