package org.linuxfpsync.cmgr.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

import org.linuxfpsync.netlink.Subscription;

/**
 * Tells the syncs on a vrf's routes channel (routes of each family, nexthop objects) of the link
 * changes after which the kernel changes their objects silently, from the links' reader: the routes'
 * socket does not join the link group, so a link event no longer wakes its reader (issue #23: the
 * routes' reader spent 50 us per link event it heard only to drop it, as much as the links' reader's
 * own work).
 *
 * <p>Order: the kernel queues a route notification on the routes' socket before it notifies a later
 * link change on the links' socket. A change is therefore handed to the routes' reader as a task run
 * after what its socket holds ({@link Subscription#runAfterQueued}): the routes it names are known by
 * then, as when the routes' socket heard the link itself. It is left out only when the routes'
 * reader waits with nothing queued ({@link Subscription#quietMark}) and the sync, as it published
 * itself before that wait ({@link LinkInterest}), has nothing through the link: then every route the
 * kernel notified before the change was delivered, and none goes through that link. Arriving later
 * than before (after route notifications the kernel made after the link changed), a change is
 * applied as before: a link that goes deletes what went through it (its ifindex is not reused but by
 * an explicit `index`), any other change asks for a dump of the routes through the device (what the
 * kernel has then, whatever came between).
 *
 * <p>The link states are followed here (links' reader thread): {@link LinkSync} hands each link
 * message, and the links a resync no longer reports.
 */
final class LinkRelay {
    /** A route-side sync of the vrf. */
    interface Dependent {
        /** What it published at its reader's last {@code caughtUp}. Any thread. */
        LinkInterest interest();

        /** On its reader thread, after what its socket held when the link changed. */
        void linkChanged(ForwardingLinks.Change change, int ifindex);

        /**
         * On its reader thread: the links' socket overflowed, link events were lost (a link made and
         * deleted meanwhile, that the resync cannot report): what went through any link must be re-read.
         */
        void linkEventsLost();
    }

    private final ForwardingLinks links = new ForwardingLinks();
    private final List<Registration> registrations = new CopyOnWriteArrayList<>();
    private final LongAdder relayed = new LongAdder();
    private final LongAdder leftOut = new LongAdder();
    /** The routes' reader's quiet mark, looked at once per change for the dependents on its channel. */
    private final Look look = new Look();

    /**
     * One look (a poll(2) of its socket) at a reader per change, whatever the number of dependents it
     * serves: the subscriptions of one vrf on one channel share its reader (NetlinkService). Links' reader only.
     */
    private static final class Look {
        private String channel;
        private long mark;

        void forget() {
            channel = null;
        }

        long markOf(Subscription s) {
            String c = s.spec() == null ? null : s.spec().channel();
            if (c != null && c.equals(channel)) {
                return mark;
            }
            channel = c;
            mark = s.quietMark();
            return mark;
        }
    }

    /** A dependent's place in the relay; {@link #attach} its subscription once made. */
    final class Registration implements AutoCloseable {
        private final Dependent dependent;
        /** Guarded by this. Null until attached. */
        private Subscription subscription;
        /** Changes heard before the subscription was attached; guarded by this. */
        private final List<Runnable> early = new ArrayList<>();

        private Registration(Dependent dependent) {
            this.dependent = dependent;
        }

        /**
         * The dependent's subscription is made: changes heard since the registration are handed
         * to it now (after its initial dump, queued before them).
         */
        void attach(Subscription s) {
            synchronized (this) {
                subscription = s;
                early.forEach(s::runAfterQueued);
                early.clear();
            }
        }

        /** Handed whatever the reader's state: nothing published can say which links were lost. */
        private void eventsLost() {
            Runnable task = dependent::linkEventsLost;
            Subscription s;
            synchronized (this) {
                s = subscription;
                if (s == null) {
                    early.add(task);
                    return;
                }
            }
            s.runAfterQueued(task);
        }

        private void offer(ForwardingLinks.Change change, int ifindex) {
            Subscription s;
            synchronized (this) {
                s = subscription;
                if (s == null) {
                    early.add(() -> dependent.linkChanged(change, ifindex));
                    relayed.increment();
                    return;
                }
            }
            if (dependent.interest().contains(ifindex)) {
                relayed.increment();
                s.runAfterQueued(() -> dependent.linkChanged(change, ifindex));
                return;
            }
            long mark = look.markOf(s);
            if (mark >= 0 && s.stillQuiet(mark)) {
                leftOut.increment();
                return;
            }
            relayed.increment();
            s.runAfterQueued(() -> dependent.linkChanged(change, ifindex));
        }

        @Override
        public void close() {
            registrations.remove(this);
        }
    }

    /** Registers a dependent before its subscription is made, so that no change is missed meanwhile. */
    Registration register(Dependent dependent) {
        Registration r = new Registration(dependent);
        registrations.add(r);
        return r;
    }

    /** Links' reader: a link message (AF_UNSPEC) as LinkSync read it. */
    void linkMessage(boolean deleted, int ifindex, int flags, int mtu) {
        ForwardingLinks.Change change = links.noted(deleted, ifindex, flags, mtu);
        if (change != ForwardingLinks.Change.NONE) {
            offer(change, ifindex);
        }
    }

    /** Links' reader: a resync no longer reports the link (its deletion was lost with an overflow). */
    void linkGone(int ifindex) {
        if (links.forget(ifindex)) {
            offer(ForwardingLinks.Change.DELETED, ifindex);
        }
    }

    /**
     * Links' reader: a resync after an overflow of the links' socket is done ({@link #linkGone} was
     * said of the links it no longer reports): the dependents re-read what goes through links.
     */
    void linkEventsLost() {
        for (Registration r : registrations) {
            r.eventsLost();
        }
    }

    /** Links' reader: the vrf is no longer followed. */
    void clear() {
        links.clear();
    }

    private void offer(ForwardingLinks.Change change, int ifindex) {
        look.forget();
        for (Registration r : registrations) {
            r.offer(change, ifindex);
        }
    }

    /** Changes handed to a dependent's reader. */
    long relayed() {
        return relayed.sum();
    }

    /** Changes left out: the dependent's reader was quiet and nothing of it went through the link. */
    long leftOut() {
        return leftOut.sum();
    }
}
