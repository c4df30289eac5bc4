package org.linuxfpsync.featuresync;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The x_tables reads of every feature's {@link XtablesWatch} (netfilter, nat, ebtables), on the
 * features' timer thread ({@link PollTimer}, {@code cmgr-poll}): a poll at each of the timer's grid
 * points of the period (the one wake-up of the timer's tasks of that period) reads every feature
 * due before the next point (early, never late), so that after their first poll the features read
 * together once a period, and they share one read of each vrf's names files ({@link XtableNames}).
 */
final class XtablesPolls {
    /** The features' polls, on the features' timer. */
    static final XtablesPolls SHARED = new XtablesPolls(PollTimer.SHARED);

    private final PollTimer timer;
    private final List<XtablesWatch> watches = new CopyOnWriteArrayList<>();
    /** The poll while a feature reads, and its period. Guarded by this. */
    private PollTimer.Periodic poll;
    private long pollMs;
    private volatile long polls;

    XtablesPolls(PollTimer timer) {
        this.timer = timer;
    }

    /** A feature with vrfs to read. */
    synchronized void add(XtablesWatch watch) {
        if (!watches.contains(watch)) {
            watches.add(watch);
        }
        reschedule();
    }

    /** A feature with no vrf left: the last one cancels the poll. */
    synchronized void remove(XtablesWatch watch) {
        watches.remove(watch);
        reschedule();
    }

    /** Runs {@code read} on the thread (an audit record's read); false when no feature is polled. */
    synchronized boolean execute(Runnable read) {
        if (watches.isEmpty()) {
            return false;
        }
        timer.execute(read);
        return true;
    }

    /** The poll at the shortest of the features' periods (one configuration: the same); none without a feature. */
    synchronized void reschedule() {
        long ms = Long.MAX_VALUE;
        for (XtablesWatch w : watches) {
            ms = Math.min(ms, TimeUnit.NANOSECONDS.toMillis(w.gridNanos()));
        }
        if (poll != null && ms == pollMs) {
            return;
        }
        if (poll != null) {
            poll.cancel();
            poll = null;
        }
        if (ms != Long.MAX_VALUE) {
            pollMs = ms;
            poll = timer.every(ms, this::poll);
        }
    }

    /** Reads every feature due before the next grid point, the names files once per vrf for all. */
    private void poll() {
        polls++;
        XtableNames names = new XtableNames();
        long now = System.nanoTime();
        for (XtablesWatch w : watches) {
            w.pollIfDue(now, names);
        }
    }

    /** Polls so far: one per grid point of the period while a feature reads. */
    long polls() {
        return polls;
    }
}
