package org.linuxfpsync.fpstats.internal;

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
import org.linuxfpsync.fpc.codec.FpcError;
import org.linuxfpsync.fpc.codec.FpcInterfaceStats;
import org.linuxfpsync.fpc.codec.FpcMessageType;
import org.linuxfpsync.fpc.codec.FpcMrouteStats;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.fpstats.FastPathStatisticsMXBean;
import org.linuxfpsync.fpstats.FastPathStats;
import org.linuxfpsync.fpstats.InterfaceCounters;
import org.linuxfpsync.fpstats.MulticastRouteCounters;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the FPM for every interface's counters (STATS_REQUEST) and every multicast route's
 * (MROUTE_STATS_REQUEST), and keeps the last complete answer of each (the replies up to the one with
 * LAST). One request of each kind is in flight at a time; its replies are recognized by the
 * request's seq, so a late answer to an abandoned request is never mixed in. An FPM that refuses
 * MROUTE_STATS_REQUEST (ERROR EOPNOTSUPP: it forwards no multicast) is not asked again in that session.
 */
@Component(service = {FastPathStats.class, FastPathStatisticsMXBean.class}, immediate = true,
        configurationPid = "org.linuxfpsync.fpstats")
@Designate(ocd = FastPathStatsConfig.class)
public final class FastPathStatistics implements FastPathStats, FastPathStatisticsMXBean, FpcSessionListener {
    private static final Logger LOG = LoggerFactory.getLogger(FastPathStatistics.class);
    /** Our requests' seq numbers; far from the cache manager's object frames for readable traces. */
    private static final int FIRST_SEQ = 0x40000000;
    private static final int AF_INET6 = 10;

    private final FpcChannel fpc;
    private final FrameWriter writer = new FrameWriter();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong replies = new AtomicLong();
    private final AtomicLong unanswered = new AtomicLong();
    private ScheduledExecutorService poller;
    /** Guarded by this. */
    private int nextSeq = FIRST_SEQ;
    /** By vrfid, then ifuid unsigned: no key boxed (a chained comparator boxed each ifuid, twice a comparison). */
    private final Answers<InterfaceCounters> interfaces = new Answers<>((a, b) -> {
        int c = Integer.compare(a.getVrfid(), b.getVrfid());
        return c != 0 ? c : Long.compareUnsigned(a.getIfuid(), b.getIfuid());
    });
    private final Answers<MulticastRouteCounters> mroutes = new Answers<>(
            Comparator.comparingInt(MulticastRouteCounters::getVrfid)
                    .thenComparing(MulticastRouteCounters::getFamily)
                    .thenComparingLong(MulticastRouteCounters::getTable)
                    .thenComparing(MulticastRouteCounters::getGroup)
                    .thenComparing(MulticastRouteCounters::getSource));
    /** False once the FPM of this session refused MROUTE_STATS_REQUEST. Guarded by this. */
    private boolean askMroutes = true;

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
        interfaces.start(seq);
        if (!fpc.send(FpcCodecs.statsRequestFrame(writer, seq, -1, 0))) {
            interfaces.abandon();
            return false;
        }
        sent.incrementAndGet();
        int mseq = -1;
        if (askMroutes) {
            mseq = nextSeq++;
            mroutes.start(mseq);
            if (fpc.send(FpcCodecs.mrouteStatsRequestFrame(writer, mseq, -1))) {
                sent.incrementAndGet();
            } else {
                mroutes.abandon();
                mseq = -1;
            }
        }
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (interfaces.pending(seq) || mroutes.pending(mseq)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return interfaces.answered(seq) && (mseq == -1 || mroutes.answered(mseq));
    }

    private void abandonPending() {
        boolean a = interfaces.abandon();
        boolean b = mroutes.abandon();
        if (a || b) {
            unanswered.addAndGet((a ? 1 : 0) + (b ? 1 : 0));
            notifyAll();
        }
    }

    @Override
    public synchronized void interfaceStats(FpcInterfaceStats s) {
        InterfaceCounters c = s.ifuid() == 0 ? null : new InterfaceCounters(s.ifuid(), s.vrfid(), s.rxPackets(),
                s.rxBytes(), s.txPackets(), s.txBytes(), s.rxDropped(), s.txDropped(), s.rxErrors(), s.txErrors(),
                System.currentTimeMillis());
        if (interfaces.reply(s.requestSeq(), c, s.last())) {
            replies.incrementAndGet();
            if (s.last()) {
                notifyAll();
            }
        }
    }

    @Override
    public synchronized void mrouteStats(FpcMrouteStats s) {
        MulticastRouteCounters c = s.group() == null ? null : new MulticastRouteCounters(s.vrfid(),
                s.family() == AF_INET6 ? "inet6" : "inet", s.table(), s.source().getHostAddress(),
                s.group().getHostAddress(), s.packets(), s.bytes(), s.wrongIf(), System.currentTimeMillis());
        if (mroutes.reply(s.requestSeq(), c, s.last())) {
            replies.incrementAndGet();
            if (s.last()) {
                notifyAll();
            }
        }
    }

    /** An FPM that does not know MROUTE_STATS_REQUEST has no multicast route to count. */
    @Override
    public synchronized void peerError(FpcError error) {
        if (error.refusedType() == FpcMessageType.MROUTE_STATS_REQUEST && mroutes.pending(error.refusedSeq())) {
            askMroutes = false;
            mroutes.complete(List.of());
            LOG.info("fast path statistics: the FPM refused MROUTE_STATS_REQUEST ({}): multicast route counters "
                    + "are not asked again in this session", error);
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
        askMroutes = true;
    }

    @Override
    public List<InterfaceCounters> interfaces() {
        return interfaces.last();
    }

    @Override
    public List<InterfaceCounters> getInterfaces() {
        return interfaces.last();
    }

    @Override
    public List<MulticastRouteCounters> multicastRoutes() {
        return mroutes.last();
    }

    @Override
    public List<MulticastRouteCounters> getMulticastRoutes() {
        return mroutes.last();
    }

    @Override
    public long lastUpdateMillis() {
        return interfaces.lastUpdateMillis();
    }

    @Override
    public long getLastUpdateMillis() {
        return interfaces.lastUpdateMillis();
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
