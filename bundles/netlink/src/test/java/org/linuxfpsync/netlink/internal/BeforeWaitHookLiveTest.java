package org.linuxfpsync.netlink.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linuxfpsync.netlink.codec.Rtnetlink.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.linuxfpsync.netlink.DumpRequest;
import org.linuxfpsync.netlink.NetlinkFamily;
import org.linuxfpsync.netlink.NetlinkListener;
import org.linuxfpsync.netlink.ResyncReason;
import org.linuxfpsync.netlink.SubscriptionSpec;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.NetlinkRequests;
import org.linuxfpsync.netlink.codec.NlMsg;

/**
 * The before-wait hook (issue #23: what a reader produced leaves together, before it sleeps): a
 * reader runs it when it is about to wait for the kernel, never between datagrams that were
 * queued when it last received, and always before it waits, so that nothing produced is left behind.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class BeforeWaitHookLiveTest extends NamespaceLiveTest {
    private static final int VRFID = 11;
    private static final int QUEUED = 200;

    /** Per route message, how many times the hook had run before it; the first event blocks until released. */
    private static final class Recorder implements NetlinkListener {
        final AtomicInteger hooks = new AtomicInteger();
        final List<Integer> hooksBeforeEvent = new ArrayList<>();
        final List<Integer> hooksBeforeDumpMessage = new ArrayList<>();
        final CountDownLatch firstEvent = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile Thread readerThread;
        volatile int events;
        volatile int hooksOnOtherThreads;

        void hook() {
            if (readerThread != null && Thread.currentThread() != readerThread) {
                hooksOnOtherThreads++;
            }
            hooks.incrementAndGet();
        }

        @Override
        public void dumpStarted(ResyncReason reason) {
        }

        @Override
        public void message(NlMsg message, boolean fromDump) {
            if (message.type() != RTM_NEWROUTE) {
                return;
            }
            if (fromDump) {
                hooksBeforeDumpMessage.add(hooks.get());
                return;
            }
            readerThread = Thread.currentThread();
            hooksBeforeEvent.add(hooks.get());
            events++;
            if (events == 1) {
                firstEvent.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void dumpFinished(boolean complete) {
        }
    }

    @Test
    void queued_notifications_are_delivered_without_the_hook_between_them_and_the_hook_runs_before_the_reader_waits()
            throws Exception {
        ns.ipBatch(List.of("link add v0 type veth peer name v1", "link set v0 up", "link set v1 up",
                "addr add 192.0.2.1/24 dev v0"));
        List<String> before = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            before.add("route add 10.1." + (i >> 8) + "." + (i & 0xff) + "/32 dev v0");
        }
        ns.ipBatch(before);
        startService(Map.of());
        Recorder r = new Recorder();
        service.addBeforeWaitHook(r::hook);
        service.subscribe(new SubscriptionSpec(NetlinkFamily.ROUTE, new Vrf(VRFID, ns.name()),
                new int[] {RTNLGRP_IPV4_ROUTE}, new int[] {RTM_NEWROUTE},
                List.of(new DumpRequest(RTM_GETROUTE, NetlinkRequests.rtmsgDump(AF_INET)))), r);

        // The dump's 3,000 routes came in chunks the kernel had ready: far fewer hooks than messages.
        assertThat(r.hooksBeforeDumpMessage).hasSizeGreaterThanOrEqualTo(3000);
        int hooksDuringDump = r.hooksBeforeDumpMessage.get(r.hooksBeforeDumpMessage.size() - 1)
                - r.hooksBeforeDumpMessage.get(0);
        assertThat(hooksDuringDump).as("hooks run between the dump's first and last route").isLessThan(100);

        ns.ipBatch(List.of("route add 10.9.0.0/32 dev v0"));
        assertThat(r.firstEvent.await(30, TimeUnit.SECONDS)).isTrue();
        // The reader is held in the first callback: these notifications wait in its socket.
        List<String> burst = new ArrayList<>();
        for (int i = 1; i <= QUEUED; i++) {
            burst.add("route add 10.9." + (i >> 8) + "." + (i & 0xff) + "/32 dev v0");
        }
        ns.ipBatch(burst);
        int hooksBeforeRelease = r.hooks.get();
        r.release.countDown();

        Eventually.await("every queued notification delivered", () -> r.events == QUEUED + 1);
        List<Integer> queued = r.hooksBeforeEvent.subList(1, QUEUED + 1);
        // The first event came alone in its receive (a vector not filled: the queue was empty then),
        // so the reader runs the hook once before it looks again; the 200 queued meanwhile fill
        // several vectors (64 datagrams each) with no hook between them.
        assertThat(queued).as("no hook between notifications that were already queued")
                .containsOnly(hooksBeforeRelease + 1);
        Eventually.await("the hook ran before the reader waited again", () -> r.hooks.get() > hooksBeforeRelease);
        assertThat(r.hooksOnOtherThreads).as("hooks run on the reader thread").isZero();
    }
}
