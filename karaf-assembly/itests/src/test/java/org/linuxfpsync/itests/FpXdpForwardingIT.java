package org.linuxfpsync.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue 25 end to end: host A — router — host B in namespaces of the test's own, Linux forwarding off
 * in the router (IPv4 and IPv6), its routes and neighbours set with iproute2 only. cmgrd follows the
 * router; the embedded FPM feeds fp-xdp, which forwards from what cmgrd synced: ping and TCP cross
 * only once fp-xdp runs, {@code ip route replace} moves the path, a multipath route spreads flows,
 * a deleted route and a link down stop it, and
 * {@code show stats} counts exactly the packets sent.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FpXdpForwardingIT extends ContainerTestSupport {
    private static final int VRF = 9;
    private static final String FEATURE = "linux-fp-sync-fp-xdp";

    @Inject
    private FeaturesService features;

    private TestNamespace a;
    private TestNamespace router;
    private TestNamespace b;

    @Configuration
    public Option[] config() {
        return distribution();
    }

    @Before
    public void hostARouterHostB() throws Exception {
        a = new TestNamespace();
        router = new TestNamespace();
        b = new TestNamespace();
        for (TestNamespace ns : List.of(a, router, b)) {
            ns.ip("link", "set", "lo", "up");
            ns.sysctl("net.ipv6.conf.all.accept_dad", "0");
            ns.sysctl("net.ipv6.conf.default.accept_dad", "0");
        }
        router.ip("link", "add", "r0", "type", "veth", "peer", "name", "a0", "netns", a.name);
        router.ip("link", "add", "r1", "type", "veth", "peer", "name", "b0", "netns", b.name);
        router.ip("link", "add", "r2", "type", "veth", "peer", "name", "b1", "netns", b.name);
        router.sysctl("net.ipv4.ip_forward", "0");
        router.sysctl("net.ipv6.conf.all.forwarding", "0");
        address(router, "r0", "10.1.0.1/24", "2001:db8:1::1/64");
        address(router, "r1", "10.2.0.1/24", "2001:db8:2::1/64");
        address(router, "r2", "10.3.0.1/24", "2001:db8:3::1/64");
        address(a, "a0", "10.1.0.2/24", "2001:db8:1::2/64");
        address(b, "b0", "10.2.0.2/24", "2001:db8:2::2/64");
        address(b, "b1", "10.3.0.2/24", "2001:db8:3::2/64");
        // wire-like frames from the hosts (no GSO, checksums computed): docs/fp-xdp.md, "veth"
        for (Object[] end : new Object[][] {{a, "a0"}, {b, "b0"}, {b, "b1"}}) {
            TestNamespace.run(List.of("ip", "netns", "exec", ((TestNamespace) end[0]).name, "ethtool", "-K",
                    (String) end[1], "tso", "off", "gso", "off", "tx", "off"));
        }
        a.ip("route", "add", "default", "via", "10.1.0.1");
        a.ip("-6", "route", "add", "default", "via", "2001:db8:1::1");
        b.ip("route", "add", "default", "via", "10.2.0.1");
        b.ip("-6", "route", "add", "default", "via", "2001:db8:2::1");
        b.ip("addr", "add", "10.9.0.2/32", "dev", "lo");
        for (String key : List.of("all", "default", "b0", "b1")) {
            b.sysctl("net.ipv4.conf." + key + ".rp_filter", "0"); // B answers on b0 what came in on b1
        }
        // the router's own configuration: iproute2 only
        router.ip("neigh", "add", "10.1.0.2", "lladdr", mac(a, "a0"), "dev", "r0", "nud", "permanent");
        router.ip("neigh", "add", "10.2.0.2", "lladdr", mac(b, "b0"), "dev", "r1", "nud", "permanent");
        router.ip("neigh", "add", "10.3.0.2", "lladdr", mac(b, "b1"), "dev", "r2", "nud", "permanent");
        router.ip("neigh", "add", "2001:db8:1::2", "lladdr", mac(a, "a0"), "dev", "r0", "nud", "permanent");
        router.ip("neigh", "add", "2001:db8:2::2", "lladdr", mac(b, "b0"), "dev", "r1", "nud", "permanent");
        router.ip("route", "add", "10.9.0.0/24", "via", "10.2.0.2");
        followVrfs(VRF + ":" + router.name);
    }

    @After
    public void release() throws Exception {
        try {
            if (features.isInstalled(features.getFeature(FEATURE))) {
                features.uninstallFeature(FEATURE);
            }
        } finally {
            releaseAndDelete(a, router, b);
        }
    }

    @Test
    public void forwardsWhatCmgrdSyncedAndOnlyThat() throws Exception {
        assertFalse("Linux forwarding is off: nothing crosses without the fast path", ping(a, "10.2.0.2", 1));

        org.osgi.service.cm.Configuration c = configurationAdmin.getConfiguration("org.linuxfpsync.fpxdp", "?");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("vrfs", VRF + ":" + router.name);
        props.put("interfaces", "r0,r1,r2");
        props.put("xdpMode", "generic");
        c.update(props);
        features.installFeature(FEATURE);

        assertTrue("IPv4 ping through fp-xdp", await(() -> ping(a, "10.2.0.2", 1)));
        assertTrue("IPv6 ping through fp-xdp", await(() -> ping(a, "2001:db8:2::2", 1)));
        assertEquals("a TCP transfer through fp-xdp", 2_000_000, tcp(a, b, "10.2.0.2", 2_000_000));

        // the counters count exactly what was sent
        JsonNode before = stats();
        assertTrue(ping(a, "10.2.0.2", 20));
        JsonNode after = stats();
        assertEquals("echo requests in on r0", 20, counter(after, "r0", "rx_packets") - counter(before, "r0", "rx_packets"));
        assertEquals("echo requests out on r1", 20, counter(after, "r1", "tx_packets") - counter(before, "r1", "tx_packets"));
        assertEquals("replies in on r1", 20, counter(after, "r1", "rx_packets") - counter(before, "r1", "rx_packets"));
        assertEquals("replies out on r0", 20, counter(after, "r0", "tx_packets") - counter(before, "r0", "tx_packets"));
        String text = console("cmgrd:show stats");
        assertTrue(text, text.contains("Fast path statistics (from the FPM, now):") && text.contains("r0 "));
        String show = console("fpxdp:show");
        System.out.println(show);
        assertTrue(show, Pattern.compile("\\n    r0 +\\d+ +yes ").matcher(show).find());
        JsonNode xdp = JSON.readTree(console("fpxdp:show --json")).path("vrfs").path(0);
        assertEquals(VRF, xdp.path("vrfid").asInt());
        assertEquals(3, xdp.path("interfaces").size());

        // ip route replace moves the path: 10.9.0.2 leaves by r2 instead of r1
        assertTrue(ping(a, "10.9.0.2", 1));
        router.ip("route", "replace", "10.9.0.0/24", "via", "10.3.0.2");
        long r2Before = counter(stats(), "r2", "tx_packets");
        assertTrue("the new path within a second", await(() -> ping(a, "10.9.0.2", 1)
                && counter(stats(), "r2", "tx_packets") > r2Before));

        // multipath: UDP flows (a new source port each) spread over both links
        router.ip("route", "replace", "10.9.0.0/24", "nexthop", "via", "10.2.0.2", "nexthop", "via", "10.3.0.2");
        assertTrue("both paths carry flows", await(() -> {
            JsonNode s0 = stats();
            TestNamespace.run(List.of("ip", "netns", "exec", a.name, "bash", "-c",
                    "for i in $(seq 40); do echo x > /dev/udp/10.9.0.2/7; done"));
            JsonNode s1 = stats();
            return counter(s1, "r1", "tx_packets") > counter(s0, "r1", "tx_packets")
                    && counter(s1, "r2", "tx_packets") > counter(s0, "r2", "tx_packets");
        }));

        // a deleted route no longer forwards
        router.ip("route", "del", "10.9.0.0/24");
        assertTrue("route deleted: no more forwarding", await(() -> !ping(a, "10.9.0.2", 1)));

        // link down stops it
        router.ip("link", "set", "r1", "down");
        assertTrue("link down: no more forwarding", await(() -> !ping(a, "10.2.0.2", 1)));
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    /** Up to 10 s for cmgrd, the FPM and fp-xdp to catch up. */
    private static boolean await(Check check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (check.holds()) {
                return true;
            }
            Thread.sleep(100);
        }
        return check.holds();
    }

    private JsonNode stats() throws Exception {
        return JSON.readTree(console("cmgrd:show stats --json"));
    }

    private static long counter(JsonNode stats, String ifname, String name) {
        for (JsonNode i : stats.path("interfaces")) {
            if (ifname.equals(i.path("ifname").asText()) && i.path("vrfid").asInt() == VRF) {
                return i.path(name).asLong();
            }
        }
        throw new AssertionError("no counters of " + ifname + " in " + stats);
    }

    private static void address(TestNamespace ns, String dev, String v4, String v6) throws Exception {
        ns.ip("addr", "add", v4, "dev", dev);
        ns.ip("addr", "add", v6, "dev", dev, "nodad");
        ns.ip("link", "set", dev, "up");
    }

    private static String mac(TestNamespace ns, String dev) throws Exception {
        Matcher m = Pattern.compile("link/ether ([0-9a-f:]{17})").matcher(ns.ip("-o", "link", "show", "dev", dev));
        if (!m.find()) {
            throw new AssertionError("no MAC for " + dev);
        }
        return m.group(1);
    }

    private static boolean ping(TestNamespace from, String dst, int count) throws Exception {
        Process p = new ProcessBuilder("ip", "netns", "exec", from.name, "ping", dst.contains(":") ? "-6" : "-4",
                "-c", Integer.toString(count), "-i", "0.2", "-W", "1", "-q", dst).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    /** Bytes B received of {@code bytes} sent by A over TCP (netcat). */
    private static long tcp(TestNamespace from, TestNamespace to, String dst, int bytes) throws Exception {
        Process server = new ProcessBuilder("bash", "-c", "ip netns exec " + to.name + " timeout 20 nc -l 5001 | wc -c")
                .redirectErrorStream(true).start();
        try {
            Thread.sleep(300);
            TestNamespace.run(List.of("bash", "-c", "head -c " + bytes + " /dev/zero | ip netns exec " + from.name
                    + " timeout 15 nc -N " + dst + " 5001"));
            server.waitFor(20, TimeUnit.SECONDS);
            return Long.parseLong(new String(server.getInputStream().readAllBytes()).strip());
        } finally {
            server.destroyForcibly();
        }
    }
}
