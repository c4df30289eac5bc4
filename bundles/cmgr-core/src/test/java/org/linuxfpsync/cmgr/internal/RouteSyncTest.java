package org.linuxfpsync.cmgr.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linuxfpsync.cmgr.internal.L3Messages.ip;
import static org.linuxfpsync.cmgr.internal.L3Messages.msg;
import static org.linuxfpsync.cmgr.internal.L3Messages.route;
import static org.linuxfpsync.cmgr.internal.L3Messages.rtmsg;
import static org.linuxfpsync.netlink.codec.Rtnetlink.*;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.linuxfpsync.cmgr.Ifuid;
import org.linuxfpsync.fpc.codec.RouteAttr;
import org.linuxfpsync.fpc.testing.RecordingFpc;
import org.linuxfpsync.netlink.ResyncReason;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.NlMessageWriter;
import org.linuxfpsync.netlink.codec.NlMsg;

/** Route sync fed with RTM_NEWROUTE/RTM_DELROUTE bytes laid out as linux/rtnetlink.h defines them. */
class RouteSyncTest {
    private static final int VRF = 2;

    private final RecordingFpc fpc = new RecordingFpc(RecordingFpc.Format.COMPACT);
    private final AtomicInteger redumps = new AtomicInteger();
    private final AtomicInteger replays = new AtomicInteger();
    /** The devices whose routes a sync asked to dump, in order. */
    private final List<Integer> deviceDumps = new ArrayList<>();
    private final RouteSync v4 = sync(AF_INET);
    private final RouteSync v6 = sync(AF_INET6);

    private RouteSync sync(int family) {
        RouteSync s = new RouteSync(new Vrf(VRF, "blue"), family, fpc, redumps::incrementAndGet, replays::incrementAndGet,
                deviceDumps::add);
        s.joinWindow(new ReplayWindow(RouteAttr.FAMILY_ROUTES, VRF, fpc).join("test", () -> { }));
        return s;
    }

    /** A dump of {@code sync} for {@code reason} that reports {@code routes}, completed. */
    private static void dump(RouteSync sync, ResyncReason reason, NlMsg... routes) {
        sync.dumpStarted(reason);
        for (NlMsg route : routes) {
            sync.message(route, true);
        }
        sync.dumpFinished(true);
    }

    /**
     * An initial dump of 10.9.0.0/16 and 10.8.0.0/16 by 10.1.0.2 on link 3 and 10.7.0.0/24 by 10.2.0.2
     * on link 4; what it sent is cleared.
     */
    private void threeIpv4RoutesSyncedOnLinks3And4() throws Exception {
        dump(v4, ResyncReason.INITIAL,
                route(RTM_NEWROUTE, "10.9.0.0", 16, "10.1.0.2", 3),
                route(RTM_NEWROUTE, "10.8.0.0", 16, "10.1.0.2", 3),
                route(RTM_NEWROUTE, "10.7.0.0", 24, "10.2.0.2", 4));
        fpc.clear();
    }

    @Test
    void aDumpIsAReplayBetweenTheRoutesMarkersOfTheVrf() throws Exception {
        dump(v4, ResyncReason.INITIAL, route(RTM_NEWROUTE, "10.9.0.0", 16, "10.1.0.2", 3));

        assertThat(fpc.lines()).containsExactly("GR_BEGIN family=3 vrfid=2",
                "ROUTE_ADD vrfid=2 table=254 family=2 dst=10.9.0.0 prefixlen=16 type=1 protocol=4 scope=0 "
                        + "nexthop={gateway=10.1.0.2 ifuid=" + ifuid(3) + "} oif_ifuid=" + ifuid(3),
                "GR_END family=3 vrfid=2");
        assertThat(v4.size()).isEqualTo(1);
    }

    @Test
    void aReplayThatOpensTheWindowLeavesWhatWentToTheSweepOfGrEnd() throws Exception {
        dump(v4, ResyncReason.INITIAL, route(RTM_NEWROUTE, "10.9.0.0", 16, "10.1.0.2", 3));
        fpc.clear();

        dump(v4, ResyncReason.REQUESTED);

        assertThat(fpc.lines()).containsExactly("GR_BEGIN family=3 vrfid=2", "GR_END family=3 vrfid=2");
        assertThat(v4.size()).isZero();
    }

    /**
     * The enobufs fault: IPv4 and IPv6 routes share the window of the vrf's routes. IPv4's replay
     * opened it and sent every route, IPv6's had not run yet; deletions were lost to an overflow and
     * IPv4 replayed again in the same window (an overflow's dump is now differential; a replay asked
     * meanwhile still joins). GR_END keeps what was sent since GR_BEGIN: that second replay deletes
     * what it no longer finds itself.
     */
    /**
     * At startup the IPv6 sync starts once the IPv4 one has sent its initial dump, whose window has
     * closed: the IPv6 routes' first dump sends them without a window of its own, which would make
     * the IPv4 routes (a million maybe) dump again.
     */
    @Test
    void theFirstDumpOfALateMemberDoesNotReplayTheRoutesOfTheOtherFamily() throws Exception {
        ReplayWindow window = new ReplayWindow(RouteAttr.FAMILY_ROUTES, VRF, fpc);
        List<String> asked = new ArrayList<>();
        RouteSync four = new RouteSync(new Vrf(VRF, "blue"), AF_INET, fpc, redumps::incrementAndGet,
                replays::incrementAndGet, deviceDumps::add);
        four.joinWindow(window.join("IPv4 routes", () -> asked.add("IPv4 routes")));
        dump(four, ResyncReason.INITIAL, route(RTM_NEWROUTE, "20.0.137.134", 32, "10.0.0.2", 3));
        assertThat(fpc.lines().get(fpc.lines().size() - 1)).isEqualTo("GR_END family=3 vrfid=2");
        fpc.clear();

        RouteSync six = new RouteSync(new Vrf(VRF, "blue"), AF_INET6, fpc, redumps::incrementAndGet,
                replays::incrementAndGet, deviceDumps::add);
        six.joinWindow(window.join("IPv6 routes", () -> asked.add("IPv6 routes")));
        dump(six, ResyncReason.INITIAL, route(RTM_NEWROUTE, "2001:db8::1", 128, "2001:db8:1::2", 3));

        assertThat(asked).as("dumps asked of the members").isEmpty();
        assertThat(fpc.lines()).hasSize(1);
        assertThat(fpc.lines().get(0)).startsWith("ROUTE_ADD vrfid=2 table=254 family=10 dst=2001:db8:0:0:0:0:0:1 ");
        assertThat(four.size() + six.size()).isEqualTo(2);
        assertThat(redumps).hasValue(0);
        assertThat(replays).hasValue(0);
    }

    @Test
    void aReplayJoiningAnOpenWindowDeletesWhatItSentSinceGrBeginAndNoLongerFinds() throws Exception {
        ReplayWindow window = new ReplayWindow(RouteAttr.FAMILY_ROUTES, VRF, fpc);
        RouteSync four = new RouteSync(new Vrf(VRF, "blue"), AF_INET, fpc, redumps::incrementAndGet,
                replays::incrementAndGet, deviceDumps::add);
        RouteSync six = new RouteSync(new Vrf(VRF, "blue"), AF_INET6, fpc, redumps::incrementAndGet,
                replays::incrementAndGet, deviceDumps::add);
        four.joinWindow(window.join("IPv4 routes", () -> { }));
        six.joinWindow(window.join("IPv6 routes", () -> { }));

        dump(four, ResyncReason.INITIAL,
                route(RTM_NEWROUTE, "20.0.137.134", 32, "10.0.0.2", 3),
                route(RTM_NEWROUTE, "20.0.137.135", 32, "11.0.0.2", 4));
        four.message(route(RTM_NEWROUTE, "20.0.137.136", 32, "10.0.0.2", 3), false); // notified, after GR_BEGIN too
        fpc.clear();

        // 20.0.137.134 and .136 deleted, their notifications lost: the second replay does not report them.
        dump(four, ResyncReason.REQUESTED, route(RTM_NEWROUTE, "20.0.137.135", 32, "11.0.0.2", 4));
        dump(six, ResyncReason.REQUESTED);

        List<String> lines = fpc.lines();
        assertThat(lines.get(0)).startsWith("ROUTE_ADD vrfid=2 table=254 family=2 dst=20.0.137.135 ");
        assertThat(lines.subList(1, lines.size() - 1)).containsExactlyInAnyOrder(
                "ROUTE_DEL vrfid=2 table=254 family=2 dst=20.0.137.134 prefixlen=32 oif_ifuid=" + ifuid(3),
                "ROUTE_DEL vrfid=2 table=254 family=2 dst=20.0.137.136 prefixlen=32 oif_ifuid=" + ifuid(3));
        assertThat(lines.get(lines.size() - 1)).isEqualTo("GR_END family=3 vrfid=2");
        assertThat(four.size()).isEqualTo(1);
        assertThat(window.isOpen()).isFalse();
    }

    @Test
    void aMultipathRouteKeepsItsWeightsFlagsAndOrderAndItsMtuAndPreferredSource() throws Exception {
        NlMessageWriter w = rtmsg(RTM_NEWROUTE, AF_INET, 24, 100, RTPROT_BGP, RT_SCOPE_UNIVERSE, RTN_UNICAST, 0)
                .attrBytes(RTA_DST, ip("10.20.30.0")).attrU32(RTA_PRIORITY, 20).attrBytes(RTA_PREFSRC, ip("10.1.0.1"))
                .beginNest(RTA_METRICS).attrU32(RTAX_MTU, 1400).endNest()
                .beginNest(RTA_MULTIPATH)
                .beginNexthop(0, 0, 3).attrBytes(RTA_GATEWAY, ip("10.1.0.2")).endNexthop()
                .beginNexthop(RTNH_F_DEAD | RTNH_F_LINKDOWN, 2, 4).attrBytes(RTA_GATEWAY, ip("10.2.0.2")).endNexthop()
                .endNest();
        v4.message(msg(w), false);

        assertThat(fpc.lines()).containsExactly("ROUTE_ADD vrfid=2 table=100 family=2 dst=10.20.30.0 prefixlen=24 "
                + "priority=20 type=1 protocol=186 scope=0 prefsrc=10.1.0.1 mtu=1400 "
                + "nexthop={gateway=10.1.0.2 ifuid=" + ifuid(3) + " weight=1} "
                + "nexthop={gateway=10.2.0.2 ifuid=" + ifuid(4) + " weight=3 flags=17}");
    }

    @Test
    void routesWithoutNextHopAndLocalRoutesKeepTheirTypeAndScope() throws Exception {
        v4.message(msg(rtmsg(RTM_NEWROUTE, AF_INET, 16, RT_TABLE_MAIN, RTPROT_BOOT, RT_SCOPE_UNIVERSE, RTN_BLACKHOLE, 0)
                .attrBytes(RTA_DST, ip("10.66.0.0"))), false);
        v4.message(msg(rtmsg(RTM_NEWROUTE, AF_INET, 32, RT_TABLE_LOCAL, RTPROT_KERNEL, RT_SCOPE_HOST, RTN_LOCAL, 0)
                .attrBytes(RTA_DST, ip("10.1.0.1")).attrBytes(RTA_PREFSRC, ip("10.1.0.1")).attrU32(RTA_OIF, 3)), false);

        assertThat(fpc.lines()).containsExactly(
                "ROUTE_ADD vrfid=2 table=254 family=2 dst=10.66.0.0 prefixlen=16 type=6 protocol=3 scope=0",
                "ROUTE_ADD vrfid=2 table=255 family=2 dst=10.1.0.1 prefixlen=32 type=2 protocol=2 scope=254 "
                        + "prefsrc=10.1.0.1 nexthop={ifuid=" + ifuid(3) + "} oif_ifuid=" + ifuid(3));
    }

    @Test
    void theLinkdownFlagOfASinglePathRouteComesFromRtmFlags() throws Exception {
        v4.message(msg(rtmsg(RTM_NEWROUTE, AF_INET, 24, RT_TABLE_MAIN, RTPROT_KERNEL, RT_SCOPE_LINK, RTN_UNICAST,
                RTNH_F_LINKDOWN).attrBytes(RTA_DST, ip("10.2.0.0")).attrU32(RTA_OIF, 4)), false);

        assertThat(fpc.lines()).singleElement().asString()
                .endsWith("nexthop={ifuid=" + ifuid(4) + " flags=16} oif_ifuid=" + ifuid(4));
    }

    @Test
    void aDeletionSendsTheKeyOnly() throws Exception {
        v6.message(route(RTM_NEWROUTE, "2001:db8:9::", 64, "2001:db8:1::2", 3), false);
        v6.message(route(RTM_DELROUTE, "2001:db8:9::", 64, "2001:db8:1::2", 3), false);

        assertThat(fpc.lines().get(1)).isEqualTo(
                "ROUTE_DEL vrfid=2 table=254 family=10 dst=2001:db8:9:0:0:0:0:0 prefixlen=64 priority=1024 oif_ifuid="
                        + ifuid(3));
        assertThat(v6.size()).isZero();
    }

    @Test
    void deletingOneNextHopOfAnIpv6MultipathRouteDeletesNothingAndAsksForADump() throws Exception {
        NlMessageWriter w = rtmsg(RTM_NEWROUTE, AF_INET6, 64, RT_TABLE_MAIN, RTPROT_BOOT, RT_SCOPE_UNIVERSE,
                RTN_UNICAST, 0).attrBytes(RTA_DST, ip("2001:db8:9::")).attrU32(RTA_PRIORITY, 1024)
                .beginNest(RTA_MULTIPATH)
                .beginNexthop(0, 0, 3).attrBytes(RTA_GATEWAY, ip("2001:db8:1::2")).endNexthop()
                .beginNexthop(0, 0, 4).attrBytes(RTA_GATEWAY, ip("2001:db8:2::2")).endNexthop()
                .endNest();
        v6.message(msg(w), false);
        fpc.clear();

        // The kernel notifies the sibling it removed as a single-path route, and nothing about the rest.
        v6.message(route(RTM_DELROUTE, "2001:db8:9::", 64, "2001:db8:1::2", 3), false);
        assertThat(fpc.lines()).isEmpty();
        assertThat(redumps).hasValue(1);
        assertThat(v6.size()).isEqualTo(1);

        // The route left is single-path: deleting it deletes that key; the dump asked for sweeps the rest.
        v6.message(route(RTM_DELROUTE, "2001:db8:9::", 64, "2001:db8:2::2", 4), false);
        assertThat(fpc.lines()).singleElement().asString().startsWith("ROUTE_DEL").endsWith("oif_ifuid=" + ifuid(4));
        dump(v6, ResyncReason.REQUESTED);
        assertThat(v6.size()).isZero();
    }

    @Test
    void aRefreshSendsWhatChangedAndDeletesWhatWentOutsideAnyReplayWindow() throws Exception {
        threeIpv4RoutesSyncedOnLinks3And4();

        // Link 4 went: the kernel flushed 10.7.0.0/24 silently and 10.8.0.0/16 now leaves by another gateway.
        dump(v4, ResyncReason.REFRESH,
                route(RTM_NEWROUTE, "10.9.0.0", 16, "10.1.0.2", 3),
                route(RTM_NEWROUTE, "10.8.0.0", 16, "10.1.0.3", 3));

        assertThat(fpc.lines()).containsExactly(
                "ROUTE_ADD vrfid=2 table=254 family=2 dst=10.8.0.0 prefixlen=16 type=1 protocol=4 scope=0 "
                        + "nexthop={gateway=10.1.0.3 ifuid=" + ifuid(3) + "} oif_ifuid=" + ifuid(3),
                "ROUTE_DEL vrfid=2 table=254 family=2 dst=10.7.0.0 prefixlen=24 oif_ifuid=" + ifuid(4));
        assertThat(v4.size()).isEqualTo(2);
        assertThat(replays).hasValue(0);
    }

    /**
     * Issue #22: with nexthop_compat_mode 1 a failover re-notifies a million routes, which overflows
     * the socket; the overflow's dump compares with what the FPM has instead of replaying it all.
     */
    @Test
    void anOverflowSendsOnlyTheRoutesThatChangedAndDeletesThoseThatWentWithoutMarkers() throws Exception {
        threeIpv4RoutesSyncedOnLinks3And4();

        dump(v4, ResyncReason.OVERFLOW,
                route(RTM_NEWROUTE, "10.9.0.0", 16, "10.1.0.2", 3),
                route(RTM_NEWROUTE, "10.8.0.0", 16, "10.1.0.3", 3),
                route(RTM_NEWROUTE, "10.6.0.0", 16, "10.1.0.3", 3));

        assertThat(fpc.lines()).containsExactly(
                "ROUTE_ADD vrfid=2 table=254 family=2 dst=10.8.0.0 prefixlen=16 type=1 protocol=4 scope=0 "
                        + "nexthop={gateway=10.1.0.3 ifuid=" + ifuid(3) + "} oif_ifuid=" + ifuid(3),
                "ROUTE_ADD vrfid=2 table=254 family=2 dst=10.6.0.0 prefixlen=16 type=1 protocol=4 scope=0 "
                        + "nexthop={gateway=10.1.0.3 ifuid=" + ifuid(3) + "} oif_ifuid=" + ifuid(3),
                "ROUTE_DEL vrfid=2 table=254 family=2 dst=10.7.0.0 prefixlen=24 oif_ifuid=" + ifuid(4));
        assertThat(v4.size()).isEqualTo(3);
        assertThat(replays).hasValue(0);
    }

    /**
     * {@code ip route replace} through another interface is notified as the new route only; lost, a
     * dump reports the key by its new interface: the FPM's route under the old one goes at once
     * (it used to take a replay of the whole table).
     */
    @Test
    void aRouteReplacedThroughAnotherInterfaceWithItsNotificationLostIsDeletedUnderTheOldOne() throws Exception {
        v4.message(route(RTM_NEWROUTE, "10.9.0.0", 16, "10.1.0.2", 3), false);
        fpc.clear();

        dump(v4, ResyncReason.REFRESH, route(RTM_NEWROUTE, "10.9.0.0", 16, "10.2.0.2", 4));

        assertThat(fpc.lines()).containsExactly(
                "ROUTE_DEL vrfid=2 table=254 family=2 dst=10.9.0.0 prefixlen=16 oif_ifuid=" + ifuid(3),
                "ROUTE_ADD vrfid=2 table=254 family=2 dst=10.9.0.0 prefixlen=16 type=1 protocol=4 scope=0 "
                        + "nexthop={gateway=10.2.0.2 ifuid=" + ifuid(4) + "} oif_ifuid=" + ifuid(4));
        assertThat(replays).hasValue(0);

        // Both routes are the kernel's after all (two links, one subnet): the second report sends the first back.
        fpc.clear();
        dump(v4, ResyncReason.REFRESH,
                route(RTM_NEWROUTE, "10.9.0.0", 16, "10.2.0.2", 4),
                route(RTM_NEWROUTE, "10.9.0.0", 16, "10.1.0.2", 3));
        assertThat(fpc.lines()).containsExactly(
                "ROUTE_ADD vrfid=2 table=254 family=2 dst=10.9.0.0 prefixlen=16 type=1 protocol=4 scope=0 "
                        + "nexthop={gateway=10.1.0.2 ifuid=" + ifuid(3) + "} oif_ifuid=" + ifuid(3));
        assertThat(replays).hasValue(0);
    }

    @Test
    void aRefreshSendsNothingForRoutesNotifiedAsTheyAre() throws Exception {
        v4.message(route(RTM_NEWROUTE, "10.9.0.1", 32, "10.0.0.2", 3), false);
        v6.message(route(RTM_NEWROUTE, "2001:db8:9:8::", 64, "2001:db8::2", 3), false);
        fpc.clear();

        dump(v4, ResyncReason.REFRESH, route(RTM_NEWROUTE, "10.9.0.1", 32, "10.0.0.2", 3));
        dump(v6, ResyncReason.REFRESH, route(RTM_NEWROUTE, "2001:db8:9:8::", 64, "2001:db8::2", 3));

        assertThat(fpc.lines()).isEmpty();
        assertThat(replays).hasValue(0);
    }

    @Test
    void anIpv6RouteSweptByARefreshIsDeletedByItsWholeKey() throws Exception {
        dump(v6, ResyncReason.INITIAL, route(RTM_NEWROUTE, "2001:db8:9:8::", 64, "2001:db8:1::2", 3));
        fpc.clear();

        dump(v6, ResyncReason.REFRESH);

        assertThat(fpc.lines()).containsExactly("ROUTE_DEL vrfid=2 table=254 family=10 dst=2001:db8:9:8:0:0:0:0 "
                + "prefixlen=64 priority=1024 oif_ifuid=" + ifuid(3));
        assertThat(v6.size()).isZero();
    }

    @Test
    void anInterruptedRefreshDeletesNothing() throws Exception {
        v4.message(route(RTM_NEWROUTE, "10.9.0.0", 16, "10.1.0.2", 3), false);
        fpc.clear();

        v4.dumpStarted(ResyncReason.REFRESH);
        v4.dumpFinished(false);

        assertThat(fpc.lines()).isEmpty();
    }

    @Test
    void aRefreshThatSweepsAKeyOfSeveralKernelRoutesDeletesEachByItsInterface() throws Exception {
        // Two prefix routes of one subnet on two links share a key: the FPM tells them apart by interface.
        dump(v4, ResyncReason.INITIAL,
                route(RTM_NEWROUTE, "10.1.0.0", 24, null, 3),
                route(RTM_NEWROUTE, "10.1.0.0", 24, null, 4));
        fpc.clear();

        dump(v4, ResyncReason.REFRESH);

        assertThat(fpc.lines()).containsExactlyInAnyOrder(
                "ROUTE_DEL vrfid=2 table=254 family=2 dst=10.1.0.0 prefixlen=24 oif_ifuid=" + ifuid(3),
                "ROUTE_DEL vrfid=2 table=254 family=2 dst=10.1.0.0 prefixlen=24 oif_ifuid=" + ifuid(4));
        assertThat(replays).hasValue(0);
    }

    @Test
    void aRefreshThatFindsOneOfSeveralRoutesOfAKeyGoneDeletesThatOne() throws Exception {
        // Notified this time: fe80::/64 on three links, say.
        v6.message(route(RTM_NEWROUTE, "fe80::", 64, null, 3), false);
        v6.message(route(RTM_NEWROUTE, "fe80::", 64, null, 4), false);
        v6.message(route(RTM_NEWROUTE, "fe80::", 64, null, 5), false);
        fpc.clear();

        // Link 4 went with its route, silently; the others keep the key alive.
        dump(v6, ResyncReason.REFRESH,
                route(RTM_NEWROUTE, "fe80::", 64, null, 3),
                route(RTM_NEWROUTE, "fe80::", 64, null, 5));

        assertThat(fpc.lines()).filteredOn(l -> l.startsWith("ROUTE_DEL")).containsExactly(
                "ROUTE_DEL vrfid=2 table=254 family=10 dst=fe80:0:0:0:0:0:0:0 prefixlen=64 priority=1024 oif_ifuid="
                        + ifuid(4));
        assertThat(replays).hasValue(0);

        // Then link 3's goes too: only 5's is left, a single route under the key.
        fpc.clear();
        dump(v6, ResyncReason.REFRESH, route(RTM_NEWROUTE, "fe80::", 64, null, 5));
        assertThat(fpc.lines()).filteredOn(l -> l.startsWith("ROUTE_DEL")).containsExactly(
                "ROUTE_DEL vrfid=2 table=254 family=10 dst=fe80:0:0:0:0:0:0:0 prefixlen=64 priority=1024 oif_ifuid="
                        + ifuid(3));
        assertThat(v6.size()).isEqualTo(1);
    }

    /**
     * fe80::/64 of every IPv6 link is one key: a differential dump compares each of its routes with
     * what the FPM got for that one (the key set's hash is one route's), so an overflow under many
     * links sends none of them again, and only the one that changed when one did.
     */
    @Test
    void anOverflowSendsNoRouteOfASharedKeyUnlessItChanged() throws Exception {
        v6.dumpStarted(ResyncReason.INITIAL);
        for (int link = 3; link <= 5; link++) {
            v6.message(route(RTM_NEWROUTE, "fe80::", 64, null, link), true);
        }
        v6.dumpFinished(true);
        v6.message(route(RTM_NEWROUTE, "fe80::", 64, null, 6), false);
        fpc.clear();

        v6.dumpStarted(ResyncReason.OVERFLOW);
        for (int link = 3; link <= 6; link++) {
            v6.message(route(RTM_NEWROUTE, "fe80::", 64, null, link), true);
        }
        v6.dumpFinished(true);
        assertThat(fpc.lines()).isEmpty();

        // Link 4's route now goes through a gateway; link 5's went with its notification lost.
        dump(v6, ResyncReason.OVERFLOW,
                route(RTM_NEWROUTE, "fe80::", 64, null, 3),
                route(RTM_NEWROUTE, "fe80::", 64, "fe80::9", 4),
                route(RTM_NEWROUTE, "fe80::", 64, null, 6));
        assertThat(fpc.lines()).hasSize(2);
        assertThat(fpc.lines().get(0)).startsWith("ROUTE_ADD vrfid=2 table=254 family=10 dst=fe80:0:0:0:0:0:0:0 ")
                .contains("gateway=fe80:0:0:0:0:0:0:9").endsWith("oif_ifuid=" + ifuid(4));
        assertThat(fpc.lines().get(1)).isEqualTo(
                "ROUTE_DEL vrfid=2 table=254 family=10 dst=fe80:0:0:0:0:0:0:0 prefixlen=64 priority=1024 oif_ifuid="
                        + ifuid(5));
        assertThat(replays).hasValue(0);
    }

    @Test
    void aRouteOfASharedKeyDeletedByNotificationIsNotDeletedAgainByARefresh() throws Exception {
        v4.message(route(RTM_NEWROUTE, "10.1.0.0", 24, null, 3), false);
        v4.message(route(RTM_NEWROUTE, "10.1.0.0", 24, null, 4), false);
        v4.message(route(RTM_DELROUTE, "10.1.0.0", 24, null, 4), false);
        fpc.clear();

        dump(v4, ResyncReason.REFRESH, route(RTM_NEWROUTE, "10.1.0.0", 24, null, 3));

        assertThat(fpc.lines()).noneMatch(l -> l.startsWith("ROUTE_DEL"));
    }

    @Test
    void theLinkLocalRouteOfAnIpv6LinkThatGoesIsDeletedWithoutARefreshUnlessAMultipathRouteSharesItsKey()
            throws Exception {
        v6.message(route(RTM_NEWROUTE, "fe80::", 64, null, 3), false);
        v6.message(route(RTM_NEWROUTE, "fe80::", 64, null, 4), false);
        fpc.clear();

        v6.message(route(RTM_DELROUTE, "fe80::", 64, null, 4), false);
        assertThat(fpc.lines()).singleElement().asString().startsWith("ROUTE_DEL").endsWith("oif_ifuid=" + ifuid(4));
        assertThat(redumps).as("fe80::/64 of one link: no refresh").hasValue(0);

        // A multipath route under a key of single-path ones: a single-path deletion may be one of its siblings.
        v6.message(route(RTM_NEWROUTE, "2001:db8:9::", 64, "2001:db8:1::2", 5), false);
        v6.message(multipath6(RTM_NEWROUTE), false);
        v6.message(route(RTM_DELROUTE, "2001:db8:9::", 64, "2001:db8:1::2", 3), false);
        assertThat(redumps).hasValue(1);
    }

    @Test
    void aReplayAfterARefreshStillSendsEveryRoute() throws Exception {
        v4.message(route(RTM_NEWROUTE, "10.9.0.0", 16, "10.1.0.2", 3), false);
        dump(v4, ResyncReason.REFRESH, route(RTM_NEWROUTE, "10.9.0.0", 16, "10.1.0.2", 3));
        fpc.clear();

        dump(v4, ResyncReason.REQUESTED, route(RTM_NEWROUTE, "10.9.0.0", 16, "10.1.0.2", 3));

        assertThat(fpc.lines()).hasSize(3).first().isEqualTo("GR_BEGIN family=3 vrfid=2");
    }

    @Test
    void routesThatDifferByTheirInterfaceOnlyAreDifferentRoutes() throws Exception {
        // The kernel appends the prefix route of a second address of the same subnet on another link.
        v4.message(route(RTM_NEWROUTE, "10.1.0.0", 24, null, 3), false);
        v4.message(route(RTM_NEWROUTE, "10.1.0.0", 24, null, 4), false);
        v4.message(route(RTM_DELROUTE, "10.1.0.0", 24, null, 3), false);

        assertThat(fpc.lines().get(0)).endsWith("oif_ifuid=" + ifuid(3));
        assertThat(fpc.lines().get(1)).endsWith("oif_ifuid=" + ifuid(4));
        assertThat(fpc.lines().get(2)).startsWith("ROUTE_DEL").endsWith("oif_ifuid=" + ifuid(3));
        assertThat(fpc.lines()).hasSize(3);
    }

    @Test
    void aRouteReplacedByOneThroughAnotherInterfaceLeavesNoRouteBehind() throws Exception {
        v4.message(route(RTM_NEWROUTE, "10.9.0.0", 16, "10.1.0.2", 3), false);
        NlMsg replaced = route(RTM_NEWROUTE, "10.9.0.0", 16, "10.2.0.2", 4);
        replaced.buffer().putShort(replaced.offset() + 6, (short) (NLM_F_REPLACE | NLM_F_CREATE));
        v4.message(replaced, false);

        assertThat(fpc.lines()).hasSize(3);
        assertThat(fpc.lines().get(1)).isEqualTo(
                "ROUTE_DEL vrfid=2 table=254 family=2 dst=10.9.0.0 prefixlen=16 oif_ifuid=" + ifuid(3));
        assertThat(fpc.lines().get(2)).startsWith("ROUTE_ADD").endsWith("oif_ifuid=" + ifuid(4));
        assertThat(v4.size()).isEqualTo(1);
    }

    @Test
    void anIpv6RouteThatBecomesMultipathByAnAppendIsDumpedAgainAndItsSinglePathKeyForgotten() throws Exception {
        v6.message(route(RTM_NEWROUTE, "2001:db8:9::", 64, "2001:db8:1::2", 3), false);
        // ip -6 route append: the kernel notifies the whole multipath route, not the single one's end.
        NlMsg appended = multipath6(RTM_NEWROUTE);
        appended.buffer().putShort(appended.offset() + 6, (short) (NLM_F_CREATE | NLM_F_APPEND));
        v6.message(appended, false);
        assertThat(fpc.lines().get(1)).startsWith("ROUTE_ADD").doesNotContain("oif_ifuid");
        assertThat(redumps).hasValue(1);

        // The dump asked for has the multipath route only: the single-path key is forgotten (and swept).
        v6.dumpStarted(ResyncReason.REQUESTED);
        v6.message(multipath6(RTM_NEWROUTE), true);
        v6.dumpFinished(true);
        assertThat(v6.size()).isEqualTo(1);
    }

    @Test
    void aRejectRouteAndAMultipathRouteWithTheSameKeyAreBothKeptWhateverTheDumpOrder() throws Exception {
        NlMsg reject = msg(rtmsg(RTM_NEWROUTE, AF_INET6, 64, 100, RTPROT_BOOT, RT_SCOPE_UNIVERSE, RTN_UNREACHABLE, 0)
                .attrBytes(RTA_DST, ip("2001:db8:9::")).attrU32(RTA_PRIORITY, 1024).attrU32(RTA_OIF, 1));
        NlMsg multipath = msg(rtmsg(RTM_NEWROUTE, AF_INET6, 64, 100, RTPROT_BOOT, RT_SCOPE_UNIVERSE, RTN_UNICAST, 0)
                .attrBytes(RTA_DST, ip("2001:db8:9::")).attrU32(RTA_PRIORITY, 1024)
                .beginNest(RTA_MULTIPATH)
                .beginNexthop(0, 0, 4).attrBytes(RTA_GATEWAY, ip("2001:db8:2::2")).endNexthop()
                .beginNexthop(0, 0, 3).attrBytes(RTA_GATEWAY, ip("2001:db8:1::2")).endNexthop()
                .endNest());
        for (NlMsg[] order : new NlMsg[][] {{reject, multipath}, {multipath, reject}}) {
            fpc.clear();
            v6.dumpStarted(ResyncReason.REQUESTED);
            v6.message(order[0], true);
            v6.message(order[1], true);
            v6.dumpFinished(true);
            assertThat(fpc.lines()).noneMatch(line -> line.startsWith("ROUTE_DEL"));
        }
        // One of them goes: which one the single-path deletion was, a dump tells.
        v6.message(msg(rtmsg(RTM_DELROUTE, AF_INET6, 64, 100, RTPROT_BOOT, RT_SCOPE_UNIVERSE, RTN_UNICAST, 0)
                .attrBytes(RTA_DST, ip("2001:db8:9::")).attrU32(RTA_PRIORITY, 1024)
                .attrBytes(RTA_GATEWAY, ip("2001:db8:1::2")).attrU32(RTA_OIF, 3)), false);
        assertThat(redumps).hasValue(1);
    }

    @Test
    void anIpv6AppendIsFollowedByADumpForTheRouteAsTheKernelDumpsIt() throws Exception {
        NlMsg appended = msg(rtmsg(RTM_NEWROUTE, AF_INET6, 64, RT_TABLE_MAIN, RTPROT_BOOT, RT_SCOPE_UNIVERSE,
                RTN_UNICAST, 0).attrBytes(RTA_DST, ip("2001:db8:9::")).attrU32(RTA_PRIORITY, 1024)
                .beginNest(RTA_MULTIPATH)
                .beginNexthop(0, 0, 4).attrBytes(RTA_GATEWAY, ip("2001:db8:2::2")).endNexthop()
                .beginNexthop(0, 0, 3).attrBytes(RTA_GATEWAY, ip("2001:db8:1::2")).endNexthop()
                .endNest());
        appended.buffer().putShort(appended.offset() + 6, (short) (NLM_F_CREATE | NLM_F_APPEND));
        v6.message(appended, false);

        assertThat(fpc.lines()).singleElement().asString().startsWith("ROUTE_ADD");
        assertThat(redumps).hasValue(1);
    }

    @Test
    void aLinkChangeNoRouteDependsOnCostsNothingWhateverTheTable() throws Exception {
        v4.dumpStarted(ResyncReason.INITIAL);
        links.heard(v4, link(RTM_NEWLINK, 3, UP_RUNNING, 1500));
        links.heard(v4, link(RTM_NEWLINK, 4, UP_RUNNING, 1500));
        links.heard(v4, link(RTM_NEWLINK, 9, UP_RUNNING, 1500));
        for (int i = 0; i < 1000; i++) {
            v4.message(route(RTM_NEWROUTE, "10." + (i >> 8) + "." + (i & 0xff) + ".0", 24, "10.1.0.2", 3), true);
        }
        v4.dumpFinished(true);
        fpc.clear();

        links.heard(v4, link(RTM_NEWLINK, 9, IFF_UP, 1500));
        links.heard(v4, link(RTM_NEWLINK, 9, 0, 1400));
        links.heard(v4, link(RTM_DELLINK, 9, 0, 1400));
        links.heard(v4, link(RTM_NEWLINK, 4, 0, 1500));
        v4.message(address(RTM_DELADDR, AF_INET, "10.4.0.1", 4), false);

        assertThat(redumps).as("refreshes").hasValue(0);
        assertThat(deviceDumps).as("dumps by device").isEmpty();
        assertThat(fpc.lines()).isEmpty();
    }

    @Test
    void aLinkChangeSomeRoutesDependOnDumpsThatDeviceOnly() throws Exception {
        v4.dumpStarted(ResyncReason.INITIAL);
        links.heard(v4, link(RTM_NEWLINK, 3, UP_RUNNING, 1500));
        links.heard(v4, link(RTM_NEWLINK, 4, UP_RUNNING, 1500));
        v4.message(route(RTM_NEWROUTE, "10.9.0.0", 16, "10.1.0.2", 3), true);
        v4.message(route(RTM_NEWROUTE, "10.7.0.0", 16, "10.2.0.2", 4), true);
        v4.message(route(RTM_NEWROUTE, "10.6.0.0", 16, "10.2.0.2", 4), true);
        v4.dumpFinished(true);

        links.heard(v4, link(RTM_NEWLINK, 3, UP_RUNNING | IFF_PROMISC, 1500));
        assertThat(deviceDumps).as("promisc: routes unchanged").isEmpty();
        links.heard(v4, link(RTM_NEWLINK, 3, IFF_UP, 1500));
        assertThat(deviceDumps).as("carrier lost").containsExactly(3);
        links.heard(v4, link(RTM_NEWLINK, 3, IFF_UP, 1400));
        assertThat(deviceDumps).as("MTU").containsExactly(3, 3);
        links.heard(v4, link(RTM_NEWLINK, 3, 0, 1400));
        assertThat(deviceDumps).as("down").containsExactly(3, 3, 3);
        v4.message(address(RTM_DELADDR, AF_INET6, "2001:db8::1", 3), false);
        assertThat(deviceDumps).as("an address of the other family").hasSize(3);
        v4.message(address(RTM_DELADDR, AF_INET, "10.1.0.1", 3), false);
        assertThat(deviceDumps).as("an address of the device deleted (the last one flushes its routes)").hasSize(4);
        assertThat(redumps).hasValue(0);
    }

    @Test
    void aDumpByDeviceDeletesWhatItDoesNotReportAndSendsOnlyWhatChanged() throws Exception {
        v4.dumpStarted(ResyncReason.INITIAL);
        v4.message(route(RTM_NEWROUTE, "10.9.0.0", 16, "10.1.0.2", 3), true);
        v4.message(route(RTM_NEWROUTE, "10.8.0.0", 16, "10.1.0.2", 3), true);
        v4.message(route(RTM_NEWROUTE, "10.7.0.0", 16, "10.2.0.2", 4), true);
        v4.message(multipath(RTM_NEWROUTE), true);
        v4.dumpFinished(true);
        fpc.clear();

        // Link 3 lost its carrier: the kernel flushed nothing here but marked the multipath route's next hop.
        v4.filteredDumpStarted(RouteSync.dumpByDevice(AF_INET, 3));
        v4.message(route(RTM_NEWROUTE, "10.9.0.0", 16, "10.1.0.2", 3), true);
        v4.message(route(RTM_NEWROUTE, "10.8.0.0", 16, "10.1.0.2", 3), true);
        v4.message(multipathWithFlags(RTNH_F_LINKDOWN), true);
        v4.filteredDumpFinished(RouteSync.dumpByDevice(AF_INET, 3), true, true);
        assertThat(fpc.lines()).singleElement().asString().startsWith("ROUTE_ADD vrfid=2 table=100").contains("flags=16");

        // Then down: the kernel flushed 10.8.0.0/16 and the multipath route (its other next hop dead too).
        fpc.clear();
        v4.filteredDumpStarted(RouteSync.dumpByDevice(AF_INET, 3));
        v4.message(route(RTM_NEWROUTE, "10.9.0.0", 16, "10.1.0.2", 3), true);
        v4.filteredDumpFinished(RouteSync.dumpByDevice(AF_INET, 3), true, true);
        assertThat(fpc.lines()).containsExactlyInAnyOrder(
                "ROUTE_DEL vrfid=2 table=254 family=2 dst=10.8.0.0 prefixlen=16 oif_ifuid=" + ifuid(3),
                "ROUTE_DEL vrfid=2 table=100 family=2 dst=10.20.30.0 prefixlen=24 priority=20");
        assertThat(v4.size()).isEqualTo(2);
        assertThat(redumps).hasValue(0);
    }

    @Test
    void aDumpByDeviceThatFailsOrCannotBePlacedFallsBackToARefresh() throws Exception {
        v4.message(route(RTM_NEWROUTE, "10.9.0.0", 16, "10.1.0.2", 3), false);
        fpc.clear();

        v4.filteredDumpStarted(RouteSync.dumpByDevice(AF_INET, 3));
        v4.filteredDumpFinished(RouteSync.dumpByDevice(AF_INET, 3), false, false);
        assertThat(redumps).as("the device went meanwhile (ENODEV)").hasValue(1);
        assertThat(fpc.lines()).as("nothing concluded from an incomplete dump").isEmpty();

        // The key is known through device 3; the dump of device 4 reports it through 4.
        v4.filteredDumpStarted(RouteSync.dumpByDevice(AF_INET, 4));
        v4.message(route(RTM_NEWROUTE, "10.9.0.0", 16, "10.2.0.2", 4), true);
        v4.filteredDumpFinished(RouteSync.dumpByDevice(AF_INET, 4), true, true);
        assertThat(redumps).as("a route under a key known by another interface").hasValue(2);
        assertThat(fpc.lines()).isEmpty();
    }

    @Test
    void aKernelThatDoesNotFilterDumpsByDeviceGetsRefreshesFromThenOn() throws Exception {
        links.heard(v4, link(RTM_NEWLINK, 3, UP_RUNNING, 1500));
        v4.message(route(RTM_NEWROUTE, "10.9.0.0", 16, "10.1.0.2", 3), false);
        v4.message(route(RTM_NEWROUTE, "10.7.0.0", 16, "10.2.0.2", 4), false);
        fpc.clear();

        // No NLM_F_DUMP_FILTERED: the whole table came; still compared exactly.
        v4.filteredDumpStarted(RouteSync.dumpByDevice(AF_INET, 3));
        v4.message(route(RTM_NEWROUTE, "10.9.0.0", 16, "10.1.0.2", 3), true);
        v4.message(route(RTM_NEWROUTE, "10.7.0.0", 16, "10.2.0.2", 4), true);
        v4.filteredDumpFinished(RouteSync.dumpByDevice(AF_INET, 3), true, false);
        assertThat(fpc.lines()).isEmpty();

        links.heard(v4, link(RTM_NEWLINK, 3, IFF_UP, 1500));
        assertThat(deviceDumps).isEmpty();
        assertThat(redumps).hasValue(1);
    }

    @Test
    void aLinkGoneDeletesItsRoutesAsTheKernelDidWithoutADump() throws Exception {
        links.heard(v4, link(RTM_NEWLINK, 3, UP_RUNNING, 1500));
        links.heard(v4, link(RTM_NEWLINK, 4, UP_RUNNING, 1500));
        v4.message(route(RTM_NEWROUTE, "10.9.0.0", 16, "10.1.0.2", 3), false);
        v4.message(route(RTM_NEWROUTE, "10.7.0.0", 16, "10.2.0.2", 4), false);
        v4.message(multipath(RTM_NEWROUTE), false);
        fpc.clear();

        // IPv4 flushes every route with a next hop through a device unregistered, multipath ones whole.
        links.heard(v4, link(RTM_DELLINK, 4, UP_RUNNING, 1500));
        assertThat(fpc.lines()).containsExactlyInAnyOrder(
                "ROUTE_DEL vrfid=2 table=254 family=2 dst=10.7.0.0 prefixlen=16 oif_ifuid=" + ifuid(4),
                "ROUTE_DEL vrfid=2 table=100 family=2 dst=10.20.30.0 prefixlen=24 priority=20");
        assertThat(v4.size()).isEqualTo(1);
        assertThat(redumps).hasValue(0);
        assertThat(deviceDumps).isEmpty();

        // The index followed: link 4 again, then gone again, has nothing left to delete.
        fpc.clear();
        links.heard(v4, link(RTM_NEWLINK, 4, UP_RUNNING, 1500));
        links.heard(v4, link(RTM_DELLINK, 4, UP_RUNNING, 1500));
        assertThat(fpc.lines()).isEmpty();
    }

    @Test
    void aLinkDeletedWhileUpIsNotifiedDownFirstItsDumpThenFailsWithoutARefresh() throws Exception {
        links.heard(v4, link(RTM_NEWLINK, 4, UP_RUNNING, 1500));
        v4.message(route(RTM_NEWROUTE, "10.7.0.0", 16, "10.2.0.2", 4), false);
        v4.message(route(RTM_NEWROUTE, "10.8.0.0", 16, "10.1.0.2", 3), false);
        fpc.clear();

        // ip link del: dev_close notifies the link down, then it goes.
        links.heard(v4, link(RTM_NEWLINK, 4, 0, 1500));
        links.heard(v4, link(RTM_DELLINK, 4, 0, 1500));
        assertThat(deviceDumps).containsExactly(4);
        assertThat(fpc.lines()).singleElement().asString().startsWith("ROUTE_DEL");

        // The dump asked for by the first runs after the second: ENODEV.
        v4.filteredDumpStarted(RouteSync.dumpByDevice(AF_INET, 4));
        v4.filteredDumpFinished(RouteSync.dumpByDevice(AF_INET, 4), false, false);
        assertThat(redumps).hasValue(0);
        assertThat(v4.size()).isEqualTo(1);
        assertThat(v4.deletedDevicesHeld()).as("forgotten once its dump finished").isZero();
    }

    @Test
    void linksChurnedWithoutADumpByDeviceLeaveNothingHeld() throws Exception {
        v4.message(route(RTM_NEWROUTE, "10.8.0.0", 16, "10.1.0.2", 3), false);
        fpc.clear();

        // Links no route goes through, added and deleted (while up: notified down first) with no full dump between.
        for (int ifindex = 100; ifindex < 1100; ifindex++) {
            links.heard(v4, link(RTM_NEWLINK, ifindex, UP_RUNNING, 1500));
            links.heard(v4, link(RTM_NEWLINK, ifindex, 0, 1500));
            links.heard(v4, link(RTM_DELLINK, ifindex, 0, 1500));
        }
        assertThat(deviceDumps).isEmpty();
        assertThat(v4.deletedDevicesHeld()).isZero();
        assertThat(fpc.lines()).isEmpty();
        assertThat(redumps).hasValue(0);
    }

    @Test
    void theIndexFollowsWhatAFullDumpSweeps() throws Exception {
        links.heard(v4, link(RTM_NEWLINK, 9, UP_RUNNING, 1500));
        v4.message(route(RTM_NEWROUTE, "10.9.0.0", 16, "10.1.0.2", 3), false);
        v4.message(route(RTM_NEWROUTE, "10.8.0.0", 16, "10.1.0.2", 3), false);
        v4.message(route(RTM_NEWROUTE, "10.7.0.0", 16, "10.9.0.2", 9), false);
        v4.message(multipath(RTM_NEWROUTE), false);

        // A replay that no longer reports the routes through 9 (nor the multipath route through 4).
        dump(v4, ResyncReason.REQUESTED,
                route(RTM_NEWROUTE, "10.9.0.0", 16, "10.1.0.2", 3),
                route(RTM_NEWROUTE, "10.8.0.0", 16, "10.1.0.2", 3));

        links.heard(v4, link(RTM_NEWLINK, 9, IFF_UP, 1500));
        links.heard(v4, link(RTM_NEWLINK, 4, UP_RUNNING, 1500));
        links.heard(v4, link(RTM_NEWLINK, 4, IFF_UP, 1500));
        assertThat(deviceDumps).isEmpty();
        assertThat(redumps).hasValue(0);
    }

    @Test
    void aChangeOfTheLinkMostRoutesGoThroughIsARefreshNotAListOfThem() throws Exception {
        links.heard(v4, link(RTM_NEWLINK, 3, UP_RUNNING, 1500));
        v4.message(route(RTM_NEWROUTE, "10.9.0.0", 16, "10.1.0.2", 3), false);
        v4.message(route(RTM_NEWROUTE, "10.8.0.0", 16, "10.1.0.2", 3), false);
        v4.message(route(RTM_NEWROUTE, "10.7.0.0", 16, "10.2.0.2", 4), false);

        links.heard(v4, link(RTM_NEWLINK, 3, IFF_UP, 1500));
        assertThat(deviceDumps).isEmpty();
        assertThat(redumps).hasValue(1);
    }

    @Test
    void anIpv6MultipathRouteThroughALinkGoneIsRefreshedItsOtherSiblingsStay() throws Exception {
        links.heard(v6, link(RTM_NEWLINK, 3, UP_RUNNING, 1500));
        v6.message(multipath6(RTM_NEWROUTE), false);
        fpc.clear();

        links.heard(v6, link(RTM_DELLINK, 3, UP_RUNNING, 1500));
        assertThat(fpc.lines()).isEmpty();
        assertThat(redumps).hasValue(1);
    }

    @Test
    void anAddressDeletedDumpsTheDevicesOfTheRoutesThatHaveItAsSource() throws Exception {
        v4.message(msg(rtmsg(RTM_NEWROUTE, AF_INET, 16, RT_TABLE_MAIN, RTPROT_BOOT, RT_SCOPE_UNIVERSE, RTN_UNICAST, 0)
                .attrBytes(RTA_DST, ip("10.50.0.0")).attrBytes(RTA_GATEWAY, ip("10.2.0.2"))
                .attrBytes(RTA_PREFSRC, ip("10.1.0.1")).attrU32(RTA_OIF, 4)), false);
        v4.message(route(RTM_NEWROUTE, "10.9.0.0", 16, "10.1.0.2", 5), false);

        // 10.1.0.1 is on device 3, through which no route goes; a route through 4 has it as source.
        v4.message(address(RTM_DELADDR, AF_INET, "10.1.0.1", 3), false);
        assertThat(deviceDumps).containsExactly(4);

        // The route went: its source with it.
        v4.message(msg(rtmsg(RTM_DELROUTE, AF_INET, 16, RT_TABLE_MAIN, RTPROT_BOOT, RT_SCOPE_UNIVERSE, RTN_UNICAST, 0)
                .attrBytes(RTA_DST, ip("10.50.0.0")).attrBytes(RTA_GATEWAY, ip("10.2.0.2"))
                .attrBytes(RTA_PREFSRC, ip("10.1.0.1")).attrU32(RTA_OIF, 4)), false);
        v4.message(address(RTM_DELADDR, AF_INET, "10.1.0.1", 3), false);
        assertThat(deviceDumps).containsExactly(4);
        assertThat(redumps).hasValue(0);
    }

    @Test
    void whileRoutesGoThroughNexthopObjectsALinkChangeIsARefresh() throws Exception {
        links.heard(v4, link(RTM_NEWLINK, 9, UP_RUNNING, 1500));
        v4.message(route(RTM_NEWROUTE, "10.9.0.0", 16, "10.1.0.2", 3), false);
        NlMsg throughObject = msg(rtmsg(RTM_NEWROUTE, AF_INET, 16, RT_TABLE_MAIN, RTPROT_BOOT, RT_SCOPE_UNIVERSE,
                RTN_UNICAST, 0).attrBytes(RTA_DST, ip("10.50.0.0")).attrU32(RTA_NH_ID, 7));
        v4.message(throughObject, false);

        // The kernel removes a nexthop object of a link going down, and its routes, without a word.
        links.heard(v4, link(RTM_NEWLINK, 9, IFF_UP, 1500));
        assertThat(redumps).hasValue(1);

        // The route went: link changes cost the routes that depend on them again.
        v4.message(msg(rtmsg(RTM_DELROUTE, AF_INET, 16, RT_TABLE_MAIN, RTPROT_BOOT, RT_SCOPE_UNIVERSE,
                RTN_UNICAST, 0).attrBytes(RTA_DST, ip("10.50.0.0")).attrU32(RTA_NH_ID, 7)), false);
        links.heard(v4, link(RTM_NEWLINK, 9, 0, 1500));
        assertThat(redumps).hasValue(1);
        assertThat(deviceDumps).isEmpty();
    }

    @Test
    void aSourceOfARouteThroughANexthopObjectIsUndecidedARefreshFollows() throws Exception {
        v4.message(msg(rtmsg(RTM_NEWROUTE, AF_INET, 16, RT_TABLE_MAIN, RTPROT_BOOT, RT_SCOPE_UNIVERSE, RTN_UNICAST, 0)
                .attrBytes(RTA_DST, ip("10.50.0.0")).attrU32(RTA_NH_ID, 7)
                .attrBytes(RTA_PREFSRC, ip("10.1.0.1"))), false);

        v4.message(address(RTM_DELADDR, AF_INET, "10.1.0.1", 3), false);
        assertThat(redumps).hasValue(1);
        assertThat(deviceDumps).isEmpty();
    }

    @Test
    void eachSyncTakesItsOwnFamilyOnlyAndLeavesCachedRoutesOut() throws Exception {
        v4.message(route(RTM_NEWROUTE, "2001:db8:9::", 64, null, 3), false);
        v6.message(route(RTM_NEWROUTE, "10.9.0.0", 16, null, 3), false);
        v6.message(msg(rtmsg(RTM_NEWROUTE, AF_INET6, 128, RT_TABLE_MAIN, RTPROT_BOOT, RT_SCOPE_UNIVERSE, RTN_UNICAST,
                RTM_F_CLONED).attrBytes(RTA_DST, ip("2001:db8::5"))), false);

        assertThat(fpc.lines()).isEmpty();
    }

    @Test
    void aCompleteDumpForgetsTheRoutesItDidNotReport() throws Exception {
        dump(v4, ResyncReason.INITIAL,
                route(RTM_NEWROUTE, "10.9.0.0", 16, null, 3),
                route(RTM_NEWROUTE, "10.8.0.0", 16, null, 3));
        v4.dumpStarted(ResyncReason.REQUESTED);
        v4.message(route(RTM_NEWROUTE, "10.9.0.0", 16, null, 3), true);
        v4.dumpFinished(false);
        assertThat(v4.size()).as("an interrupted dump forgets nothing").isEqualTo(2);

        dump(v4, ResyncReason.REQUESTED, route(RTM_NEWROUTE, "10.9.0.0", 16, null, 3));
        assertThat(v4.size()).isEqualTo(1);
    }

    @Test
    void aMalformedRouteIsCountedAndLosesNothing() throws Exception {
        v4.message(route(RTM_NEWROUTE, "10.9.0.0", 16, null, 3), false);
        fpc.clear();

        // RTA_OIF of 2 bytes instead of 4.
        NlMessageWriter w = rtmsg(RTM_NEWROUTE, AF_INET, 16, RT_TABLE_MAIN, RTPROT_BOOT, RT_SCOPE_UNIVERSE,
                RTN_UNICAST, 0).attrBytes(RTA_DST, ip("10.7.0.0")).attrU16(RTA_OIF, 3);
        v4.message(msg(w), false);
        // A prefix length without a destination.
        v4.message(msg(rtmsg(RTM_NEWROUTE, AF_INET, 16, RT_TABLE_MAIN, RTPROT_BOOT, RT_SCOPE_UNIVERSE,
                RTN_UNICAST, 0)), false);

        assertThat(v4.malformed()).isEqualTo(2);
        assertThat(fpc.lines()).isEmpty();
        assertThat(v4.size()).isEqualTo(1);
    }

    @Test
    void syncingARouteAllocatesNothing() throws Exception {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported());
        threads.setThreadAllocatedMemoryEnabled(true);
        RecordingFpc sink = RecordingFpc.countingOnly();
        RouteSync s = new RouteSync(new Vrf(VRF, "blue"), AF_INET, sink, () -> { }, () -> { }, ifindex -> { });
        NlMsg add = multipath(RTM_NEWROUTE);
        NlMsg del = multipath(RTM_DELROUTE);
        for (int i = 0; i < 20_000; i++) {
            s.message(add, false);
            s.message(del, false);
        }
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 100_000; i++) {
            s.message(add, false);
            s.message(del, false);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        assertThat(sink.frames()).isEqualTo(240_000);
        assertThat(s.size()).isZero();
        assertThat(allocated).as("bytes allocated by 200,000 route messages").isLessThan(64 * 1024);
    }

    private static final int IFF_UP = 0x1;
    private static final int IFF_PROMISC = 0x100;
    private static final int UP_RUNNING = IFF_UP | 0x40 | 0x10000;

    /** Link messages as the links' reader tells the syncs of them (LinkRelay). */
    private final HeardLinks links = new HeardLinks();

    private static NlMsg link(int type, int ifindex, int flags, int mtu) throws Exception {
        NlMessageWriter w = new NlMessageWriter(256).beginMessage(type, 0, 0, 0).ifinfomsg(AF_UNSPEC, 1, ifindex, flags, 0);
        w.attrString(IFLA_IFNAME, "v" + ifindex).attrU32(IFLA_MTU, mtu);
        return msg(w);
    }

    private static NlMsg address(int type, int family, String local, int ifindex) throws Exception {
        return msg(L3Messages.ifaddrmsg(type, family, family == AF_INET ? 24 : 64, IFA_F_PERMANENT, 0, ifindex)
                .attrBytes(IFA_ADDRESS, ip(local)));
    }

    /** 2001:db8:9::/64 metric 1024 via 2001:db8:2::2 dev 4, via 2001:db8:1::2 dev 3. */
    private static NlMsg multipath6(int type) throws Exception {
        return msg(rtmsg(type, AF_INET6, 64, RT_TABLE_MAIN, RTPROT_BOOT, RT_SCOPE_UNIVERSE, RTN_UNICAST, 0)
                .attrBytes(RTA_DST, ip("2001:db8:9::")).attrU32(RTA_PRIORITY, 1024)
                .beginNest(RTA_MULTIPATH)
                .beginNexthop(0, 0, 4).attrBytes(RTA_GATEWAY, ip("2001:db8:2::2")).endNexthop()
                .beginNexthop(0, 0, 3).attrBytes(RTA_GATEWAY, ip("2001:db8:1::2")).endNexthop()
                .endNest());
    }

    /** {@link #multipath} with the first next hop's flags. */
    private static NlMsg multipathWithFlags(int flags) throws Exception {
        return msg(rtmsg(RTM_NEWROUTE, AF_INET, 24, 100, RTPROT_BGP, RT_SCOPE_UNIVERSE, RTN_UNICAST, 0)
                .attrBytes(RTA_DST, ip("10.20.30.0")).attrU32(RTA_PRIORITY, 20)
                .beginNest(RTA_MULTIPATH)
                .beginNexthop(flags, 0, 3).attrBytes(RTA_GATEWAY, ip("10.1.0.2")).endNexthop()
                .beginNexthop(0, 2, 4).attrBytes(RTA_GATEWAY, ip("10.2.0.2")).endNexthop()
                .endNest());
    }

    /** 10.20.30.0/24 metric 20 table 100 via 10.1.0.2 dev 3, via 10.2.0.2 dev 4 weight 3. */
    private static NlMsg multipath(int type) throws Exception {
        return msg(rtmsg(type, AF_INET, 24, 100, RTPROT_BGP, RT_SCOPE_UNIVERSE, RTN_UNICAST, 0)
                .attrBytes(RTA_DST, ip("10.20.30.0")).attrU32(RTA_PRIORITY, 20)
                .beginNest(RTA_MULTIPATH)
                .beginNexthop(0, 0, 3).attrBytes(RTA_GATEWAY, ip("10.1.0.2")).endNexthop()
                .beginNexthop(0, 2, 4).attrBytes(RTA_GATEWAY, ip("10.2.0.2")).endNexthop()
                .endNest());
    }

    private static String ifuid(int ifindex) {
        return Long.toHexString(Ifuid.of(VRF, ifindex));
    }
}
