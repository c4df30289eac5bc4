package org.linuxfpsync.sync.conntrack;

import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

import org.linuxfpsync.featuresync.ObjectSync;
import org.linuxfpsync.featuresync.VrfSync;

/**
 * The flows of one vrf ({@link ObjectSync}), and what its subscription alone cannot see, checked once
 * a second: a vrf whose flows do not all notify ({@link EventsSetting#blind}) is refreshed every
 * {@code refreshSeconds} (a dump compared with what was sent: only the differences go); a change of
 * the nat row or of the filter refreshes it at once (bindings and filtered flows come or go).
 */
class ConntrackVrfSync implements VrfSync {
    private final ObjectSync sync;
    private final EventsSetting events;
    private final IntSupplier refreshSeconds;
    private final BooleanSupplier natSynced;
    private final ScheduledFuture<?> ticks;
    private boolean lastNat;
    private long secondsSinceRefresh;
    private volatile long refreshes;

    ConntrackVrfSync(ObjectSync sync, EventsSetting events, IntSupplier refreshSeconds, BooleanSupplier natSynced,
                     ScheduledExecutorService timer) {
        this.sync = sync;
        this.events = events;
        this.refreshSeconds = refreshSeconds;
        this.natSynced = natSynced;
        this.lastNat = natSynced.getAsBoolean();
        // without a timer (tests), ticks are the caller's
        this.ticks = timer == null ? null : timer.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    EventsSetting events() {
        return events;
    }

    /** Refreshes asked so far (periodic, nat, filter). */
    long refreshes() {
        return refreshes;
    }

    /** Once a second, on the timer's thread. */
    synchronized void tick() {
        boolean nat = natSynced.getAsBoolean();
        secondsSinceRefresh++;
        int period = refreshSeconds.getAsInt();
        if (nat != lastNat || (events.blind() && period > 0 && secondsSinceRefresh >= period)) {
            lastNat = nat;
            refresh();
        }
    }

    /** A dump compared with what was sent, now (the filter changed, or a period ended). */
    synchronized void refresh() {
        secondsSinceRefresh = 0;
        refreshes++;
        sync.refresh();
    }

    @Override
    public long syncedObjects() {
        return sync.syncedObjects();
    }

    @Override
    public long malformed() {
        return sync.malformed();
    }

    @Override
    public Map<String, Long> refused() {
        return sync.refused();
    }

    @Override
    public void close(boolean withdraw) {
        if (ticks != null) {
            ticks.cancel(false);
        }
        sync.close(withdraw);
    }
}
