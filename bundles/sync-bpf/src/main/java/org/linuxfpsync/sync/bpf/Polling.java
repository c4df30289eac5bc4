package org.linuxfpsync.sync.bpf;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.linuxfpsync.featuresync.VrfSync;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll of every vrf's packet sockets, at a bounded period, on one thread that runs while a vrf
 * is synced; and the policy the polls apply, whose change polls at once.
 */
final class Polling {
    private static final Logger LOG = LoggerFactory.getLogger(Polling.class);
    static final long DEFAULT_PERIOD_MS = 1000;
    static final long MIN_PERIOD_MS = 100;
    static final long MAX_PERIOD_MS = 60_000;

    private final Set<CaptureSync> syncs = ConcurrentHashMap.newKeySet();
    private volatile TapPolicy policy = new TapPolicy(false, false, -1);
    private long periodMs;
    private ScheduledExecutorService executor;
    private ScheduledFuture<?> task;

    Polling(long periodMs) {
        this.periodMs = periodMs;
    }

    /** {@code pollPeriodMs}, within [100 ms, 60 s]; the default (1 s) when absent or not a number. */
    static long period(Map<String, Object> properties) {
        Object v = properties == null ? null : properties.get("pollPeriodMs");
        if (v == null) {
            return DEFAULT_PERIOD_MS;
        }
        try {
            long ms = Long.parseLong(v.toString().trim());
            if (ms < MIN_PERIOD_MS || ms > MAX_PERIOD_MS) {
                LOG.error("bpf: pollPeriodMs {} out of [{}, {}]: {} ms", ms, MIN_PERIOD_MS, MAX_PERIOD_MS,
                        Math.max(MIN_PERIOD_MS, Math.min(MAX_PERIOD_MS, ms)));
            }
            return Math.max(MIN_PERIOD_MS, Math.min(MAX_PERIOD_MS, ms));
        } catch (NumberFormatException e) {
            LOG.error("bpf: pollPeriodMs '{}' is not a number: {} ms", v, DEFAULT_PERIOD_MS);
            return DEFAULT_PERIOD_MS;
        }
    }

    Supplier<TapPolicy> policy() {
        return () -> policy;
    }

    TapPolicy currentPolicy() {
        return policy;
    }

    /** A new policy: every vrf is polled at once, which sends what it changes. */
    void setPolicy(TapPolicy p) {
        if (!p.equals(policy)) {
            policy = p;
            pollAll();
        }
    }

    synchronized long period() {
        return periodMs;
    }

    synchronized void setPeriod(long ms) {
        if (ms != periodMs) {
            periodMs = ms;
            if (task != null) {
                task.cancel(false);
                task = executor.scheduleWithFixedDelay(this::pollAll, periodMs, periodMs, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** A vrf's sync, polled until it closes; the first starts the thread. */
    synchronized VrfSync add(CaptureSync sync) {
        syncs.add(sync);
        if (executor == null) {
            executor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "cmgr-bpf-poll");
                t.setDaemon(true);
                return t;
            });
            task = executor.scheduleWithFixedDelay(this::pollAll, periodMs, periodMs, TimeUnit.MILLISECONDS);
        }
        return new VrfSync() {
            @Override
            public long syncedObjects() {
                return sync.syncedObjects();
            }

            @Override
            public long malformed() {
                return sync.malformed();
            }

            @Override
            public void close(boolean withdraw) {
                remove(sync);
                sync.close(withdraw);
            }
        };
    }

    private synchronized void remove(CaptureSync sync) {
        syncs.remove(sync);
        if (syncs.isEmpty() && executor != null) {
            executor.shutdownNow();
            executor = null;
            task = null;
        }
    }

    void pollAll() {
        for (CaptureSync s : syncs) {
            try {
                s.poll();
            } catch (RuntimeException e) {
                // A task that throws is never run again by its executor: one vrf's failure must not stop every poll.
                LOG.warn("bpf: a poll could not be asked for: {}", e.toString());
            }
        }
    }
}
