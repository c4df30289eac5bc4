package org.linuxfpsync.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
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
 * The foundation end to end on a real kernel: links created, enslaved, changed and deleted in a
 * test namespace reach the embedded reference FPM within a second, equal to the kernel's view.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class InterfaceSyncIT extends ContainerTestSupport {
    private static final int VRF = 3;


    @Inject
    private FeaturesService features;


    @Configuration
    public Option[] config() {
        return distribution();
    }

    @Test
    public void a_linkChangesInANamespaceReachTheFpmWithinASecondEqualToTheKernel() throws Exception {
        TestNamespace ns = new TestNamespace();
        try {
            followVrfs(VRF + ":" + ns.name);
            awaitKernelView(ns, "the namespace's initial links", 15_000);

            ns.ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
            JsonNode dump = awaitKernelView(ns, "veth pair v0/v1 created", SYNC_DEADLINE_MILLIS);
            assertIfuidsAreUniqueHexAndMatchTheCacheManager(dump);

            ns.ip("link", "add", "br0", "type", "bridge");
            ns.ip("link", "set", "v0", "master", "br0");
            dump = awaitKernelView(ns, "bridge br0 with port v0", SYNC_DEADLINE_MILLIS);
            JsonNode br0 = link(dump, VRF, "br0");
            JsonNode v0 = link(dump, VRF, "v0");
            assertEquals("v0's master_ifuid is br0's ifuid", br0.path("ifuid").asText(), v0.path("master_ifuid").asText());
            assertEquals(5, br0.path("fp_subtype").asInt());
            assertBridgePortListedByTheConsole(v0, br0);

            assertTheFastPathCountsEveryInterfaceOfTheVrf(dump);

            ns.ip("link", "set", "v1", "mtu", "1400");
            dump = awaitKernelView(ns, "v1 mtu 1400", SYNC_DEADLINE_MILLIS);
            assertEquals(1400, link(dump, VRF, "v1").path("mtu").asInt());

            ns.ip("link", "set", "br0", "up");
            ns.ip("link", "set", "v0", "up");
            ns.ip("link", "set", "v1", "up");
            dump = awaitKernelView(ns, "br0, v0, v1 up", SYNC_DEADLINE_MILLIS);
            assertTrue(flagsOf(link(dump, VRF, "v1")).contains("UP"));

            ns.ip("link", "set", "v1", "down");
            dump = awaitKernelView(ns, "v1 down", SYNC_DEADLINE_MILLIS);
            assertFalse(flagsOf(link(dump, VRF, "v1")).contains("UP"));

            ns.ip("link", "set", "v0", "nomaster");
            dump = awaitKernelView(ns, "v0 left br0", SYNC_DEADLINE_MILLIS);
            assertTrue(link(dump, VRF, "v0").path("master_ifuid").isMissingNode());

            ns.ip("link", "del", "v0");
            dump = awaitKernelView(ns, "v0 deleted (and its peer v1 with it)", SYNC_DEADLINE_MILLIS);
            assertEquals(null, link(dump, VRF, "v0"));
            assertEquals(null, link(dump, VRF, "v1"));
        } finally {
            // Release the namespace before deleting it: our sockets would keep it alive.
            followVrfs("0");
            ns.close();
        }
    }

    @Test
    public void b_jnrFfiSurvivesUninstallAndReinstallOfTheProduct() throws Exception {
        features.uninstallFeature("linux-fp-sync");
        assertFalse("netlink bundle gone after uninstall", installedBundle("org.linuxfpsync.netlink").isPresent());
        assertFalse("jnr-ffi gone after uninstall", installedBundle("com.github.jnr.ffi").isPresent());

        features.installFeature("linux-fp-sync");
        assertTrue(installedBundle("org.linuxfpsync.netlink").isPresent());

        TestNamespace ns = new TestNamespace();
        try {
            followVrfs(VRF + ":" + ns.name);
            awaitKernelView(ns, "initial links after reinstall", 30_000);
            ns.ip("link", "add", "r0", "type", "veth", "peer", "name", "r1");
            JsonNode dump = awaitKernelView(ns, "veth r0/r1 after reinstall", SYNC_DEADLINE_MILLIS);
            assertNotNull(link(dump, VRF, "r0"));
        } finally {
            followVrfs("0");
            ns.close();
        }
    }

    private JsonNode awaitKernelView(TestNamespace ns, String what, long millis) throws Exception {
        return awaitKernelLinks(ns, VRF, what, millis);
    }

    private void assertIfuidsAreUniqueHexAndMatchTheCacheManager(JsonNode dump) throws Exception {
        Pattern hex = Pattern.compile("0x[0-9a-f]+");
        Set<String> seen = new HashSet<>();
        JsonNode console = JSON.readTree(console("cmgrd:show interfaces --json")).path("interfaces");
        for (JsonNode l : links(dump, VRF)) {
            String ifuid = l.path("ifuid").asText();
            assertTrue("ifuid is hex: " + ifuid, hex.matcher(ifuid).matches());
            assertTrue("ifuid unique: " + ifuid, seen.add(ifuid));
            assertEquals(VRF, l.path("vrfid").asInt());
            boolean found = false;
            for (JsonNode c : console) {
                if (c.path("vrfid").asInt() == VRF && c.path("ifindex").asInt() == l.path("ifindex").asInt()) {
                    assertEquals("same ifuid in cmgrd and the FPM", ifuid, c.path("ifuid").asText());
                    found = true;
                }
            }
            assertTrue("cmgrd:show interfaces lists " + l.path("ifname").asText(), found);
        }
    }

    private void assertBridgePortListedByTheConsole(JsonNode v0, JsonNode br0) throws Exception {
        String text = console("cmgrd:show interfaces");
        String header = "v0 vrfid " + VRF + " (ifindex: " + v0.path("ifindex").asInt() + ", ifuid: " + v0.path("ifuid").asText() + ")";
        int bridgeList = text.indexOf("Bridge interfaces list:");
        assertTrue("manual's layout:\n" + text, text.startsWith("Interfaces list:\n") && bridgeList > 0);
        assertTrue("v0 in the interfaces list:\n" + text, text.indexOf(header) >= 0 && text.indexOf(header) < bridgeList);
        assertTrue("v0 in the bridge list:\n" + text, text.indexOf(header, bridgeList) > bridgeList);
        assertTrue("bridge port line:\n" + text,
                text.contains("        type: 249, subtype: 0, master_ifuid: " + br0.path("ifuid").asText() + "\n"));
    }

    /** show stats and JMX list every interface the FPM has, as it counts them (the reference FPM forwards nothing). */
    private void assertTheFastPathCountsEveryInterfaceOfTheVrf(JsonNode dump) throws Exception {
        JsonNode stats = JSON.readTree(console("cmgrd:show stats --json"));
        assertTrue(stats.toString(), stats.path("fresh").asBoolean());
        Set<String> counted = new HashSet<>();
        stats.path("interfaces").forEach(i -> counted.add(i.path("ifuid").asText()));
        for (JsonNode l : links(dump, VRF)) {
            assertTrue("show stats counts " + l.path("ifname").asText(), counted.contains(l.path("ifuid").asText()));
        }
        String text = console("cmgrd:show stats");
        assertTrue(text, text.startsWith("Fast path statistics (from the FPM, now):\n") && text.contains("\nbr0 "));

        javax.management.MBeanServer jmx = bundleContext.getService(
                bundleContext.getServiceReference(javax.management.MBeanServer.class));
        javax.management.ObjectName name = new javax.management.ObjectName("org.linuxfpsync:type=FastPathStatistics");
        Object[] interfaces = (Object[]) jmx.getAttribute(name, "Interfaces");
        assertEquals(counted.size(), interfaces.length);
    }

    private static Set<String> flagsOf(JsonNode link) {
        Set<String> flags = new HashSet<>();
        link.path("flags").forEach(f -> flags.add(f.asText()));
        return flags;
    }
}
