package org.linuxfpsync.netlink.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.linuxfpsync.netlink.DumpRequest;
import org.linuxfpsync.netlink.NetlinkException;
import org.linuxfpsync.netlink.NetlinkListener;
import org.linuxfpsync.netlink.ResyncReason;
import org.linuxfpsync.netlink.Subscription;
import org.linuxfpsync.netlink.SubscriptionSpec;

/**
 * One subscriber of a {@link FamilyReader}. Fields below "reader thread state" are touched only
 * by that reader thread.
 */
final class SubscriptionImpl implements Subscription {
    private static final long FIRST_RETRY_NANOS = 1_000_000_000L;
    private static final long MAX_RETRY_NANOS = 60_000_000_000L;

    private final NetlinkServiceImpl service;
    private final FamilyReader reader;
    private final SubscriptionSpec spec;
    private final NetlinkListener listener;
    /** The wanted message types as a 65536-bit set: one lookup per message and subscriber. */
    private final long[] wantedTypes = new long[1 << 10];
    private volatile boolean closed;
    /** Completed by the reader once the initial dump has been delivered; null until handed to it. */
    private volatile CompletableFuture<Void> initialDump;

    // ---- reader thread state
    /** Receives events (its initial dump has run). */
    boolean active;
    /** A dump this subscriber still needs, or null. */
    ResyncReason pendingDump;
    /** When {@link #pendingDump} may run (a failed dump is retried with backoff). */
    long pendingDumpAtNanos;
    /** Filtered dumps asked for, in order, each once; a full dump that runs covers them all. */
    final List<DumpRequest> pendingFiltered = new ArrayList<>(2);
    private long retryDelayNanos = FIRST_RETRY_NANOS;

    SubscriptionImpl(NetlinkServiceImpl service, FamilyReader reader, SubscriptionSpec spec, NetlinkListener listener) {
        this.service = service;
        this.reader = reader;
        this.spec = spec;
        this.listener = Objects.requireNonNull(listener, "listener");
        for (int type : spec.messageTypes()) {
            wantedTypes[type >>> 6] |= 1L << type;
        }
    }

    @Override
    public SubscriptionSpec spec() {
        return spec;
    }

    NetlinkListener listener() {
        return listener;
    }

    FamilyReader reader() {
        return reader;
    }

    boolean wants(int type) {
        return (wantedTypes[type >>> 6] & (1L << type)) != 0;
    }

    boolean isClosed() {
        return closed;
    }

    /** @return true for the first call only */
    boolean markClosed() {
        synchronized (this) {
            if (closed) {
                return false;
            }
            closed = true;
            return true;
        }
    }

    void initialDump(CompletableFuture<Void> ready) {
        initialDump = ready;
    }

    @Override
    public void awaitInitialDump() throws NetlinkException {
        CompletableFuture<Void> ready = initialDump;
        if (ready == null || reader.isReaderThread()) {
            // On the reader thread the dump runs once the current callback returns: waiting would deadlock.
            return;
        }
        service.awaitInitialDump(this, ready);
    }

    @Override
    public void resync(ResyncReason reason) {
        Objects.requireNonNull(reason, "reason");
        if (!closed) {
            reader.requestResync(this, reason);
        }
    }

    @Override
    public void dumpFiltered(DumpRequest filter) {
        Objects.requireNonNull(filter, "filter");
        if (!closed) {
            reader.requestFilteredDump(this, filter);
        }
    }

    @Override
    public long quietMark() {
        return closed ? -1 : reader.quietMark();
    }

    @Override
    public boolean stillQuiet(long mark) {
        return reader.stillQuiet(mark) && !closed;
    }

    @Override
    public void runAfterQueued(Runnable task) {
        Objects.requireNonNull(task, "task");
        if (!closed) {
            reader.runAfterQueued(this, task);
        }
    }

    @Override
    public void close() {
        service.unsubscribe(this);
    }

    // ---- reader thread

    void dumpSucceeded() {
        pendingDump = null;
        retryDelayNanos = FIRST_RETRY_NANOS;
    }

    void dumpFailed(ResyncReason reason, long nowNanos) {
        pendingDump = reason;
        pendingDumpAtNanos = nowNanos + retryDelayNanos;
        retryDelayNanos = Math.min(retryDelayNanos * 2, MAX_RETRY_NANOS);
    }

    long retryDelayNanos() {
        return retryDelayNanos;
    }

    @Override
    public String toString() {
        return "subscription " + spec.family().channelName + " vrf " + spec.vrf().vrfid() + " by "
                + listener.getClass().getName();
    }
}
