package org.linuxfpsync.fpm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.linuxfpsync.fpc.codec.AddressAttr;
import org.linuxfpsync.fpc.codec.BpfAttr;
import org.linuxfpsync.fpc.codec.ErrorAttr;
import org.linuxfpsync.fpc.codec.FlushAttr;
import org.linuxfpsync.fpc.codec.FpcCodecs;
import org.linuxfpsync.fpc.codec.FpcError;
import org.linuxfpsync.fpc.codec.FpcMessageType;
import org.linuxfpsync.fpc.codec.FrameReader;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.fpc.codec.NeighbourAttr;
import org.linuxfpsync.fpc.codec.NexthopAttr;
import org.linuxfpsync.fpc.codec.RouteAttr;
import org.linuxfpsync.fpc.codec.RuleAttr;
import org.linuxfpsync.fpc.codec.SaAttr;
import org.linuxfpsync.fpc.codec.SaReplayAttr;
import org.linuxfpsync.fpc.codec.StatsReplyAttr;
import org.linuxfpsync.fpc.codec.StatsRequestAttr;
import org.linuxfpsync.fpc.codec.VlanAttr;
import org.linuxfpsync.fpm.FpmBytes;
import org.linuxfpsync.fpm.FpmObject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The object families after the interfaces: keys, interface ownership, replay, FLUSH, statistics,
 * secrets, and the dump in iproute2's words. Expected JSON is what {@code ip -j} (iproute2 6.1)
 * printed for the same kernel objects.
 */
class FpmObjectTablesTest {
    private static final long D0 = 0x61a1e72L;
    private static final long D1 = 0x61a1e73L;
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;

    private final FpmTables tables = new FpmTables();
    private final FpmCounters counters = new FpmCounters();
    private final List<byte[]> replies = new ArrayList<>();
    private final FpmSession session = new FpmSession(tables, counters, 0x1ffff, () -> 1,
            f -> replies.add(Frames.copy(f)), () -> { });
    private final Frames frames = new Frames();
    private final FrameWriter w = new FrameWriter();
    private final ObjectMapper json = new ObjectMapper();
    private int seq = 1000;

    private void feed(byte[]... list) throws Exception {
        for (byte[] f : list) {
            assertThat(session.receive(f, 0, f.length)).isTrue();
        }
    }

    private void up() throws Exception {
        feed(frames.hello(), frames.ifCreate(D0, 0, 3, "d0"), frames.ifCreate(D1, 0, 4, "d1"));
        replies.clear();
    }

    private FpcError error(int index) throws Exception {
        FrameReader r = new FrameReader().wrapFrame(ByteBuffer.wrap(replies.get(index)));
        assertThat(r.type()).isEqualTo(FpcMessageType.ERROR);
        return FpcCodecs.parseError(r);
    }

    private static byte[] ip(String literal) throws Exception {
        return InetAddress.getByName(literal).getAddress();
    }

    private FrameWriter address(int type, long ifuid, String local, int prefixlen) throws Exception {
        byte[] a = ip(local);
        return w.begin(type, seq++).putU32(AddressAttr.VRFID, 0).putU64(AddressAttr.IFUID, ifuid)
                .putU8(AddressAttr.FAMILY, a.length == 4 ? AF_INET : AF_INET6).putAddress(AddressAttr.LOCAL, a)
                .putU8(AddressAttr.PREFIXLEN, prefixlen);
    }

    private FrameWriter route(int type, int family, String dst, int prefixlen) throws Exception {
        return w.begin(type, seq++).putU32(RouteAttr.VRFID, 0).putU32(RouteAttr.TABLE, 254)
                .putU8(RouteAttr.FAMILY, family).putAddress(RouteAttr.DST, ip(dst)).putU8(RouteAttr.PREFIXLEN, prefixlen);
    }

    private FrameWriter nexthop(String gateway, long ifuid) throws Exception {
        w.beginNested(RouteAttr.NEXTHOP);
        if (gateway != null) {
            w.putAddress(NexthopAttr.GATEWAY, ip(gateway));
        }
        return w.putU64(NexthopAttr.IFUID, ifuid);
    }

    private JsonNode vrf0() throws Exception {
        return json.readTree(FpmDump.toJson(1, tables)).path("vrfs").get(0);
    }

    @Test
    void anAddressWaitsForItsInterfaceAndIsListedUnderItsLinkAsIpAddrListsIt() throws Exception {
        feed(frames.hello());
        replies.clear();
        feed(Frames.copy(address(AddressAttr.ADDR_ADD, D0, "10.1.0.1", 24).finish()));
        assertThat(error(0)).isEqualTo(new FpcError(seq - 1, AddressAttr.ADDR_ADD, ErrorAttr.ENOENT,
                "ADDR_ADD for unknown ifuid 0x61a1e72: send IF_CREATE first"));
        feed(frames.ifCreate(D0, 0, 3, "d0"));
        feed(Frames.copy(address(AddressAttr.ADDR_ADD, D0, "10.1.0.1", 24).putU32(AddressAttr.FLAGS, 0x80)
                .putU8(AddressAttr.SCOPE, 0).putString(AddressAttr.LABEL, "d0")
                .putU32(AddressAttr.VALID_LFT, 0xffffffff).putU32(AddressAttr.PREFERRED_LFT, 0xffffffff).finish()));
        feed(Frames.copy(address(AddressAttr.ADDR_ADD, D0, "2001:db8::1", 64).putU32(AddressAttr.FLAGS, 0x82)
                .putU32(AddressAttr.VALID_LFT, 0xffffffff).putU32(AddressAttr.PREFERRED_LFT, 0xffffffff).finish()));
        feed(Frames.copy(address(AddressAttr.ADDR_ADD, D0, "10.2.2.2", 32).putAddress(AddressAttr.PEER,
                ip("10.2.2.3")).putU32(AddressAttr.FLAGS, 0x80).putString(AddressAttr.LABEL, "d0").finish()));

        assertThat(vrf0().path("links").get(0).path("addr_info").toString()).isEqualTo("["
                + "{\"family\":\"inet\",\"local\":\"10.1.0.1\",\"prefixlen\":24,\"scope\":\"global\",\"label\":\"d0\","
                + "\"valid_life_time\":4294967295,\"preferred_life_time\":4294967295},"
                + "{\"family\":\"inet\",\"local\":\"10.2.2.2\",\"address\":\"10.2.2.3\",\"prefixlen\":32,"
                + "\"scope\":\"global\",\"label\":\"d0\"},"
                + "{\"family\":\"inet6\",\"local\":\"2001:db8::1\",\"prefixlen\":64,\"scope\":\"global\",\"nodad\":true,"
                + "\"valid_life_time\":4294967295,\"preferred_life_time\":4294967295}]");
    }

    @Test
    void routesAreWrittenAsIpRouteShowTableAllWritesThem() throws Exception {
        up();
        feed(Frames.copy(route(RouteAttr.ROUTE_ADD, AF_INET, "0.0.0.0", 0).putU32(RouteAttr.PRIORITY, 100)
                .putU8(RouteAttr.PROTOCOL, 3).beginNested(RouteAttr.NEXTHOP).putAddress(NexthopAttr.GATEWAY,
                ip("10.1.0.254")).putU64(NexthopAttr.IFUID, D0).endNested().finish()));
        feed(Frames.copy(route(RouteAttr.ROUTE_ADD, AF_INET, "10.1.0.0", 24).putU8(RouteAttr.PROTOCOL, 2)
                .putU8(RouteAttr.SCOPE, 253).putAddress(RouteAttr.PREFSRC, ip("10.1.0.1"))
                .beginNested(RouteAttr.NEXTHOP).putU64(NexthopAttr.IFUID, D0).endNested().finish()));
        feed(Frames.copy(route(RouteAttr.ROUTE_ADD, AF_INET, "10.8.0.0", 16).putU8(RouteAttr.TYPE, 6)
                .putU8(RouteAttr.PROTOCOL, 3).finish()));
        feed(Frames.copy(route(RouteAttr.ROUTE_ADD, AF_INET, "10.9.0.0", 16).putU8(RouteAttr.PROTOCOL, 3)
                .beginNested(RouteAttr.NEXTHOP).putAddress(NexthopAttr.GATEWAY, ip("10.1.0.2"))
                .putU64(NexthopAttr.IFUID, D0).putU16(NexthopAttr.WEIGHT, 1).endNested()
                .beginNested(RouteAttr.NEXTHOP).putAddress(NexthopAttr.GATEWAY, ip("10.1.0.3"))
                .putU64(NexthopAttr.IFUID, D0).putU16(NexthopAttr.WEIGHT, 2).endNested().finish()));
        feed(Frames.copy(route(RouteAttr.ROUTE_ADD, AF_INET, "10.5.0.0", 16).putU8(RouteAttr.PROTOCOL, 3)
                .putU32(RouteAttr.MTU, 1400).beginNested(RouteAttr.NEXTHOP).putAddress(NexthopAttr.GATEWAY,
                ip("10.1.0.2")).putU64(NexthopAttr.IFUID, D0).putU32(NexthopAttr.FLAGS, 4).endNested().finish()));
        feed(Frames.copy(w.begin(RouteAttr.ROUTE_ADD, seq++).putU32(RouteAttr.VRFID, 0)
                .putU32(RouteAttr.TABLE, 255).putU8(RouteAttr.FAMILY, AF_INET).putAddress(RouteAttr.DST, ip("10.1.0.1"))
                .putU8(RouteAttr.PREFIXLEN, 32).putU8(RouteAttr.TYPE, 2).putU8(RouteAttr.PROTOCOL, 2)
                .putU8(RouteAttr.SCOPE, 254).putAddress(RouteAttr.PREFSRC, ip("10.1.0.1"))
                .beginNested(RouteAttr.NEXTHOP).putU64(NexthopAttr.IFUID, D0).endNested().finish()));
        feed(Frames.copy(route(RouteAttr.ROUTE_ADD, AF_INET6, "2001:db8:1::", 48).putU32(RouteAttr.PRIORITY, 10)
                .putU8(RouteAttr.PROTOCOL, 3).putU8(RouteAttr.PREF, 0).beginNested(RouteAttr.NEXTHOP)
                .putAddress(NexthopAttr.GATEWAY, ip("2001:db8::2")).putU64(NexthopAttr.IFUID, D0).endNested().finish()));
        assertThat(replies).isEmpty();

        List<String> routes = new ArrayList<>();
        vrf0().path("routes").forEach(r -> routes.add(r.toString()));
        assertThat(routes).containsExactlyInAnyOrder(
                "{\"dst\":\"default\",\"gateway\":\"10.1.0.254\",\"dev\":\"d0\",\"metric\":100,\"flags\":[]}",
                "{\"dst\":\"10.1.0.0/24\",\"dev\":\"d0\",\"protocol\":\"kernel\",\"scope\":\"link\","
                        + "\"prefsrc\":\"10.1.0.1\",\"flags\":[]}",
                "{\"type\":\"blackhole\",\"dst\":\"10.8.0.0/16\",\"flags\":[]}",
                "{\"dst\":\"10.9.0.0/16\",\"flags\":[],\"nexthops\":[{\"gateway\":\"10.1.0.2\",\"dev\":\"d0\","
                        + "\"weight\":1,\"flags\":[]},{\"gateway\":\"10.1.0.3\",\"dev\":\"d0\",\"weight\":2,\"flags\":[]}]}",
                "{\"dst\":\"10.5.0.0/16\",\"gateway\":\"10.1.0.2\",\"dev\":\"d0\",\"flags\":[\"onlink\"],"
                        + "\"metrics\":[{\"mtu\":1400}]}",
                "{\"type\":\"local\",\"dst\":\"10.1.0.1\",\"dev\":\"d0\",\"table\":\"local\",\"protocol\":\"kernel\","
                        + "\"scope\":\"host\",\"prefsrc\":\"10.1.0.1\",\"flags\":[]}",
                "{\"dst\":\"2001:db8:1::/48\",\"gateway\":\"2001:db8::2\",\"dev\":\"d0\",\"metric\":10,\"flags\":[],"
                        + "\"pref\":\"medium\"}");
    }

    @Test
    void aRouteIsKeyedByTableDestinationTosAndMetricAndDeletedByItsKeyAlone() throws Exception {
        up();
        feed(Frames.copy(route(RouteAttr.ROUTE_ADD, AF_INET, "10.9.0.0", 16).putU32(RouteAttr.PRIORITY, 20)
                .putU8(RouteAttr.PROTOCOL, 186).finish()),
                Frames.copy(route(RouteAttr.ROUTE_ADD, AF_INET, "10.9.0.0", 16).putU32(RouteAttr.PRIORITY, 30)
                        .finish()),
                Frames.copy(route(RouteAttr.ROUTE_ADD, AF_INET, "10.9.0.0", 16).putU32(RouteAttr.PRIORITY, 20)
                        .putU8(RouteAttr.PROTOCOL, 188).finish()));
        List<FpmObject> routes = tables.objects("routes");
        assertThat(routes).extracting(r -> r.number("PRIORITY", -1)).containsExactly(20L, 30L);
        assertThat(routes.get(0).number("PROTOCOL", -1)).as("replaced by the third frame").isEqualTo(188);

        // a _DEL needs the key only, and ignores anything else it carries
        feed(Frames.copy(route(RouteAttr.ROUTE_DEL, AF_INET, "10.9.0.0", 16).putU32(RouteAttr.PRIORITY, 20)
                .putU8(RouteAttr.PROTOCOL, 99).finish()));
        assertThat(tables.objects("routes")).extracting(r -> r.number("PRIORITY", -1)).containsExactly(30L);
        feed(Frames.copy(route(RouteAttr.ROUTE_DEL, AF_INET, "10.9.0.0", 16).finish()));
        assertThat(error(0).code()).as("metric 0 is another route").isEqualTo(ErrorAttr.ENOENT);
        assertThat(counters.snapshot().malformedFrames()).isZero();
    }

    @Test
    void neighboursAndRulesAreWrittenAsIpNeighAndIpRuleWriteThem() throws Exception {
        up();
        feed(Frames.copy(w.begin(NeighbourAttr.NEIGH_ADD, seq++).putU32(NeighbourAttr.VRFID, 0)
                .putU64(NeighbourAttr.IFUID, D0).putU8(NeighbourAttr.FAMILY, AF_INET6)
                .putAddress(NeighbourAttr.DST, ip("2001:db8::2"))
                .putBytes(NeighbourAttr.LLADDR, new byte[] {0x52, 0x54, 0, 0, 0, 3})
                .putU16(NeighbourAttr.STATE, 0x80).putU8(NeighbourAttr.FLAGS, 0x80).finish()),
                Frames.copy(w.begin(NeighbourAttr.NEIGH_ADD, seq++).putU32(NeighbourAttr.VRFID, 0)
                        .putU64(NeighbourAttr.IFUID, D0).putU8(NeighbourAttr.FAMILY, AF_INET)
                        .putAddress(NeighbourAttr.DST, ip("10.1.0.9")).putU16(NeighbourAttr.STATE, 0x20).finish()),
                Frames.copy(w.begin(RuleAttr.RULE_ADD, seq++).putU32(RuleAttr.VRFID, 0)
                        .putU8(RuleAttr.FAMILY, AF_INET).putU32(RuleAttr.PRIORITY, 200).putU8(RuleAttr.ACTION, 1)
                        .putU32(RuleAttr.TABLE, 100).putAddress(RuleAttr.DST, ip("10.2.0.0")).putU8(RuleAttr.DST_LEN, 16)
                        .putString(RuleAttr.IIFNAME, "d0").putU32(RuleAttr.FWMARK, 0x10).putU32(RuleAttr.FWMASK, 0xff)
                        .finish()),
                Frames.copy(w.begin(RuleAttr.RULE_ADD, seq++).putU32(RuleAttr.VRFID, 0)
                        .putU8(RuleAttr.FAMILY, AF_INET).putU32(RuleAttr.PRIORITY, 310).putU8(RuleAttr.ACTION, 2)
                        .putU32(RuleAttr.FLAGS, 2).putAddress(RuleAttr.SRC, ip("10.3.0.0")).putU8(RuleAttr.SRC_LEN, 16)
                        .putU32(RuleAttr.GOTO, 400).finish()),
                Frames.copy(w.begin(RuleAttr.RULE_ADD, seq++).putU32(RuleAttr.VRFID, 0)
                        .putU8(RuleAttr.FAMILY, AF_INET).putU32(RuleAttr.PRIORITY, 300).putU8(RuleAttr.ACTION, 6)
                        .finish()));
        assertThat(replies).isEmpty();
        JsonNode vrf = vrf0();
        List<String> neighbours = new ArrayList<>();
        vrf.path("neighbours").forEach(n -> neighbours.add(n.toString()));
        assertThat(neighbours).containsExactlyInAnyOrder(
                "{\"dst\":\"10.1.0.9\",\"dev\":\"d0\",\"state\":[\"FAILED\"],\"ifuid\":\"0x61a1e72\"}",
                "{\"dst\":\"2001:db8::2\",\"dev\":\"d0\",\"lladdr\":\"52:54:00:00:00:03\",\"router\":null,"
                        + "\"state\":[\"PERMANENT\"],\"ifuid\":\"0x61a1e72\"}");
        assertThat(vrf.path("rules").toString()).isEqualTo("["
                + "{\"priority\":200,\"src\":\"all\",\"dst\":\"10.2.0.0\",\"dstlen\":16,\"fwmark\":\"0x10\","
                + "\"fwmask\":\"0xff\",\"iif\":\"d0\",\"table\":\"100\"},"
                + "{\"priority\":300,\"src\":\"all\",\"action\":\"blackhole\"},"
                + "{\"priority\":310,\"not\":null,\"src\":\"10.3.0.0\",\"srclen\":16,\"goto\":400}]");
    }

    @Test
    void deletingAnInterfaceTakesWhatBelongsToItAndLeavesRoutes() throws Exception {
        up();
        feed(Frames.copy(address(AddressAttr.ADDR_ADD, D0, "10.1.0.1", 24).finish()),
                Frames.copy(address(AddressAttr.ADDR_ADD, D1, "10.2.0.1", 24).finish()),
                Frames.copy(w.begin(VlanAttr.VLAN_ADD, seq++).putU32(VlanAttr.VRFID, 0)
                        .putU64(VlanAttr.IFUID, D0).putU16(VlanAttr.VLAN_ID, 100)
                        .putU64(VlanAttr.PARENT_IFUID, D1).finish()),
                Frames.copy(route(RouteAttr.ROUTE_ADD, AF_INET, "10.9.0.0", 16).finish()));
        feed(frames.ifDelete(D0, 0, "d0"));
        assertThat(tables.objects("addresses")).extracting(FpmObject::ifuid).containsExactly(D1);
        assertThat(tables.objects("vlan")).isEmpty();
        assertThat(tables.objects("routes")).hasSize(1);
        // the kernel's RTM_DELADDR may still come: refused as unknown, harmless
        feed(Frames.copy(address(AddressAttr.ADDR_DEL, D0, "10.1.0.1", 24).finish()));
        assertThat(error(0).code()).isEqualTo(ErrorAttr.ENOENT);
    }

    @Test
    void anInterfaceSweptByAReplayTakesItsAddressesWithIt() throws Exception {
        up();
        feed(Frames.copy(address(AddressAttr.ADDR_ADD, D1, "10.2.0.1", 24).finish()));
        feed(frames.gr(FpcMessageType.GR_BEGIN, 0), frames.ifCreate(D0, 0, 3, "d0"),
                frames.gr(FpcMessageType.GR_END, 0));
        assertThat(tables.interfaces().size()).isEqualTo(1);
        assertThat(tables.objects("addresses")).isEmpty();
    }

    @Test
    void aReplayOfRoutesSweepsOnlyTheRoutesOfThatVrf() throws Exception {
        up();
        feed(Frames.copy(route(RouteAttr.ROUTE_ADD, AF_INET, "10.1.0.0", 16).finish()),
                Frames.copy(route(RouteAttr.ROUTE_ADD, AF_INET, "10.2.0.0", 16).finish()),
                Frames.copy(w.begin(RouteAttr.ROUTE_ADD, seq++).putU32(RouteAttr.VRFID, 7)
                        .putU32(RouteAttr.TABLE, 254).putU8(RouteAttr.FAMILY, AF_INET)
                        .putAddress(RouteAttr.DST, ip("10.1.0.0")).putU8(RouteAttr.PREFIXLEN, 16).finish()),
                Frames.copy(address(AddressAttr.ADDR_ADD, D0, "10.1.0.1", 24).finish()));
        feed(gr(FpcMessageType.GR_BEGIN, RouteAttr.FAMILY_ROUTES, 0));
        assertThat(vrf0().path("routes").get(0).path("fp_stale").asBoolean()).isTrue();
        feed(Frames.copy(route(RouteAttr.ROUTE_ADD, AF_INET, "10.2.0.0", 16).finish()),
                gr(FpcMessageType.GR_END, RouteAttr.FAMILY_ROUTES, 0));

        assertThat(tables.objects("routes")).extracting(FpmObject::vrfid, r -> r.fields().get("DST").toString())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, "/10.2.0.0"),
                        org.assertj.core.groups.Tuple.tuple(7, "/10.1.0.0"));
        assertThat(tables.objects("addresses")).as("another family is untouched").hasSize(1);
        assertThat(counters.snapshot().objectsSwept()).isEqualTo(1);
        feed(gr(FpcMessageType.GR_END, RouteAttr.FAMILY_ROUTES, 0));
        assertThat(error(0).message()).isEqualTo("GR_END without GR_BEGIN for family 3 vrf 0");
    }

    @Test
    void routesThroughTheSameNextHopShareItsObjectsAndARouteThatDiffersKeepsItsOwnValues() throws Exception {
        up();
        feed(routeVia("10.1.0.0", 300, "10.9.0.1", D0),
                routeVia("10.2.0.0", 300, "10.9.0.1", D0),
                routeVia("10.3.0.0", 301, "10.9.0.2", D1),
                routeVia("10.4.0.0", 300, "10.9.0.1", D0));

        List<FpmObject> routes = tables.objects("routes");
        assertThat(routes).extracting(r -> r.fields().get("DST").toString(), r -> r.number("PRIORITY", -1),
                        r -> nexthops(r).get(0).get("GATEWAY").toString(), r -> nexthops(r).get(0).get("IFUID"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/10.1.0.0", 300L, "/10.9.0.1", D0),
                        org.assertj.core.groups.Tuple.tuple("/10.2.0.0", 300L, "/10.9.0.1", D0),
                        org.assertj.core.groups.Tuple.tuple("/10.3.0.0", 301L, "/10.9.0.2", D1),
                        org.assertj.core.groups.Tuple.tuple("/10.4.0.0", 300L, "/10.9.0.1", D0));
        assertThat(routes.get(1).fields().get("NEXTHOP")).as("the same next hops: one object")
                .isSameAs(routes.get(0).fields().get("NEXTHOP"));
        assertThat(routes.get(1).fields().get("PRIORITY")).isSameAs(routes.get(0).fields().get("PRIORITY"));
        assertThat(routes.get(3).fields().get("NEXTHOP")).as("after a route through another next hop")
                .isEqualTo(routes.get(0).fields().get("NEXTHOP"));
        assertThat(routes.get(2).fields().get("NEXTHOP")).isNotEqualTo(routes.get(0).fields().get("NEXTHOP"));
    }

    private byte[] routeVia(String dst, int priority, String gateway, long ifuid) throws Exception {
        route(RouteAttr.ROUTE_ADD, AF_INET, dst, 16).putU32(RouteAttr.PRIORITY, priority);
        return Frames.copy(nexthop(gateway, ifuid).endNested().finish());
    }

    @SuppressWarnings("unchecked")
    private static List<java.util.Map<String, Object>> nexthops(FpmObject route) {
        return (List<java.util.Map<String, Object>>) route.fields().get("NEXTHOP");
    }

    @Test
    void flushEmptiesOneFamilyInOneVrf() throws Exception {
        up();
        feed(Frames.copy(route(RouteAttr.ROUTE_ADD, AF_INET, "10.1.0.0", 16).finish()),
                Frames.copy(address(AddressAttr.ADDR_ADD, D0, "10.1.0.1", 24).finish()),
                Frames.copy(w.begin(FpcMessageType.FLUSH, seq++).putU8(FlushAttr.FAMILY, RouteAttr.FAMILY_ROUTES)
                        .putU32(FlushAttr.VRFID, 0).finish()));
        assertThat(tables.objects("routes")).isEmpty();
        assertThat(tables.objects("addresses")).hasSize(1);
        feed(Frames.copy(w.begin(FpcMessageType.FLUSH, seq++).putU8(FlushAttr.FAMILY, 1).putU32(FlushAttr.VRFID, 0)
                .finish()));
        assertThat(tables.interfaces().size()).isZero();
        assertThat(tables.objects("addresses")).as("gone with their interfaces").isEmpty();
        assertThat(counters.snapshot().objectsFlushed()).isEqualTo(3);
        feed(Frames.copy(w.begin(FpcMessageType.FLUSH, seq++).putU8(FlushAttr.FAMILY, 0x99).putU32(FlushAttr.VRFID, 0)
                .finish()));
        assertThat(error(0).code()).isEqualTo(ErrorAttr.EOPNOTSUPP);
    }

    @Test
    void aStatsRequestIsAnsweredOncePerInterfaceTheLastOneMarked() throws Exception {
        up();
        feed(Frames.copy(w.begin(FpcMessageType.STATS_REQUEST, 77).putU32(StatsRequestAttr.VRFID, 0).finish()));
        assertThat(replies).hasSize(2);
        for (int i = 0; i < 2; i++) {
            FrameReader r = new FrameReader().wrapFrame(ByteBuffer.wrap(replies.get(i)));
            assertThat(r.type()).isEqualTo(FpcMessageType.STATS_REPLY);
            long last = 0;
            long requestSeq = -1;
            long ifuid = 0;
            while (r.nextTlv()) {
                switch (r.tlvType()) {
                    case StatsReplyAttr.REQUEST_SEQ: requestSeq = r.u32(); break;
                    case StatsReplyAttr.IFUID: ifuid = r.u64(); break;
                    case StatsReplyAttr.LAST: last = r.u8(); break;
                    default: break;
                }
            }
            assertThat(requestSeq).isEqualTo(77);
            assertThat(ifuid).isEqualTo(i == 0 ? D0 : D1);
            assertThat(last).isEqualTo(i == 1 ? 1 : 0);
        }
        replies.clear();
        feed(Frames.copy(w.begin(FpcMessageType.STATS_REQUEST, 78).putU64(StatsRequestAttr.IFUID, 0x2a).finish()));
        assertThat(error(0)).isEqualTo(new FpcError(78, FpcMessageType.STATS_REQUEST, ErrorAttr.ENOENT,
                "STATS_REQUEST of unknown ifuid 0x2a"));
    }

    @Test
    void ipsecKeysAreKeptButNeverWrittenToTheDumpOrTheConsole() throws Exception {
        up();
        byte[] key = {0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, (byte) 0x88, 0x09, 0x0a, 0x0b, 0x0c};
        feed(Frames.copy(sa(SaAttr.SA_ADD).putString(SaAttr.AEAD_ALG, "rfc4106(gcm(aes))")
                .putBytes(SaAttr.AEAD_KEY, key).putU32(SaAttr.AEAD_ICV_BITS, 128).finish()));
        FpmObject sa = tables.objects("ipsec-sa").get(0);
        assertThat(((FpmBytes) sa.fields().get("AEAD_KEY")).bytes()).isEqualTo(key);
        assertThat(sa.toString()).doesNotContain("11:22", "112233").contains("[12 bytes]");

        String dump = FpmDump.toJson(1, tables);
        assertThat(dump).contains("\"aead_alg\" : \"rfc4106(gcm(aes))\"", "\"aead_key_len\" : 12")
                .doesNotContain("11:22", "112233", "ESIz"); // hex, plain or base64
        java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
        org.linuxfpsync.fpm.internal.command.ObjectTableTextAccess.print(tables.objects("ipsec-sa"), List.of(),
                new java.io.PrintStream(text, true, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(text.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("[12 bytes]")
                .doesNotContain("11:22");
    }

    private FrameWriter replay(int type, int spi) throws Exception {
        return w.begin(type, seq++).putU32(SaReplayAttr.VRFID, 0).putU8(SaReplayAttr.FAMILY, AF_INET)
                .putAddress(SaReplayAttr.DADDR, ip("198.51.100.7")).putU32(SaReplayAttr.SPI, spi)
                .putU8(SaReplayAttr.PROTO, 50);
    }

    @Test
    void saReplayIsKeptPerSaInItsOwnTableAndDumpedAsIpSXfrmStateWritesIt() throws Exception {
        up();
        feed(Frames.copy(sa(SaAttr.SA_ADD).finish()));
        // an SA the FPM does not hold may have a replay state: the two tables are synced apart
        feed(Frames.copy(replay(SaReplayAttr.SA_REPLAY, 0xc0ffee02).putU64(SaReplayAttr.OSEQ, 0)
                .putU64(SaReplayAttr.SEQ, 0).putBytes(SaReplayAttr.BITMAP, new byte[4]).finish()));
        feed(Frames.copy(replay(SaReplayAttr.SA_REPLAY, 0xc0ffee01).putU64(SaReplayAttr.OSEQ, 5)
                .putU64(SaReplayAttr.SEQ, 1042).putBytes(SaReplayAttr.BITMAP, new byte[] {0, 0, 0, 7}).finish()));
        feed(Frames.copy(replay(SaReplayAttr.SA_REPLAY, 0xc0ffee01).putU64(SaReplayAttr.OSEQ, 1L << 32 | 6)
                .putU64(SaReplayAttr.SEQ, 2L << 32 | 1043)
                .putBytes(SaReplayAttr.BITMAP, new byte[] {0, 0, 0, 1, (byte) 0x80, 0, 0, 0})
                .putU8(SaReplayAttr.ESN, 1).putU32(SaReplayAttr.REPLAY_WINDOW, 64).finish()));

        assertThat(tables.objects("ipsec-sa")).hasSize(1);
        assertThat(tables.objects("ipsec-sa").get(0).fields()).doesNotContainKey("SEQ");
        assertThat(tables.objects("ipsec-sa-replay")).hasSize(2);
        String dump = FpmDump.toJson(1, tables, false);
        assertThat(dump).contains("\"ipsec_sa_replay\":[{\"dst\":\"198.51.100.7\",\"proto\":\"esp\",\"spi\":\"0xc0ffee01\","
                + "\"seq_hi\":\"0x2\",\"seq\":\"0x413\",\"oseq_hi\":\"0x1\",\"oseq\":\"0x6\",\"replay_window\":64,"
                + "\"bitmap_length\":2,\"bitmap\":\"00000001 80000000\",\"family\":\"inet\"}",
                "{\"dst\":\"198.51.100.7\",\"proto\":\"esp\",\"spi\":\"0xc0ffee02\",\"seq\":\"0x0\",\"oseq\":\"0x0\","
                + "\"bitmap\":\"0x00000000\",\"family\":\"inet\"}");

        feed(Frames.copy(replay(SaReplayAttr.SA_REPLAY_DEL, 0xc0ffee01).finish()));
        assertThat(tables.objects("ipsec-sa-replay")).hasSize(1);
        assertThat(tables.objects("ipsec-sa")).hasSize(1);
        feed(Frames.copy(replay(SaReplayAttr.SA_REPLAY_DEL, 0xc0ffee01).finish()));
        assertThat(error(0).code()).isEqualTo(ErrorAttr.ENOENT);
    }

    /** The kernel keeps SAs that differ only by their mark: MARK and MARK_MASK are key TLVs, 0 when absent. */
    @Test
    void sasAndReplayStatesThatDifferOnlyByTheirMarkAreKeptApartAndDeletedOneByOne() throws Exception {
        up();
        feed(Frames.copy(sa(SaAttr.SA_ADD).finish()),
                Frames.copy(sa(SaAttr.SA_ADD).putU32(SaAttr.MARK, 1).putU32(SaAttr.MARK_MASK, 0xff).finish()),
                Frames.copy(sa(SaAttr.SA_ADD).putU32(SaAttr.MARK, 2).putU32(SaAttr.MARK_MASK, 0xff).finish()));
        for (long mark = 1; mark <= 2; mark++) {
            feed(Frames.copy(replay(SaReplayAttr.SA_REPLAY, 0xc0ffee01).putU64(SaReplayAttr.OSEQ, mark)
                    .putU64(SaReplayAttr.SEQ, 0).putBytes(SaReplayAttr.BITMAP, new byte[4])
                    .putU32(SaReplayAttr.MARK, (int) mark).putU32(SaReplayAttr.MARK_MASK, 0xff).finish()));
        }
        assertThat(tables.objects("ipsec-sa")).hasSize(3);
        assertThat(tables.objects("ipsec-sa-replay")).hasSize(2);
        assertThat(FpmDump.toJson(1, tables, false)).contains(
                "{\"dst\":\"198.51.100.7\",\"proto\":\"esp\",\"spi\":\"0xc0ffee01\",\"mark\":\"0x2/0xff\","
                + "\"seq\":\"0x0\",\"oseq\":\"0x2\",\"bitmap\":\"0x00000000\",\"family\":\"inet\"}");

        feed(Frames.copy(w.begin(SaAttr.SA_DEL, seq++).putU32(SaAttr.VRFID, 0).putU8(SaAttr.FAMILY, AF_INET)
                .putAddress(SaAttr.DADDR, ip("198.51.100.7")).putU32(SaAttr.SPI, 0xc0ffee01).putU8(SaAttr.PROTO, 50)
                .putU32(SaAttr.MARK, 1).putU32(SaAttr.MARK_MASK, 0xff).finish()),
                Frames.copy(replay(SaReplayAttr.SA_REPLAY_DEL, 0xc0ffee01).putU32(SaReplayAttr.MARK, 2)
                        .putU32(SaReplayAttr.MARK_MASK, 0xff).finish()));
        assertThat(replies).isEmpty();
        assertThat(tables.objects("ipsec-sa")).extracting(o -> o.number("MARK", 0)).containsExactlyInAnyOrder(0L, 2L);
        assertThat(tables.objects("ipsec-sa-replay")).singleElement()
                .satisfies(r -> assertThat(r.number("MARK", 0)).isEqualTo(1));
    }

    @Test
    void malformedObjectsAreRefusedWithEinvalAndChangeNothing() throws Exception {
        up();
        feed(Frames.copy(route(RouteAttr.ROUTE_ADD, AF_INET, "10.1.0.0", 16).finish()));
        List<String> before = List.of(FpmDump.toJson(1, tables));
        feed(
                // an IPv6 destination in an IPv4 route
                Frames.copy(route(RouteAttr.ROUTE_ADD, AF_INET, "2001:db8::", 16).finish()),
                // a family that is no IP family
                Frames.copy(route(RouteAttr.ROUTE_ADD, 7, "10.1.0.0", 16).finish()),
                // a prefix longer than the address
                Frames.copy(route(RouteAttr.ROUTE_ADD, AF_INET, "10.1.0.0", 33).finish()),
                // an address of 5 bytes
                Frames.copy(w.begin(RouteAttr.ROUTE_ADD, seq++).putU32(RouteAttr.VRFID, 0)
                        .putU32(RouteAttr.TABLE, 254).putU8(RouteAttr.FAMILY, AF_INET)
                        .putBytes(RouteAttr.DST, new byte[5]).putU8(RouteAttr.PREFIXLEN, 8).finish()),
                // a missing key TLV
                Frames.copy(w.begin(RouteAttr.ROUTE_ADD, seq++).putU32(RouteAttr.VRFID, 0)
                        .putU8(RouteAttr.FAMILY, AF_INET).putAddress(RouteAttr.DST, ip("10.3.0.0"))
                        .putU8(RouteAttr.PREFIXLEN, 16).finish()),
                // a weight of 0 in a next hop
                Frames.copy(route(RouteAttr.ROUTE_ADD, AF_INET, "10.4.0.0", 16).beginNested(RouteAttr.NEXTHOP)
                        .putU16(NexthopAttr.WEIGHT, 0).endNested().finish()),
                // a next hop whose inner TLV overruns the nested TLV
                routeWithBrokenNexthop(),
                // a BPF program that is not a whole number of instructions
                Frames.copy(w.begin(BpfAttr.BPF_ADD, seq++).putU32(BpfAttr.VRFID, 0).putU64(BpfAttr.IFUID, D0)
                        .putU32(BpfAttr.ID, 1).putBytes(BpfAttr.PROGRAM, new byte[7])
                        .putU8(BpfAttr.SOCKET_TYPE, 3 /* SOCK_RAW */).putU16(BpfAttr.PROTOCOL, 3).finish()),
                // an address of an interface that lives in another vrf
                Frames.copy(w.begin(AddressAttr.ADDR_ADD, seq++).putU32(AddressAttr.VRFID, 5)
                        .putU64(AddressAttr.IFUID, D0).putU8(AddressAttr.FAMILY, AF_INET)
                        .putAddress(AddressAttr.LOCAL, ip("10.1.0.1")).putU8(AddressAttr.PREFIXLEN, 24).finish()));
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < replies.size(); i++) {
            assertThat(error(i).code()).isEqualTo(ErrorAttr.EINVAL);
            messages.add(error(i).message());
        }
        assertThat(messages).containsExactly(
                "ROUTE_ADD DST is not an address of family 2",
                "ROUTE_ADD FAMILY 7 is neither AF_INET (2) nor AF_INET6 (10)",
                "ROUTE_ADD PREFIXLEN 33 exceeds 32",
                "TLV 4: an address needs 4 or 16 bytes, got 5",
                "ROUTE_ADD without TABLE",
                "ROUTE_ADD NEXTHOP WEIGHT 0 out of range",
                "TLV 1 at offset 50 overruns its nested TLV: value of 4 bytes, 2 left",
                "BPF_ADD PROGRAM of 7 bytes is not 1 to 4096 instructions of 8 bytes",
                "ADDR_ADD in vrf 5 for ifuid 0x61a1e72 of vrf 0");
        assertThat(counters.snapshot().malformedFrames()).isEqualTo(9);
        assertThat(List.of(FpmDump.toJson(1, tables))).isEqualTo(before);
    }

    /** A ROUTE_ADD whose NEXTHOP holds a GATEWAY TLV announcing 4 bytes with 2 present. */
    private byte[] routeWithBrokenNexthop() throws Exception {
        byte[] frame = Frames.copy(route(RouteAttr.ROUTE_ADD, AF_INET, "10.6.0.0", 16)
                .beginNested(RouteAttr.NEXTHOP).putBytes(NexthopAttr.GATEWAY, new byte[2]).endNested().finish());
        frame[frame.length - 3] = 4; // the GATEWAY's length: 2 → 4, inside a nested TLV of 6 bytes
        return frame;
    }

    private FrameWriter sa(int type) throws Exception {
        return w.begin(type, seq++).putU32(SaAttr.VRFID, 0).putU8(SaAttr.FAMILY, AF_INET)
                .putAddress(SaAttr.DADDR, ip("198.51.100.7")).putU32(SaAttr.SPI, 0xc0ffee01).putU8(SaAttr.PROTO, 50)
                .putU32(SaAttr.REQID, 7);
    }

    private byte[] gr(int type, int family, int vrfid) {
        return Frames.copy(FpcCodecs.grFrame(w, type, seq++, family, vrfid));
    }

    @Test
    void aTapOfEveryInterfaceHasNoIfuidAndOneOfAnInterfaceLeavesWithItTheDumpShowingTheirProgramAsTcpdumpDashD()
            throws Exception {
        up();
        // tcpdump -i any (cooked, every interface) and tcpdump -i d0 (its program: ret #262144)
        feed(Frames.copy(w.begin(BpfAttr.BPF_ADD, seq++).putU32(BpfAttr.VRFID, 0).putU32(BpfAttr.ID, 41)
                        .putU8(BpfAttr.SOCKET_TYPE, 2).putU16(BpfAttr.PROTOCOL, 3).finish()),
                Frames.copy(w.begin(BpfAttr.BPF_ADD, seq++).putU32(BpfAttr.VRFID, 0).putU64(BpfAttr.IFUID, D0)
                        .putU32(BpfAttr.ID, 42).putBytes(BpfAttr.PROGRAM, new byte[] {0, 6, 0, 0, 0, 4, 0, 0})
                        .putU8(BpfAttr.SOCKET_TYPE, 3).putU16(BpfAttr.PROTOCOL, 3).finish()));
        assertThat(replies).isEmpty();
        JsonNode taps = vrf0().path("bpf");
        assertThat(taps).hasSize(2);
        assertThat(taps.get(0).has("ifuid")).isFalse();
        assertThat(taps.get(1).path("ifname").asText()).isEqualTo("d0");
        assertThat(taps.get(1).path("program_text").get(0).asText()).isEqualTo("(000) ret      #262144");

        feed(frames.ifDelete(D0, 0, "d0"));
        assertThat(vrf0().path("bpf")).hasSize(1);
        feed(Frames.copy(w.begin(BpfAttr.BPF_DEL, seq++).putU32(BpfAttr.VRFID, 0).putU32(BpfAttr.ID, 41).finish()));
        assertThat(replies).isEmpty();
        assertThat(vrf0().has("bpf")).isFalse();
    }

    /** iptables-nft and iptables-legacy both have an IPv4 filter table: ORIGIN keeps them apart. */
    @Test
    void anNftablesAndAnXtablesTableOfTheSameNameAreTwoObjects() throws Exception {
        up();
        for (int origin : new int[] {1, 2}) {
            feed(Frames.copy(w.begin(org.linuxfpsync.fpc.codec.NetfilterAttr.NF_TABLE_ADD, seq++)
                    .putU32(org.linuxfpsync.fpc.codec.NetfilterAttr.VRFID, 0)
                    .putU8(org.linuxfpsync.fpc.codec.NetfilterAttr.FAMILY, 2)
                    .putString(org.linuxfpsync.fpc.codec.NetfilterAttr.TABLE, "filter")
                    .putU8(org.linuxfpsync.fpc.codec.NetfilterAttr.FORMAT, origin == 1 ? 2 : 1)
                    .putU8(org.linuxfpsync.fpc.codec.NetfilterAttr.ORIGIN, origin).finish()));
        }
        assertThat(tables.rows(org.linuxfpsync.fpc.codec.NetfilterAttr.FAMILY_NETFILTER)).hasSize(2);

        feed(Frames.copy(w.begin(org.linuxfpsync.fpc.codec.NetfilterAttr.NF_TABLE_DEL, seq++)
                .putU32(org.linuxfpsync.fpc.codec.NetfilterAttr.VRFID, 0)
                .putU8(org.linuxfpsync.fpc.codec.NetfilterAttr.FAMILY, 2)
                .putString(org.linuxfpsync.fpc.codec.NetfilterAttr.TABLE, "filter")
                .putU8(org.linuxfpsync.fpc.codec.NetfilterAttr.ORIGIN, 2).finish()));
        assertThat(tables.rows(org.linuxfpsync.fpc.codec.NetfilterAttr.FAMILY_NETFILTER))
                .extracting(r -> r.value().number("ORIGIN", 0)).containsExactly(1L);
    }
}
