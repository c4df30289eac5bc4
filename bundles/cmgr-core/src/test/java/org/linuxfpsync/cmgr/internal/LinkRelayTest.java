package org.linuxfpsync.cmgr.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.linuxfpsync.netlink.ResyncReason;
import org.linuxfpsync.netlink.Subscription;
import org.linuxfpsync.netlink.SubscriptionSpec;

/** What the links' reader tells the route-side syncs, and what it leaves out (LinkRelay). */
class LinkRelayTest {
    private static final int UP_RUNNING = 0x1 | 0x40 | 0x10000;

    /** A routes' reader: quiet or not, epochs moving when it delivers, tasks run when asked. */
    private static final class RoutesReader implements Subscription {
        long epoch = 2;
        boolean quiet = true;
        /** Moves the epoch between quietMark and stillQuiet: the reader woke meanwhile. */
        boolean wakesDuringCheck;
        final List<Runnable> tasks = new ArrayList<>();

        @Override
        public long quietMark() {
            long mark = quiet ? epoch : -1;
            if (wakesDuringCheck) {
                epoch += 2;
            }
            return mark;
        }

        @Override
        public boolean stillQuiet(long mark) {
            return mark == epoch;
        }

        @Override
        public void runAfterQueued(Runnable task) {
            tasks.add(task);
        }

        void runTasks() {
            tasks.forEach(Runnable::run);
            tasks.clear();
        }

        @Override
        public SubscriptionSpec spec() {
            return null;
        }

        @Override
        public void resync(ResyncReason reason) {
        }

        @Override
        public void close() {
        }
    }

    private final LinkRelay relay = new LinkRelay();
    private final RoutesReader reader = new RoutesReader();
    private final RecordingDependent routes = new RecordingDependent();

    private LinkRelay.Registration registered() {
        LinkRelay.Registration r = relay.register(routes);
        r.attach(reader);
        return r;
    }

    @Test
    void aLinkNoRouteUsesIsLeftOutWhileTheRoutesReaderIsQuiet() {
        registered();
        relay.linkMessage(false, 7, UP_RUNNING, 1500); // new: nothing through it yet
        relay.linkMessage(false, 7, 0, 1500);
        relay.linkMessage(true, 7, 0, 0);
        assertThat(reader.tasks).isEmpty();
        assertThat(relay.leftOut()).isEqualTo(2);
        assertThat(relay.relayed()).isZero();
    }

    @Test
    void aLinkRoutesGoThroughIsToldAfterWhatTheirSocketHolds() {
        registered();
        routes.interest = LinkInterest.of(new int[] {3, 9}, 2);
        relay.linkMessage(false, 3, UP_RUNNING, 1500);
        relay.linkMessage(false, 3, UP_RUNNING, 1400);
        relay.linkMessage(true, 3, 0, 0);
        assertThat(routes.told).isEmpty(); // on the routes' reader, not here
        reader.runTasks();
        assertThat(routes.told).containsExactly("CHANGED 3", "DELETED 3");
    }

    @Test
    void everyChangeIsToldWhileTheRoutesReaderIsBusyOrWokeDuringTheLook() {
        registered();
        relay.linkMessage(false, 5, UP_RUNNING, 1500);
        reader.quiet = false;
        relay.linkMessage(false, 5, 0, 1500); // a route through 5 may wait in its socket
        reader.quiet = true;
        reader.wakesDuringCheck = true;
        relay.linkMessage(true, 5, 0, 0); // the reader delivered something meanwhile
        reader.runTasks();
        assertThat(routes.told).containsExactly("CHANGED 5", "DELETED 5");
    }

    @Test
    void changesHeardBeforeTheSubscriptionIsMadeAreToldOnceItIs() {
        LinkRelay.Registration r = relay.register(routes);
        relay.linkMessage(false, 4, UP_RUNNING, 1500);
        relay.linkMessage(false, 4, 0, 1500);
        assertThat(routes.told).isEmpty();
        r.attach(reader);
        reader.runTasks();
        assertThat(routes.told).containsExactly("CHANGED 4");
    }

    @Test
    void aLinkAResyncNoLongerReportsIsToldGoneAndAClosedRegistrationHearsNothing() {
        LinkRelay.Registration r = registered();
        routes.interest = LinkInterest.ALL;
        relay.linkMessage(false, 6, UP_RUNNING, 1500);
        relay.linkGone(6);
        relay.linkGone(6); // forgotten already
        reader.runTasks();
        assertThat(routes.told).containsExactly("DELETED 6");
        r.close();
        relay.linkMessage(false, 8, UP_RUNNING, 1500);
        relay.linkMessage(true, 8, 0, 0);
        assertThat(reader.tasks).isEmpty();
    }

    @Test
    void theSameStateAgainIsNoChange() {
        registered();
        routes.interest = LinkInterest.ALL;
        relay.linkMessage(false, 2, UP_RUNNING, 1500);
        relay.linkMessage(false, 2, UP_RUNNING | 0x100, 1500); // promiscuous: nothing routes depend on
        assertThat(reader.tasks).isEmpty();
    }

    @Test
    void lostLinkEventsAreToldEvenToAQuietReaderWithNothingThroughAnyLink() {
        registered();
        relay.linkEventsLost();
        reader.runTasks();
        assertThat(routes.told).containsExactly("LOST");
    }
}
