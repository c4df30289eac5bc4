package org.linuxfpsync.cmgr.spi;

/**
 * One sync's place in the replay window of an FPC object family in a vrf
 * ({@link SyncCore#joinReplayWindow}). FPC's GR_BEGIN/GR_END and FLUSH name a whole family of a
 * vrf, so every sync that fills a family (the FDB is filled by bridge and vxlan) replays within one
 * window: the window sends GR_BEGIN when the first member's dump starts, asks the other members for
 * a dump, and sends GR_END once each completed a dump that started inside it.
 *
 * <p>Calls come from the member's netlink reader thread (dump start and end) and from the thread
 * that stops the sync (leave); the window takes its own lock, briefly.
 */
public interface ReplayMember {

    /**
     * A full dump of this member starts: its objects follow, then {@link #dumpFinished}.
     *
     * @return true when the dump joins a window already open: since that window's GR_BEGIN this
     *         member may have sent objects (an earlier replay in the same window, notifications) that
     *         the kernel then deleted with their notifications lost; the FPM holds them as refreshed
     *         and GR_END keeps them, so the member deletes what its dump does not report itself. Also
     *         true for the member's first dump when a window has swept the family since the FPM
     *         session came up: no window opens and the other members are not asked to dump again.
     *         False when the dump opens the window: GR_END sweeps what it does not report
     */
    boolean dumpStarted();

    /** The dump ended; an incomplete one (interrupted, failed) is retried by netlink and keeps the window open. */
    void dumpFinished(boolean complete);

    /**
     * Leaves the window. With {@code withdraw}, what only this member sent leaves the FPM: the other
     * members replay in a window of their own, whose sweep removes this member's objects, or, when
     * no member is left, the family is flushed in the vrf. Without, nothing is sent: the FPM keeps
     * the objects for a later replay (the cache manager stops).
     */
    void leave(boolean withdraw);
}
