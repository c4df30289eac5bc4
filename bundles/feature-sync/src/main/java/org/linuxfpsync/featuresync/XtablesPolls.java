package org.linuxfpsync.featuresync;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one thread, {@code cmgr-xtables}, that runs the x_tables reads of every feature's
 * {@link XtablesWatch} (netfilter, nat, ebtables): a poll wakes it once for all the features due,
 * and they share one read of each vrf's names files ({@link XtableNames}). A feature whose poll is
 * due within half its period is read with the others (early, never late): after their first poll
 * together the features stay aligned, one wake-up and one entry into each namespace per period
 * instead of one per feature (and per family). Runs while a feature has a vrf to read.
 */
final class XtablesPolls {
    /** The features' shared poll. */
    static final XtablesPolls SHARED = new XtablesPolls("cmgr-xtables");

    private final String threadName;
    private final List<XtablesWatch> watches = new CopyOnWriteArrayList<>();
    /** Guarded by this. */
    private ScheduledThreadPoolExecutor executor;
    /** The next poll. Guarded by this. */
    private ScheduledFuture<?> next;
    /** Times the thread woke for a poll: at most once a period while nothing else reads. */
    private volatile long wakeUps;

    XtablesPolls(String threadName) {
        this.threadName = threadName;
    }

    /** A feature with vrfs to read: the first starts the thread; its first poll comes after the minimum period. */
    synchronized void add(XtablesWatch watch) {
        if (watches.contains(watch)) {
            return;
        }
        watches.add(watch);
        if (executor == null) {
            ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, threadName);
                t.setDaemon(true);
                return t;
            });
            pool.setRemoveOnCancelPolicy(true); // a poll moved by a new period leaves no task behind
            executor = pool;
        }
        schedule(XtablesWatch.MIN_PERIOD_MS);
    }

    /** A feature with no vrf left; the last one stops the thread. */
    void remove(XtablesWatch watch) {
        ScheduledThreadPoolExecutor stopped;
        synchronized (this) {
            watches.remove(watch);
            if (!watches.isEmpty() || executor == null) {
                return;
            }
            stopped = executor;
            executor = null;
            next = null;
        }
        stopped.shutdownNow();
    }

    /** Runs {@code read} on the thread (an audit record's read); false when the thread is stopped. */
    synchronized boolean execute(Runnable read) {
        if (executor == null) {
            return false;
        }
        try {
            executor.execute(read);
            return true;
        } catch (RejectedExecutionException stopped) {
            return false;
        }
    }

    /** (Re)schedules the poll in {@code delayMs}, unless the thread is stopped. */
    synchronized void schedule(long delayMs) {
        if (executor == null) {
            return;
        }
        if (next != null) {
            next.cancel(false);
        }
        try {
            next = executor.schedule(this::poll, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            next = null;
        }
    }

    /**
     * Reads every feature whose poll is due within half its period, the names files read once per
     * vrf for all of them; then sleeps until the next feature is due.
     */
    private void poll() {
        wakeUps++;
        XtableNames names = new XtableNames();
        long now = System.nanoTime();
        for (XtablesWatch w : watches) {
            w.pollIfDue(now, names);
        }
        long due = Long.MAX_VALUE;
        now = System.nanoTime();
        for (XtablesWatch w : watches) {
            due = Math.min(due, w.dueInNanos(now));
        }
        if (due != Long.MAX_VALUE) {
            schedule(Math.max(1, TimeUnit.NANOSECONDS.toMillis(due + 999_999)));
        }
    }

    long wakeUps() {
        return wakeUps;
    }
}
