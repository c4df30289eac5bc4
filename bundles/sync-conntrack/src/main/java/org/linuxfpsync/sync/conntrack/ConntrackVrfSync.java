package org.linuxfpsync.sync.conntrack;

import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.UnaryOperator;

import org.linuxfpsync.featuresync.ObjectSync;
import org.linuxfpsync.featuresync.VrfSync;

/**
 * The flows of one vrf ({@link ObjectSync}), and what its subscription alone cannot see, checked once
 * a second: a vrf whose flows do not all notify ({@link EventsSetting#blind}) is refreshed every
 * {@code refreshSeconds} (a dump compared with what was sent: only the differences go); a change of
 * the nat row or of the filter refreshes it at once (bindings and filtered flows come or go).
 *
 * <p>With {@code nf_conntrack_events = 2} only flows older than the listener lack events, and each
 * of them is in the subscription's first dump; the periodic refresh stops once one refresh has run
 * (for a flow the kernel was confirming while the listener subscribed) and no flow is left that
 * dumps alone reported, neither held without an event since nor refused by the filter or the nat
 * row. A dump of any namespace walks the kernel's whole conntrack table, every namespace's flows,
 * and deletes on the way the expired flows of all of them, each with its DESTROY event sent from
 * the dumping thread: a refresh of a vrf whose flows all notify was that cost for nothing.
 *
 * <p>The sysctl is read again every {@link #SETTING_CHECK_SECONDS}: an operator who sets it to 0
 * while cmgrd runs makes every new flow silent, which a refresh that had stopped would never see;
 * a change refreshes at once, then the rules above hold for the new value.
 */
class ConntrackVrfSync implements VrfSync {
    private final ObjectSync sync;
    /** How often the sysctl is read again (a read is a file in the vrf's namespace). */
    static final int SETTING_CHECK_SECONDS = 30;
    private volatile EventsSetting events;
    /** Reads the setting again, given the one in force (logs a change); null: never (tests of the rules). */
    private final UnaryOperator<EventsSetting> recheck;
    private int secondsSinceSettingCheck;
    private final IntSupplier refreshSeconds;
    private final BooleanSupplier natSynced;
    /** Whether a held or refused flow may lack events (dumps alone reported it): the refresh is still needed. */
    private final BooleanSupplier dumpOnlyFlows;
    private boolean lastNat;
    private long secondsSinceRefresh;
    private volatile long refreshes;

    ConntrackVrfSync(ObjectSync sync, EventsSetting events, UnaryOperator<EventsSetting> recheck,
                     IntSupplier refreshSeconds, BooleanSupplier natSynced, BooleanSupplier dumpOnlyFlows) {
        this.sync = sync;
        this.events = events;
        this.recheck = recheck;
        this.refreshSeconds = refreshSeconds;
        this.natSynced = natSynced;
        this.dumpOnlyFlows = dumpOnlyFlows;
        this.lastNat = natSynced.getAsBoolean();
    }

    EventsSetting events() {
        return events;
    }

    /** Refreshes asked so far (periodic, nat, filter). */
    long refreshes() {
        return refreshes;
    }

    /** Once a second, on the feature's timer thread (one task for every vrf: ConntrackFeature). */
    synchronized void tick() {
        if (recheck != null && ++secondsSinceSettingCheck >= SETTING_CHECK_SECONDS) {
            secondsSinceSettingCheck = 0;
            EventsSetting now = recheck.apply(events);
            if (now.value() != events.value()) {
                events = now;
                refresh(); // flows made under the old value may lack events under the new one's rules
            }
        }
        boolean nat = natSynced.getAsBoolean();
        secondsSinceRefresh++;
        int period = refreshSeconds.getAsInt();
        if (nat != lastNat || (events.blind() && period > 0 && secondsSinceRefresh >= period && silentFlowsPossible())) {
            lastNat = nat;
            refresh();
        }
    }

    /** Whether a flow without events may exist (the class comment): always, unless the setting is 2. */
    private boolean silentFlowsPossible() {
        return !events.onlyOlderFlowsSilent() || refreshes == 0 || dumpOnlyFlows.getAsBoolean();
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
        sync.close(withdraw);
    }
}
