package org.linuxfpsync.netlink;

import java.util.List;

import org.linuxfpsync.netlink.codec.NlMsg;

/**
 * Receives one subscription's messages. Every call for a subscription is made on the same
 * thread, the family's reader thread of that namespace, so implementations need no lock.
 * An exception thrown by a callback is caught, counted and logged by the channel; it never
 * kills the reader thread.
 */
public interface NetlinkListener {

    /**
     * A full dump starts: everything the subscriber owns in this vrf will be reported by
     * {@link #message} with {@code fromDump = true} before {@link #dumpFinished}. Whatever
     * is not reported again is gone (mark here, sweep at the end).
     */
    void dumpStarted(ResyncReason reason);

    /**
     * One message, valid only during the call: the view and its buffer are reused for the
     * next message. Events that arrived during a dump are delivered after it.
     */
    void message(NlMsg message, boolean fromDump);

    /**
     * Asked once the spec's dumps of a full dump have completed, before {@link #dumpFinished}: what
     * completes this dump, run one after the other in the order given, each answer delivered to
     * {@link #message} with {@code fromDump = true}. A {@link DumpRequest} is a dump that depends on
     * what the spec's dumps reported (the elements of each nftables set, which the kernel dumps one
     * set per request): if it fails, the whole dump does. A {@link NetlinkRequest} is a request for
     * state the kernel gives per object only and not in a dump (XFRM_MSG_GETAE for each SA the dump
     * reported): one the kernel refuses (the object went away meanwhile: its deletion is an event
     * that follows) is counted in the channel's log, not a failure of the dump. None by default.
     */
    default List<? extends FollowUp> followUps() {
        return List.of();
    }

    /**
     * The dump has ended. {@code complete} is false when it was interrupted (error reply,
     * socket failure): a sweep must then not be done, and another dump follows.
     */
    void dumpFinished(boolean complete);

    /** A filtered dump this subscriber asked for ({@link Subscription#dumpFiltered}) starts. */
    default void filteredDumpStarted(DumpRequest filter) {
    }

    /**
     * The filtered dump has ended.
     *
     * @param complete false when it failed or was interrupted (e.g. ENODEV: the device filtered on
     *                 is gone): nothing may be concluded from what it did not report
     * @param filtered true when the kernel applied the filter (NLM_F_DUMP_FILTERED); false when it
     *                 dumped everything
     */
    default void filteredDumpFinished(DumpRequest filter, boolean complete, boolean filtered) {
    }

    /**
     * On the reader thread, before it waits: every message received so far has been delivered.
     * Where a listener publishes (to a volatile field) what other threads read while the reader
     * sleeps ({@link Subscription#quietMark}). Called before each wait: cheap, or nothing.
     */
    default void caughtUp() {
    }
}
