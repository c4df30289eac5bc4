package org.linuxfpsync.netlink.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.linuxfpsync.netlink.codec.Rtnetlink.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.linuxfpsync.netlink.ChannelStats;
import org.linuxfpsync.netlink.DumpRequest;
import org.linuxfpsync.netlink.NetlinkException;
import org.linuxfpsync.netlink.NetlinkFamily;
import org.linuxfpsync.netlink.NetlinkListener;
import org.linuxfpsync.netlink.ResyncReason;
import org.linuxfpsync.netlink.Subscription;
import org.linuxfpsync.netlink.SubscriptionSpec;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.NetlinkRequests;
import org.linuxfpsync.netlink.codec.NetlinkFormatException;
import org.linuxfpsync.netlink.codec.NlMsg;
import org.linuxfpsync.netlink.codec.RouteMessage;

/**
 * NetlinkServiceImpl against the real kernel, inside a namespace of its own (created and always
 * deleted here): dumps, events, counters, forged senders, failing listeners, overflow.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class NetlinkServiceLiveTest extends NamespaceLiveTest {
    private static final int VRFID = 7;


    private SubscriptionSpec links() {
        return new SubscriptionSpec(NetlinkFamily.ROUTE, new Vrf(VRFID, ns.name()), new int[] {RTNLGRP_LINK},
                new int[] {RTM_NEWLINK, RTM_DELLINK},
                List.of(new DumpRequest(RTM_GETLINK, NetlinkRequests.ifinfomsgDump(AF_UNSPEC))));
    }


    @Test
    void the_initial_dump_then_link_events_of_the_namespace_reach_the_subscriber() throws Exception {
        startService(Map.of());
        RecordingListener listener = new RecordingListener();

        Subscription subscription = service.subscribe(links(), listener);

        // subscribe() returns once the initial dump has been delivered: no waiting needed here
        assertThat(listener.events).hasSize(3);
        assertThat(listener.events.get(0).reason()).isEqualTo(ResyncReason.INITIAL);
        assertThat(listener.events.get(1).isLink(RTM_NEWLINK, "lo", true)).isTrue();
        assertThat(listener.events.get(2).complete()).isTrue();
        assertThat(service.channels()).extracting(ChannelStats::name)
                .containsExactly("netlink-route-listen-7", "netlink-route-cmd-7");

        ns.ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
        Eventually.await("RTM_NEWLINK events for v0 and v1",
                () -> listener.saw(e -> e.isLink(RTM_NEWLINK, "v0", false) && "veth".equals(e.linkKind()))
                        && listener.saw(e -> e.isLink(RTM_NEWLINK, "v1", false)), () -> listener.events);

        ns.ip("link", "set", "v0", "mtu", "1400");
        Eventually.await("an RTM_NEWLINK with v0's new MTU",
                () -> listener.saw(e -> e.isLink(RTM_NEWLINK, "v0", false) && e.mtu() == 1400), () -> listener.events);

        ns.ip("link", "del", "v0");
        Eventually.await("RTM_DELLINK for v0 and its peer",
                () -> listener.saw(e -> e.isLink(RTM_DELLINK, "v0", false))
                        && listener.saw(e -> e.isLink(RTM_DELLINK, "v1", false)), () -> listener.events);

        ChannelStats listen = channel("netlink-route-listen-7");
        ChannelStats cmd = channel("netlink-route-cmd-7");
        assertThat(listen.family()).isEqualTo(NetlinkFamily.ROUTE);
        assertThat(listen.vrfid()).isEqualTo(VRFID);
        assertThat(listen.packetsByType()).containsKeys("RTM_NEWLINK", "RTM_DELLINK");
        assertThat(listen.packetsByType().get("RTM_DELLINK")).isGreaterThanOrEqualTo(2);
        assertThat(listen.packetsReceived()).isEqualTo(listen.packetsByType().values().stream().mapToLong(l -> l).sum());
        assertThat(listen.packetsReceived()).isGreaterThanOrEqualTo(
                listener.count(e -> e.kind().equals("message") && !e.fromDump()));
        assertThat(listen.bytesReceived()).isGreaterThan(listen.packetsReceived() * 32);
        assertThat(listen.receiveBufferBytes()).isGreaterThanOrEqualTo(8 * 1024 * 1024);
        assertThat(listen.receiveBufferMaxBytes()).isEqualTo(64 * 1024 * 1024);
        assertThat(cmd.packetsByType()).containsEntry("RTM_NEWLINK", 1L).containsEntry("NLMSG_DONE", 1L);
        assertThat(cmd.resyncs()).isEqualTo(1);
        assertThat(cmd.lastDumpNanos()).isPositive();
        for (ChannelStats channel : List.of(listen, cmd)) {
            assertThat(channel.enobufs()).as(channel.name()).isZero();
            assertThat(channel.droppedNotKernel()).as(channel.name()).isZero();
            assertThat(channel.malformed()).as(channel.name()).isZero();
            assertThat(channel.listenerErrors()).as(channel.name()).isZero();
        }

        subscription.close();
        // the last subscription closes the pair, and close() returns after the reader thread ended
        assertThat(service.channels()).isEmpty();
        assertThat(service.listeningPortId(NetlinkFamily.ROUTE, VRFID)).isEqualTo(-1);
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .doesNotContain("netlink-route-listen-7");
    }

    @Test
    void each_socket_stamps_its_last_receive_on_the_monotonic_clock_of_this_process() throws Exception {
        startService(Map.of());
        RecordingListener listener = new RecordingListener();
        long beforeDump = System.nanoTime();

        Subscription subscription = service.subscribe(links(), listener);
        long afterDump = System.nanoTime();

        ChannelStats listen = channel("netlink-route-listen-7");
        ChannelStats cmd = channel("netlink-route-cmd-7");
        // The dump's replies came on the command socket between the two readings of the clock.
        assertThat(cmd.lastReceiveMonotonicNanos()).isBetween(beforeDump, afterDump);
        long dumpEnd = cmd.lastReceiveMonotonicNanos();

        long beforeEvent = System.nanoTime();
        ns.ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
        Eventually.await("RTM_NEWLINK for v0", () -> listener.saw(e -> e.isLink(RTM_NEWLINK, "v0", false)),
                () -> listener.events);

        // The event came on the listening socket (or a later one: the stamp is of the last receive);
        // the command socket received nothing since its dump.
        long lastEvent = listen.lastReceiveMonotonicNanos();
        assertThat(lastEvent).isBetween(beforeEvent, System.nanoTime());
        assertThat(cmd.lastReceiveMonotonicNanos()).isEqualTo(dumpEnd);
        subscription.close();
    }

    @Test
    void a_subscription_made_without_waiting_returns_while_its_dump_runs_and_awaitInitialDump_waits_for_it()
            throws Exception {
        startService(Map.of());
        CountDownLatch dumpMayGoOn = new CountDownLatch(1);
        RecordingListener listener = new RecordingListener() {
            @Override
            public void dumpStarted(ResyncReason reason) {
                super.dumpStarted(reason);
                try {
                    dumpMayGoOn.await(); // held until the subscriber has its subscription back
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };

        Subscription subscription = service.subscribeWithoutWaiting(links(), listener);

        // Returned while the reader is held inside the initial dump: nothing of it delivered yet
        assertThat(listener.events).extracting(RecordingListener.Event::kind).doesNotContain("message", "finished");
        dumpMayGoOn.countDown();
        subscription.awaitInitialDump();
        assertThat(listener.events).hasSize(3);
        assertThat(listener.events.get(0).reason()).isEqualTo(ResyncReason.INITIAL);
        assertThat(listener.events.get(1).isLink(RTM_NEWLINK, "lo", true)).isTrue();
        assertThat(listener.events.get(2).complete()).isTrue();
        subscription.awaitInitialDump(); // once done, again at once
        assertThat(listener.events).hasSize(3);
        subscription.close();
    }

    @Test
    void a_dump_that_goes_on_receiving_is_waited_for_longer_than_the_stall_time() throws Exception {
        startService(Map.of());
        service.dumpStallSeconds(1);
        for (int i = 0; i < 3; i++) {
            ns.ip("link", "add", "s" + i, "type", "veth", "peer", "name", "t" + i);
        }
        // 7 links, 400 ms each: the dump takes 2.8 s, answers arriving all along.
        RecordingListener slow = new RecordingListener() {
            @Override
            public void message(NlMsg message, boolean fromDump) {
                super.message(message, fromDump);
                try {
                    Thread.sleep(400);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };

        Subscription subscription = service.subscribe(links(), slow);

        assertThat(slow.events).filteredOn(e -> "message".equals(e.kind())).hasSize(7);
        assertThat(slow.events.get(slow.events.size() - 1).complete()).isTrue();
        subscription.close();
    }

    @Test
    void a_dump_that_receives_nothing_for_the_stall_time_fails_with_a_clear_message() {
        startService(Map.of());
        service.dumpStallSeconds(1);
        CountDownLatch release = new CountDownLatch(1);
        RecordingListener stuck = new RecordingListener() {
            @Override
            public void dumpStarted(ResyncReason reason) {
                super.dumpStarted(reason);
                try {
                    release.await(); // the reader held: nothing more is received
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try {
            assertThatThrownBy(() -> service.subscribe(links(), stuck))
                    .isInstanceOf(NetlinkException.class)
                    .hasMessage("initial dump of route in vrf " + VRFID + ": nothing received for 1 s");
        } finally {
            release.countDown();
        }
    }

    @Test
    void subscribing_in_a_missing_namespace_fails_with_a_clear_message() {
        startService(Map.of());
        String missing = ns.name() + "-missing";
        SubscriptionSpec spec = new SubscriptionSpec(NetlinkFamily.ROUTE, new Vrf(3, missing),
                new int[] {RTNLGRP_LINK}, new int[] {RTM_NEWLINK}, List.of());

        assertThatThrownBy(() -> service.subscribe(spec, new RecordingListener()))
                .isInstanceOf(NetlinkException.class)
                .hasMessage("network namespace '" + missing + "' not found (/var/run/netns/" + missing
                        + "): No such file or directory");
        assertThat(service.channels()).isEmpty();
    }

    @Test
    void a_message_forged_by_a_user_space_socket_is_dropped_and_counted() throws Exception {
        startService(Map.of());
        RecordingListener listener = new RecordingListener();
        Subscription subscription = service.subscribe(links(), listener);
        int listenPort = service.listeningPortId(NetlinkFamily.ROUTE, VRFID);
        int cmdPort = service.commandPortId(NetlinkFamily.ROUTE, VRFID);
        assertThat(listenPort).isNotIn(-1, 0);
        assertThat(cmdPort).isNotIn(-1, 0, listenPort);

        try (NetlinkSocket forger = NetlinkSocket.open(service.posix(), NetlinkFamily.ROUTE, ns.name(), "forger")) {
            ByteBuffer forged = ByteBuffer.allocateDirect(256).order(ByteOrder.nativeOrder());
            int length = NetlinkRequests.writeRequest(forged, 0, RTM_NEWLINK, 0, 0, forgedNewLinkPayload("forged0", 4242));
            forger.send(service.posix().wrap(forged), length, listenPort);
            forger.send(service.posix().wrap(forged), length, cmdPort);
        }
        Eventually.await("the forged datagram counted as dropped on the listening socket",
                () -> channel("netlink-route-listen-7").droppedNotKernel() == 1);
        // A real event sent after the forged one arrives after it: once it is delivered, the
        // forged one has certainly been processed, and it must not have been delivered.
        ns.ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
        Eventually.await("the real event after the forged one",
                () -> listener.saw(e -> e.isLink(RTM_NEWLINK, "v0", false)), () -> listener.events);
        // The command socket reads only during a dump: the forged datagram waits there until one.
        subscription.resync(ResyncReason.REQUESTED);
        Eventually.await("the requested dump", () -> listener.count(RecordingListener.Event::complete) == 2,
                () -> listener.events);

        assertThat(listener.events).noneMatch(e -> "forged0".equals(e.ifname()));
        assertThat(channel("netlink-route-listen-7").droppedNotKernel()).isEqualTo(1);
        assertThat(channel("netlink-route-cmd-7").droppedNotKernel()).isEqualTo(1);
    }

    @Test
    void a_refresh_leaves_out_the_dumps_marked_not_on_refresh() throws Exception {
        startService(Map.of());
        RecordingListener listener = new RecordingListener();
        SubscriptionSpec linksKeptFromEvents = new SubscriptionSpec(NetlinkFamily.ROUTE, new Vrf(VRFID, ns.name()),
                new int[] {RTNLGRP_LINK}, new int[] {RTM_NEWLINK, RTM_DELLINK},
                List.of(new DumpRequest(RTM_GETLINK, NetlinkRequests.ifinfomsgDump(AF_UNSPEC), false)));
        Subscription subscription = service.subscribe(linksKeptFromEvents, listener);
        assertThat(listener.saw(e -> e.isLink(RTM_NEWLINK, "lo", true))).isTrue();
        int initial = listener.events.size();

        subscription.resync(ResyncReason.REFRESH);
        Eventually.await("the refresh", () -> listener.count(RecordingListener.Event::complete) == 2,
                () -> listener.events);
        assertThat(listener.events.subList(initial, listener.events.size())).map(Object::toString)
                .containsExactly("dumpStarted(REFRESH)", "dumpFinished(true)");

        subscription.resync(ResyncReason.REQUESTED);
        Eventually.await("the replay", () -> listener.count(RecordingListener.Event::complete) == 3,
                () -> listener.events);
        assertThat(listener.events.get(listener.events.size() - 2).isLink(RTM_NEWLINK, "lo", true)).isTrue();
    }

    @Test
    void a_filtered_dump_reports_the_routes_through_one_device_only_and_says_the_kernel_filtered() throws Exception {
        startService(Map.of());
        ns.ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
        ns.ip("link", "set", "v0", "up");
        ns.ip("link", "set", "v1", "up");
        ns.ip("addr", "add", "10.1.0.1/24", "dev", "v0");
        ns.ip("addr", "add", "10.2.0.1/24", "dev", "v1");
        ns.ip("route", "add", "10.9.0.0/16", "via", "10.1.0.2");
        ns.ip("route", "add", "10.8.0.0/16", "via", "10.2.0.2");
        int v0 = Integer.parseInt(ns.exec("cat", "/sys/class/net/v0/ifindex").trim());
        List<Integer> oifs = new CopyOnWriteArrayList<>();
        List<String> finished = new CopyOnWriteArrayList<>();
        NetlinkListener listener = new NetlinkListener() {
            private final RouteMessage route = new RouteMessage();

            @Override
            public void dumpStarted(ResyncReason reason) {
            }

            @Override
            public void message(NlMsg message, boolean fromDump) {
                try {
                    if (fromDump && message.type() == RTM_NEWROUTE && route.wrap(message).family() == AF_INET) {
                        oifs.add(route.oif());
                    }
                } catch (NetlinkFormatException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void dumpFinished(boolean complete) {
            }

            @Override
            public void filteredDumpFinished(DumpRequest filter, boolean complete, boolean filtered) {
                finished.add(complete + "/" + filtered);
            }
        };
        Subscription subscription = service.subscribe(new SubscriptionSpec(NetlinkFamily.ROUTE,
                new Vrf(VRFID, ns.name()), new int[] {RTNLGRP_IPV4_ROUTE}, new int[] {RTM_NEWROUTE, RTM_DELROUTE},
                List.of(new DumpRequest(RTM_GETROUTE, NetlinkRequests.rtmsgDump(AF_INET)))), listener);
        assertThat(oifs).as("the full dump: routes through both devices, and lo's").contains(v0).hasSizeGreaterThan(4);
        oifs.clear();

        subscription.dumpFiltered(DumpRequest.filtered(RTM_GETROUTE, NetlinkRequests.rtmsgDumpByOif(AF_INET, v0)));
        Eventually.await("the filtered dump", () -> !finished.isEmpty(), () -> finished);

        assertThat(finished).containsExactly("true/true");
        // 10.9.0.0/16, 10.1.0.0/24, and local and broadcast routes of 10.1.0.1 in table local.
        assertThat(oifs).hasSizeGreaterThanOrEqualTo(3).containsOnly(v0);
        assertThat(channel("netlink-route-cmd-7").filteredDumps()).isEqualTo(1);
        assertThat(channel("netlink-route-cmd-7").resyncs()).as("the full dump and the filtered one, as NLMSG_DONE says")
                .isEqualTo(2).isEqualTo(channel("netlink-route-cmd-7").packetsByType().get("NLMSG_DONE"));

        // A device no route goes through: nothing reported, and still NLM_F_DUMP_FILTERED (on NLMSG_DONE).
        ns.ip("link", "add", "w0", "type", "veth", "peer", "name", "w1");
        int w0 = Integer.parseInt(ns.exec("cat", "/sys/class/net/w0/ifindex").trim());
        oifs.clear();
        finished.clear();
        subscription.dumpFiltered(DumpRequest.filtered(RTM_GETROUTE, NetlinkRequests.rtmsgDumpByOif(AF_INET, w0)));
        Eventually.await("the filtered dump of a device without routes", () -> !finished.isEmpty(), () -> finished);
        assertThat(finished).containsExactly("true/true");
        assertThat(oifs).isEmpty();

        // The device gone: the kernel refuses a dump by it (ENODEV), reported incomplete.
        int gone = v0;
        ns.ip("link", "del", "v0");
        finished.clear();
        subscription.dumpFiltered(DumpRequest.filtered(RTM_GETROUTE, NetlinkRequests.rtmsgDumpByOif(AF_INET, gone)));
        Eventually.await("the filtered dump of a device gone", () -> !finished.isEmpty(), () -> finished);
        assertThat(finished).containsExactly("false/false");
    }

    /** struct ifinfomsg for ifindex, then IFLA_IFNAME: what a real RTM_NEWLINK would start with. */
    private static byte[] forgedNewLinkPayload(String ifname, int ifindex) {
        ByteBuffer payload = ByteBuffer.allocate(16 + 4 + 8).order(ByteOrder.nativeOrder());
        payload.put((byte) AF_UNSPEC).put((byte) 0).putShort((short) ARPHRD_ETHER).putInt(ifindex).putInt(IFF_UP).putInt(0);
        payload.putShort((short) (4 + ifname.length() + 1)).putShort((short) IFLA_IFNAME).put(ifname.getBytes());
        return payload.array();
    }

    @Test
    void a_listener_that_throws_is_counted_and_keeps_receiving() throws Exception {
        startService(Map.of());
        AtomicBoolean thrown = new AtomicBoolean();
        RecordingListener listener = new RecordingListener() {
            @Override
            public void message(NlMsg message, boolean fromDump) {
                super.message(message, fromDump);
                if (!fromDump && thrown.compareAndSet(false, true)) {
                    throw new IllegalStateException("a feature bug");
                }
            }
        };
        service.subscribe(links(), listener);

        ns.ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
        Eventually.await("the first event (which throws)", thrown::get);
        ns.ip("link", "set", "v0", "mtu", "1280");
        Eventually.await("a later event, after the listener threw",
                () -> listener.saw(e -> e.isLink(RTM_NEWLINK, "v0", false) && e.mtu() == 1280), () -> listener.events);

        assertThat(channel("netlink-route-listen-7").listenerErrors()).isEqualTo(1);
    }

    @Test
    void a_requested_resync_dumps_again_for_that_subscriber_only() throws Exception {
        startService(Map.of());
        RecordingListener first = new RecordingListener();
        RecordingListener second = new RecordingListener();
        Subscription one = service.subscribe(links(), first);
        service.subscribe(links(), second);
        assertThat(service.channels()).hasSize(2); // one channel pair shared by both subscribers
        ns.ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
        Eventually.await("the event at both subscribers",
                () -> first.saw(e -> e.isLink(RTM_NEWLINK, "v0", false))
                        && second.saw(e -> e.isLink(RTM_NEWLINK, "v0", false)));

        one.resync(ResyncReason.REQUESTED);

        Eventually.await("a REQUESTED dump at the first subscriber, with v0 and v1",
                () -> first.saw(e -> e.reason() == ResyncReason.REQUESTED)
                        && first.saw(e -> e.isLink(RTM_NEWLINK, "v1", true)) && first.count(e -> e.complete()) == 2,
                () -> first.events);
        assertThat(second.count(e -> e.kind().equals("started"))).isEqualTo(1);
        assertThat(second.saw(e -> e.isLink(RTM_NEWLINK, "v1", true))).isFalse();
        assertThat(channel("netlink-route-cmd-7").resyncs()).isEqualTo(3);
    }

    @Test
    void closing_one_of_two_subscriptions_stops_its_delivery_and_keeps_the_other() throws Exception {
        startService(Map.of());
        RecordingListener first = new RecordingListener();
        RecordingListener second = new RecordingListener();
        Subscription one = service.subscribe(links(), first);
        service.subscribe(links(), second);

        one.close();
        int seenByFirst = first.events.size();
        ns.ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
        Eventually.await("the event at the remaining subscriber", () -> second.saw(e -> e.isLink(RTM_NEWLINK, "v1", false)));

        assertThat(first.events).hasSize(seenByFirst);
        assertThat(service.channels()).hasSize(2);
    }

    @Test
    void an_overflowing_listening_socket_grows_its_buffer_and_resyncs_its_subscribers() throws Exception {
        // A tiny buffer, and a listener that stalls on the first event while a burst arrives.
        startService(Map.of("receiveBufferBytes", 4096, "receiveBufferMaxBytes", 1 << 20));
        CountDownLatch stalled = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RecordingListener listener = new RecordingListener() {
            @Override
            public void message(NlMsg message, boolean fromDump) {
                super.message(message, fromDump);
                if (!fromDump && stalled.getCount() == 1) {
                    stalled.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        service.subscribe(links(), listener);
        int bufferBefore = channel("netlink-route-listen-7").receiveBufferBytes();

        ns.ip("link", "add", "first", "type", "veth", "peer", "name", "first-peer");
        assertThat(stalled.await(10, TimeUnit.SECONDS)).isTrue();
        List<String> burst = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            burst.add("link add a" + i + " type veth peer name b" + i);
        }
        ns.ipBatch(burst);
        release.countDown();

        Eventually.await("an OVERFLOW dump that lists the whole burst",
                () -> listener.saw(e -> e.reason() == ResyncReason.OVERFLOW)
                        && listener.saw(e -> e.isLink(RTM_NEWLINK, "b19", true)) && listener.count(e -> e.complete()) == 2,
                () -> listener.events);
        ChannelStats listen = channel("netlink-route-listen-7");
        assertThat(listen.enobufs()).isPositive();
        assertThat(listen.resyncs()).isPositive();
        assertThat(listen.receiveBufferBytes()).isGreaterThan(bufferBefore);
        assertThat(listen.receiveBufferMaxBytes()).isEqualTo(1 << 20);
    }

    @Test
    void deactivation_closes_every_channel_and_ends_every_reader_thread() throws Exception {
        startService(Map.of());
        service.subscribe(links(), new RecordingListener());
        // a second family in the same namespace: a socket pair of its own, no group, no dump
        service.subscribe(new SubscriptionSpec(NetlinkFamily.XFRM, new Vrf(VRFID, ns.name()), new int[0], new int[0],
                List.of()), new RecordingListener());
        assertThat(service.channels()).extracting(ChannelStats::name).containsExactly("netlink-route-listen-7",
                "netlink-route-cmd-7", "netlink-xfrm-listen-7", "netlink-xfrm-cmd-7");

        service.deactivate();

        assertThat(service.channels()).isEmpty();
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .doesNotContain("netlink-route-listen-7", "netlink-xfrm-listen-7");
        assertThatThrownBy(() -> service.subscribe(links(), new RecordingListener()))
                .isInstanceOf(NetlinkException.class).hasMessage("the netlink transport is stopped");
        service = null;
    }
}
