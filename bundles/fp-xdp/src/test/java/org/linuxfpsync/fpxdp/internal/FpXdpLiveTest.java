package org.linuxfpsync.fpxdp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linuxfpsync.fpxdp.internal.Fpm.hop;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.linuxfpsync.fpc.codec.InterfaceAttr;
import org.linuxfpsync.fpc.codec.RouteAttr;
import org.linuxfpsync.fpm.FpmInterface;
import org.linuxfpsync.fpm.FpmObject;
import org.linuxfpsync.fpm.FpmService;
import org.linuxfpsync.fpm.FpmStats;

/**
 * fp-xdp as the FPM drives it, live: bound to tables that already hold the router's state, it
 * attaches and forwards; a change told moves traffic; objects a sweep removed without a message are
 * found by the re-read, and the program is detached when it stops.
 */
class FpXdpLiveTest {
    private static final int VRF = 4;

    @BeforeAll
    static void needsRoot() {
        Assumptions.assumeTrue(Sh.run("ip", "netns", "add", "cmgr-test-xprobe").ok()
                && Sh.run("ip", "netns", "del", "cmgr-test-xprobe").ok(), "needs root for network namespaces");
    }

    /** The FPM's tables as the fast path reads them: what a test puts there. */
    private static final class Tables implements FpmService {
        final List<FpmInterface> interfaces = new ArrayList<>();
        final List<FpmObject> routes = new ArrayList<>();
        final List<FpmObject> neighbours = new ArrayList<>();

        @Override
        public String endpoint() {
            return "test";
        }

        @Override
        public String dumpJson() {
            return "{}";
        }

        @Override
        public List<FpmInterface> interfaces() {
            return List.copyOf(interfaces);
        }

        @Override
        public List<FpmObject> objects(String table) {
            switch (table) {
                case "routes": return List.copyOf(routes);
                case "neighbours": return List.copyOf(neighbours);
                default: return List.of();
            }
        }

        @Override
        public FpmStats stats() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean countMroutePackets(FpmObject mroute, long packets, long bytes) {
            return false;
        }
    }

    private static FpmInterface iface(RouterTopology t, long ifuid, String dev) {
        return Fpm.iface(ifuid, VRF, RouterTopology.ifindex(t.router, dev), dev, Fpm.UP_WITH_CARRIER,
                RouterTopology.macText(t.router, dev));
    }

    @Test
    void boundToTablesAlreadyFullItForwardsFollowsChangesAndRereadsWhatASweepRemoved() throws Exception {
        try (RouterTopology t = new RouterTopology()) {
            Tables fpm = new Tables();
            fpm.interfaces.add(iface(t, 0x10, "r0"));
            fpm.interfaces.add(iface(t, 0x11, "r1"));
            fpm.interfaces.add(iface(t, 0x12, "r2"));
            fpm.routes.add(Fpm.route(VRF, "10.1.0.0", 24, 254, 1, 0, hop(0x10L, null)));
            fpm.routes.add(Fpm.route(VRF, "10.2.0.0", 24, 254, 1, 0, hop(0x11L, null)));
            fpm.neighbours.add(Fpm.neighbour(VRF, 0x10, "10.1.0.2", RouterTopology.macText(t.a, "a0"), 0x80, 0));
            fpm.neighbours.add(Fpm.neighbour(VRF, 0x11, "10.2.0.2", RouterTopology.macText(t.b, "b0"), 0x80, 0));
            fpm.neighbours.add(Fpm.neighbour(VRF, 0x12, "10.3.0.2", RouterTopology.macText(t.b, "b1"), 0x80, 0));
            Sh.must("ip", "-n", t.b, "addr", "add", "10.9.0.2/32", "dev", "lo");
            for (String key : List.of("all", "default", "b0", "b1")) {
                Sh.must("ip", "netns", "exec", t.b, "sysctl", "-qw", "net.ipv4.conf." + key + ".rp_filter=0");
            }

            FpXdp xdp = new FpXdp(Map.of("vrfs", VRF + ":" + t.router, "interfaces", "r0,r1,r2", "xdpMode", "generic"));
            try {
                xdp.bound(fpm);
                assertThat(xdp.planes().get(VRF).attacher().attached()).containsValues("r0", "r1", "r2");
                assertThat(RouterTopology.ping(t.a, "10.2.0.2", 2)).as("forwarded from the tables read at bind").isTrue();

                FpmObject viaR2 = Fpm.route(VRF, "10.9.0.0", 24, 254, 1, 0, hop(0x12L, "10.3.0.2"));
                fpm.routes.add(viaR2);
                xdp.applied(RouteAttr.ROUTE_ADD, viaR2);
                long r2Before = xdp.counters(fpm.interfaces.get(2))[2];
                assertThat(RouterTopology.ping(t.a, "10.9.0.2", 3)).as("a route told").isTrue();
                assertThat(xdp.counters(fpm.interfaces.get(2))[2] - r2Before).as("tx on r2").isEqualTo(3);

                // fpxdp:show's report: attachments, counters and exceptions (the ARP that Linux answered)
                Map<String, Object> report = FpXdpReport.of(xdp);
                List<?> rows = (List<?>) ((Map<?, ?>) ((List<?>) report.get("vrfs")).get(0)).get("interfaces");
                assertThat(rows).hasSize(3);
                Map<?, ?> r0 = (Map<?, ?>) rows.get(0);
                assertThat(r0.get("ifname")).isEqualTo("r0");
                assertThat(r0.get("attached")).isEqualTo(true);
                assertThat((Long) r0.get("rx_packets")).isEqualTo(5);
                assertThat((Long) r0.get("exceptions")).isPositive();

                // a graceful-restart sweep removed the route without a ROUTE_DEL
                fpm.routes.remove(viaR2);
                xdp.removedWithoutNotice("routes", VRF);
                assertThat(RouterTopology.ping(t.a, "10.9.0.2", 2)).as("the swept route no longer forwards").isFalse();

                // an interface the FPM deleted: no more forwarding through it
                fpm.interfaces.remove(1);
                xdp.applied(InterfaceAttr.IF_DELETE, 0x11L);
                assertThat(RouterTopology.ping(t.a, "10.2.0.2", 2)).isFalse();
            } finally {
                xdp.deactivate();
            }
            assertThat(Sh.must("ip", "-n", t.router, "link", "show", "r0")).as("detached when it stops")
                    .doesNotContain("xdp");
        }
    }
}
