package org.linuxfpsync.cmgr.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linuxfpsync.cmgr.internal.L3Messages.ip;
import static org.linuxfpsync.cmgr.internal.L3Messages.msg;
import static org.linuxfpsync.cmgr.internal.L3Messages.nexthopGroup;
import static org.linuxfpsync.cmgr.internal.L3Messages.nhmsg;
import static org.linuxfpsync.cmgr.internal.L3Messages.rtmsg;
import static org.linuxfpsync.netlink.codec.Rtnetlink.*;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.linuxfpsync.cmgr.Ifuid;
import org.linuxfpsync.fpc.codec.NexthopObjectAttr;
import org.linuxfpsync.fpc.codec.RouteAttr;
import org.linuxfpsync.fpc.testing.RecordingFpc;
import org.linuxfpsync.netlink.ResyncReason;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.NlMessageWriter;
import org.linuxfpsync.netlink.codec.NlMsg;

/**
 * Nexthop objects (struct nhmsg and NHA_* laid out as linux/nexthop.h defines them, the values
 * this kernel reports for {@code ip nexthop add}) and the routes that use them.
 */
class NexthopSyncTest {
    private static final int VRF = 2;
    private static final int IFF_UP = 0x1;
    private static final int UP_RUNNING = IFF_UP | 0x40 | 0x10000;

    private final RecordingFpc fpc = new RecordingFpc(RecordingFpc.Format.COMPACT);
    private final AtomicInteger refreshes = new AtomicInteger();
    private final AtomicInteger routeRedumps = new AtomicInteger();
    private final AtomicInteger vrfRouteRefreshes = new AtomicInteger();
    private final NexthopSync nexthops = new NexthopSync(new Vrf(VRF, "blue"), fpc, refreshes::incrementAndGet,
            vrfRouteRefreshes::incrementAndGet);
    private final RouteSync v4 = new RouteSync(new Vrf(VRF, "blue"), AF_INET, fpc, routeRedumps::incrementAndGet,
            () -> { }, ifindex -> routeRedumps.incrementAndGet());
    private final RouteSync v6 = new RouteSync(new Vrf(VRF, "blue"), AF_INET6, fpc, routeRedumps::incrementAndGet,
            () -> { }, ifindex -> routeRedumps.incrementAndGet());

    NexthopSyncTest() {
        nexthops.joinWindow(new ReplayWindow(NexthopObjectAttr.FAMILY_NEXTHOPS, VRF, fpc).join("test", () -> { }));
        v4.joinWindow(new ReplayWindow(RouteAttr.FAMILY_ROUTES, VRF, fpc).join("test", () -> { }));
    }

    @Test
    void aDumpOfSingleNexthopsIsAReplayOfTheNexthopsFamily() throws Exception {
        nexthops.dumpStarted(ResyncReason.INITIAL);
        nexthops.message(gateway(RTM_NEWNEXTHOP, 1, "192.0.2.2", 3, 0), true);
        nexthops.message(gateway(RTM_NEWNEXTHOP, 2, "192.0.2.3", 3, RTNH_F_ONLINK), true);
        nexthops.message(msg(nhmsg(RTM_NEWNEXTHOP, AF_INET, RT_SCOPE_UNIVERSE, 0, 0, 3)
                .attrBytes(NHA_BLACKHOLE, new byte[0])), true);
        nexthops.message(msg(nhmsg(RTM_NEWNEXTHOP, AF_INET, RT_SCOPE_HOST, 0, 0, 4).attrU32(NHA_OIF, 3)), true);
        nexthops.message(gateway(RTM_NEWNEXTHOP, 5, "2001:db8::2", 3, 0), true);
        nexthops.message(msg(nhmsg(RTM_NEWNEXTHOP, AF_INET, RT_SCOPE_LINK, 0, 0, 6)
                .attrBytes(NHA_GATEWAY, ip("192.0.2.4")).attrBytes(NHA_FDB, new byte[0])), true);
        nexthops.dumpFinished(true);

        assertThat(fpc.lines()).containsExactly("GR_BEGIN family=23 vrfid=2",
                "NEXTHOP_ADD vrfid=2 id=1 family=2 protocol=0 scope=253 gateway=192.0.2.2 ifuid=" + ifuid(3),
                "NEXTHOP_ADD vrfid=2 id=2 family=2 protocol=0 scope=253 flags=4 gateway=192.0.2.3 ifuid=" + ifuid(3),
                "NEXTHOP_ADD vrfid=2 id=3 family=2 protocol=0 scope=0 blackhole=1",
                "NEXTHOP_ADD vrfid=2 id=4 family=2 protocol=0 scope=254 ifuid=" + ifuid(3),
                "NEXTHOP_ADD vrfid=2 id=5 family=10 protocol=0 scope=253 gateway=2001:db8:0:0:0:0:0:2 ifuid=" + ifuid(3),
                "NEXTHOP_ADD vrfid=2 id=6 family=2 protocol=0 scope=253 gateway=192.0.2.4 fdb=1",
                "GR_END family=23 vrfid=2");
        assertThat(nexthops.size()).isEqualTo(6);
    }

    /** An overflow's dump sends the nexthops that changed and deletes those that went, without markers. */
    @Test
    void anOverflowSendsOnlyTheNexthopsThatChangedAndDeletesThoseThatWent() throws Exception {
        nexthops.dumpStarted(ResyncReason.INITIAL);
        nexthops.message(gateway(RTM_NEWNEXTHOP, 1, "192.0.2.2", 3, 0), true);
        nexthops.message(gateway(RTM_NEWNEXTHOP, 2, "192.0.2.3", 3, 0), true);
        nexthops.message(gateway(RTM_NEWNEXTHOP, 3, "192.0.2.4", 3, 0), true);
        nexthops.dumpFinished(true);
        fpc.clear();

        nexthops.dumpStarted(ResyncReason.OVERFLOW);
        nexthops.message(gateway(RTM_NEWNEXTHOP, 1, "192.0.2.2", 3, 0), true);
        nexthops.message(gateway(RTM_NEWNEXTHOP, 2, "192.0.2.9", 3, 0), true);
        nexthops.dumpFinished(true);

        assertThat(fpc.lines()).containsExactly(
                "NEXTHOP_ADD vrfid=2 id=2 family=2 protocol=0 scope=253 gateway=192.0.2.9 ifuid=" + ifuid(3),
                "NEXTHOP_DEL vrfid=2 id=3");
        assertThat(nexthops.size()).isEqualTo(2);
        assertThat(vrfRouteRefreshes).as("routes through a nexthop gone went with it").hasValue(1);
    }

    @Test
    void groupsCarryTheirMembersWeightsAndResilientParameters() throws Exception {
        nexthops.message(msg(nhmsg(RTM_NEWNEXTHOP, AF_UNSPEC, 0, RTPROT_ZEBRA, 0, 10)
                .attrBytes(NHA_GROUP, nexthopGroup(1, 1, 2, 3)).attrU16(NHA_GROUP_TYPE, NEXTHOP_GRP_TYPE_MPATH)), false);
        nexthops.message(msg(nhmsg(RTM_NEWNEXTHOP, AF_UNSPEC, 0, 0, 0, 11)
                .attrBytes(NHA_GROUP, nexthopGroup(1, 2)).attrU16(NHA_GROUP_TYPE, NEXTHOP_GRP_TYPE_RES)
                .beginNest(NHA_RES_GROUP).attrU16(NHA_RES_GROUP_BUCKETS, 8).attrU32(NHA_RES_GROUP_IDLE_TIMER, 6000)
                .attrU32(NHA_RES_GROUP_UNBALANCED_TIMER, 3000).attrU64(NHA_RES_GROUP_UNBALANCED_TIME, 0).endNest()),
                false);

        assertThat(fpc.lines()).containsExactly(
                "NEXTHOP_ADD vrfid=2 id=10 protocol=11 scope=0 group_type=0 member={id=1} member={id=2 weight=3}",
                "NEXTHOP_ADD vrfid=2 id=11 protocol=0 scope=0 group_type=1 member={id=1 weight=2} buckets=8 "
                        + "idle_timer=6000 unbalanced_timer=3000");
    }

    @Test
    void aDeletionSendsTheKeyAndAMessageWithoutIdIsCountedAndSkipped() throws Exception {
        nexthops.message(gateway(RTM_NEWNEXTHOP, 1, "192.0.2.2", 3, 0), false);
        nexthops.message(gateway(RTM_DELNEXTHOP, 1, "192.0.2.2", 3, 0), false);
        nexthops.message(msg(new NlMessageWriter(64).beginMessage(RTM_NEWNEXTHOP, 0, 0, 0).u8(AF_INET).u8(0).u8(0)
                .u8(0).u32(0)), false);

        assertThat(fpc.lines().get(1)).isEqualTo("NEXTHOP_DEL vrfid=2 id=1");
        assertThat(fpc.lines()).hasSize(2);
        assertThat(nexthops.size()).isZero();
        assertThat(nexthops.malformed()).isEqualTo(1);
    }

    @Test
    void aLinkGoingDownAsksForARefreshWhichDeletesTheNexthopsTheKernelRemovedSilently() throws Exception {
        nexthops.dumpStarted(ResyncReason.INITIAL);
        links.heard(nexthops, link(RTM_NEWLINK, 3, UP_RUNNING));
        links.heard(nexthops, link(RTM_NEWLINK, 4, UP_RUNNING));
        nexthops.message(gateway(RTM_NEWNEXTHOP, 1, "192.0.2.2", 3, 0), true);
        nexthops.message(gateway(RTM_NEWNEXTHOP, 2, "198.51.100.2", 4, 0), true);
        nexthops.dumpFinished(true);
        fpc.clear();

        links.heard(nexthops, link(RTM_NEWLINK, 3, UP_RUNNING));
        assertThat(refreshes).hasValue(0);
        links.heard(nexthops, link(RTM_NEWLINK, 3, 0));
        assertThat(refreshes).hasValue(1);

        nexthops.dumpStarted(ResyncReason.REFRESH);
        nexthops.message(gateway(RTM_NEWNEXTHOP, 2, "198.51.100.2", 4, 0), true);
        nexthops.dumpFinished(true);

        assertThat(fpc.lines()).containsExactly("NEXTHOP_DEL vrfid=2 id=1");
        assertThat(nexthops.size()).isEqualTo(1);
    }

    @Test
    void onlyALinkANexthopLeavesByAsksForARefreshWhenItGoesDownOrAway() throws Exception {
        nexthops.dumpStarted(ResyncReason.INITIAL);
        for (int ifindex = 3; ifindex <= 6; ifindex++) {
            links.heard(nexthops, link(RTM_NEWLINK, ifindex, UP_RUNNING));
        }
        nexthops.message(gateway(RTM_NEWNEXTHOP, 1, "192.0.2.2", 3, 0), true);
        nexthops.message(gateway(RTM_NEWNEXTHOP, 2, "198.51.100.2", 4, 0), true);
        nexthops.dumpFinished(true);

        // Link 5: no nexthop leaves by it, nothing the kernel could remove.
        links.heard(nexthops, link(RTM_NEWLINK, 5, 0));
        links.heard(nexthops, link(RTM_DELLINK, 5, 0));
        assertThat(refreshes).hasValue(0);

        // Nexthop 2 replaced by one through link 6: link 4 no longer matters, link 6 does.
        nexthops.message(gateway(RTM_NEWNEXTHOP, 2, "198.51.100.3", 6, 0), false);
        links.heard(nexthops, link(RTM_NEWLINK, 4, 0));
        assertThat(refreshes).hasValue(0);
        links.heard(nexthops, link(RTM_DELLINK, 6, 0));
        assertThat(refreshes).hasValue(1);

        // Nexthop 1 deleted: link 3 no longer matters.
        nexthops.message(gateway(RTM_DELNEXTHOP, 1, "192.0.2.2", 3, 0), false);
        links.heard(nexthops, link(RTM_NEWLINK, 3, 0));
        assertThat(refreshes).hasValue(1);

        // A refresh that no longer finds nexthop 2 (gone with link 6): link 6 back and down again asks nothing.
        nexthops.dumpStarted(ResyncReason.REFRESH);
        nexthops.dumpFinished(true);
        links.heard(nexthops, link(RTM_NEWLINK, 6, UP_RUNNING));
        links.heard(nexthops, link(RTM_NEWLINK, 6, 0));
        assertThat(refreshes).hasValue(1);
    }

    @Test
    void aNexthopThatStartsOrStopsBeingABlackholeAsksForARefreshOfTheRoutesAndAFailoverDoesNot() throws Exception {
        // The kernel shows the routes through a blackhole nexthop (or a group of one) as blackholes,
        // and changes that silently when the nexthop is replaced by a gateway, or back.
        NlMsg blackhole = msg(nhmsg(RTM_NEWNEXTHOP, AF_INET, RT_SCOPE_UNIVERSE, 0, 0, 5)
                .attrBytes(NHA_BLACKHOLE, new byte[0]));
        nexthops.dumpStarted(ResyncReason.INITIAL);
        nexthops.message(blackhole, true);
        nexthops.message(gateway(RTM_NEWNEXTHOP, 1, "192.0.2.2", 3, 0), true);
        nexthops.message(msg(nhmsg(RTM_NEWNEXTHOP, AF_UNSPEC, 0, 0, 0, 10).attrBytes(NHA_GROUP, nexthopGroup(5, 1))),
                true);
        nexthops.dumpFinished(true);
        assertThat(vrfRouteRefreshes).hasValue(0);

        nexthops.message(gateway(RTM_NEWNEXTHOP, 1, "192.0.2.9", 3, 0), false);
        assertThat(vrfRouteRefreshes).as("a failover").hasValue(0);
        nexthops.message(gateway(RTM_NEWNEXTHOP, 5, "192.0.2.5", 3, 0), false);
        assertThat(vrfRouteRefreshes).as("blackhole 5 replaced by a gateway").hasValue(1);
        nexthops.message(blackhole, false);
        assertThat(vrfRouteRefreshes).as("5 a blackhole again").hasValue(2);
        nexthops.message(msg(nhmsg(RTM_NEWNEXTHOP, AF_UNSPEC, 0, 0, 0, 10).attrBytes(NHA_GROUP, nexthopGroup(1, 1))),
                false);
        assertThat(vrfRouteRefreshes).as("group 10 of blackhole 5 made of gateway 1").hasValue(3);
        nexthops.message(msg(nhmsg(RTM_NEWNEXTHOP, AF_UNSPEC, 0, 0, 0, 10).attrBytes(NHA_GROUP, nexthopGroup(1, 1, 5, 1))),
                false);
        assertThat(vrfRouteRefreshes).as("group 10 of two: never a blackhole").hasValue(3);
    }

    @Test
    void aRouteThroughANexthopObjectCarriesItsIdAndNeitherNextHopsNorInterface() throws Exception {
        // nexthop_compat_mode 0: the route carries RTA_NH_ID only.
        v4.message(nhidRoute(RTM_NEWROUTE, "10.1.0.0", 10, 0, null, 0), false);
        // nexthop_compat_mode 1: the kernel adds the next hops of the object; the frame is the same.
        v4.message(nhidRoute(RTM_NEWROUTE, "10.2.0.0", 10, 0, "192.0.2.2", 3), false);
        v6.message(nhidRoute(RTM_NEWROUTE, "2001:db8:5::", 5, 0, "2001:db8::2", 3), false);

        assertThat(fpc.lines()).containsExactly(
                "ROUTE_ADD vrfid=2 table=254 family=2 dst=10.1.0.0 prefixlen=16 type=1 protocol=4 scope=0 nh_id=10",
                "ROUTE_ADD vrfid=2 table=254 family=2 dst=10.2.0.0 prefixlen=16 type=1 protocol=4 scope=0 nh_id=10",
                "ROUTE_ADD vrfid=2 table=254 family=10 dst=2001:db8:5:0:0:0:0:0 prefixlen=64 priority=1024 type=1 "
                        + "protocol=4 scope=0 nh_id=5");
    }

    @Test
    void aNexthopReplacedUnderAThousandRoutesIsOneFrameInCompatModeToo() throws Exception {
        for (int i = 0; i < 1000; i++) {
            v4.message(nhidRoute(RTM_NEWROUTE, "10." + (i >> 8) + "." + (i & 0xff) + ".0", 10, 0, "192.0.2.2", 3), false);
        }
        nexthops.message(gateway(RTM_NEWNEXTHOP, 10, "192.0.2.2", 3, 0), false);
        long before = fpc.frames();

        // ip nexthop replace id 10 via 192.0.2.9 dev 4; compat mode 1 then re-notifies every route through it.
        nexthops.message(gateway(RTM_NEWNEXTHOP, 10, "192.0.2.9", 4, 0), false);
        for (int i = 0; i < 1000; i++) {
            v4.message(nhidRoute(RTM_NEWROUTE, "10." + (i >> 8) + "." + (i & 0xff) + ".0", 10, NLM_F_REPLACE,
                    "192.0.2.9", 4), false);
        }

        assertThat(fpc.frames() - before).isEqualTo(1);
        assertThat(fpc.lines().get(fpc.lines().size() - 1))
                .isEqualTo("NEXTHOP_ADD vrfid=2 id=10 family=2 protocol=0 scope=253 gateway=192.0.2.9 ifuid=" + ifuid(4));
        assertThat(v4.size()).isEqualTo(1000);
    }

    @Test
    void aRouteMovedToAnotherNexthopIsSentAgain() throws Exception {
        v4.message(nhidRoute(RTM_NEWROUTE, "10.1.0.0", 10, 0, null, 0), false);
        v4.message(nhidRoute(RTM_NEWROUTE, "10.1.0.0", 11, NLM_F_REPLACE, null, 0), false);

        assertThat(fpc.lines()).hasSize(2);
        assertThat(fpc.lines().get(1)).endsWith("nh_id=11");
    }

    @Test
    void aNexthopDeletionAsksTheRouteSyncsForARefresh() throws Exception {
        // The kernel deletes the routes through a deleted nexthop without notifying them.
        v4.message(gateway(RTM_DELNEXTHOP, 1, "192.0.2.2", 3, 0), false);
        v6.message(gateway(RTM_DELNEXTHOP, 1, "192.0.2.2", 3, 0), false);

        assertThat(routeRedumps).hasValue(2);
        assertThat(fpc.lines()).isEmpty();
    }

    @Test
    void aNexthopARefreshFindsGoneAsksForTheRoutesOfTheVrf() throws Exception {
        nexthops.dumpStarted(ResyncReason.INITIAL);
        nexthops.message(gateway(RTM_NEWNEXTHOP, 1, "192.0.2.2", 3, 0), true);
        nexthops.message(gateway(RTM_NEWNEXTHOP, 2, "192.0.2.3", 4, 0), true);
        nexthops.dumpFinished(true);

        // A refresh that finds them all: the routes through them are as they were.
        nexthops.dumpStarted(ResyncReason.REFRESH);
        nexthops.message(gateway(RTM_NEWNEXTHOP, 1, "192.0.2.2", 3, 0), true);
        nexthops.message(gateway(RTM_NEWNEXTHOP, 2, "192.0.2.3", 4, 0), true);
        nexthops.dumpFinished(true);
        assertThat(vrfRouteRefreshes).hasValue(0);

        // Link 4 went down: the kernel removed nexthop 2, and the routes through it, without a word.
        nexthops.dumpStarted(ResyncReason.REFRESH);
        nexthops.message(gateway(RTM_NEWNEXTHOP, 1, "192.0.2.2", 3, 0), true);
        nexthops.dumpFinished(true);
        assertThat(vrfRouteRefreshes).hasValue(1);
    }

    private static NlMsg gateway(int type, int id, String gateway, int oif, int flags) throws Exception {
        byte[] address = ip(gateway);
        return msg(nhmsg(type, address.length == 4 ? AF_INET : AF_INET6, RT_SCOPE_LINK, 0, flags, id)
                .attrU32(NHA_OIF, oif).attrBytes(NHA_GATEWAY, address));
    }

    /** {@code dst/16} (or /64) {@code nhid id}, with the expansion of compat mode 1 when {@code gateway} is set. */
    private static NlMsg nhidRoute(int type, String dst, int id, int nlFlags, String gateway, int oif) throws Exception {
        byte[] address = ip(dst);
        int family = address.length == 4 ? AF_INET : AF_INET6;
        NlMessageWriter w = rtmsg(type, family, family == AF_INET ? 16 : 64, RT_TABLE_MAIN, RTPROT_STATIC,
                RT_SCOPE_UNIVERSE, RTN_UNICAST, 0).attrBytes(RTA_DST, address);
        if (family == AF_INET6) {
            w.attrU32(RTA_PRIORITY, 1024);
        }
        w.attrU32(RTA_NH_ID, id);
        if (gateway != null) {
            w.attrBytes(RTA_GATEWAY, ip(gateway)).attrU32(RTA_OIF, oif);
        }
        NlMsg m = msg(w);
        m.buffer().putShort(m.offset() + 6, (short) nlFlags);
        return m;
    }

    /** Link messages as the links' reader tells the syncs of them (LinkRelay). */
    private final HeardLinks links = new HeardLinks();

    private static NlMsg link(int type, int ifindex, int flags) throws Exception {
        NlMessageWriter w = new NlMessageWriter(256).beginMessage(type, 0, 0, 0).ifinfomsg(AF_UNSPEC, 1, ifindex, flags, 0);
        w.attrString(IFLA_IFNAME, "v" + ifindex).attrU32(IFLA_MTU, 1500);
        return msg(w);
    }

    private static String ifuid(int ifindex) {
        return Long.toHexString(Ifuid.of(VRF, ifindex));
    }
}
