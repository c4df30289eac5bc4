package org.linuxfpsync.featuresync;

import org.linuxfpsync.cmgr.spi.ReplayMember;

/**
 * The part of a {@link SyncedFamily} that frames its dumps: the family's {@link ReplayMember}
 * frames every replay, not a differential dump (an overflow, a refresh), and the end of a complete
 * dump removes what it did not report. How: a differential dump, or a replay that joined a window
 * already open (the window's GR_END keeps what was sent since its GR_BEGIN, which the kernel may
 * have deleted since with the notification lost), sends a DEL for each object gone; any other
 * replay forgets them, the window's GR_END sweeping them from the FPM. The store, which knows its
 * objects, does the removal ({@link Sweeper}); {@link FamilyObjects} and a feature's flat store
 * (conntrack's) share these rules through one of these each.
 *
 * <p>Used by the subscription's reader thread only, except {@link #leave} (once the subscription
 * is closed). Nothing allocated per dump or per object.
 */
public final class ReplayMembership {
    /** Removes the objects the dump that ends did not report. */
    @FunctionalInterface
    public interface Sweeper {
        /** @param withDel send a DEL for each (else forget them: the FPM sweeps them itself) */
        void sweep(boolean withDel);
    }

    private final Sweeper sweeper;
    private volatile ReplayMember member;
    /** The running dump is differential: only what changed is sent, the end deletes what went. */
    private boolean differential;
    /** The running replay joined a window already open: its end deletes what went, as a differential one. */
    private boolean sweepsItself;

    /** @param sweeper the store's removal of the objects a complete dump did not report */
    public ReplayMembership(Sweeper sweeper) {
        this.sweeper = sweeper;
    }

    /** The family's replay window, joined before the subscription starts. */
    public void join(ReplayMember m) {
        this.member = m;
    }

    /** The window joined, null before {@link #join} and after {@link #leave} (for tests). */
    ReplayMember member() {
        return member;
    }

    /** Opens the window's replay unless {@code differential} ({@link SyncedFamily#dumpStarted}). */
    public void dumpStarted(boolean differential) {
        this.differential = differential;
        ReplayMember m = member;
        sweepsItself = m != null && !differential && m.dumpStarted();
    }

    /**
     * Whether the running dump is differential: a state reported as last sent is not sent again,
     * where a replay sends every object (it refreshes the object in the replay window).
     */
    public boolean differential() {
        return differential;
    }

    /**
     * Sweeps what a complete dump did not report ({@link Sweeper}), then ends the window's replay
     * (the GR_END follows the DELs) unless the dump was differential.
     */
    public void dumpFinished(boolean complete) {
        boolean replay = !differential;
        boolean withDel = differential || sweepsItself;
        differential = false;
        sweepsItself = false;
        if (complete) {
            sweeper.sweep(withDel);
        }
        ReplayMember m = member;
        if (replay && m != null) {
            m.dumpFinished(complete);
        }
    }

    /** Leaves the replay window, withdrawing what was sent or keeping it ({@link SyncedFamily#close}). */
    public void leave(boolean withdraw) {
        ReplayMember m = member;
        member = null;
        if (m != null) {
            m.leave(withdraw);
        }
    }
}
