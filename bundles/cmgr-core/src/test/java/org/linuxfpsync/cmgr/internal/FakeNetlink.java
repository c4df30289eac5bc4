package org.linuxfpsync.cmgr.internal;

import java.util.ArrayList;
import java.util.List;

import org.linuxfpsync.netlink.ChannelStats;
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

    /** Runs {@code hook} inside the {@code n}th subscribe call (0 = the first), before it returns. */
    void sessionUpDuringSubscription(int n, Runnable hook) {
        this.hookAt = n;
        this.hook = hook;
    }

    @Override
    public Subscription subscribe(SubscriptionSpec spec, NetlinkListener listener) {
        FakeSubscription s = new FakeSubscription(spec);
        if (subscriptions.size() == hookAt) {
            hook.run();
        }
        subscriptions.add(s);
        return s;
    }

    @Override
    public List<ChannelStats> channels() {
        return List.of();
    }

    static final class FakeSubscription implements Subscription {
        private final SubscriptionSpec spec;
        int resyncs;

        FakeSubscription(SubscriptionSpec spec) {
            this.spec = spec;
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
        }
    }
}
