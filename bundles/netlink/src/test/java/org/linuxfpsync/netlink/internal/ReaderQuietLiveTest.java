package org.linuxfpsync.netlink.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linuxfpsync.netlink.codec.Rtnetlink.*;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.linuxfpsync.netlink.DumpRequest;
import org.linuxfpsync.netlink.NetlinkFamily;
import org.linuxfpsync.netlink.Subscription;
import org.linuxfpsync.netlink.SubscriptionSpec;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.NetlinkRequests;
import org.linuxfpsync.netlink.codec.NlMsg;

/**
 * A reader's quiet mark and its tasks run after what its socket holds (Subscription#quietMark,
 * #runAfterQueued), against the real kernel in a namespace of its own: what lets the links' reader
 * leave the routes' reader asleep, or hand it a link change in the kernel's order.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ReaderQuietLiveTest extends NamespaceLiveTest {
    private static final int VRFID = 9;

    private SubscriptionSpec links() {
        return new SubscriptionSpec(NetlinkFamily.ROUTE, new Vrf(VRFID, ns.name()), new int[] {RTNLGRP_LINK},
                new int[] {RTM_NEWLINK, RTM_DELLINK},
                List.of(new DumpRequest(RTM_GETLINK, NetlinkRequests.ifinfomsgDump(AF_UNSPEC))));
    }

    @Test
    void a_task_runs_after_every_event_the_kernel_queued_before_it_was_asked() throws Exception {
        startService(Map.of());
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RecordingListener listener = new RecordingListener() {
            @Override
            public void message(NlMsg message, boolean fromDump) {
                super.message(message, fromDump);
                if (!fromDump && held.getCount() > 0) {
                    held.countDown();
                    try {
                        release.await(); // the reader held in its first event: the next ones queue
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        Subscription subscription = service.subscribe(links(), listener);
        try {
            ns.ip("link", "add", "h0", "type", "veth", "peer", "name", "h1");
            assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(subscription.quietMark()).as("a reader busy in a callback").isEqualTo(-1);
            for (int i = 0; i < 5; i++) {
                ns.ip("link", "add", "q" + i, "type", "veth", "peer", "name", "r" + i);
            }
            CompletableFuture<Boolean> sawThemAll = new CompletableFuture<>();
            subscription.runAfterQueued(() -> sawThemAll.complete(
                    listener.saw(e -> e.isLink(RTM_NEWLINK, "q4", false)) && listener.saw(e -> e.isLink(RTM_NEWLINK, "r4", false))));
            release.countDown();
            assertThat(sawThemAll.get(10, TimeUnit.SECONDS)).as("q4 and r4, queued before the task, delivered before it")
                    .isTrue();
        } finally {
            release.countDown();
            subscription.close();
        }
    }

    /** A listener that counts its reader's {@code caughtUp} calls (one before each wait without timeout). */
    private static RecordingListener countingCaughtUp(AtomicInteger caughtUp) {
        return new RecordingListener() {
            @Override
            public void caughtUp() {
                caughtUp.incrementAndGet();
            }
        };
    }

    /**
     * A reader nobody watched blocks in its receive (one system call per wake-up), where it could take
     * a datagram before leaving a quiet mark: it is never quiet there. The first quietMark wakes it
     * into a marked wait in poll(2), with no kernel event needed.
     */
    @Test
    void a_reader_first_watched_while_blocked_in_its_receive_is_woken_into_a_quiet_wait() throws Exception {
        startService(Map.of());
        AtomicInteger caughtUp = new AtomicInteger();
        RecordingListener listener = countingCaughtUp(caughtUp);
        Subscription subscription = service.subscribe(links(), listener);
        try {
            Eventually.await("the reader at its wait", () -> caughtUp.get() > 0);
            int before = caughtUp.get();

            Eventually.await("the reader waiting, quiet", () -> subscription.quietMark() >= 0);

            assertThat(caughtUp.get()).as("woken once, caught up again before its marked wait").isGreaterThan(before);
        } finally {
            subscription.close();
        }
    }

    @Test
    void the_quiet_mark_holds_while_the_reader_waits_and_breaks_once_it_delivers() throws Exception {
        startService(Map.of());
        AtomicInteger caughtUp = new AtomicInteger();
        RecordingListener listener = countingCaughtUp(caughtUp);
        Subscription subscription = service.subscribe(links(), listener);
        try {
            Eventually.await("the reader waiting, quiet", () -> subscription.quietMark() >= 0);
            long mark = subscription.quietMark();
            assertThat(caughtUp.get()).as("caughtUp before the wait").isPositive();
            assertThat(subscription.stillQuiet(mark)).isTrue();

            ns.ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
            Eventually.await("RTM_NEWLINK for v0 and v1", () -> listener.saw(e -> e.isLink(RTM_NEWLINK, "v0", false))
                    && listener.saw(e -> e.isLink(RTM_NEWLINK, "v1", false)), () -> listener.events);
            assertThat(subscription.stillQuiet(mark)).as("the reader woke and delivered since the mark").isFalse();
            Eventually.await("quiet again, with a new mark", () -> {
                long again = subscription.quietMark();
                return again >= 0 && again != mark;
            });
        } finally {
            subscription.close();
        }
        assertThat(subscription.quietMark()).as("closed").isEqualTo(-1);
    }
}
