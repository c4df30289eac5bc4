package org.linuxfpsync.netlink.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.linuxfpsync.netlink.NetlinkFamily;
import org.linuxfpsync.netlink.NetlinkListener;
import org.linuxfpsync.netlink.ReceiveBufferPolicy;
import org.linuxfpsync.netlink.ResyncReason;
import org.linuxfpsync.netlink.SubscriptionSpec;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.Nfnetlink;
import org.linuxfpsync.netlink.codec.NlMsg;

/**
 * A channel whose subscription asks for the full buffer from the start (conntrack: a first burst of
 * flows overflowed the growing buffer in bench/run) opens its listening socket at its own bound;
 * another channel of the same family and namespace still starts at {@code receiveBufferBytes}. The
 * kernel reports twice what SO_RCVBUFFORCE asked.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FullBufferFromStartLiveTest extends NamespaceLiveTest {
    private static final int INITIAL = 64 * 1024;
    private static final int MAX = 1024 * 1024;

    /** The channels' sizes are the subject: what they deliver is not. */
    private static final NetlinkListener IGNORE = new NetlinkListener() {
        @Override
        public void dumpStarted(ResyncReason reason) {
        }

        @Override
        public void message(NlMsg message, boolean fromDump) {
        }

        @Override
        public void dumpFinished(boolean complete) {
        }
    };

    private static SubscriptionSpec conntrackNew(Vrf vrf) {
        return new SubscriptionSpec(NetlinkFamily.NETFILTER, vrf, new int[] {Nfnetlink.NFNLGRP_CONNTRACK_NEW},
                new int[0], List.of(), "conntrack");
    }

    private static SubscriptionSpec nftables(Vrf vrf) {
        return new SubscriptionSpec(NetlinkFamily.NETFILTER, vrf, new int[] {Nfnetlink.NFNLGRP_NFTABLES},
                new int[0], List.of(), "nftables");
    }

    @Test
    void the_channel_that_asks_for_it_starts_at_the_bound_the_others_at_the_initial_size() throws Exception {
        startService(Map.of("receiveBufferBytes", INITIAL, "receiveBufferMaxBytes", MAX));
        Vrf vrf = new Vrf(6, ns.name());
        SubscriptionSpec conntrack = conntrackNew(vrf).withReceiveBuffer(ReceiveBufferPolicy.fullFromStart(MAX));
        SubscriptionSpec nftables = nftables(vrf);
        assertThat(conntrack.onChannel("conntrack").receiveBuffer()).isEqualTo(ReceiveBufferPolicy.fullFromStart(MAX));
        service.subscribe(conntrack, IGNORE);
        service.subscribe(nftables, IGNORE);

        assertThat(channel("netlink-netfilter-conntrack-listen-6").receiveBufferBytes()).isEqualTo(2 * MAX);
        assertThat(channel("netlink-netfilter-nftables-listen-6").receiveBufferBytes()).isEqualTo(2 * INITIAL);
    }

    @Test
    void a_channel_with_its_own_bound_starts_there_and_reports_it_as_its_maximum() throws Exception {
        startService(Map.of("receiveBufferBytes", INITIAL, "receiveBufferMaxBytes", MAX));
        Vrf vrf = new Vrf(7, ns.name());
        int own = 4 * MAX;
        SubscriptionSpec conntrack = conntrackNew(vrf).withReceiveBuffer(ReceiveBufferPolicy.fullFromStart(own));
        SubscriptionSpec nftables = nftables(vrf).withReceiveBuffer(new ReceiveBufferPolicy(0, MAX / 2));
        service.subscribe(conntrack, IGNORE);
        service.subscribe(nftables, IGNORE);

        assertThat(channel("netlink-netfilter-conntrack-listen-7").receiveBufferBytes()).isEqualTo(2 * own);
        assertThat(channel("netlink-netfilter-conntrack-listen-7").receiveBufferMaxBytes()).isEqualTo(own);
        // its own bound, the service's start
        assertThat(channel("netlink-netfilter-nftables-listen-7").receiveBufferBytes()).isEqualTo(2 * INITIAL);
        assertThat(channel("netlink-netfilter-nftables-listen-7").receiveBufferMaxBytes()).isEqualTo(MAX / 2);
    }
}
