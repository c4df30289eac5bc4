package org.linuxfpsync.featuresync;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread ({@code cmgr-poll}) of the features' periodic work, what the kernel announces no
 * event for: the x_tables polls, the packet-socket polls of bpf and their bursts after process
 * events, the once-a-second check of conntrack. Periodic tasks run on a grid common to all: a task
 * of period P runs at the multiples of P from one origin, and one wake-up of the thread runs every
 * task due at that point (1 s by default for all three features: one wake-up a second, not one per
 * feature and vrf). The thread ends 5 s after the last task is cancelled and comes back with the
 * next one.
 *
 * <p>Tasks must be short and must not block (a read of a few x_tables, a dump asked for, a
 * sysctl): they delay each other. A task that throws is logged and keeps its period.
 */
public final class PollTimer {
    private static final Logger LOG = LoggerFactory.getLogger(PollTimer.class);
    /** The features' timer. */
    public static final PollTimer SHARED = new PollTimer("cmgr-poll");
    /** The grid's origin, on System.nanoTime's clock (that of the executor). */
    private static final long ORIGIN = System.nanoTime();

    /** A periodic task, until cancelled. */
    public final class Periodic {
        private final long period;
        private final Runnable task;
        /** The grid point of its next run; written by the thread (and before it is listed). */
        private volatile long nextAt;

        private Periodic(long period, Runnable task, long firstAt) {
            this.period = period;
            this.task = task;
            this.nextAt = firstAt;
        }

        /** No run from now on (one running finishes). */
        public void cancel() {
            if (periodic.remove(this)) {
                reschedule();
            }
        }
    }

    private final ScheduledThreadPoolExecutor executor;
    private final List<Periodic> periodic = new CopyOnWriteArrayList<>();
    /** The wake-up for the next grid point that has a task, and that point. Guarded by this. */
    private ScheduledFuture<?> tick;
    private long tickAt;
    private volatile long wakeUps;

    /** @param threadName the thread's name (tests: their own timer) */
    public PollTimer(String threadName) {
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        executor.setKeepAliveTime(5, TimeUnit.SECONDS);
        executor.allowCoreThreadTimeOut(true);
        executor.setRemoveOnCancelPolicy(true); // a moved wake-up leaves no task behind
    }

    /**
     * Runs {@code task} every {@code periodMs} at the grid's points of that period, until cancelled.
     * The first run is the first grid point a whole period or more from now (between one and two
     * periods: never sooner than a task scheduled with that period as its delay, as before the grid).
     * A run the thread comes to late is not repeated: the next is at the next point.
     */
    public Periodic every(long periodMs, Runnable task) {
        long period = TimeUnit.MILLISECONDS.toNanos(periodMs);
        Periodic p = new Periodic(period, guarded(task), gridPointAtOrAfter(System.nanoTime() + period, period));
        periodic.add(p);
        reschedule();
        return p;
    }

    /** Runs {@code task} once, {@code delayMs} from now (not on the grid: events). */
    public ScheduledFuture<?> after(long delayMs, Runnable task) {
        return executor.schedule(guarded(task), delayMs, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} once, as soon as the thread is free. */
    public void execute(Runnable task) {
        executor.execute(guarded(task));
    }

    /** Periodic tasks not cancelled. */
    public int periodicTasks() {
        return periodic.size();
    }

    /** Wake-ups for grid points so far. */
    public long wakeUps() {
        return wakeUps;
    }

    /** Schedules the wake-up for the first grid point that has a task, unless it is scheduled already. */
    private synchronized void reschedule() {
        long at = Long.MAX_VALUE;
        for (Periodic p : periodic) {
            at = Math.min(at, p.nextAt);
        }
        if (tick != null && tickAt == at) {
            return;
        }
        if (tick != null) {
            tick.cancel(false);
            tick = null;
        }
        if (at != Long.MAX_VALUE) {
            long point = at;
            tickAt = point;
            tick = executor.schedule(() -> tick(point), Math.max(0, point - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    /** Runs every task due at grid point {@code at}, then sleeps until the next point with a task. */
    private void tick(long at) {
        synchronized (this) {
            tick = null;
        }
        wakeUps++;
        long now = System.nanoTime();
        for (Periodic p : periodic) {
            if (p.nextAt <= at) {
                p.task.run();
                p.nextAt = nextGridPoint(Math.max(now, p.nextAt), p.period);
            }
        }
        reschedule();
    }

    /** The grid's last point of period {@code periodNanos} at or before {@code nanos}. */
    public static long gridPointAtOrBefore(long nanos, long periodNanos) {
        return ORIGIN + Math.floorDiv(nanos - ORIGIN, periodNanos) * periodNanos;
    }

    /** The grid's first point of period {@code periodNanos} at or after {@code nanos}. */
    public static long gridPointAtOrAfter(long nanos, long periodNanos) {
        long before = gridPointAtOrBefore(nanos, periodNanos);
        return before == nanos ? before : before + periodNanos;
    }

    /** The grid's first point of period {@code periodNanos} after {@code nanos}. */
    public static long nextGridPoint(long nanos, long periodNanos) {
        return gridPointAtOrBefore(nanos, periodNanos) + periodNanos;
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                // A periodic task that throws must keep its period: log, go on.
                LOG.warn("{} failed: {}", task, e.toString(), e);
            }
        };
    }
}
