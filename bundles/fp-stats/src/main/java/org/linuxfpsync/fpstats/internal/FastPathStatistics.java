package org.linuxfpsync.fpstats.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.fpc.FpcPeer;
import org.linuxfpsync.fpc.FpcSessionListener;
import org.linuxfpsync.fpc.codec.FpcCodecs;
import org.linuxfpsync.fpc.codec.FpcInterfaceStats;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.fpstats.FastPathStatisticsMXBean;
import org.linuxfpsync.fpstats.FastPathStats;
import org.linuxfpsync.fpstats.InterfaceCounters;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the FPM for every interface's counters (STATS_REQUEST) and keeps the last complete answer
 * (STATS_REPLY ... with LAST). One request is in flight at a time; its replies are recognized by
 * the request's seq, so a late answer to an abandoned request is never mixed in.
 */
@Component(service = {FastPathStats.class, FastPathStatisticsMXBean.class}, immediate = true,
        configurationPid = "org.linuxfpsync.fpstats")
@Designate(ocd = FastPathStatsConfig.class)
public final class FastPathStatistics implements FastPathStats, FastPathStatisticsMXBean, FpcSessionListener {
    private static final Logger LOG = LoggerFactory.getLogger(FastPathStatistics.class);
    /** Our requests' seq numbers; far from the cache manager's object frames for readable traces. */
    private static final int FIRST_SEQ = 0x40000000;

    private final FpcChannel fpc;
    private final FrameWriter writer = new FrameWriter();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong replies = new AtomicLong();
    private final AtomicLong unanswered = new AtomicLong();
    private ScheduledExecutorService poller;
    private volatile List<InterfaceCounters> last = List.of();
    private volatile long lastUpdate;
    /** Guarded by this. */
    private int nextSeq = FIRST_SEQ;
    private int pendingSeq = -1;
    private List<InterfaceCounters> collecting;
    private int lastAnswered = -1;

    @Activate
    public FastPathStatistics(@Reference FpcChannel fpc) {
        this.fpc = fpc;
    }

    @Activate
    void activate(FastPathStatsConfig config) {
        fpc.addSessionListener(this);
        int period = Math.max(0, config.pollSeconds());
        if (period > 0) {
            poller = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "fp-stats-poll");
                t.setDaemon(true);
                return t;
            });
            poller.scheduleWithFixedDelay(this::poll, 1, period, TimeUnit.SECONDS);
        }
        LOG.info("fast path statistics started ({})", period > 0 ? "every " + period + " s" : "on demand");
    }

    @Deactivate
    void deactivate() {
        fpc.removeSessionListener(this);
        if (poller != null) {
            poller.shutdownNow();
        }
        synchronized (this) {
            abandonPending();
        }
        LOG.info("fast path statistics stopped");
    }

    private void poll() {
        try {
            refresh(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("fast path statistics: request failed: {}", e.toString());
        }
    }

    @Override
    public synchronized boolean refresh(long timeoutMillis) throws InterruptedException {
        if (fpc.peer() == null) {
            return false;
        }
        abandonPending();
        int seq = nextSeq++;
        pendingSeq = seq;
        collecting = new ArrayList<>();
        if (!fpc.send(FpcCodecs.statsRequestFrame(writer, seq, -1, 0))) {
            pendingSeq = -1;
            return false;
        }
        sent.incrementAndGet();
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (pendingSeq == seq) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return lastAnswered == seq;
    }

    private void abandonPending() {
        if (pendingSeq != -1) {
            unanswered.incrementAndGet();
            pendingSeq = -1;
            notifyAll();
        }
    }

    @Override
    public synchronized void interfaceStats(FpcInterfaceStats s) {
        if (s.requestSeq() != pendingSeq) {
            return;
        }
        replies.incrementAndGet();
        if (s.ifuid() != 0) {
            collecting.add(new InterfaceCounters(s.ifuid(), s.vrfid(), s.rxPackets(), s.rxBytes(), s.txPackets(),
                    s.txBytes(), s.rxDropped(), s.txDropped(), s.rxErrors(), s.txErrors(), System.currentTimeMillis()));
        }
        if (s.last()) {
            collecting.sort(Comparator.comparingInt(InterfaceCounters::getVrfid)
                    .thenComparing(InterfaceCounters::getIfuid, Long::compareUnsigned));
            last = List.copyOf(collecting);
            lastUpdate = System.currentTimeMillis();
            lastAnswered = pendingSeq;
            pendingSeq = -1;
            collecting = null;
            notifyAll();
        }
    }

    /** Nothing to do: the next poll (or show stats) asks the new session. */
    @Override
    public void sessionUp(FpcPeer peer) {
    }

    @Override
    public synchronized void sessionDown(String reason) {
        abandonPending();
    }

    @Override
    public List<InterfaceCounters> interfaces() {
        return last;
    }

    @Override
    public List<InterfaceCounters> getInterfaces() {
        return last;
    }

    @Override
    public long lastUpdateMillis() {
        return lastUpdate;
    }

    @Override
    public long getLastUpdateMillis() {
        return lastUpdate;
    }

    @Override
    public long requestsSent() {
        return sent.get();
    }

    @Override
    public long getRequestsSent() {
        return sent.get();
    }

    @Override
    public long repliesReceived() {
        return replies.get();
    }

    @Override
    public long getRepliesReceived() {
        return replies.get();
    }

    @Override
    public long requestsUnanswered() {
        return unanswered.get();
    }

    @Override
    public long getRequestsUnanswered() {
        return unanswered.get();
    }

    @Override
    public boolean refresh() throws InterruptedException {
        return refresh(2000);
    }
}
