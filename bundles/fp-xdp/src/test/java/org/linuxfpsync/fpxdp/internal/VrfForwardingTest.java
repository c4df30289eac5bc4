package org.linuxfpsync.fpxdp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linuxfpsync.fpxdp.internal.Fpm.hop;
import static org.linuxfpsync.fpxdp.internal.Fpm.iface;
import static org.linuxfpsync.fpxdp.internal.Fpm.ip;
import static org.linuxfpsync.fpxdp.internal.Fpm.neighbour;
import static org.linuxfpsync.fpxdp.internal.Fpm.route;

import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linuxfpsync.fpm.FpmObject;

class VrfForwardingTest {
    private static final int VRF = 3;
    private static final long ETH0 = 0x1000, ETH1 = 0x1001, LO = 0x1002;
    private static final int MAIN = 254, LOCAL = 255;
    private static final int UNICAST = 1, LOCAL_TYPE = 2, BLACKHOLE = 6, UNREACHABLE = 7, PROHIBIT = 8, THROW = 9;
    private static final int REACHABLE = 0x02, STALE = 0x04, FAILED = 0x20, INCOMPLETE = 0x01, PERMANENT = 0x80;

    private RecordingMaps maps;
    private VrfForwarding fwd;

    @BeforeEach
    void twoInterfaces() {
        maps = new RecordingMaps();
        fwd = new VrfForwarding(VRF, maps);
        fwd.interfaceChanged(iface(ETH0, VRF, 2, "eth0", Fpm.UP_WITH_CARRIER, "52:54:00:00:00:02"));
        fwd.interfaceChanged(iface(ETH1, VRF, 3, "eth1", Fpm.UP_WITH_CARRIER, "52:54:00:00:00:03"));
    }

    private static Prefix prefix(String a, int len) {
        return new Prefix(VRF, ip(a).getAddress(), len);
    }

    private RouteEntry at(String a, int len) {
        return maps.routes.get(prefix(a, len));
    }

    private static RouteEntry.Path path(int ifindex, int weight, String gateway) {
        return new RouteEntry.Path(ifindex, weight, gateway == null ? null : ip(gateway).getAddress());
    }

    @Test
    void ethernetInterfacesGetAnEntryAndACounterSlotLoopbackAndMaclessOnesDoNot() {
        fwd.interfaceChanged(iface(LO, VRF, 1, "lo", 0x8 | 0x1 | 0x10000, "00:00:00:00:00:00"));
        fwd.interfaceChanged(iface(0x1003, VRF, 4, "tun0", Fpm.UP_WITH_CARRIER, null));

        assertThat(maps.interfaces).containsOnlyKeys(2, 3);
        assertThat(maps.interfaces.get(2)).isEqualTo(new InterfaceEntry(2, VRF, 1500, 0,
                HexFormat.ofDelimiter(":").parseHex("52:54:00:00:00:02"), true));
        assertThat(maps.interfaces.get(3).slot()).isEqualTo(1);
        assertThat(maps.freshInterfaces).isEqualTo(2);
        assertThat(fwd.slot(LO)).isEqualTo(-1);
    }

    @Test
    void anInterfaceDownOrWithoutCarrierCannotSendAndKeepsItsSlot() {
        fwd.interfaceChanged(iface(ETH1, VRF, 3, "eth1", 0x1 | 0x1000, "52:54:00:00:00:03")); // up, no LOWER_UP
        assertThat(maps.interfaces.get(3).up()).isFalse();
        fwd.interfaceChanged(iface(ETH1, VRF, 3, "eth1", 0x1002, "52:54:00:00:00:03"));
        assertThat(maps.interfaces.get(3).up()).isFalse();
        assertThat(maps.interfaces.get(3).slot()).isEqualTo(1);
        assertThat(maps.freshInterfaces).as("counters not reset by a state change").isEqualTo(2);
    }

    @Test
    void aDeletedInterfaceFreesItsSlotForTheNextOneWhoseCountersStartAtZero() {
        fwd.interfaceDeleted(ETH0);
        fwd.interfaceChanged(iface(0x2000, VRF, 9, "eth9", Fpm.UP_WITH_CARRIER, "52:54:00:00:00:09"));
        assertThat(maps.interfaces).containsOnlyKeys(3, 9);
        assertThat(maps.interfaces.get(9).slot()).isZero();
        assertThat(maps.freshInterfaces).isEqualTo(3);
    }

    @Test
    void aConnectedRouteForwardsToTheDestinationItself() {
        fwd.routeAdded(route(VRF, "10.1.0.0", 24, MAIN, UNICAST, 0, hop(ETH0, null)));
        assertThat(at("10.1.0.0", 24)).isEqualTo(new RouteEntry(RouteEntry.FORWARD, 0, List.of(path(2, 1, null))));
    }

    @Test
    void aMultipathRouteKeepsItsWeightsAndLeavesOutDeadNextHops() {
        fwd.routeAdded(route(VRF, "10.9.0.0", 16, MAIN, UNICAST, 20,
                hop(ETH0, "10.1.0.2", 1, 0), hop(ETH1, "10.2.0.3", 3, 0x4), hop(ETH1, "10.2.0.4", 2, 0x1)));
        assertThat(at("10.9.0.0", 16).paths()).containsExactly(path(2, 1, "10.1.0.2"), path(3, 3, "10.2.0.3"));
    }

    @Test
    void anIpv6RouteWithAnIpv4GatewayAndTheOtherWayRound() {
        fwd.routeAdded(route(VRF, "2001:db8:9::", 48, MAIN, UNICAST, 1, hop(ETH0, "fe80::1")));
        fwd.routeAdded(route(VRF, "10.8.0.0", 16, MAIN, UNICAST, 1, hop(ETH1, "2001:db8::7")));
        assertThat(at("2001:db8:9::", 48).paths()).containsExactly(path(2, 1, "fe80::1"));
        assertThat(at("10.8.0.0", 16).paths()).containsExactly(path(3, 1, "2001:db8::7"));
    }

    @Test
    void blackholeDropsAndTheOtherTypesGoToLinux() {
        fwd.routeAdded(route(VRF, "10.66.0.0", 16, MAIN, BLACKHOLE, 0));
        fwd.routeAdded(route(VRF, "10.67.0.0", 16, MAIN, UNREACHABLE, 0));
        fwd.routeAdded(route(VRF, "10.68.0.0", 16, MAIN, PROHIBIT, 0));
        fwd.routeAdded(route(VRF, "10.69.0.0", 16, MAIN, THROW, 0));
        fwd.routeAdded(route(VRF, "10.1.0.1", 32, LOCAL, LOCAL_TYPE, 0, hop(ETH0, null)));
        assertThat(at("10.66.0.0", 16)).isEqualTo(RouteEntry.BLACKHOLE);
        assertThat(at("10.67.0.0", 16)).isEqualTo(RouteEntry.TO_LINUX);
        assertThat(at("10.68.0.0", 16)).isEqualTo(RouteEntry.TO_LINUX);
        assertThat(at("10.69.0.0", 16)).isEqualTo(RouteEntry.TO_LINUX);
        assertThat(at("10.1.0.1", 32)).as("a local address is Linux's").isEqualTo(RouteEntry.TO_LINUX);
    }

    @Test
    void routesOfOtherTablesAndWithATosAreNotTheFastPaths() {
        fwd.routeAdded(route(VRF, "10.5.0.0", 16, 100, UNICAST, 0, hop(ETH0, "10.1.0.2")));
        FpmObject withTos = route(VRF, "10.6.0.0", 16, MAIN, UNICAST, 0, hop(ETH0, "10.1.0.2"));
        java.util.Map<String, Object> f = new java.util.LinkedHashMap<>(withTos.fields());
        f.put("TOS", 0x10L);
        fwd.routeAdded(new FpmObject("routes", VRF, f, withTos.key()));
        assertThat(maps.routes).isEmpty();
    }

    @Test
    void theLocalTableThenTheLowestMetricWinsAPrefixAndTheNextTakesOverWhenItGoes() {
        FpmObject metric20 = route(VRF, "10.7.0.0", 16, MAIN, UNICAST, 20, hop(ETH0, "10.1.0.2"));
        FpmObject metric10 = route(VRF, "10.7.0.0", 16, MAIN, UNICAST, 10, hop(ETH1, "10.2.0.2"));
        FpmObject local = route(VRF, "10.7.0.0", 16, LOCAL, LOCAL_TYPE, 0, hop(ETH0, null));
        fwd.routeAdded(metric20);
        fwd.routeAdded(metric10);
        assertThat(at("10.7.0.0", 16).paths()).containsExactly(path(3, 1, "10.2.0.2"));
        fwd.routeAdded(local);
        assertThat(at("10.7.0.0", 16)).isEqualTo(RouteEntry.TO_LINUX);
        fwd.routeDeleted(local);
        fwd.routeDeleted(metric10);
        assertThat(at("10.7.0.0", 16).paths()).containsExactly(path(2, 1, "10.1.0.2"));
        fwd.routeDeleted(metric20);
        assertThat(maps.routes).isEmpty();
    }

    @Test
    void aReplacedRouteMovesItsPrefixAndTheSameRouteAgainWritesNothing() {
        // multipath routes have no OIF_IFUID: the same key, replaced
        fwd.routeAdded(route(VRF, "10.7.0.0", 16, MAIN, UNICAST, 0, hop(ETH0, "10.1.0.2"), hop(ETH0, "10.1.0.3")));
        fwd.routeAdded(route(VRF, "10.7.0.0", 16, MAIN, UNICAST, 0, hop(ETH1, "10.2.0.2"), hop(ETH1, "10.2.0.3")));
        assertThat(at("10.7.0.0", 16).paths()).containsExactly(path(3, 1, "10.2.0.2"), path(3, 1, "10.2.0.3"));
        int writes = maps.writes;
        fwd.routeAdded(route(VRF, "10.7.0.0", 16, MAIN, UNICAST, 0, hop(ETH1, "10.2.0.2"), hop(ETH1, "10.2.0.3")));
        assertThat(maps.writes).isEqualTo(writes);
    }

    @Test
    void aRouteThroughAnInterfaceNotHeldGoesToLinuxUntilTheInterfaceComes() {
        fwd.routeAdded(route(VRF, "10.4.0.0", 16, MAIN, UNICAST, 0, hop(0x3000, "10.4.0.1")));
        assertThat(at("10.4.0.0", 16)).isEqualTo(RouteEntry.TO_LINUX);
        fwd.interfaceChanged(iface(0x3000, VRF, 7, "eth7", Fpm.UP_WITH_CARRIER, "52:54:00:00:00:07"));
        assertThat(at("10.4.0.0", 16).paths()).containsExactly(path(7, 1, "10.4.0.1"));
        fwd.interfaceDeleted(0x3000);
        assertThat(at("10.4.0.0", 16)).isEqualTo(RouteEntry.TO_LINUX);
    }

    @Test
    void moreThanEightNextHopsKeepTheFirstEight() {
        Object[][] hops = new Object[10][];
        for (int i = 0; i < 10; i++) {
            hops[i] = hop(ETH0, "10.1.0." + (10 + i));
        }
        fwd.routeAdded(route(VRF, "10.3.0.0", 16, MAIN, UNICAST, 0, hops));
        assertThat(at("10.3.0.0", 16).paths()).hasSize(8).first().isEqualTo(path(2, 1, "10.1.0.10"));
    }

    @Test
    void aRouteThroughANexthopObjectFollowsItsReplacementsAndGroups() {
        fwd.routeAdded(Fpm.routeVia(VRF, "10.20.0.0", 16, 7));
        assertThat(at("10.20.0.0", 16)).as("nexthop not held yet").isEqualTo(RouteEntry.TO_LINUX);
        fwd.nexthopAdded(Fpm.nexthop(VRF, 1, ETH0, "10.1.0.2"));
        fwd.nexthopAdded(Fpm.nexthop(VRF, 2, ETH1, "10.2.0.2"));
        fwd.nexthopAdded(Fpm.group(VRF, 7, 1, 1, 2, 3));
        assertThat(at("10.20.0.0", 16).paths()).containsExactly(path(2, 1, "10.1.0.2"), path(3, 3, "10.2.0.2"));
        fwd.nexthopAdded(Fpm.nexthop(VRF, 2, ETH1, "10.2.0.9")); // a member replaced: the route follows
        assertThat(at("10.20.0.0", 16).paths()).containsExactly(path(2, 1, "10.1.0.2"), path(3, 3, "10.2.0.9"));
        fwd.nexthopAdded(Fpm.blackholeNexthop(VRF, 7));
        assertThat(at("10.20.0.0", 16)).isEqualTo(RouteEntry.BLACKHOLE);
        fwd.nexthopDeleted(Fpm.blackholeNexthop(VRF, 7));
        assertThat(at("10.20.0.0", 16)).isEqualTo(RouteEntry.TO_LINUX);
    }

    @Test
    void usableNeighboursAreWrittenOthersRemovedProxiesIgnored() {
        fwd.neighbourAdded(neighbour(VRF, ETH0, "10.1.0.2", "52:54:00:aa:00:02", INCOMPLETE, 0));
        fwd.neighbourAdded(neighbour(VRF, ETH0, "10.1.0.3", "52:54:00:aa:00:03", REACHABLE, 0x08));
        fwd.neighbourAdded(neighbour(VRF, ETH1, "2001:db8:2::2", "52:54:00:bb:00:02", STALE, 0x80));
        assertThat(maps.neighbours).containsOnlyKeys(RecordingMaps.neighbourKey(3, ip("2001:db8:2::2").getAddress()));
        fwd.neighbourAdded(neighbour(VRF, ETH0, "10.1.0.2", "52:54:00:aa:00:02", PERMANENT, 0));
        assertThat(maps.neighbours).containsKey(RecordingMaps.neighbourKey(2, ip("10.1.0.2").getAddress()));
        fwd.neighbourAdded(neighbour(VRF, ETH0, "10.1.0.2", "52:54:00:aa:00:02", FAILED, 0));
        assertThat(maps.neighbours).doesNotContainKey(RecordingMaps.neighbourKey(2, ip("10.1.0.2").getAddress()));
        fwd.neighbourDeleted(neighbour(VRF, ETH1, "2001:db8:2::2", null, 0, 0));
        assertThat(maps.neighbours).isEmpty();
    }

    @Test
    void aDeletedInterfaceTakesItsNeighboursAndItsPathsWithIt() {
        fwd.neighbourAdded(neighbour(VRF, ETH1, "10.2.0.2", "52:54:00:bb:00:02", REACHABLE, 0));
        fwd.routeAdded(route(VRF, "10.2.0.0", 24, MAIN, UNICAST, 0, hop(ETH1, null)));
        fwd.interfaceDeleted(ETH1);
        assertThat(maps.neighbours).isEmpty();
        assertThat(maps.interfaces).containsOnlyKeys(2);
        assertThat(at("10.2.0.0", 24)).isEqualTo(RouteEntry.TO_LINUX);
        assertThat(fwd.held("neighbours")).isEmpty();
    }
}
