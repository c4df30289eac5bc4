package org.linuxfpsync.sync.bpf;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import org.linuxfpsync.featuresync.PollTimer;
import org.linuxfpsync.featuresync.VrfSync;
import org.linuxfpsync.netlink.ProcessListener;
import org.linuxfpsync.netlink.ProcessWatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll of every vrf's packet sockets, at a bounded period and after process starts and exits
 * ({@link ProcessEventPolls}), on the features' timer thread ({@link PollTimer}, {@code cmgr-poll}:
 * the period's polls on its grid, in the same wake-up as the x_tables polls and conntrack's check)
 * while a vrf is synced; and the policy the polls apply, whose change polls at once.
 */
final class Polling {
    private static final Logger LOG = LoggerFactory.getLogger(Polling.class);
    static final long DEFAULT_PERIOD_MS = 1000;
    static final long MIN_PERIOD_MS = 100;
    static final long MAX_PERIOD_MS = 60_000;

    private final Set<CaptureSync> syncs = ConcurrentHashMap.newKeySet();
    private volatile TapPolicy policy = new TapPolicy(false, false, -1);
    private final Function<ProcessListener, ProcessWatch> processes;
    private final ProcessEventPolls eventPolls;
    private final PollTimer timer;
    private long periodMs;
    /** Whether a vrf is polled: the process events' polls run only then. */
    private volatile boolean running;
    private PollTimer.Periodic task;
    private ProcessWatch watch;

    /**
     * @param processes how process starts and exits are watched ({@code NetlinkService::watchProcesses}),
     *                  while a vrf is polled
     * @param ownPid    the cache manager's process, whose threads' exits ask for no poll
     */
    Polling(long periodMs, Function<ProcessListener, ProcessWatch> processes, long ownPid) {
        this(periodMs, processes, ownPid, PollTimer.SHARED);
    }

    /** @param timer the thread of the polls (tests: one of their own) */
    Polling(long periodMs, Function<ProcessListener, ProcessWatch> processes, long ownPid, PollTimer timer) {
        this.timer = timer;
        this.periodMs = periodMs;
        this.processes = processes;
        this.eventPolls = new ProcessEventPolls(this::schedule, this::pollAll, ownPid);
    }

    private boolean schedule(Runnable task, long delayMs) {
        if (!running) {
            return false;
        }
        timer.after(delayMs, () -> {
            if (running) {
                task.run();
            } else {
                eventPolls.stopped(); // dropped, as the thread's end dropped them before
            }
        });
        return true;
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
                task.cancel();
                task = timer.every(periodMs, this::pollAll);
            }
        }
    }

    /** A vrf's sync, polled until it closes; the first starts the thread. */
    synchronized VrfSync add(CaptureSync sync) {
        syncs.add(sync);
        if (!running) {
            running = true;
            task = timer.every(periodMs, this::pollAll);
            try {
                watch = processes.apply(eventPolls);
            } catch (RuntimeException e) {
                // the polls must go on without the connector: its failure is only a longer delay
                watch = ProcessWatch.unavailable(e.toString());
            }
            if (watch.available()) {
                LOG.info("bpf: polled every {} ms and after process starts and exits (proc connector)", periodMs);
            } else {
                LOG.warn("bpf: process starts and exits not watched ({}): captures are seen at the poll period,"
                        + " {} ms", watch.unavailableReason(), periodMs);
            }
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
        if (syncs.isEmpty() && running) {
            watch.close();
            watch = null;
            LOG.info("bpf: {} process starts and exits asked for {} polls ({} thread exits asked for none)",
                    eventPolls.events(), eventPolls.polls(), eventPolls.threadExits());
            running = false;
            task.cancel();
            task = null;
            eventPolls.stopped();
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
