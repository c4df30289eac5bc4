package org.linuxfpsync.featuresync.testing;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import org.linuxfpsync.netlink.ChannelStats;
import org.linuxfpsync.netlink.DumpRequest;
import org.linuxfpsync.netlink.FollowUp;
import org.linuxfpsync.netlink.NetlinkListener;
import org.linuxfpsync.netlink.NetlinkRequest;
import org.linuxfpsync.netlink.NetlinkService;
import org.linuxfpsync.netlink.ResyncReason;
import org.linuxfpsync.netlink.Subscription;
import org.linuxfpsync.netlink.SubscriptionSpec;
import org.linuxfpsync.netlink.codec.DatagramWalker;
import org.linuxfpsync.netlink.codec.NetlinkFormatException;
import org.linuxfpsync.netlink.codec.NlMessageWriter;
import org.linuxfpsync.netlink.codec.NlMsg;

/**
 * A netlink service whose kernel is what the test says: {@link #state} holds the messages a dump
 * answers (in order, uapi-encoded), {@link #event} delivers a notification. As the real service,
 * each subscriber gets only the message types its spec asks for, dumps are framed by dumpStarted and
 * dumpFinished, and messages reach the listener through the codec's {@link DatagramWalker} over a
 * direct buffer, as a receive buffer holds them. Dumps run at once, on the caller's thread; a dump's
 * follow-up requests are recorded in {@link #requests} and answered by {@link #answer}.
 */
public final class FakeKernel implements NetlinkService {
    /** What a dump answers now. */
    public final List<byte[]> state = new ArrayList<>();
    /**
     * What a dump asked for after the state's ({@link NetlinkListener#followUps}) answers: the
     * messages of one request, none by default.
     */
    public Function<DumpRequest, List<byte[]>> followingState = request -> List.of();
    /** Runs as each dump starts: a kernel changing between two dumps. */
    public Runnable beforeDump = () -> { };
    /** Every follow-up request of a dump ({@link NetlinkListener#followUps}), in order. */
    public final List<NetlinkRequest> requests = new ArrayList<>();
    /** The kernel's answer to a follow-up request (delivered as part of the dump), or null: refused. */
    public Function<NetlinkRequest, byte[]> answer = request -> null;
    private final List<FakeSubscription> subscriptions = new ArrayList<>();
    /**
     * The legacy x_tables tables, by {@code "<nfproto>/<table>"}: the getsockopt replies the kernel gives
     * (netlink's test helper UapiXtables builds them). Read from the x_tables thread: concurrent.
     */
    public final java.util.Map<String, byte[]> xtables = new java.util.concurrent.ConcurrentSkipListMap<>();
    /** Reads of an x_tables table so far. */
    public final java.util.concurrent.atomic.AtomicInteger xtableReads = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public List<String> xtableNames(org.linuxfpsync.netlink.Vrf vrf, int nfproto) {
        List<String> names = new ArrayList<>();
        xtables.keySet().stream().filter(k -> k.startsWith(nfproto + "/")).forEach(k -> names.add(k.substring(
                k.indexOf('/') + 1)));
        return names;
    }

    /** Entries into a namespace to read names files ({@link #xtableNames(org.linuxfpsync.netlink.Vrf, int[])}). */
    public final java.util.concurrent.atomic.AtomicInteger xtableNamesEntries =
            new java.util.concurrent.atomic.AtomicInteger();
    /** The threads that read x_tables names files. */
    public final java.util.Set<String> xtableNamesThreads = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Override
    public List<List<String>> xtableNames(org.linuxfpsync.netlink.Vrf vrf, int[] nfprotos) {
        xtableNamesEntries.incrementAndGet();
        xtableNamesThreads.add(Thread.currentThread().getName());
        List<List<String>> names = new ArrayList<>();
        for (int nfproto : nfprotos) {
            names.add(xtableNames(vrf, nfproto));
        }
        return names;
    }

    @Override
    public byte[] xtable(org.linuxfpsync.netlink.Vrf vrf, int nfproto, String table) {
        xtableReads.incrementAndGet();
        return xtables.get(nfproto + "/" + table);
    }

    /** Builds one uapi-encoded message. */
    public static byte[] message(Consumer<NlMessageWriter> body) {
        NlMessageWriter w = new NlMessageWriter(65536);
        body.accept(w);
        return w.toByteArray();
    }

    @Override
    public Subscription subscribe(SubscriptionSpec spec, NetlinkListener listener) {
        FakeSubscription s = new FakeSubscription(spec, listener);
        subscriptions.add(s);
        s.resync(ResyncReason.INITIAL);
        return s;
    }

    /** Delivers a notification to every open subscription that asked for its type. */
    public void event(byte[] message) {
        for (FakeSubscription s : List.copyOf(subscriptions)) {
            s.deliver(message, false);
        }
    }

    /** Every open subscription dumps again after an overflow: a differential dump. */
    public void overflow() {
        resyncAll(ResyncReason.OVERFLOW);
    }

    /** Every open subscription replays (what a new FPM session or a window's request asks). */
    public void replay() {
        resyncAll(ResyncReason.REQUESTED);
    }

    private void resyncAll(ResyncReason reason) {
        for (FakeSubscription s : List.copyOf(subscriptions)) {
            s.resync(reason);
        }
    }

    public List<SubscriptionSpec> specs() {
        List<SubscriptionSpec> specs = new ArrayList<>();
        subscriptions.forEach(s -> specs.add(s.spec));
        return specs;
    }

    @Override
    public List<ChannelStats> channels() {
        return List.of();
    }

    private final class FakeSubscription implements Subscription {
        private final SubscriptionSpec spec;
        private final NetlinkListener listener;
        private final DatagramWalker walker = new DatagramWalker();

        FakeSubscription(SubscriptionSpec spec, NetlinkListener listener) {
            this.spec = spec;
            this.listener = listener;
        }

        @Override
        public SubscriptionSpec spec() {
            return spec;
        }

        private boolean dumping;
        private ResyncReason pending;

        /** A dump asked for during a dump runs after it, as the reader thread would run it. */
        @Override
        public void resync(ResyncReason reason) {
            if (!subscriptions.contains(this)) {
                return;
            }
            if (dumping) {
                pending = reason;
                return;
            }
            dumping = true;
            try {
                if (!spec.dumps().isEmpty()) {
                    beforeDump.run(); // a subscription that dumps nothing (audit records) is no dump
                }
                listener.dumpStarted(reason);
                for (byte[] m : List.copyOf(state)) {
                    deliver(m, true);
                }
                for (FollowUp followUp : listener.followUps()) {
                    if (followUp instanceof DumpRequest dump) {
                        for (byte[] m : followingState.apply(dump)) {
                            deliver(m, true);
                        }
                    } else if (followUp instanceof NetlinkRequest request) {
                        requests.add(request);
                        byte[] m = answer.apply(request);
                        if (m != null) {
                            deliver(m, true);
                        }
                    }
                }
                listener.dumpFinished(true);
            } finally {
                dumping = false;
            }
            ResyncReason again = pending;
            pending = null;
            if (again != null) {
                resync(again);
            }
        }

        void deliver(byte[] message, boolean fromDump) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(message.length).order(java.nio.ByteOrder.nativeOrder());
            buffer.put(message).flip();
            try {
                walker.reset(buffer, 0, message.length);
                while (walker.next()) {
                    NlMsg msg = walker.message();
                    for (int type : spec.messageTypes()) {
                        if (type == msg.type()) {
                            listener.message(msg, fromDump);
                        }
                    }
                }
            } catch (NetlinkFormatException e) {
                throw new AssertionError("the test built a datagram the codec cannot walk: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            subscriptions.remove(this);
        }
    }
}
