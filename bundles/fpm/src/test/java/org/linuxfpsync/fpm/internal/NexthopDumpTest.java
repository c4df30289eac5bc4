package org.linuxfpsync.fpm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.fpc.codec.InterfaceAttr;
import org.linuxfpsync.fpc.codec.NexthopGroupMemberAttr;
import org.linuxfpsync.fpc.codec.NexthopObjectAttr;
import org.linuxfpsync.fpc.codec.RouteAttr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Nexthop objects and the routes through them in the dump (docs/fpm-dump.md "Nexthop objects"):
 * the expected JSON is what this kernel's iproute2 6.1 printed, {@code ip -j nexthop} and
 * {@code ip -j route} with {@code nexthop_compat_mode} 1, for
 * {@code ip nexthop add id 1 via 192.0.2.2 dev v0; id 2 via 192.0.2.3 dev v0 onlink; id 3 blackhole;
 * id 4 dev v0; id 5 via 2001:db8::2 dev v0; id 6 via 192.0.2.4 fdb; id 10 group 1/2,3;
 * id 11 group 1,2 type resilient buckets 8 idle_timer 60 unbalanced_timer 30; id 12 group 6 fdb} and
 * {@code ip route add 10.1.0.0/16 nhid 10; 10.2.0.0/16 nhid 1; 10.3.0.0/16 nhid 11; 10.4.0.0/16 nhid 5}.
 */
class NexthopDumpTest {
    private static final long V0 = 0x20;

    private final FpmTables tables = new FpmTables();
    private final List<byte[]> replies = new ArrayList<>();
    private final FpmSession session = new FpmSession(tables, new FpmCounters(), 0x1ffff, () -> 1,
            f -> replies.add(Frames.copy(f)), () -> { });
    private final Frames frames = new Frames();
    private final FrameWriter w = new FrameWriter();
    private int seq = 100;

    @Test
    void nexthopsAreWrittenAsIpJsonNexthopWritesThem() throws Exception {
        feedTheKernelsNexthops();

        assertThat(nexthops()).containsExactly(
                "{\"id\":1,\"gateway\":\"192.0.2.2\",\"dev\":\"v0\",\"scope\":\"link\",\"flags\":[]}",
                "{\"id\":2,\"gateway\":\"192.0.2.3\",\"dev\":\"v0\",\"scope\":\"link\",\"flags\":[\"onlink\"]}",
                "{\"id\":3,\"blackhole\":null,\"flags\":[]}",
                "{\"id\":4,\"dev\":\"v0\",\"scope\":\"host\",\"flags\":[]}",
                "{\"id\":5,\"gateway\":\"2001:db8::2\",\"dev\":\"v0\",\"scope\":\"link\",\"flags\":[]}",
                "{\"id\":6,\"gateway\":\"192.0.2.4\",\"scope\":\"link\",\"flags\":[],\"fdb\":null}",
                "{\"id\":10,\"group\":[{\"id\":1},{\"id\":2,\"weight\":3}],\"flags\":[]}",
                // ip also writes "unbalanced_time", the kernel's count of how long the group has been unbalanced
                "{\"id\":11,\"group\":[{\"id\":1,\"weight\":2}],\"type\":\"resilient\",\"resilient_args\":"
                        + "{\"buckets\":8,\"idle_timer\":60,\"unbalanced_timer\":30},\"flags\":[]}",
                "{\"id\":12,\"group\":[{\"id\":6}],\"flags\":[],\"fdb\":null}");
        assertThat(errors()).isEmpty();
    }

    @Test
    void routesThroughANexthopAreWrittenWithNhidAndTheNextHopsItResolvesTo() throws Exception {
        feedTheKernelsNexthops();
        feed(route("10.1.0.0", 10), route("10.2.0.0", 1), route("10.3.0.0", 11), route("10.4.0.0", 5),
                route("10.6.0.0", 99));

        assertThat(routes()).containsExactly(
                "{\"dst\":\"10.1.0.0/16\",\"nhid\":10,\"flags\":[],\"nexthops\":[{\"gateway\":\"192.0.2.2\","
                        + "\"dev\":\"v0\",\"weight\":1,\"flags\":[]},{\"gateway\":\"192.0.2.3\",\"dev\":\"v0\","
                        + "\"weight\":3,\"flags\":[\"onlink\"]}]}",
                "{\"dst\":\"10.2.0.0/16\",\"nhid\":1,\"gateway\":\"192.0.2.2\",\"dev\":\"v0\",\"flags\":[]}",
                "{\"dst\":\"10.3.0.0/16\",\"nhid\":11,\"gateway\":\"192.0.2.2\",\"dev\":\"v0\",\"flags\":[]}",
                "{\"dst\":\"10.4.0.0/16\",\"nhid\":5,\"via\":{\"family\":\"inet6\",\"host\":\"2001:db8::2\"},"
                        + "\"dev\":\"v0\",\"flags\":[]}",
                // an ID the FPM does not hold resolves to nothing
                "{\"dst\":\"10.6.0.0/16\",\"nhid\":99,\"flags\":[]}");
    }

    /**
     * bench/faults nexthops (seed 198111730562130, compat mode 1): IPv6 groups left with one member
     * by links set down were written as single-path routes where ip writes a list of one, as it
     * does for {@code ip nexthop add id 13 group 5,2; id 14 group 5,2 type resilient buckets 8;
     * ip -6 route add 2001:db8:13::/64 nhid 13; 2001:db8:14::/64 nhid 14; 2001:db8:5::/64 nhid 5}.
     * An IPv4 route through a group of one is single-path (10.3.0.0/16 above).
     */
    @Test
    void anIpv6RouteThroughAGroupOfOneIsWrittenWithAListOfOneNextHop() throws Exception {
        feedTheKernelsNexthops();
        feed(Frames.copy(nexthop(13, 0, 0).putU8(NexthopObjectAttr.GROUP_TYPE, 0)
                .beginNested(NexthopObjectAttr.MEMBER).putU32(NexthopGroupMemberAttr.ID, 5)
                .putU16(NexthopGroupMemberAttr.WEIGHT, 2).endNested().finish()));
        feed(Frames.copy(nexthop(14, 0, 0).putU8(NexthopObjectAttr.GROUP_TYPE, 1)
                .beginNested(NexthopObjectAttr.MEMBER).putU32(NexthopGroupMemberAttr.ID, 5)
                .putU16(NexthopGroupMemberAttr.WEIGHT, 2).endNested()
                .putU16(NexthopObjectAttr.BUCKETS, 8).finish()));
        feed(route6("2001:db8:13::", 13), route6("2001:db8:14::", 14), route6("2001:db8:5::", 5));

        assertThat(routes()).containsExactlyInAnyOrder(
                "{\"dst\":\"2001:db8:13::/64\",\"nhid\":13,\"flags\":[],\"nexthops\":[{\"gateway\":\"2001:db8::2\","
                        + "\"dev\":\"v0\",\"weight\":2,\"flags\":[]}]}",
                "{\"dst\":\"2001:db8:14::/64\",\"nhid\":14,\"flags\":[],\"nexthops\":[{\"gateway\":\"2001:db8::2\","
                        + "\"dev\":\"v0\",\"weight\":2,\"flags\":[]}]}",
                "{\"dst\":\"2001:db8:5::/64\",\"nhid\":5,\"gateway\":\"2001:db8::2\",\"dev\":\"v0\",\"flags\":[]}");
        assertThat(errors()).isEmpty();
    }

    @Test
    void aNexthopReplacedMovesEveryRouteThroughItWithOneFrame() throws Exception {
        feedTheKernelsNexthops();
        feed(route("10.2.0.0", 1), route("10.7.0.0", 1));

        feed(single(1, "192.0.2.9", V0, 0));

        assertThat(routes()).containsExactly(
                "{\"dst\":\"10.2.0.0/16\",\"nhid\":1,\"gateway\":\"192.0.2.9\",\"dev\":\"v0\",\"flags\":[]}",
                "{\"dst\":\"10.7.0.0/16\",\"nhid\":1,\"gateway\":\"192.0.2.9\",\"dev\":\"v0\",\"flags\":[]}");
    }

    private void feedTheKernelsNexthops() throws Exception {
        feed(frames.hello(), Frames.copy(w.begin(InterfaceAttr.IF_CREATE, seq++).putU64(InterfaceAttr.IFUID, V0)
                .putU32(InterfaceAttr.VRFID, 0).putU32(InterfaceAttr.IFINDEX, 2).putString(InterfaceAttr.IFNAME, "v0")
                .putU32(InterfaceAttr.FLAGS, 0x11043).putU32(InterfaceAttr.MTU, 1500).finish()));
        feed(single(1, "192.0.2.2", V0, 0), single(2, "192.0.2.3", V0, 0x4));
        feed(Frames.copy(nexthop(3, 2, 0).putU8(NexthopObjectAttr.BLACKHOLE, 1).finish()));
        feed(Frames.copy(nexthop(4, 2, 254).putU64(NexthopObjectAttr.IFUID, V0).finish()));
        feed(single(5, "2001:db8::2", V0, 0));
        feed(Frames.copy(nexthop(6, 2, 253).putAddress(NexthopObjectAttr.GATEWAY, ip("192.0.2.4"))
                .putU8(NexthopObjectAttr.FDB, 1).finish()));
        feed(Frames.copy(nexthop(10, 0, 0).putU8(NexthopObjectAttr.GROUP_TYPE, 0)
                .beginNested(NexthopObjectAttr.MEMBER).putU32(NexthopGroupMemberAttr.ID, 1).endNested()
                .beginNested(NexthopObjectAttr.MEMBER).putU32(NexthopGroupMemberAttr.ID, 2)
                .putU16(NexthopGroupMemberAttr.WEIGHT, 3).endNested().finish()));
        feed(Frames.copy(nexthop(11, 0, 0).putU8(NexthopObjectAttr.GROUP_TYPE, 1)
                .beginNested(NexthopObjectAttr.MEMBER).putU32(NexthopGroupMemberAttr.ID, 1)
                .putU16(NexthopGroupMemberAttr.WEIGHT, 2).endNested()
                .putU16(NexthopObjectAttr.BUCKETS, 8).putU32(NexthopObjectAttr.IDLE_TIMER, 6000)
                .putU32(NexthopObjectAttr.UNBALANCED_TIMER, 3000).finish()));
        feed(Frames.copy(nexthop(12, 0, 0).putU8(NexthopObjectAttr.FDB, 1).putU8(NexthopObjectAttr.GROUP_TYPE, 0)
                .beginNested(NexthopObjectAttr.MEMBER).putU32(NexthopGroupMemberAttr.ID, 6).endNested().finish()));
        assertThat(errors()).isEmpty();
    }

    /** NEXTHOP_ADD up to SCOPE, as NexthopSync writes it (no FAMILY for a group). */
    private FrameWriter nexthop(int id, int family, int scope) {
        FrameWriter f = w.begin(NexthopObjectAttr.NEXTHOP_ADD, seq++).putU32(NexthopObjectAttr.VRFID, 0)
                .putU32(NexthopObjectAttr.ID, id);
        if (family != 0) {
            f.putU8(NexthopObjectAttr.FAMILY, family);
        }
        return f.putU8(NexthopObjectAttr.PROTOCOL, 0).putU8(NexthopObjectAttr.SCOPE, scope);
    }

    private byte[] single(int id, String gateway, long ifuid, int flags) throws Exception {
        byte[] address = ip(gateway);
        FrameWriter f = nexthop(id, address.length == 4 ? 2 : 10, 253);
        if (flags != 0) {
            f.putU32(NexthopObjectAttr.FLAGS, flags);
        }
        return Frames.copy(f.putAddress(NexthopObjectAttr.GATEWAY, address).putU64(NexthopObjectAttr.IFUID, ifuid)
                .finish());
    }

    private byte[] route(String dst, int nhid) throws Exception {
        return Frames.copy(w.begin(RouteAttr.ROUTE_ADD, seq++).putU32(RouteAttr.VRFID, 0).putU32(RouteAttr.TABLE, 254)
                .putU8(RouteAttr.FAMILY, 2).putAddress(RouteAttr.DST, ip(dst)).putU8(RouteAttr.PREFIXLEN, 16)
                .putU8(RouteAttr.TYPE, 1).putU8(RouteAttr.PROTOCOL, 3).putU8(RouteAttr.SCOPE, 0)
                .putU32(RouteAttr.NH_ID, nhid).finish());
    }

    private byte[] route6(String dst, int nhid) throws Exception {
        return Frames.copy(w.begin(RouteAttr.ROUTE_ADD, seq++).putU32(RouteAttr.VRFID, 0).putU32(RouteAttr.TABLE, 254)
                .putU8(RouteAttr.FAMILY, 10).putAddress(RouteAttr.DST, ip(dst)).putU8(RouteAttr.PREFIXLEN, 64)
                .putU8(RouteAttr.TYPE, 1).putU8(RouteAttr.PROTOCOL, 3).putU8(RouteAttr.SCOPE, 0)
                .putU32(RouteAttr.NH_ID, nhid).finish());
    }

    private List<String> nexthops() throws Exception {
        return table("nexthops");
    }

    private List<String> routes() throws Exception {
        return table("routes");
    }

    /** The table's entries without our own fields. */
    private List<String> table(String name) throws Exception {
        List<String> list = new ArrayList<>();
        for (JsonNode o : new ObjectMapper().readTree(FpmDump.toJson(1, tables)).path("vrfs").get(0).path(name)) {
            ((ObjectNode) o).remove(List.of("ifuid", "fp_stale"));
            list.add(o.toString());
        }
        return list;
    }

    private List<byte[]> errors() {
        return Frames.errors(replies);
    }

    private void feed(byte[]... list) throws Exception {
        for (byte[] f : list) {
            assertThat(session.receive(f, 0, f.length)).isTrue();
        }
    }

    private static byte[] ip(String literal) throws Exception {
        return InetAddress.getByName(literal).getAddress();
    }
}
