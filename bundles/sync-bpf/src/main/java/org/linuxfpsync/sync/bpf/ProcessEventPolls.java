package org.linuxfpsync.sync.bpf;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.linuxfpsync.netlink.ProcessListener;

/**
 * Polls asked for by process starts and exits (the proc connector), so that a capture is seen
 * without waiting for the poll period. A capture opens its socket and attaches its filter a few
 * milliseconds after its exec (libpcap's reject-all filter first, the real one after): one event
 * starts a burst of polls {@link #DELAYS_MS} after it. Events during a burst are merged into one
 * more burst once it ends, so that whatever the event rate (a fork bomb, a build), polls asked for
 * here are at most {@code DELAYS_MS.length} per {@code DELAYS_MS[last]} ms.
 */
final class ProcessEventPolls implements ProcessListener {
    /** After an event: soon, then later for a slow start (a loaded machine, name resolution). */
    static final long[] DELAYS_MS = {100, 1_000, 3_000};

    /** Runs a task after a delay; false when it cannot (the polling stopped). */
    interface Scheduler {
        boolean schedule(Runnable task, long delayMs);
    }

    private final Scheduler scheduler;
    private final Runnable poll;
    private final long ownPid;
    private final AtomicBoolean burst = new AtomicBoolean();
    private final AtomicBoolean eventDuringBurst = new AtomicBoolean();
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong polls = new AtomicLong();
    /** Exits of threads, and of the cache manager's process, that asked for nothing. */
    private final AtomicLong threadExits = new AtomicLong();

    /** @param ownPid the cache manager's process: its own threads' exits are no capture's */
    ProcessEventPolls(Scheduler scheduler, Runnable poll, long ownPid) {
        this.scheduler = scheduler;
        this.poll = poll;
        this.ownPid = ownPid;
    }

    @Override
    public void processExecuted(int tgid) {
        event();
    }

    /**
     * A process's end asks for polls; a thread's alone does not: the threads of a process share its
     * descriptors, closed when the process ends, and on a machine running JVMs thread exits are most
     * of the connector's events (each asked for a burst of dumps of every vrf). A process whose first
     * thread ended before the others closes its sockets with its last thread's exit, which is not
     * looked at: its tap goes at the next periodic poll.
     */
    @Override
    public void processExited(int pid, int tgid) {
        if (tgid != ownPid && pid == tgid) {
            event();
        } else {
            threadExits.incrementAndGet();
        }
    }

    @Override
    public void eventsLost() {
        event();
    }

    private void event() {
        events.incrementAndGet();
        request();
    }

    private void request() {
        if (burst.compareAndSet(false, true)) {
            startBurst();
        } else {
            eventDuringBurst.set(true);
        }
    }

    private void startBurst() {
        eventDuringBurst.set(false);
        for (int i = 0; i < DELAYS_MS.length; i++) {
            boolean last = i == DELAYS_MS.length - 1;
            if (!scheduler.schedule(() -> poll(last), DELAYS_MS[i])) {
                burst.set(false); // stopped: the next event, once polling runs again, starts a burst
                return;
            }
        }
    }

    private void poll(boolean last) {
        polls.incrementAndGet();
        try {
            poll.run();
        } finally {
            if (last) {
                burst.set(false);
                if (eventDuringBurst.getAndSet(false)) {
                    request(); // those events' captures may have come after this burst's polls
                }
            }
        }
    }

    /**
     * The scheduler dropped what it had not run (polling stopped with the last vrf): a burst cut short
     * would otherwise never end, and every later event would wait for it.
     */
    void stopped() {
        burst.set(false);
        eventDuringBurst.set(false);
    }

    /** Process events received (thread exits and the cache manager's own left out). */
    long events() {
        return events.get();
    }

    /** Polls they asked for. */
    long polls() {
        return polls.get();
    }

    /** Thread exits (other than a process's end) and the cache manager's own, which ask for no poll. */
    long threadExits() {
        return threadExits.get();
    }
}
