package org.linuxfpsync.netlink.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linuxfpsync.netlink.codec.Rtnetlink.*;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.linuxfpsync.netlink.DumpRequest;
import org.linuxfpsync.netlink.NetlinkFamily;
import org.linuxfpsync.netlink.ResyncReason;
import org.linuxfpsync.netlink.Subscription;
import org.linuxfpsync.netlink.SubscriptionSpec;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.NetlinkRequests;
import org.linuxfpsync.netlink.codec.SockDiag;

/**
 * An idle reader waits without timeout (issue #23: ten readers waking every 20 ms were most of
 * cmgrd's CPU in the link churn benchmark), and is still woken at once by what it must act on: a
 * kernel change, a command (resync), the close of its last subscription, the transport's stop.
 * The before-wait hook counts the reader's waits: an idle reader must not wait again and again.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class IdleReaderLiveTest extends NamespaceLiveTest {
    private static final int VRFID = 12;
    /** Long enough for a periodic wake-up (the former 20 ms receive timeout) to show many times. */
    private static final long IDLE_MILLIS = 400;

    private final AtomicInteger waits = new AtomicInteger();

    private SubscriptionSpec links() {
        return new SubscriptionSpec(NetlinkFamily.ROUTE, new Vrf(VRFID, ns.name()), new int[] {RTNLGRP_LINK},
                new int[] {RTM_NEWLINK, RTM_DELLINK},
                List.of(new DumpRequest(RTM_GETLINK, NetlinkRequests.ifinfomsgDump(AF_UNSPEC))));
    }

    private static boolean threadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }

    /**
     * Waits until the reader has settled into its wait (no new wait for 100 ms: the first wait can come
     * before the initial dump's last reply), then says whether it waited again while idle.
     */
    private int waitsWhileIdle() throws InterruptedException {
        Eventually.await("the reader waits", () -> waits.get() > 0);
        Eventually.await("the reader settles", () -> {
            int before = waits.get();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return waits.get() == before;
        });
        int settled = waits.get();
        Thread.sleep(IDLE_MILLIS);
        return waits.get() - settled;
    }

    @Test
    void an_idle_listening_reader_does_not_wake_and_is_woken_by_an_event_a_command_and_its_close() throws Exception {
        startService(Map.of());
        service.addBeforeWaitHook(waits::incrementAndGet);
        RecordingListener listener = new RecordingListener();
        Subscription subscription = service.subscribe(links(), listener);
        assertThat(threadAlive("netlink-route-listen-12")).isTrue();

        assertThat(waitsWhileIdle()).as("waits of an idle listening reader after it settled").isZero();

        ns.ip("link", "add", "veth0", "type", "veth", "peer", "name", "veth1");
        Eventually.await("the event of the new link", () -> listener.saw(e -> e.isLink(RTM_NEWLINK, "veth0", false)));
        assertThat(waitsWhileIdle()).as("waits after the event was delivered").isZero();

        subscription.resync(ResyncReason.REQUESTED);
        Eventually.await("the requested dump", () -> listener.saw(e -> e.isLink(RTM_NEWLINK, "veth0", true)));

        subscription.close();
        assertThat(threadAlive("netlink-route-listen-12")).as("the reader ended when its channel closed").isFalse();
    }

    @Test
    void an_idle_command_only_reader_does_not_wake_and_ends_when_the_transport_stops() throws Exception {
        startService(Map.of());
        service.addBeforeWaitHook(waits::incrementAndGet);
        service.subscribe(new SubscriptionSpec(NetlinkFamily.SOCK_DIAG, new Vrf(VRFID, ns.name()), new int[0],
                new int[] {SockDiag.SOCK_DIAG_BY_FAMILY}, List.of(new DumpRequest(SockDiag.SOCK_DIAG_BY_FAMILY,
                        NetlinkRequests.packetDiagDump(SockDiag.PACKET_SHOW_INFO)))), new RecordingListener());
        assertThat(threadAlive("netlink-sock-diag-cmd-12")).isTrue();

        assertThat(waitsWhileIdle()).as("waits of an idle command-only reader after it settled").isZero();

        service.deactivate();
        service = null;
        assertThat(threadAlive("netlink-sock-diag-cmd-12")).as("the reader ended when the transport stopped").isFalse();
    }
}
