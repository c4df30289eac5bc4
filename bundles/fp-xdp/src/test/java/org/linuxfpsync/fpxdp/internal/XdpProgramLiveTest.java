package org.linuxfpsync.fpxdp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The XDP program alone, live: its maps filled by hand (as the translation would), a ping crosses
 * a router whose Linux forwarding is off only while the program is attached, and the per-interface
 * counters count exactly the packets forwarded. Native mode needs an XDP program on the hosts'
 * veth ends too (veth delivers redirected frames only to a peer running XDP); generic does not.
 */
class XdpProgramLiveTest {

    @BeforeAll
    static void needsRoot() {
        Assumptions.assumeTrue(Sh.run("ip", "netns", "add", "cmgr-test-xprobe").ok()
                && Sh.run("ip", "netns", "del", "cmgr-test-xprobe").ok(), "needs root for network namespaces");
    }

    @ParameterizedTest
    @EnumSource(value = XdpMode.class, names = {"NATIVE", "GENERIC"})
    void aPingCrossesTheRouterOnlyThroughTheProgramAndIsCounted(XdpMode mode) throws Exception {
        Native lib = Native.load();
        try (RouterTopology t = new RouterTopology();
             BpfObject router = BpfObject.load(lib);
             BpfObject hostA = BpfObject.load(lib);
             BpfObject hostB = BpfObject.load(lib)) {
            assertThat(RouterTopology.ping(t.a, "10.2.0.2", 1)).as("Linux forwarding is off").isFalse();

            int r0 = RouterTopology.ifindex(t.router, "r0");
            int r1 = RouterTopology.ifindex(t.router, "r1");
            XdpMaps maps = new XdpMaps(router);
            maps.putInterface(new InterfaceEntry(r0, 7, 1500, 0, RouterTopology.mac(t.router, "r0"), true), true);
            maps.putInterface(new InterfaceEntry(r1, 7, 1500, 1, RouterTopology.mac(t.router, "r1"), true), true);
            maps.putRoute(new Prefix(7, addr("10.1.0.0"), 24), forward(r0, null));
            maps.putRoute(new Prefix(7, addr("10.2.0.0"), 16), forward(r1, addr("10.2.0.99")));
            maps.putRoute(new Prefix(7, addr("10.2.0.0"), 24), forward(r1, null)); // the longer prefix wins
            maps.putRoute(new Prefix(7, addr("2001:db8:1::"), 64), forward(r0, null));
            maps.putRoute(new Prefix(7, addr("2001:db8:2::"), 64), forward(r1, null));
            maps.putNeighbour(r0, addr("10.1.0.2"), RouterTopology.mac(t.a, "a0"));
            maps.putNeighbour(r1, addr("10.2.0.2"), RouterTopology.mac(t.b, "b0"));
            maps.putNeighbour(r0, addr("2001:db8:1::2"), RouterTopology.mac(t.a, "a0"));
            maps.putNeighbour(r1, addr("2001:db8:2::2"), RouterTopology.mac(t.b, "b0"));

            XdpAttacher onRouter = new XdpAttacher(lib, new NetnsRunner(lib, t.router), mode,
                    router.programFd(BpfObject.FORWARDER));
            onRouter.attach(r0, "r0");
            onRouter.attach(r1, "r1");
            XdpAttacher onA = new XdpAttacher(lib, new NetnsRunner(lib, t.a), mode, hostA.programFd(BpfObject.PASS));
            XdpAttacher onB = new XdpAttacher(lib, new NetnsRunner(lib, t.b), mode, hostB.programFd(BpfObject.PASS));
            if (mode == XdpMode.NATIVE) {
                onA.attach(RouterTopology.ifindex(t.a, "a0"), "a0");
                onB.attach(RouterTopology.ifindex(t.b, "b0"), "b0");
            }
            // the hosts learn the router's MAC (ARP, NDP: Linux answers them, the program passes them)
            RouterTopology.ping(t.a, "10.1.0.1", 1);
            RouterTopology.ping(t.b, "10.2.0.1", 1);
            RouterTopology.ping(t.a, "2001:db8:1::1", 1);
            RouterTopology.ping(t.b, "2001:db8:2::1", 1);
            long[] r0Before = maps.counters(0);
            long[] r1Before = maps.counters(1);

            assertThat(RouterTopology.ping(t.a, "10.2.0.2", 5)).as(() -> "IPv4 through XDP (" + mode + "), counters r0 "
                    + java.util.Arrays.toString(maps.counters(0)) + " r1 " + java.util.Arrays.toString(maps.counters(1)))
                    .isTrue();
            assertThat(RouterTopology.ping(t.a, "2001:db8:2::2", 5)).as("IPv6 through XDP (" + mode + ")").isTrue();

            long[] r0After = maps.counters(0);
            long[] r1After = maps.counters(1);
            // 10 echo requests in on r0 and out on r1, 10 replies in on r1 and out on r0
            assertThat(r0After[XdpMaps.RX_PACKETS] - r0Before[XdpMaps.RX_PACKETS]).isEqualTo(10);
            assertThat(r1After[XdpMaps.TX_PACKETS] - r1Before[XdpMaps.TX_PACKETS]).isEqualTo(10);
            assertThat(r1After[XdpMaps.RX_PACKETS] - r1Before[XdpMaps.RX_PACKETS]).isEqualTo(10);
            assertThat(r0After[XdpMaps.TX_PACKETS] - r0Before[XdpMaps.TX_PACKETS]).isEqualTo(10);
            // 5 × (IPv4: 14 + 84) + 5 × (IPv6: 14 + 104)
            assertThat(r0After[XdpMaps.RX_BYTES] - r0Before[XdpMaps.RX_BYTES]).isEqualTo(5 * 98 + 5 * 118);

            assertThat(t.tcpTransfer("10.2.0.2", 3_000_000)).as("a TCP transfer through XDP (" + mode + ")")
                    .isEqualTo(3_000_000);

            // a blackhole drops, counted; the program detached, nothing crosses
            maps.putRoute(new Prefix(7, addr("10.2.0.2"), 32), RouteEntry.BLACKHOLE);
            assertThat(RouterTopology.ping(t.a, "10.2.0.2", 2)).isFalse();
            assertThat(maps.counters(0)[XdpMaps.RX_DROPPED] - r0After[XdpMaps.RX_DROPPED]).isEqualTo(2);
            maps.deleteRoute(new Prefix(7, addr("10.2.0.2"), 32));
            assertThat(RouterTopology.ping(t.a, "10.2.0.2", 1)).isTrue();
            onRouter.detachAll();
            assertThat(RouterTopology.ping(t.a, "10.2.0.2", 2)).as("program detached").isFalse();
            onA.detachAll();
            onB.detachAll();
        }
    }

    private static RouteEntry forward(int ifindex, byte[] gateway) {
        return new RouteEntry(RouteEntry.FORWARD, 0, List.of(new RouteEntry.Path(ifindex, 1, gateway)));
    }

    static byte[] addr(String a) throws Exception {
        return InetAddress.getByName(a).getAddress();
    }
}
