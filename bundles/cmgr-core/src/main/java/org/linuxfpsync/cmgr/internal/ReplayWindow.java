package org.linuxfpsync.cmgr.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import org.linuxfpsync.cmgr.spi.ReplayMember;
import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.fpc.codec.FlushAttr;
import org.linuxfpsync.fpc.codec.FpcMessageType;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.fpc.codec.GrAttr;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The graceful-restart window of one FPC object family in one vrf, shared by every sync that fills
 * that family (IPv4 and IPv6 routes are both {@code routes}). FPC's GR_BEGIN marks the whole
 * family of the vrf stale and GR_END sweeps what no frame refreshed since: a replay of IPv4 routes
 * alone would sweep every IPv6 route. So a dump of one member opens a window (GR_BEGIN) and asks
 * every other member for a dump too; GR_END follows once each member has completed a dump that
 * <em>started</em> inside the window (a dump already running at GR_BEGIN sent part of its objects
 * before it, which the mark then made stale).
 *
 * <p>Members call in from their own netlink reader threads, at dump start and end only (never per
 * message), and from the threads that start and stop syncs: one lock, held briefly. Replays are
 * requested, never run, under it ({@code Subscription.resync} queues a command).
 */
final class ReplayWindow {
    private static final Logger LOG = LoggerFactory.getLogger(ReplayWindow.class);

    /** One sync that fills the family in the vrf. */
    final class Member implements ReplayMember {
        private final String name;
        private final Runnable replay;
        /** The window its running dump started in, or -1. */
        private long dumpWindow = -1;
        /** No dump of this member has started yet: it has sent nothing to the FPM. */
        private boolean firstDump = true;

        private Member(String name, Runnable replay) {
            this.name = name;
            this.replay = replay;
        }

        @Override
        public boolean dumpStarted() {
            synchronized (ReplayWindow.this) {
                if (!members.contains(this)) {
                    return false;
                }
                boolean first = firstDump;
                firstDump = false;
                if (first && !open && swept) {
                    // The FPM holds nothing of this new member and only what the others sent since the
                    // last sweep: no window, so no replay of the others (at startup, the IPv6 routes'
                    // first dump would otherwise make the IPv4 ones, a million maybe, dump again).
                    LOG.debug("{} of vrf {}: first dump of {}, family swept already: no window", familyName(), vrfid,
                            name);
                    return true;
                }
                boolean joined = open;
                if (!open) {
                    open = true;
                    number++;
                    send(marker(FpcMessageType.GR_BEGIN));
                    pending.clear();
                    pending.addAll(members);
                    for (Member m : members) {
                        if (m != this) {
                            m.replay.run();
                        }
                    }
                } else {
                    pending.add(this);
                }
                dumpWindow = number;
                if (joined) {
                    LOG.debug("{} of vrf {}: {} dumps in window {}, open already", familyName(), vrfid, name, number);
                }
                return joined;
            }
        }

        @Override
        public void dumpFinished(boolean complete) {
            synchronized (ReplayWindow.this) {
                if (open && complete && dumpWindow == number) {
                    pending.remove(this);
                    closeIfDone();
                }
                dumpWindow = -1;
            }
        }

        /**
         * Leaves the family. With {@code withdraw}, what only this member sent leaves the FPM: the
         * others replay in a window of their own (this member's objects, refreshed or not by the
         * current one, are then swept), or, when no member is left, the family is flushed.
         * Without, nothing is sent: the FPM keeps the objects until a later replay.
         */
        @Override
        public void leave(boolean withdraw) {
            synchronized (ReplayWindow.this) {
                if (!members.remove(this)) {
                    return;
                }
                pending.remove(this);
                swept = false; // what this member sent stays until a sweep, or the flush below
                if (!withdraw) {
                    return;
                }
                if (members.isEmpty()) {
                    if (open) {
                        open = false;
                        send(marker(FpcMessageType.GR_END));
                    }
                    send(flush());
                    swept = true;
                    LOG.debug("{} of vrf {}: last sync {} left, flushed", familyName(), vrfid, name);
                } else if (open) {
                    replayAgain = true;
                    closeIfDone();
                } else {
                    members.get(0).replay.run();
                }
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private final int family;
    private final int vrfid;
    private final FpcChannel fpc;
    private final FrameWriter writer = new FrameWriter(ByteBuffer.allocate(64));
    private final List<Member> members = new ArrayList<>();
    private final Set<Member> pending = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean open;
    /** Number of the current (or last) window; a dump counts only for the window it started in. */
    private long number;
    /** A member withdrew while a window was open: one more window must follow it. */
    private boolean replayAgain;
    /**
     * The FPM holds, of this family in the vrf, only what the current members sent: a window closed
     * (or a flush) since the session came up and since the last member left. False at first: the FPM
     * may keep objects of an earlier cmgrd. A member's first dump then needs no window of its own.
     */
    private boolean swept;

    ReplayWindow(int family, int vrfid, FpcChannel fpc) {
        this.family = family;
        this.vrfid = vrfid;
        this.fpc = fpc;
    }

    /**
     * Adds a member. Joining an open window makes its coming (initial) dump part of it.
     *
     * @param replay asks the member for a full dump, as soon as possible and without waiting for it
     */
    synchronized Member join(String name, Runnable replay) {
        Member m = new Member(name, replay);
        members.add(m);
        if (open) {
            pending.add(m);
        }
        return m;
    }

    /**
     * A new FPM session knows nothing of a window opened in the previous one: forget it (dumps that
     * started in it no longer count) and replay every member in a new window, opened by the first
     * dump that starts.
     */
    synchronized void sessionUp() {
        open = false;
        swept = false;
        number++;
        pending.clear();
        replayAgain = false;
        if (!members.isEmpty()) {
            members.get(0).replay.run();
        }
    }

    synchronized boolean isOpen() {
        return open;
    }

    synchronized int memberCount() {
        return members.size();
    }

    private void closeIfDone() {
        if (!open || !pending.isEmpty()) {
            return;
        }
        open = false;
        send(marker(FpcMessageType.GR_END));
        swept = !replayAgain;
        if (replayAgain) {
            replayAgain = false;
            if (!members.isEmpty()) {
                members.get(0).replay.run();
            }
        }
    }

    private ByteBuffer marker(int type) {
        writer.begin(type, FpcSequence.next());
        writer.putU8(GrAttr.FAMILY, family);
        writer.putU32(GrAttr.VRFID, vrfid);
        return writer.finish();
    }

    private ByteBuffer flush() {
        writer.begin(FpcMessageType.FLUSH, FpcSequence.next());
        writer.putU8(FlushAttr.FAMILY, family);
        writer.putU32(FlushAttr.VRFID, vrfid);
        return writer.finish();
    }

    private void send(ByteBuffer frame) {
        // false = no FPM session: the next session replays every member in a new window.
        fpc.send(frame);
    }

    private String familyName() {
        return "FPC family " + family;
    }
}
