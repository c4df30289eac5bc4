package org.linuxfpsync.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;
import org.linuxfpsync.comparison.KernelL3Comparison;

/**
 * Issue 7's promise with a real feature: disabling ipv6 at runtime stops its bundle and every IPv6
 * object leaves the FPM while IPv4 stays; enabling it starts the bundle and the FPM converges to the
 * kernel's IPv6 state, changes made meanwhile included, without a restart. From the console, then
 * through daemonctl.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class Ipv6FeatureIT extends ContainerTestSupport {
    private static final int VRF = 5;
    private static final long SETTLE_MILLIS = 5_000;

    private TestNamespace ns;

    @Configuration
    public Option[] config() {
        return distribution();
    }

    @Before
    public void aNamespaceWithIpv4AndIpv6() throws Exception {
        ns = new TestNamespace();
        for (String[] cmd : new String[][] {
            {"link", "set", "lo", "up"},
            {"link", "add", "v0", "type", "veth", "peer", "name", "v1"},
            {"link", "add", "v2", "type", "veth", "peer", "name", "v3"},
            {"link", "set", "v0", "up"}, {"link", "set", "v1", "up"}, {"link", "set", "v2", "up"},
            {"link", "set", "v3", "up"},
            {"addr", "add", "10.1.0.1/24", "dev", "v0"}, {"addr", "add", "10.2.0.1/24", "dev", "v2"},
            {"addr", "add", "2001:db8:1::1/64", "dev", "v0", "nodad"},
            {"addr", "add", "2001:db8:2::1/64", "dev", "v2", "nodad"},
            {"route", "add", "10.9.0.0/16", "via", "10.1.0.2"},
            {"route", "add", "2001:db8:9::/64", "nexthop", "via", "2001:db8:1::2", "nexthop", "via", "2001:db8:2::2"},
            {"route", "add", "blackhole", "2001:db8:66::/48", "table", "100"},
            {"neigh", "add", "10.1.0.5", "lladdr", "02:00:00:00:00:05", "dev", "v0", "nud", "permanent"},
            {"neigh", "add", "2001:db8:1::5", "lladdr", "02:00:00:00:00:06", "dev", "v0", "nud", "permanent"},
            {"-6", "rule", "add", "from", "2001:db8:1::/64", "table", "100", "pref", "100"},
        }) {
            ns.ip(cmd);
        }
        followVrfs(VRF + ":" + ns.name);
        awaitEqual(true, "the namespace followed with ipv6 enabled");
        assertTrue("IPv6 objects in the FPM", ipv6Objects() > 0);
    }

    @After
    public void releaseTheNamespace() throws Exception {
        console("cmgrd:sync enable ipv6");
        releaseAndDelete(ns);
    }

    @Test
    public void a_disablingIpv6WithdrawsItFromTheFpmAndEnablingItConverges() throws Exception {
        String out = console("cmgrd:sync disable ipv6");
        assertTrue(out, out.contains("ipv6                 enabled -> disabled"));
        assertEquals("stopped", feature("ipv6").path("bundle").asText());
        assertTrue(console("cmgrd:show sync-features"),
                console("cmgrd:show sync-features").contains("ipv6                 disabled (not requested)\n"));
        awaitEqual(false, "ipv6 disabled");
        assertEquals("IPv6 objects left in the FPM", 0, ipv6Objects());

        // Changes while disabled reach the FPM once it is enabled, and not before.
        ns.ip("-6", "route", "add", "2001:db8:77::/64", "via", "2001:db8:2::7");
        ns.ip("addr", "del", "2001:db8:1::1/64", "dev", "v0");
        ns.ip("route", "add", "10.77.0.0/16", "via", "10.2.0.7");
        awaitEqual(false, "IPv4 and IPv6 changed while ipv6 is disabled");
        assertEquals(0, ipv6Objects());

        long start = System.nanoTime();
        out = console("cmgrd:sync enable ipv6");
        assertTrue(out, out.contains("ipv6                 disabled -> enabled"));
        assertEquals("active", feature("ipv6").path("bundle").asText());
        awaitEqual(true, "ipv6 enabled again");
        System.out.printf("ipv6 enabled: the FPM equal to the kernel %.0f ms after the command%n",
                (System.nanoTime() - start) / 1e6);
        assertTrue(feature("ipv6").path("synced_objects").asLong() > 0);
    }

    @Test
    public void b_theSameThroughDaemonctl() throws Exception {
        Daemonctl.Result r = Daemonctl.run(System.getProperty(CONSOLE_DIR_PROPERTY), "sync", "disable", "ipv6");
        assertEquals(r.output, 0, r.status);
        awaitEqual(false, "daemonctl cmgrd sync disable ipv6");
        assertEquals(0, ipv6Objects());
        r = Daemonctl.run(System.getProperty(CONSOLE_DIR_PROPERTY), "show", "sync-features");
        assertTrue(r.output, r.output.contains("ipv6                 disabled (not requested)\n"));

        r = Daemonctl.run(System.getProperty(CONSOLE_DIR_PROPERTY), "sync", "enable", "ipv6");
        assertEquals(r.output, 0, r.status);
        awaitEqual(true, "daemonctl cmgrd sync enable ipv6");
        r = Daemonctl.run(System.getProperty(CONSOLE_DIR_PROPERTY), "show", "sync-features");
        assertTrue(r.output, r.output.contains("ipv6                 enabled\n"));
    }

    private void awaitEqual(boolean ipv6, String what) throws Exception {
        long millis = awaitKernelL3(Map.of(VRF, ns), ipv6, SETTLE_MILLIS, () -> what);
        System.out.printf("%s: equal after %d ms%n", what, millis);
    }

    /** IPv6 addresses, routes and neighbours of the vrf in the FPM (rules without addresses cannot be told apart). */
    private int ipv6Objects() throws Exception {
        JsonNode vrf = KernelL3Comparison.vrf(fpmDump(), VRF);
        int n = 0;
        for (JsonNode link : vrf.path("links")) {
            for (JsonNode a : link.path("addr_info")) {
                n += "inet6".equals(a.path("family").asText()) ? 1 : 0;
            }
        }
        for (JsonNode r : vrf.path("routes")) {
            n += r.path("dst").asText().contains(":") || r.path("gateway").asText().contains(":")
                    || r.path("nexthops").toString().contains(":") ? 1 : 0;
        }
        for (JsonNode nb : vrf.path("neighbours")) {
            n += nb.path("dst").asText().contains(":") ? 1 : 0;
        }
        for (JsonNode rule : vrf.path("rules")) {
            n += rule.path("src").asText().contains(":") || rule.path("dst").asText().contains(":") ? 1 : 0;
        }
        return n;
    }
}
