package org.linuxfpsync.itests;

import org.linuxfpsync.comparison.KernelL3Comparison;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.After;
import org.junit.Assume;
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

/**
 * The multicast feature against the real kernel: static (S,G) entries of smcroute, IPv4 and IPv6,
 * in the default table and in a second one (a second daemon with {@code -t}), added, changed and
 * removed; an interface deleted under an entry; the daemon stopped (the kernel deletes every entry);
 * the feature disabled and enabled. Every step ends with the FPM's {@code mroutes} equal to
 * {@code ip -d -j mroute show table all} and {@code ip -6 -d -j mroute show table all} of the
 * namespace (with {@code -d}, ip writes every entry's table, {@code main} too).
 * On a kernel without multicast routing (CONFIG_IP_MROUTE) it says so and does not run; the
 * translation is then McastFeatureUapiEncodedTest's.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class MulticastFeatureIT extends L2FeatureSupport {
    private static final String TEST = "MulticastFeatureIT";
    private static final int VRF = 12;
    private static final int SECOND_TABLE = 10;

    private TestNamespace ns;
    private Smcroute daemon;

    @Configuration
    public Option[] config() {
        return distribution();
    }

    @Before
    public void vethsAndAnSmcrouteDaemonWithTwoEntries() throws Exception {
        // on any kernel: the bundle's component is active (the console does not say "not implemented")
        String features = console("cmgrd:show sync-features");
        assertTrue(features, features.contains(String.format("%-20s enabled\n", "multicast")));
        ns = new TestNamespace();
        KernelProbe.Result probe = KernelProbe.multicastRouting(ns);
        KernelProbe.report(TEST, "multicast routes synced, changed, withdrawn", probe);
        if (!probe.supported()) {
            ns.close();
            ns = null;
        }
        Assume.assumeTrue("not run live: " + (probe.supported() ? "" : KernelProbe.reason(probe)), probe.supported());
        for (String pair : new String[] {"in", "out", "alt", "tab"}) {
            ns.ip("link", "add", pair + "0", "type", "veth", "peer", "name", pair + "1");
            ns.ip("link", "set", pair + "0", "up");
            ns.ip("link", "set", pair + "1", "up");
        }
        daemon = new Smcroute(ns, ns.name + "-a", 0, List.of(
                "phyint in0 enable", "phyint out0 enable", "phyint alt0 enable",
                "mroute from in0 source 10.1.0.2 group 239.1.1.1 to out0 alt0",
                "mroute from in0 source fd00::2 group ff3e::1:1 to out0"));
        followVrfs(VRF + ":" + ns.name);
        awaitKernelMroutes("two entries of the daemon's configuration", 2);
    }

    @After
    public void stopTheDaemonAndReleaseTheNamespace() throws Exception {
        if (ns == null) {
            return;
        }
        console("cmgrd:sync enable multicast");
        if (daemon != null) {
            daemon.close();
        }
        releaseAndDelete(ns);
    }

    @Test
    public void a_entriesAddedChangedAndRemovedEndEqualToTheKernel() throws Exception {
        daemon.add("in0", "10.1.0.3", "239.1.1.2", "out0");
        daemon.add("out0", "fd00::3", "ff3e::1:2", "in0", "alt0");
        awaitKernelMroutes("an IPv4 and an IPv6 entry added", 4);

        daemon.add("in0", "10.1.0.3", "239.1.1.2", "alt0", "out0");
        awaitKernelMroutes("an entry's output interfaces changed", 4);

        daemon.remove("in0", "10.1.0.3", "239.1.1.2");
        daemon.remove("out0", "fd00::3", "ff3e::1:2");
        awaitKernelMroutes("both removed", 2);
    }

    @Test
    public void b_aSecondTableIsSyncedBesideTheDefaultOne() throws Exception {
        String part = "a second multicast table (ip mrule, smcrouted -t)";
        KernelProbe.Result tables;
        try {
            ns.ip("mrule", "add", "iif", "tab0", "lookup", Integer.toString(SECOND_TABLE));
            tables = new KernelProbe.Result("multicast routing tables", null);
        } catch (AssertionError refused) {
            tables = new KernelProbe.Result("multicast routing tables (CONFIG_IP_MROUTE_MULTIPLE_TABLES)",
                    refused.getMessage());
        }
        KernelProbe.report(TEST, part, tables);
        Assume.assumeTrue(part + ": not run live: " + (tables.supported() ? "" : KernelProbe.reason(tables)),
                tables.supported());
        try (Smcroute second = new Smcroute(ns, ns.name + "-b", SECOND_TABLE, List.of(
                "phyint tab0 enable", "phyint out0 enable",
                "mroute from tab0 source 10.1.0.2 group 239.1.1.1 to out0"))) {
            JsonNode vrf = awaitKernelMroutes("the same (S,G) in table " + SECOND_TABLE, 3);
            assertTrue("an entry of table " + SECOND_TABLE + ": " + vrf.path("mroutes"),
                    tables(vrf).contains(Integer.toString(SECOND_TABLE)));
        }
        awaitKernelMroutes("the second daemon stopped: its table emptied", 2);
    }

    @Test
    public void c_anInterfaceDeletedUnderAnEntryIsFollowed() throws Exception {
        // deleting alt0 deletes its VIF without a notification; the entry keeps out0 only
        ns.ip("link", "del", "alt0");
        JsonNode vrf = awaitKernelMroutes("alt0 deleted", 2);
        assertTrue("no entry through alt0: " + vrf.path("mroutes"), !vrf.path("mroutes").toString().contains("alt0"));
    }

    @Test
    public void d_disablingMulticastWithdrawsExactlyItsEntriesAndEnablingRestoresThem() throws Exception {
        disableAndExpectOnlyItsObjectsGone("multicast", VRF, vrf -> vrf.remove("mroutes"), "mroutes");
        assertEquals(0L, (long) tableCounts().get("mroutes"));

        daemon.add("in0", "10.1.0.4", "239.1.1.4", "out0");
        // the marker: a link made after the change, in the FPM, means the change was delivered too
        ns.ip("link", "add", "mark0", "type", "veth", "peer", "name", "mark1");
        awaitKernelLinks(ns, VRF, "marker after a change made while disabled", 5_000);
        assertEquals("multicast routes in the FPM while the feature is disabled", 0L,
                (long) tableCounts().get("mroutes"));

        String out = console("cmgrd:sync enable multicast");
        assertTrue(out, out.contains("multicast            disabled -> enabled"));
        awaitKernelMroutes("multicast enabled again", 3);
    }

    @Test
    public void e_stoppingTheDaemonDeletesEveryEntryAndTheFpmFollows() throws Exception {
        daemon.close();
        daemon = null;
        awaitKernelMroutes("the daemon stopped", 0);
    }

    /**
     * Polls until the FPM's multicast routes of the vrf equal the kernel's resolved entries, both
     * families, every table, and there are {@code expected} of them.
     */
    private JsonNode awaitKernelMroutes(String what, int expected) throws Exception {
        long begin = System.nanoTime();
        long deadline = begin + 30_000_000_000L;
        while (true) {
            List<String> kernel = kernelMroutes();
            JsonNode vrf = KernelL3Comparison.vrf(fpmDump(), VRF);
            List<String> fpm = fpmMroutes(vrf);
            if (kernel.size() == expected && kernel.equals(fpm)) {
                System.out.printf("%s: %d entries equal after %d ms%n", what, expected,
                        (System.nanoTime() - begin) / 1_000_000);
                return vrf;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": expected " + expected + " entries, kernel " + kernel + ", FPM "
                        + fpm + (daemon != null ? "\nsmcrouted: " + daemon.log() : ""));
            }
            Thread.sleep(50);
        }
    }

    /** {@code ip -d -j mroute show table all} and its IPv6 twin, resolved entries, each as one comparable line. */
    private List<String> kernelMroutes() throws Exception {
        List<String> lines = new ArrayList<>();
        for (String family : new String[] {"-4", "-6"}) {
            for (JsonNode e : JSON.readTree(ns.ip(family, "-d", "-j", "mroute", "show", "table", "all"))) {
                if ("resolved".equals(e.path("state").asText())) {
                    lines.add(line(family, e));
                }
            }
        }
        lines.sort(null);
        return lines;
    }

    private static List<String> fpmMroutes(JsonNode vrf) {
        List<String> lines = new ArrayList<>();
        for (JsonNode e : vrf.path("mroutes")) {
            lines.add(line("inet".equals(e.path("family").asText()) ? "-4" : "-6", e));
        }
        lines.sort(null);
        return lines;
    }

    /** family src dst iif table [oif ttl...]: what ip writes of an entry, the FPM in the same words. */
    private static String line(String family, JsonNode e) {
        StringBuilder b = new StringBuilder(family).append(' ').append(e.path("src").asText()).append(' ')
                .append(e.path("dst").asText()).append(" iif ").append(e.path("iif").asText()).append(" table ")
                .append(e.path("table").asText());
        List<String> oifs = new ArrayList<>();
        for (JsonNode o : e.path("multipath")) {
            oifs.add(o.path("oif").asText() + " ttl " + o.path("ttl").asInt(1));
        }
        oifs.sort(null);
        return b.append(' ').append(oifs).toString();
    }

    private static List<String> tables(JsonNode vrf) {
        List<String> tables = new ArrayList<>();
        vrf.path("mroutes").forEach(e -> tables.add(e.path("table").asText()));
        return tables;
    }
}
