package org.linuxfpsync.cmgr.internal;

import java.util.ArrayList;
import java.util.List;

import org.linuxfpsync.netlink.ChannelStats;
import org.linuxfpsync.netlink.NetlinkException;
import org.linuxfpsync.netlink.NetlinkListener;
import org.linuxfpsync.netlink.NetlinkService;
import org.linuxfpsync.netlink.ResyncReason;
import org.linuxfpsync.netlink.Subscription;
import org.linuxfpsync.netlink.SubscriptionSpec;

/** Subscriptions that dump nothing and count the resyncs asked of them. */
final class FakeNetlink implements NetlinkService {
    final List<FakeSubscription> subscriptions = new ArrayList<>();
    private int hookAt = -1;
    private Runnable hook;
    /** The listener class whose subscriptions' initial dump fails when awaited, or null. */
    Class<?> failingInitialDump;

    /** Runs {@code hook} inside the {@code n}th subscribe call (0 = the first), before it returns. */
    void sessionUpDuringSubscription(int n, Runnable hook) {
        this.hookAt = n;
        this.hook = hook;
    }

    @Override
    public Subscription subscribe(SubscriptionSpec spec, NetlinkListener listener) throws NetlinkException {
        FakeSubscription s = subscribeWithoutWaiting(spec, listener);
        s.awaitInitialDump();
        return s;
    }

    @Override
    public FakeSubscription subscribeWithoutWaiting(SubscriptionSpec spec, NetlinkListener listener) {
        FakeSubscription s = new FakeSubscription(spec, listener, listener.getClass() == failingInitialDump);
        if (subscriptions.size() == hookAt) {
            hook.run();
        }
        subscriptions.add(s);
        return s;
    }

    /** The subscriptions made for listeners of {@code type}, in order. */
    List<FakeSubscription> of(Class<?> type) {
        return subscriptions.stream().filter(s -> s.listener.getClass() == type).toList();
    }

    @Override
    public List<ChannelStats> channels() {
        return List.of();
    }

    static final class FakeSubscription implements Subscription {
        private final SubscriptionSpec spec;
        final NetlinkListener listener;
        private final boolean initialDumpFails;
        int resyncs;
        /** Whether someone waited for the initial dump (subscribe, or awaitInitialDump). */
        boolean initialDumpAwaited;
        boolean closed;

        FakeSubscription(SubscriptionSpec spec, NetlinkListener listener, boolean initialDumpFails) {
            this.spec = spec;
            this.listener = listener;
            this.initialDumpFails = initialDumpFails;
        }

        @Override
        public void awaitInitialDump() throws NetlinkException {
            initialDumpAwaited = true;
            if (initialDumpFails) {
                closed = true;
                throw new NetlinkException("initial dump failed (test)");
            }
        }

        @Override
        public SubscriptionSpec spec() {
            return spec;
        }

        @Override
        public void resync(ResyncReason reason) {
            resyncs++;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
