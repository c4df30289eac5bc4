package org.linuxfpsync.netlink.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.linuxfpsync.netlink.codec.Rtnetlink.*;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import jnr.ffi.Pointer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.linuxfpsync.netlink.NetlinkException;
import org.linuxfpsync.netlink.NetlinkFamily;
import org.linuxfpsync.netlink.NetlinkListener;
import org.linuxfpsync.netlink.ReceiveBufferPolicy;
import org.linuxfpsync.netlink.ResyncReason;
import org.linuxfpsync.netlink.SubscriptionSpec;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.NetlinkFormatException;
import org.linuxfpsync.netlink.codec.NetlinkRequests;
import org.linuxfpsync.netlink.codec.NlMsg;
import org.linuxfpsync.netlink.codec.RouteMessage;

/**
 * Many datagrams per system call (recvmmsg, issues #19 and #23), on a listening socket in a test
 * namespace: the notifications are made and queued before the channel reads, so each call's
 * outcome is known in advance.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ReceiveVectorLiveTest extends NamespaceLiveTest {
    private static final int SLOTS = 64;

    private final Posix posix = Posix.load();
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final AtomicInteger hooks = new AtomicInteger();
    private final RouteOrder listener = new RouteOrder();
    private NetlinkSocket socket;
    private ChannelCounters counters;
    private EventChannel channel;
    private ReaderWakeup wakeup;
    private List<SubscriptionImpl> subscribers;

    /** The destinations of the RTM_NEWROUTE events of table main, in delivery order. */
    private static final class RouteOrder implements NetlinkListener {
        final List<String> destinations = new ArrayList<>();
        private final RouteMessage route = new RouteMessage();
        private final byte[] address = new byte[16];

        @Override
        public void dumpStarted(ResyncReason reason) {
        }

        @Override
        public void message(NlMsg message, boolean fromDump) {
            if (message.type() != RTM_NEWROUTE) {
                return;
            }
            try {
                route.wrap(message);
            } catch (NetlinkFormatException e) {
                throw new AssertionError(e.getMessage(), e);
            }
            if (route.table() != RT_TABLE_MAIN) {
                return;
            }
            int length = route.copyDst(address);
            byte[] bytes = new byte[length];
            System.arraycopy(address, 0, bytes, 0, length);
            try {
                destinations.add(length == 0 ? "default" : InetAddress.getByAddress(bytes).getHostAddress());
            } catch (UnknownHostException e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public void dumpFinished(boolean complete) {
        }
    }

    @AfterEach
    void closeChannel() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    /** A listening channel for IPv4 routes (and {@code extraGroups}), as FamilyReader makes one. */
    private void openChannel(int bufferBytes, int slotBytes, int... extraGroups) throws NetlinkException {
        ns.ipBatch(List.of("link add d0 type veth peer name d0p", "link set d0 up", "link set d0p up", "addr add 192.0.2.1/24 dev d0"));
        socket = NetlinkSocket.open(posix, NetlinkFamily.ROUTE, ns.name(), "netlink-route-listen-test");
        opened.add(socket);
        socket.beforeWait(hooks::incrementAndGet);
        socket.joinGroup(RTNLGRP_IPV4_ROUTE);
        for (int group : extraGroups) {
            socket.joinGroup(group);
        }
        counters = new ChannelCounters("netlink-route-listen-test", NetlinkFamily.ROUTE, 1);
        wakeup = ReaderWakeup.sendingTo(posix, NetlinkFamily.ROUTE, ns.name(), socket, "netlink-route-wake-test");
        opened.add(wakeup);
        channel = new EventChannel(socket, counters, new NetlinkSettings(bufferBytes, bufferBytes, 0), ReceiveBufferPolicy.SERVICE,
                new ReceiveVector(posix, SLOTS, slotBytes), wakeup);
        SubscriptionImpl subscriber = new SubscriptionImpl(null, null, new SubscriptionSpec(NetlinkFamily.ROUTE,
                new Vrf(1, ns.name()), new int[] {RTNLGRP_IPV4_ROUTE}, new int[] {RTM_NEWROUTE}, List.of()), listener);
        subscriber.active = true;
        subscribers = List.of(subscriber);
    }

    private static String route(int i) {
        return "10.2." + (i >> 8) + "." + (i & 0xff);
    }

    private void addRoutes(int from, int to) {
        List<String> lines = new ArrayList<>();
        for (int i = from; i < to; i++) {
            lines.add("route add " + route(i) + "/32 dev d0");
        }
        ns.ipBatch(lines);
    }

    private static List<String> routes(int from, int to) {
        List<String> routes = new ArrayList<>();
        for (int i = from; i < to; i++) {
            routes.add(route(i));
        }
        return routes;
    }

    private EventChannel.Outcome receive() {
        // The datagrams are queued before each call: poll(2) returns at once; 0 only for the idle case.
        return channel.receiveAndDeliver(subscribers, 0, null);
    }

    @Test
    void a_flood_longer_than_a_vector_is_delivered_whole_and_in_order_with_no_wait_between_full_vectors()
            throws Exception {
        openChannel(8 << 20, NetlinkSocket.RECEIVE_BUFFER_BYTES);
        int routes = 1000; // 15 full vectors and 40
        addRoutes(0, routes);

        int calls = 0;
        while (listener.destinations.size() < routes) {
            assertThat(receive()).isEqualTo(EventChannel.Outcome.RECEIVED);
            calls++;
            assertThat(calls).as("receive calls").isLessThanOrEqualTo((routes + SLOTS - 1) / SLOTS);
        }

        assertThat(listener.destinations).containsExactlyElementsOf(routes(0, routes));
        assertThat(calls).isEqualTo((routes + SLOTS - 1) / SLOTS);
        assertThat(hooks.get()).as("the hook ran before the first wait only: full vectors are followed by no wait")
                .isEqualTo(1);
        assertThat(counters.enobufs()).isZero();
        // The last vector was not full: the queue was empty, so the reader waits (the hook first); having
        // taken 40, half the vector or more, it does not pause.
        assertThat(receive()).isEqualTo(EventChannel.Outcome.IDLE);
        assertThat(hooks.get()).isEqualTo(2);
    }

    private EventChannel.Outcome receiveWithoutTimeout() {
        return channel.receiveAndDeliver(subscribers, -1, null);
    }

    /**
     * A trickle (issue #23: 10,000 changes a second, a datagram per receive) is never paused: a
     * receive that took fewer than {@link EventChannel#DENSE_DATAGRAMS} is followed by a wait in
     * poll(2), which returns at once for a datagram already queued.
     */
    @Test
    void a_receive_of_fewer_datagrams_than_a_dense_stream_is_followed_by_a_wait_in_poll_not_a_pause()
            throws Exception {
        openChannel(8 << 20, NetlinkSocket.RECEIVE_BUFFER_BYTES);
        int dense = EventChannel.DENSE_DATAGRAMS;
        addRoutes(0, 1);
        assertThat(receive()).isEqualTo(EventChannel.Outcome.RECEIVED);
        assertThat(channel.pausesNext()).as("a lone event").isFalse();
        addRoutes(1, dense);
        assertThat(receive()).isEqualTo(EventChannel.Outcome.RECEIVED);
        assertThat(channel.pausesNext()).as("one datagram fewer than a dense stream's").isFalse();
        int hooksBefore = hooks.get();
        addRoutes(dense, dense + 1);

        assertThat(receiveWithoutTimeout()).isEqualTo(EventChannel.Outcome.RECEIVED);
        assertThat(hooks.get()).isEqualTo(hooksBefore + 1);
        assertThat(channel.pausesNext()).isFalse();
        assertThat(listener.destinations).containsExactlyElementsOf(routes(0, dense + 1));
    }

    /**
     * A dense stream is taken a pause at a time (issue #23), not a poll per few datagrams: after a
     * receive that took {@link EventChannel#DENSE_DATAGRAMS} or more (a queue built up while the
     * reader worked), the next one runs the hooks, pauses and takes what came meanwhile; it goes on
     * while each pause's receive takes as many, and a pause that takes fewer ends it, as does one
     * that finds nothing, which returns instead of waiting for the socket. The timeout only guards
     * against a reader that would wait in poll(2), without timeout, for a datagram that never comes
     * (in its own thread: an interrupt does not end a native poll).
     */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void a_dense_stream_is_read_after_pauses_while_each_takes_as_many_and_a_pause_that_takes_fewer_ends_them()
            throws Exception {
        openChannel(8 << 20, NetlinkSocket.RECEIVE_BUFFER_BYTES);
        int dense = EventChannel.DENSE_DATAGRAMS;
        addRoutes(0, dense);
        assertThat(receive()).isEqualTo(EventChannel.Outcome.RECEIVED);
        assertThat(channel.pausesNext()).as("a queue of a dense stream's size").isTrue();
        int hooksBefore = hooks.get();
        addRoutes(dense, 2 * dense); // as many came during the pause: the stream goes on

        assertThat(receiveWithoutTimeout()).isEqualTo(EventChannel.Outcome.RECEIVED);
        assertThat(hooks.get()).as("the hooks ran before the pause: the frames made so far leave first")
                .isEqualTo(hooksBefore + 1);
        assertThat(channel.pausesNext()).isTrue();

        addRoutes(2 * dense, 3 * dense - 1); // the stream thins out
        assertThat(receiveWithoutTimeout()).isEqualTo(EventChannel.Outcome.RECEIVED);
        assertThat(hooks.get()).isEqualTo(hooksBefore + 2);
        assertThat(channel.pausesNext()).as("a pause that took fewer ends the pausing").isFalse();
        assertThat(listener.destinations).containsExactlyElementsOf(routes(0, 3 * dense - 1));

        // Dense again, then nothing: the pause finds nothing and returns, no wait without timeout.
        addRoutes(3 * dense - 1, 4 * dense - 1);
        assertThat(receiveWithoutTimeout()).isEqualTo(EventChannel.Outcome.RECEIVED);
        assertThat(channel.pausesNext()).isTrue();
        assertThat(receiveWithoutTimeout()).isEqualTo(EventChannel.Outcome.IDLE);
        assertThat(channel.pausesNext()).isFalse();
        assertThat(listener.destinations).containsExactlyElementsOf(routes(0, 4 * dense - 1));
        assertThat(counters.enobufs()).isZero();
    }

    /**
     * A receive that took half the vector or more finds a reader that is late (the stream fills a
     * pause, or the reader was kept from its socket): it does not pause, which would only let the
     * queue grow, but reads again after poll(2), at once for what is queued.
     */
    @Test
    void a_receive_of_half_a_vector_or_more_is_followed_by_a_wait_in_poll_not_a_pause() throws Exception {
        openChannel(8 << 20, NetlinkSocket.RECEIVE_BUFFER_BYTES);
        addRoutes(0, SLOTS / 2 - 1);
        assertThat(receive()).isEqualTo(EventChannel.Outcome.RECEIVED);
        assertThat(channel.pausesNext()).as("just under half the vector: a dense stream the reader keeps up with")
                .isTrue();
        addRoutes(SLOTS / 2 - 1, SLOTS - 1); // half the vector came during the pause
        assertThat(receive()).isEqualTo(EventChannel.Outcome.RECEIVED);

        assertThat(channel.pausesNext()).as("half the vector").isFalse();
        assertThat(listener.destinations).containsExactlyElementsOf(routes(0, SLOTS - 1));
    }

    /**
     * A pause lets the queue grow by what the kernel notifies meanwhile: a reader whose receive
     * buffer is smaller than {@link EventChannel#PAUSE_MIN_BUFFER_BYTES} (the kernel reports twice
     * what was asked) leaves that room to the queue and never pauses.
     */
    @Test
    void a_reader_whose_receive_buffer_is_too_small_for_a_pause_waits_in_poll_also_in_a_dense_stream()
            throws Exception {
        openChannel(EventChannel.PAUSE_MIN_BUFFER_BYTES / 4, NetlinkSocket.RECEIVE_BUFFER_BYTES);
        assertThat(counters.receiveBufferBytes()).isLessThan(EventChannel.PAUSE_MIN_BUFFER_BYTES);
        addRoutes(0, 2 * EventChannel.DENSE_DATAGRAMS);

        assertThat(receive()).isEqualTo(EventChannel.Outcome.RECEIVED);

        assertThat(channel.pausesNext()).isFalse();
        assertThat(listener.destinations).containsExactlyElementsOf(routes(0, 2 * EventChannel.DENSE_DATAGRAMS));
    }

    /**
     * An idle reader blocks in its receive (MSG_WAITFORONE), not in poll(2) then a receive: one
     * system call per wake-up (issue #23). A command or a stop wakes it with a datagram from its
     * wake-up socket, which is neither delivered nor counted as a forged one.
     */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void a_reader_blocked_in_its_receive_is_woken_by_a_wake_datagram_that_is_neither_delivered_nor_counted()
            throws Exception {
        openChannel(8 << 20, NetlinkSocket.RECEIVE_BUFFER_BYTES);
        assertThat(wakeup.byDatagram()).isTrue();
        CompletableFuture<EventChannel.Outcome> outcome = new CompletableFuture<>();
        Thread reader = new Thread(() -> outcome.complete(receiveWithoutTimeout()), "blocked-reader");
        reader.start();
        reader.join(300);
        assertThat(reader.isAlive()).as("blocked in its receive: nothing queued, no timeout").isTrue();

        wakeup.wake();
        reader.join();

        assertThat(outcome.get()).isEqualTo(EventChannel.Outcome.IDLE);
        assertThat(hooks.get()).as("the hooks ran before the wait").isEqualTo(1);
        assertThat(listener.destinations).isEmpty();
        assertThat(counters.droppedNotKernel()).isZero();
        assertThat(counters.packetsReceived()).isZero();
        assertThat(counters.lastReceiveMonotonicNanos()).as("a wake-up is not a receive of the kernel's").isZero();
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void a_reader_blocked_in_its_receive_returns_with_the_first_notification_and_takes_what_came_with_it()
            throws Exception {
        openChannel(8 << 20, NetlinkSocket.RECEIVE_BUFFER_BYTES);
        CompletableFuture<EventChannel.Outcome> outcome = new CompletableFuture<>();
        Thread reader = new Thread(() -> outcome.complete(receiveWithoutTimeout()), "blocked-reader");
        reader.start();

        addRoutes(0, 1);
        reader.join();

        assertThat(outcome.get()).isEqualTo(EventChannel.Outcome.RECEIVED);
        assertThat(listener.destinations).containsExactlyElementsOf(routes(0, 1));
        assertThat(counters.lastReceiveMonotonicNanos()).isPositive();
    }

    @Test
    void wake_datagrams_queued_among_notifications_are_skipped_and_the_notifications_delivered_in_order()
            throws Exception {
        openChannel(8 << 20, NetlinkSocket.RECEIVE_BUFFER_BYTES);
        wakeup.wake();
        addRoutes(0, 2);
        wakeup.wake();
        addRoutes(2, 4);

        assertThat(receive()).isEqualTo(EventChannel.Outcome.RECEIVED);

        assertThat(listener.destinations).containsExactlyElementsOf(routes(0, 4));
        assertThat(counters.droppedNotKernel()).isZero();
        // Only wake-ups queued: nothing received from the kernel.
        wakeup.wake();
        assertThat(receive()).isEqualTo(EventChannel.Outcome.IDLE);
    }

    @Test
    void a_datagram_forged_by_a_user_space_socket_inside_a_vector_is_dropped_and_counted_and_the_rest_delivered_in_order()
            throws Exception {
        openChannel(8 << 20, NetlinkSocket.RECEIVE_BUFFER_BYTES);
        addRoutes(0, 3);
        try (NetlinkSocket forger = NetlinkSocket.open(posix, NetlinkFamily.ROUTE, ns.name(), "forger")) {
            ByteBuffer forged = ByteBuffer.allocateDirect(64).order(ByteOrder.nativeOrder());
            // An rtmsg with no attribute: delivered, it would show as a route to "default".
            int length = NetlinkRequests.writeRequest(forged, 0, RTM_NEWROUTE, 0, 0, new byte[12]);
            forger.send(posix.wrap(forged), length, socket.portId());
        }
        addRoutes(3, 6);

        assertThat(receive()).isEqualTo(EventChannel.Outcome.RECEIVED);

        assertThat(listener.destinations).containsExactlyElementsOf(routes(0, 6));
        assertThat(counters.droppedNotKernel()).isEqualTo(1);
    }

    @Test
    void a_datagram_larger_than_its_slot_loses_events_and_the_others_of_the_vector_are_delivered_in_order()
            throws Exception {
        // A link notification is about 1.5 KB; a /32 route's is under 100 bytes.
        openChannel(8 << 20, 512, RTNLGRP_LINK);
        addRoutes(0, 2);
        ns.ip("link", "add", "d1", "type", "veth", "peer", "name", "d1p");
        addRoutes(2, 4);

        assertThat(receive()).isEqualTo(EventChannel.Outcome.EVENTS_LOST);

        assertThat(listener.destinations).containsExactlyElementsOf(routes(0, 4));
        assertThat(counters.malformed()).isPositive();
    }

    @Test
    void an_overflow_is_reported_before_the_queued_datagrams_which_are_discarded_and_a_later_overflow_is_reported_again()
            throws Exception {
        openChannel(4096, NetlinkSocket.RECEIVE_BUFFER_BYTES); // a few notifications fill it
        addRoutes(0, 500);

        assertThat(receive()).isEqualTo(EventChannel.Outcome.EVENTS_LOST);
        assertThat(counters.enobufs()).isEqualTo(1);
        assertThat(listener.destinations).as("the queued notifications, superseded by the resync").isEmpty();
        assertThat(counters.packetsReceived()).as("but counted").isPositive();
        assertThat(socket.receive(new ReceiveVector(posix, 1, 64 * 1024), NetlinkSocket.MSG_DONTWAIT))
                .as("the queue emptied").isEqualTo(-Errno.EAGAIN);

        // Emptied, the socket is no longer congested: a change is delivered, a new overflow reported.
        addRoutes(500, 501);
        assertThat(receive()).isEqualTo(EventChannel.Outcome.RECEIVED);
        assertThat(listener.destinations).containsExactly(route(500));
        addRoutes(501, 1000);
        assertThat(receive()).isEqualTo(EventChannel.Outcome.EVENTS_LOST);
        assertThat(counters.enobufs()).isEqualTo(2);
    }

    /**
     * The kernel's rule the channel relies on (net/socket.c, do_recvmmsg): an error after some
     * datagrams were received does not lose them; the call returns their count and the error comes
     * with the next call. An invalid iovec in the second entry makes the error where it is wanted.
     */
    @Test
    void recvmmsg_returns_the_datagrams_before_an_error_and_reports_the_error_on_the_next_call() throws Exception {
        assumeTrue(posix.runtime().addressSize() == 8, "the raw mmsghdr below is laid out for 64-bit");
        int fd = NetworkNamespace.socketIn(posix, ns.name(), NetlinkSocket.AF_NETLINK,
                NetlinkSocket.SOCK_RAW | NetlinkSocket.SOCK_CLOEXEC, NetlinkFamily.ROUTE.protocol, "raw");
        opened.add(() -> posix.libc().close(fd));
        ns.ipBatch(List.of("link add d0 type veth peer name d0p", "link set d0 up", "link set d0p up", "addr add 192.0.2.1/24 dev d0"));
        Pointer address = posix.allocate(12); // sockaddr_nl, nl_pid 0: the kernel picks a port
        address.putShort(0, (short) NetlinkSocket.AF_NETLINK);
        // Unbound, the socket would have port 0, the kernel's own, and be skipped as the sender.
        assertThat(posix.libc().bind(fd, address, 12)).isZero();
        Pointer option = posix.allocate(4);
        option.putInt(0, RTNLGRP_IPV4_ROUTE);
        assertThat(posix.libc().setsockopt(fd, NetlinkSocket.SOL_NETLINK, NetlinkSocket.NETLINK_ADD_MEMBERSHIP,
                option, 4)).isZero();
        addRoutes(0, 3);

        // struct mmsghdr (64 bytes): msg_iov at 16, msg_iovlen at 24, msg_len at 56; no sender address.
        Pointer headers = posix.allocate(2 * 64);
        Pointer iovecs = posix.allocate(2 * 16);
        Pointer data = posix.allocate(2 * 4096);
        for (int i = 0; i < 2; i++) {
            headers.putAddress(i * 64L + 16, iovecs.address() + i * 16L);
            headers.putAddress(i * 64L + 24, 1);
            iovecs.putAddress(i * 16L, data.address() + i * 4096L);
            iovecs.putAddress(i * 16L + 8, 4096);
        }
        iovecs.putAddress(16, 0xffff_ffff_ffff_0000L); // a kernel address: EFAULT, nothing received in it

        assertThat(posix.libc().recvmmsg(fd, headers, 2, NetlinkSocket.MSG_DONTWAIT, null))
                .as(() -> "errno " + Errno.name(posix.errno())).isEqualTo(1);
        assertThat(posix.libc().recvmmsg(fd, headers, 2, NetlinkSocket.MSG_DONTWAIT, null)).isEqualTo(-1);
        assertThat(posix.errno()).isEqualTo(Errno.EFAULT);
        // The error reported once; the datagrams after it are still queued.
        iovecs.putAddress(16, data.address() + 4096);
        assertThat(posix.libc().recvmmsg(fd, headers, 2, NetlinkSocket.MSG_DONTWAIT, null)).isEqualTo(2);
        assertThat(posix.libc().recvmmsg(fd, headers, 2, NetlinkSocket.MSG_DONTWAIT, null)).isEqualTo(-1);
        assertThat(posix.errno()).isEqualTo(Errno.EAGAIN);
    }
}
