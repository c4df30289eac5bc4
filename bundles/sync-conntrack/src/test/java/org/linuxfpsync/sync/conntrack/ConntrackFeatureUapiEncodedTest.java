package org.linuxfpsync.sync.conntrack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linuxfpsync.featuresync.PollTimer;
import org.linuxfpsync.featuresync.testing.FakeKernel;
import org.linuxfpsync.featuresync.testing.FeatureBundle;
import org.linuxfpsync.featuresync.testing.RecordingCore;
import org.linuxfpsync.fpc.testing.RecordingFpc;
import org.linuxfpsync.netlink.NetlinkFamily;
import org.linuxfpsync.netlink.ReceiveBufferPolicy;
import org.linuxfpsync.netlink.SubscriptionSpec;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.Nfnetlink;

/**
 * The feature against a kernel whose flows are uapi-encoded ({@link UapiConntrack}: the layout of
 * {@code ctnetlink_fill_info} and {@code ctnetlink_conntrack_event}); the live kernel is ConntrackFeatureIT's.
 */
class ConntrackFeatureUapiEncodedTest {
    private static final int CONFIRMED = Nfnetlink.IPS_CONFIRMED;
    private static final int REPLIED = CONFIRMED | Nfnetlink.IPS_SEEN_REPLY;
    private static final int ASSURED = REPLIED | Nfnetlink.IPS_ASSURED;
    private static final int TCP_ESTABLISHED = 3;
    private static final int TCP_TIME_WAIT = 7;

    private final RecordingFpc fpc = new RecordingFpc();
    private final RecordingCore core = new RecordingCore(fpc);
    private final FakeKernel kernel = new FakeKernel();
    private final AtomicBoolean frameworkStopping = new AtomicBoolean();
    private final AtomicBoolean nat = new AtomicBoolean(true);
    private int events = 1;
    private ConntrackFeature feature = feature("all", true, 2);

    private ConntrackFeature feature(String flows, boolean helperFlows, int refreshSeconds) {
        return new ConntrackFeature(core, kernel, fpc, FeatureBundle.context(frameworkStopping::get), nat::get,
                vrf -> EventsSetting.of(Integer.toString(events)), null, flows, helperFlows, refreshSeconds);
    }

    private static UapiConntrack dns() {
        return UapiConntrack.udp("10.0.0.1", 40000, "10.0.0.2", 53).status(REPLIED).id(1);
    }

    private static UapiConntrack web() {
        return UapiConntrack.tcp("10.0.0.1", 40001, "10.0.0.2", 80).status(ASSURED).timeout(431999)
                .tcpState(TCP_ESTABLISHED, 0x23, 0x33, 7, 9).mark(5).id(2);
    }

    private static UapiConntrack ping() {
        return UapiConntrack.icmp("10.0.0.1", "10.0.0.2", 77).status(REPLIED).id(3);
    }

    /** A DNAT binding: to 192.0.2.1:80, answered by 10.0.0.2:8080. */
    private static UapiConntrack dnat() {
        return UapiConntrack.tcp("10.0.0.1", 40002, "192.0.2.1", 80).reply("10.0.0.2", 8080, "10.0.0.1", 40002)
                .status(ASSURED | Nfnetlink.IPS_DST_NAT | Nfnetlink.IPS_DST_NAT_DONE)
                .tcpState(TCP_ESTABLISHED, 0, 0, 0, 0).id(4);
    }

    private static UapiConntrack v6() {
        byte[] a = new byte[16];
        byte[] b = new byte[16];
        a[0] = (byte) 0xfd;
        a[15] = 1;
        b[0] = (byte) 0xfd;
        b[15] = 2;
        return UapiConntrack.udp6(a, 5000, b, 6000).zone(7).id(5);
    }

    @BeforeEach
    void aUdpATcpAnIcmpAnIpv6FlowInAZoneAndADnatBinding() {
        kernel.state.add(dns().dumped());
        kernel.state.add(web().dumped());
        kernel.state.add(ping().dumped());
        kernel.state.add(v6().dumped());
        kernel.state.add(dnat().dumped());
        core.followed.add(new Vrf(0, ""));
    }

    @Test
    void theSubscriptionJoinsTheThreeConntrackGroupsOnAChannelOfItsOwnWithTheFullBufferAndDumpsEveryFamily() {
        feature.activate();

        SubscriptionSpec spec = kernel.specs().get(0);
        assertThat(spec.family()).isEqualTo(NetlinkFamily.NETFILTER);
        assertThat(spec.channel()).isEqualTo("conntrack");
        assertThat(spec.groups()).containsExactly(Nfnetlink.NFNLGRP_CONNTRACK_NEW, Nfnetlink.NFNLGRP_CONNTRACK_UPDATE,
                Nfnetlink.NFNLGRP_CONNTRACK_DESTROY);
        assertThat(spec.messageTypes()).containsExactly(0x100, 0x102);
        assertThat(spec.dumps()).hasSize(1);
        assertThat(spec.dumps().get(0).messageType()).isEqualTo(0x101); // IPCTNL_MSG_CT_GET
        assertThat(spec.dumps().get(0).payload()).containsExactly(0, 0, 0, 0); // AF_UNSPEC: every family
        // bench/run: a first burst of flows overflowed the buffer while it grew from receiveBufferBytes;
        // its own bound, above the service's 64 MiB: the burst of bench/run overflowed that (docs/conntrack-sync.md)
        assertThat(spec.receiveBuffer()).isEqualTo(new ReceiveBufferPolicy(256 * 1024 * 1024, 256 * 1024 * 1024));
    }

    @Test
    void aStartSendsEveryFlowBetweenTheMarkers() {
        feature.activate();

        assertThat(fpc.lines()).containsExactly(
                "GR_BEGIN conntrack vrf 0",
                DNS,
                WEB,
                PING,
                V6,
                DNAT,
                "GR_END conntrack vrf 0");
        assertThat(feature.syncedObjects()).isEqualTo(5);
    }

    @Test
    void anUpdateOfTheTimeoutAloneSendsNothingAndOneWithoutProtoinfoKeepsTheTcpState() {
        feature.activate();
        fpc.clear();

        kernel.event(web().timeout(100).withoutProtoinfo().updateEvent());
        assertThat(fpc.lines()).isEmpty();

        kernel.event(web().status(ASSURED | Nfnetlink.IPS_OFFLOAD).withoutProtoinfo().updateEvent());
        assertThat(fpc.lines()).containsExactly(WEB.replace("status=14", "status=16398"));

        kernel.event(web().tcpState(TCP_TIME_WAIT, 0x27, 0x37, 7, 9).timeout(120).updateEvent());
        assertThat(fpc.lines()).last().isEqualTo(WEB.replace("tcp_state=3 tcp_flags_orig=35 tcp_flags_reply=51",
                "tcp_state=7 tcp_flags_orig=39 tcp_flags_reply=55").replace("timeout=431999", "timeout=120"));
    }

    @Test
    void aDestroyDeletesTheFlowAndOneOfAFlowNeverSentSendsNothing() {
        feature.activate();
        fpc.clear();

        kernel.event(dns().destroyEvent());
        kernel.event(UapiConntrack.udp("10.9.9.9", 1, "10.9.9.8", 2).destroyEvent());
        kernel.event(ping().destroyEvent());

        assertThat(fpc.lines()).containsExactly(
                "CT_DEL vrfid=0 zone=0 orig={family=2 src=10.0.0.1 dst=10.0.0.2 proto=17 sport=40000 dport=53}",
                "CT_DEL vrfid=0 zone=0 orig={family=2 src=10.0.0.1 dst=10.0.0.2 proto=1 icmp_id=77 icmp_type=8 icmp_code=0}");
        assertThat(feature.syncedObjects()).isEqualTo(3);
    }

    @Test
    void aNewFlowWithAHelperAndLabelsIsSentWithThem() {
        feature.activate();
        fpc.clear();
        byte[] labels = new byte[16];
        labels[0] = 1;

        kernel.event(UapiConntrack.tcp("10.0.0.1", 40100, "10.0.0.2", 21).status(CONFIRMED)
                .tcpState(1, 0x3, 0, 7, 0).helper("ftp").labels(labels).id(9).timeout(120).newEvent());

        assertThat(fpc.lines()).containsExactly("CT_ADD vrfid=0 zone=0 orig={family=2 src=10.0.0.1 dst=10.0.0.2 proto=6"
                + " sport=40100 dport=21} reply={family=2 src=10.0.0.2 dst=10.0.0.1 proto=6 sport=21 dport=40100}"
                + " status=8 id=9 tcp_state=1 tcp_flags_orig=3 tcp_flags_reply=0 tcp_wscale_orig=7"
                + " tcp_wscale_reply=0 helper=ftp labels=01:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00 timeout=120");
    }

    @Test
    void withTheNatRowDisabledBindingsAreNotSentAndItsChangeRefreshesTheTable() {
        nat.set(false);
        feature.activate();
        assertThat(fpc.lines()).doesNotContain(DNAT).contains(DNS);
        fpc.clear();

        kernel.event(dnat().timeout(50).updateEvent());
        assertThat(fpc.lines()).isEmpty();

        nat.set(true);
        feature.tick();
        assertThat(fpc.lines()).containsExactly(DNAT.replace("timeout=30", "timeout=30"));
        assertThat(feature.refreshes(0)).isEqualTo(1);

        fpc.clear();
        nat.set(false);
        feature.tick();
        assertThat(fpc.lines()).containsExactly(
                "CT_DEL vrfid=0 zone=0 orig={family=2 src=10.0.0.1 dst=192.0.2.1 proto=6 sport=40002 dport=80}");
    }

    @Test
    void theAssuredFilterSendsAssuredFlowsOnlyAndWithdrawsAFlowThatLeavesIt() {
        feature = feature("assured", true, 2);
        feature.activate();
        assertThat(fpc.lines()).containsExactly("GR_BEGIN conntrack vrf 0", WEB, DNAT, "GR_END conntrack vrf 0");
        fpc.clear();

        kernel.event(UapiConntrack.udp("10.0.0.1", 40000, "10.0.0.2", 53).status(ASSURED).id(1).updateEvent());
        assertThat(fpc.lines()).containsExactly(DNS.replace("status=10", "status=14"));
    }

    @Test
    void withoutHelperFlowsAFlowThatGetsAHelperIsWithdrawn() {
        feature = feature("ALL", false, 2);
        feature.activate();
        fpc.clear();

        kernel.event(web().helper("ftp").withoutProtoinfo().updateEvent());

        assertThat(fpc.lines()).containsExactly(
                "CT_DEL vrfid=0 zone=0 orig={family=2 src=10.0.0.1 dst=10.0.0.2 proto=6 sport=40001 dport=80}");
    }

    @Test
    void aNewFilterAppliesLiveByARefreshThatSendsTheDifferencesOnly() {
        feature.activate();
        fpc.clear();

        feature.modified(config("assured", true, 2));
        assertThat(fpc.lines()).containsExactly(
                "CT_DEL vrfid=0 zone=0 orig={family=2 src=10.0.0.1 dst=10.0.0.2 proto=17 sport=40000 dport=53}",
                "CT_DEL vrfid=0 zone=0 orig={family=2 src=10.0.0.1 dst=10.0.0.2 proto=1 icmp_id=77 icmp_type=8 icmp_code=0}",
                "CT_DEL vrfid=0 zone=7 orig={family=10 src=fd00:0:0:0:0:0:0:1 dst=fd00:0:0:0:0:0:0:2 proto=17 sport=5000"
                        + " dport=6000}");
        fpc.clear();

        feature.modified(config("established", true, 2));
        assertThat(fpc.lines()).isEmpty();
        assertThat(feature.filter()).isEqualTo(new FlowFilter(FlowFilter.Scope.ASSURED, true));

        feature.modified(config("all", true, 2));
        assertThat(fpc.lines()).containsExactly(DNS, PING, V6);
    }

    private static ConntrackConfig config(String flows, boolean helperFlows, int refreshSeconds) {
        return config(flows, helperFlows, refreshSeconds, ConntrackFeature.DEFAULT_RECEIVE_BUFFER_MAX_BYTES);
    }

    private static ConntrackConfig config(String flows, boolean helperFlows, int refreshSeconds, int bufferBytes) {
        return new ConntrackConfig() {
            @Override
            public Class<? extends java.lang.annotation.Annotation> annotationType() {
                return ConntrackConfig.class;
            }

            @Override
            public String flows() {
                return flows;
            }

            @Override
            public boolean helperFlows() {
                return helperFlows;
            }

            @Override
            public int refreshSeconds() {
                return refreshSeconds;
            }

            @Override
            public int receiveBufferMaxBytes() {
                return bufferBytes;
            }
        };
    }

    @Test
    void theChannelsBufferBoundIsConfigurableAndAnImpossibleOneRefused() {
        ConntrackFeature f = feature("all", true, 2);
        assertThat(f.receiveBuffer()).isEqualTo(
                ReceiveBufferPolicy.fullFromStart(ConntrackFeature.DEFAULT_RECEIVE_BUFFER_MAX_BYTES));
        f.modified(config("all", true, 2, 512 * 1024 * 1024));
        assertThat(f.receiveBuffer()).isEqualTo(new ReceiveBufferPolicy(512 * 1024 * 1024, 512 * 1024 * 1024));
        assertThat(ConntrackFeature.subscription(new Vrf(3, "x"), f.receiveBuffer()).receiveBuffer().maxBytes())
                .isEqualTo(512 * 1024 * 1024);
        // above the kernel's cap of SO_RCVBUFFORCE (INT_MAX / 2): refused, the bound kept
        f.modified(config("all", true, 2, Integer.MAX_VALUE));
        assertThat(f.receiveBuffer().maxBytes()).isEqualTo(512 * 1024 * 1024);
        f.modified(config("all", true, 2, 1000));
        assertThat(f.receiveBuffer().maxBytes()).isEqualTo(512 * 1024 * 1024);
    }

    @Test
    void anInvalidFilterIsRefusedWithOneLineAndChangesNothing() {
        assertThat(FlowFilter.parse("confirmed", true).scope()).isEqualTo(FlowFilter.Scope.CONFIRMED);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FlowFilter.parse("established", true))
                .hasMessage("flows = 'established' is not one of all, confirmed, assured");

        ConntrackFeature f = feature("established", true, 2);
        assertThat(f.filter()).isEqualTo(FlowFilter.DEFAULT);
        ConntrackFeature negative = feature("assured", true, -1);
        assertThat(negative.filter()).isEqualTo(FlowFilter.DEFAULT);
    }

    @Test
    void withEventsAt2ThePeriodicRefreshDeletesWhatTheKernelDeletedSilentlyAndResendsOnlyWhatChanged() {
        events = 2;
        feature.activate();
        assertThat(feature.kernelSettings()).containsEntry("vrf 0 net.netfilter.nf_conntrack_events",
                "2: flows older than the listener notify neither change nor deletion; kept right by a dump with"
                + " sweep every 2 s while any may remain");
        fpc.clear();
        // the UDP flow expired without a DESTROY; the TCP one closed without an UPDATE; every timeout moved
        kernel.state.set(0, ping().timeout(3).dumped());
        kernel.state.set(1, web().tcpState(TCP_TIME_WAIT, 0x27, 0x37, 7, 9).timeout(100).dumped());
        kernel.state.remove(2);

        feature.tick();
        assertThat(fpc.lines()).isEmpty();
        feature.tick();

        assertThat(fpc.lines()).containsExactly(
                WEB.replace("tcp_state=3 tcp_flags_orig=35 tcp_flags_reply=51",
                        "tcp_state=7 tcp_flags_orig=39 tcp_flags_reply=55").replace("timeout=431999", "timeout=100"),
                "CT_DEL vrfid=0 zone=0 orig={family=2 src=10.0.0.1 dst=10.0.0.2 proto=17 sport=40000 dport=53}");
        assertThat(feature.syncedObjects()).isEqualTo(4);
    }

    @Test
    void withEventsAt2TheRefreshStopsOnceEveryFlowFromBeforeTheListenerHasNotifiedOrGone() {
        events = 2;
        feature.activate();
        // the first refresh runs whatever the flows (one being confirmed while the listener subscribed)
        tickUntilRefreshes(1);
        // every flow of the first dump may lack events until an event proves otherwise
        tickUntilRefreshes(2);
        kernel.event(dns().timeout(20).updateEvent());
        kernel.event(web().timeout(20).updateEvent());
        kernel.event(ping().timeout(20).updateEvent());
        kernel.event(dnat().timeout(20).updateEvent());
        tickUntilRefreshes(3);
        // the IPv6 flow never notified: it is deleted silently, and the refresh finds it gone
        kernel.state.remove(3);
        fpc.clear();
        tickUntilRefreshes(4);
        assertThat(fpc.lines()).containsExactly(
                "CT_DEL vrfid=0 zone=7 orig={family=10 src=fd00:0:0:0:0:0:0:1 dst=fd00:0:0:0:0:0:0:2 proto=17"
                + " sport=5000 dport=6000}");

        // every flow held has notified: no flow may lack events, no refresh any more
        tick(10);
        assertThat(feature.refreshes(0)).isEqualTo(4);
        // a flow made since notifies its end
        kernel.event(UapiConntrack.udp("10.0.0.9", 1000, "10.0.0.2", 53).id(9).newEvent());
        assertThat(feature.syncedObjects()).isEqualTo(5);
    }

    /** The setting is read again: set to 0 after the refresh stopped, it makes the refresh run again. */
    @Test
    void withEventsAt2ThenSetTo0WhileRunningTheRefreshResumes() {
        events = 2;
        kernel.state.clear();
        feature.activate();
        tick(10);
        assertThat(feature.refreshes(0)).isEqualTo(1);

        events = 0; // new flows will not notify at all
        tick(ConntrackVrfSync.SETTING_CHECK_SECONDS);
        assertThat(feature.refreshes(0)).as("a refresh on the change").isGreaterThanOrEqualTo(2);
        assertThat(feature.kernelSettings()).containsEntry("vrf 0 net.netfilter.nf_conntrack_events",
                "0: no flow notifies; the fast path follows the flows by dumps only, kept right by a dump with sweep"
                + " every 2 s");
        long before = feature.refreshes(0);
        tick(4);
        assertThat(feature.refreshes(0)).as("periodic again").isGreaterThan(before);
    }

    @Test
    void withEventsAt2AndNoFlowBeforeTheListenerOneRefreshRunsThenNone() {
        events = 2;
        kernel.state.clear();
        feature.activate();

        tick(10);

        assertThat(feature.refreshes(0)).isEqualTo(1);
    }

    @Test
    void withEventsAt2AFlowTheFilterRefusedKeepsTheRefreshGoing() {
        events = 2;
        feature = feature("assured", true, 2);
        kernel.state.clear();
        kernel.state.add(dns().dumped()); // not assured: refused, so never known to notify
        feature.activate();

        tick(10);

        assertThat(feature.refreshes(0)).isEqualTo(5);
        // it became assured without an event: a refresh sends it
        assertThat(fpc.lines()).doesNotContain(DNS);
        kernel.state.set(0, dns().status(ASSURED).dumped());
        tickUntilRefreshes(6);
        assertThat(fpc.lines()).contains(DNS.replace("status=10", "status=14"));
    }

    @Test
    void withEventsAt0TheRefreshRunsEvenWithoutAFlow() {
        events = 0;
        kernel.state.clear();
        feature.activate();

        tick(10);

        assertThat(feature.refreshes(0)).isEqualTo(5);
    }

    /** {@code times} seconds of the feature's timer. */
    private void tick(int times) {
        for (int i = 0; i < times; i++) {
            feature.tick();
        }
    }

    /** Ticks until the vrf has run {@code n} refreshes (2 s each); fails after 10 ticks. */
    private void tickUntilRefreshes(long n) {
        for (int i = 0; i < 10 && feature.refreshes(0) < n; i++) {
            feature.tick();
        }
        assertThat(feature.refreshes(0)).isEqualTo(n);
    }

    @Test
    void withEventsAt1NoPeriodicRefreshRuns() {
        feature.activate();
        assertThat(feature.kernelSettings()).containsEntry("vrf 0 net.netfilter.nf_conntrack_events",
                "1: every flow notifies its changes and deletion");
        fpc.clear();
        kernel.state.remove(0);

        tick(5);

        assertThat(fpc.lines()).isEmpty();
        assertThat(feature.refreshes(0)).isZero();
    }

    @Test
    void anOverflowDeletesWhatTheDumpLacksWithoutReplayingTheTable() {
        feature.activate();
        fpc.clear();
        kernel.state.remove(4);
        kernel.state.remove(0);

        kernel.overflow();

        // The FPM still has what was sent: only the flows gone leave, without a replay's markers.
        assertThat(fpc.lines()).containsExactly(
                "CT_DEL vrfid=0 zone=0 orig={family=2 src=10.0.0.1 dst=192.0.2.1 proto=6 sport=40002 dport=80}",
                "CT_DEL vrfid=0 zone=0 orig={family=2 src=10.0.0.1 dst=10.0.0.2 proto=17 sport=40000 dport=53}");
        assertThat(feature.syncedObjects()).isEqualTo(3);
    }

    @Test
    void malformedFlowsAreCountedAndSkipped() {
        feature.activate();
        fpc.clear();

        kernel.event(dns().withoutOriginalAddresses().newEvent());
        kernel.event(dns().labels(new byte[20]).newEvent());
        kernel.event(FakeKernel.message(w -> w.beginMessage(0x100, 0, 0, 0).u8(2).u8(0).be16(0)
                .attrBe16(Nfnetlink.CTA_STATUS, 1).endMessage()));

        assertThat(fpc.lines()).isEmpty();
        assertThat(feature.malformed()).isEqualTo(3);
        assertThat(feature.syncedObjects()).isEqualTo(5);
    }

    @Test
    void oneTimerTaskChecksEveryVrfAndTheLastVrfGoneCancelsIt() {
        core.followed.add(new Vrf(1, ""));
        PollTimer timer = new PollTimer("conntrack-test");
        ConntrackFeature both = new ConntrackFeature(core, kernel, fpc, FeatureBundle.context(frameworkStopping::get),
                nat::get, vrf -> EventsSetting.of(Integer.toString(events)), timer, "all", true, 2);
        both.activate();
        assertThat(both.refreshes(0)).isNotNegative();
        assertThat(both.refreshes(1)).as("both vrfs synced").isNotNegative();
        assertThat(timer.periodicTasks()).as("one once-a-second task for the two vrfs (one per vrf before)")
                .isEqualTo(1);

        both.deactivate();
        assertThat(timer.periodicTasks()).as("no vrf left: the task cancelled").isZero();
    }

    @Test
    void stoppingFlushesTheFlowsAndAStopOfTheCacheManagerKeepsThem() {
        feature.activate();
        fpc.clear();
        feature.deactivate();
        assertThat(fpc.lines()).containsExactly("FLUSH conntrack vrf 0");
        assertThat(feature.kernelSettings()).isEmpty();

        ConntrackFeature again = feature("all", true, 2);
        again.activate();
        fpc.clear();
        frameworkStopping.set(true);
        again.deactivate();
        assertThat(fpc.lines()).containsExactly("KEEP conntrack vrf 0");
    }

    private static final String DNS = "CT_ADD vrfid=0 zone=0 orig={family=2 src=10.0.0.1 dst=10.0.0.2 proto=17"
            + " sport=40000 dport=53} reply={family=2 src=10.0.0.2 dst=10.0.0.1 proto=17 sport=53 dport=40000}"
            + " status=10 id=1 timeout=30";
    private static final String WEB = "CT_ADD vrfid=0 zone=0 orig={family=2 src=10.0.0.1 dst=10.0.0.2 proto=6"
            + " sport=40001 dport=80} reply={family=2 src=10.0.0.2 dst=10.0.0.1 proto=6 sport=80 dport=40001}"
            + " status=14 mark=5 id=2 tcp_state=3 tcp_flags_orig=35 tcp_flags_reply=51 tcp_wscale_orig=7"
            + " tcp_wscale_reply=9 timeout=431999";
    private static final String PING = "CT_ADD vrfid=0 zone=0 orig={family=2 src=10.0.0.1 dst=10.0.0.2 proto=1"
            + " icmp_id=77 icmp_type=8 icmp_code=0} reply={family=2 src=10.0.0.2 dst=10.0.0.1 proto=1 icmp_id=77"
            + " icmp_type=0 icmp_code=0} status=10 id=3 timeout=30";
    private static final String V6 = "CT_ADD vrfid=0 zone=7 orig={family=10 src=fd00:0:0:0:0:0:0:1"
            + " dst=fd00:0:0:0:0:0:0:2 proto=17 sport=5000 dport=6000} reply={family=10 src=fd00:0:0:0:0:0:0:2"
            + " dst=fd00:0:0:0:0:0:0:1 proto=17 sport=6000 dport=5000} status=8 id=5 timeout=30";
    private static final String DNAT = "CT_ADD vrfid=0 zone=0 orig={family=2 src=10.0.0.1 dst=192.0.2.1 proto=6"
            + " sport=40002 dport=80} reply={family=2 src=10.0.0.2 dst=10.0.0.1 proto=6 sport=8080 dport=40002}"
            + " status=302 id=4 tcp_state=3 tcp_flags_orig=0 tcp_flags_reply=0 tcp_wscale_orig=0"
            + " tcp_wscale_reply=0 timeout=30";
}
