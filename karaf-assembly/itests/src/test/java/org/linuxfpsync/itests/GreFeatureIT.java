package org.linuxfpsync.itests;

import org.linuxfpsync.comparison.KernelL3Comparison;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

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
 * The gre feature in the container, beside another feature's objects (a bridge and its port).
 *
 * <p>On every kernel: the bundle runs and registers its feature ({@code enabled}), syncs as many
 * objects as the namespace has GRE links (none without the module; its fallback devices with it),
 * and disabling then enabling it leaves the bridge's objects as they are.
 *
 * <p>Live, where the kernel has gre ({@link KernelProbe#linkKind}, in the test's namespace): gre and
 * gretap tunnels with keys, flags, TTL and TOS, and the fallback device {@code gre0} renamed, reach the
 * FPM equal to {@code ip -j -d link} (their {@code info_data}, compared field by field by
 * {@link KernelL2Comparison}), leave it when the feature is disabled and come back, a change made
 * meanwhile included, when it is enabled. A kernel without gre (such as the one this test was written
 * on) prints that it did not run and why ({@code ^live:} in the test output), and the translation is
 * tested on uapi-encoded messages (GreFeatureUapiEncodedTest).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class GreFeatureIT extends L2FeatureSupport {
    private static final int VRF = 16;
    private static final String TEST = "GreFeatureIT";
    private static final String[] GRE_KINDS = {"gre", "gretap", "erspan", "ip6gre", "ip6gretap", "ip6erspan"};

    /** Probed once, in the first test's namespace before it is followed. */
    private static KernelProbe.Result gre;

    private TestNamespace ns;

    @Configuration
    public Option[] config() {
        return distribution();
    }

    @Before
    public void aBridgeAndItsPort() throws Exception {
        ns = new TestNamespace();
        if (gre == null) {
            gre = KernelProbe.linkKind(ns, "gre");
        }
        // No IPv6 link-local addresses: they would come (DAD) while a test compares two dumps.
        for (String conf : new String[] {"all", "default"}) {
            TestNamespace.run(List.of("ip", "netns", "exec", ns.name, "sysctl", "-qw",
                    "net.ipv6.conf." + conf + ".disable_ipv6=1"));
        }
        for (String[] cmd : new String[][] {
            {"link", "add", "br0", "type", "bridge"},
            {"link", "add", "v0", "type", "veth", "peer", "name", "v1"},
            {"link", "set", "v0", "master", "br0"},
            {"link", "set", "br0", "up"}, {"link", "set", "v0", "up"}, {"link", "set", "v1", "up"},
        }) {
            ns.ip(cmd);
        }
        followVrfs(VRF + ":" + ns.name);
        // every feature's objects, the IPv6 rules included, before a test compares dumps
        boolean ipv6 = "enabled".equals(feature("ipv6").path("status").asText());
        awaitKernel(Map.of(VRF, ns), ipv6, true, SETTLE_MILLIS, () -> "the bridge's objects followed");
    }

    @After
    public void releaseTheNamespace() throws Exception {
        console("cmgrd:sync enable gre");
        followVrfs("0");
        ns.close();
    }

    @Test
    public void a_greRunsSyncsTheNamespacesGreLinksAndItsWithdrawalTouchesNothingElse() throws Exception {
        JsonNode f = feature("gre");
        assertEquals("enabled", f.path("status").asText());
        assertEquals("one object per GRE link of the namespace (its fallback devices where the kernel has gre)",
                greLinksInTheKernel(), f.path("synced_objects").asLong());
        JsonNode vrf = KernelL3Comparison.vrf(fpmDump(), VRF);
        // What must stay has to be there: without it "touches nothing else" would hold of nothing.
        assertTrue("br0's bridge parameters in the FPM", !link(vrf, "br0").path("linkinfo").path("info_data")
                .isMissingNode());

        disableAndExpectOnlyItsObjectsGone("gre", VRF, linkInfoDataOf(false, GRE_KINDS), "gre");
        assertEquals("disabled", feature("gre").path("status").asText());
        String out = console("cmgrd:sync enable gre");
        assertTrue(out, out.contains("disabled -> enabled"));
        awaitKernelL2(ns, VRF, "gre enabled again");
    }

    @Test
    public void b_greTunnelsAndTheFallbackDeviceReachTheFpmLeaveWithTheFeatureAndComeBack() throws Exception {
        live("gre and gretap tunnels and a renamed gre0 synced, withdrawn when gre is disabled, restored when enabled");
        for (String[] cmd : new String[][] {
            {"link", "add", "gre1", "type", "gre", "local", "192.0.2.1", "remote", "192.0.2.2", "ikey", "7", "okey",
                "8", "iseq", "ocsum", "ttl", "64", "tos", "0x10"},
            {"link", "add", "tap1", "type", "gretap", "local", "192.0.2.1", "remote", "192.0.2.3", "nopmtudisc"},
            {"link", "set", "gre0", "name", "catchall"},
            {"link", "set", "gre1", "up"}, {"link", "set", "tap1", "up"}, {"link", "set", "catchall", "up"},
        }) {
            ns.ip(cmd);
        }
        JsonNode vrf = awaitKernelL2(ns, VRF, "two tunnels added, gre0 renamed");
        JsonNode gre1 = link(vrf, "gre1").path("linkinfo").path("info_data");
        assertEquals("0.0.0.7", gre1.path("ikey").asText());
        assertEquals("0x10", gre1.path("tos").asText());
        assertTrue("the renamed fallback device is still the fallback one",
                link(vrf, "catchall").path("linkinfo").path("info_data").path("fp_fallback").asBoolean());
        assertTrue("gre1 is not a fallback device", gre1.path("fp_fallback").isMissingNode());
        assertEquals(greLinksInTheKernel(), feature("gre").path("synced_objects").asLong());

        vrf = disableAndExpectOnlyItsObjectsGone("gre", VRF, linkInfoDataOf(false, GRE_KINDS), "gre");
        assertTrue("gre1 without its parameters while gre is disabled",
                link(vrf, "gre1").path("linkinfo").path("info_data").isMissingNode());
        ns.ip("link", "set", "gre1", "type", "gre", "ttl", "9");

        String out = console("cmgrd:sync enable gre");
        assertTrue(out, out.contains("disabled -> enabled"));
        vrf = awaitKernelL2(ns, VRF, "gre enabled again");
        assertEquals("the change made while disabled", 9,
                link(vrf, "gre1").path("linkinfo").path("info_data").path("ttl").asInt());
    }

    /** Prints whether this part runs live here, and skips the test (with the reason) when it cannot. */
    private static void live(String part) {
        KernelProbe.report(TEST, part, gre);
        Assume.assumeTrue(part + ": not run live: " + (gre.supported() ? "" : KernelProbe.reason(gre)),
                gre.supported());
    }

    /** The namespace's links of a GRE kind, as {@code ip -j -d link} lists them. */
    private long greLinksInTheKernel() throws Exception {
        long n = 0;
        for (JsonNode l : JSON.readTree(ns.ip("-j", "-d", "link", "show"))) {
            if (List.of(GRE_KINDS).contains(l.path("linkinfo").path("info_kind").asText())) {
                n++;
            }
        }
        return n;
    }
}
