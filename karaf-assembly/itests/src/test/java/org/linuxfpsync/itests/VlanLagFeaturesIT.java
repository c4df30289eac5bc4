package org.linuxfpsync.itests;

import org.linuxfpsync.comparison.KernelL3Comparison;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.function.Consumer;

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
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The vlan and lag features in the container, beside other features' L2 objects (a bridge and its
 * port, a vxlan, a macvlan).
 *
 * <p>On every kernel: both bundles run and register their feature ({@code enabled}, not "not
 * implemented"), follow the vrfs with the others, and disabling then enabling each leaves the other
 * features' objects, which are checked to be there first, as they are.
 *
 * <p>Live, where the kernel has 8021q and bonding ({@link KernelProbe}, in the test's namespace):
 * VLAN sub-interfaces and a bond with its slaves reach the FPM equal to {@code ip -j -d link},
 * leave it when their feature is disabled and come back, changes made meanwhile included, when it
 * is enabled. A kernel without them (such as the one these tests were written on) cannot hold such
 * devices: each live test prints that it did not run and why, and ends there (a JUnit assumption:
 * Pax Exam runs the test in the container and reports it as passed, so the printed line is what
 * tells; grep {@code ^live:} in the test output); their translation is
 * tested on uapi-encoded messages then (VlanFeatureUapiEncodedTest, LagFeatureUapiEncodedTest).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class VlanLagFeaturesIT extends L2FeatureSupport {
    private static final int VRF = 14;
    private static final String TEST = "VlanLagFeaturesIT";

    /** Probed once, in the first test's namespace before it is followed. */
    private static KernelProbe.Result vlans;
    private static KernelProbe.Result bonds;

    private TestNamespace ns;

    @Configuration
    public Option[] config() {
        return distribution();
    }

    @Before
    public void otherFeaturesObjects() throws Exception {
        ns = new TestNamespace();
        // No duplicate address detection: an IPv6 address leaving "tentative" between the two dumps
        // a withdrawal test compares would be a kernel change, not the feature's (seen once in CI).
        ns.sysctl("net.ipv6.conf.all.accept_dad", "0");
        ns.sysctl("net.ipv6.conf.default.accept_dad", "0");
        if (vlans == null) {
            vlans = KernelProbe.vlan(ns);
            bonds = KernelProbe.bond(ns);
        }
        for (String[] cmd : new String[][] {
            {"link", "add", "br0", "type", "bridge"},
            {"link", "add", "v0", "type", "veth", "peer", "name", "v1"},
            {"link", "set", "v0", "master", "br0"},
            {"link", "add", "mv0", "link", "v1", "type", "macvlan", "mode", "bridge"},
            {"link", "add", "vx0", "type", "vxlan", "id", "7", "remote", "192.0.2.2", "dstport", "4789"},
            {"link", "set", "br0", "up"}, {"link", "set", "v0", "up"}, {"link", "set", "v1", "up"},
        }) {
            ns.ip(cmd);
        }
        followVrfs(VRF + ":" + ns.name);
        awaitKernelL2(ns, VRF, "other features' objects followed");
    }

    @After
    public void releaseTheNamespace() throws Exception {
        console("cmgrd:sync enable vlan");
        console("cmgrd:sync enable lag");
        followVrfs("0");
        ns.close();
    }

    @Test
    public void a_vlanAndLagRunAndTheirWithdrawalTouchesNothingElse() throws Exception {
        for (String feature : new String[] {"vlan", "lag"}) {
            JsonNode f = feature(feature);
            assertEquals(feature, "enabled", f.path("status").asText());
            assertEquals(feature + ": the namespace has none of its devices", 0, f.path("synced_objects").asLong());
            // What must stay has to be there: without it "touches nothing else" would hold of nothing.
            JsonNode vrf = KernelL3Comparison.vrf(fpmDump(), VRF);
            assertTrue("br0's bridge parameters in the FPM", hasInfoData(vrf, "br0"));
            assertTrue("vx0's vxlan parameters in the FPM", hasInfoData(vrf, "vx0"));
            assertTrue("mv0's macvlan parameters in the FPM", hasInfoData(vrf, "mv0"));
            assertTrue("v0's bridge port state in the FPM", !link(vrf, "v0").path("linkinfo").path("info_slave_data")
                    .isMissingNode());

            disableAndExpectOnlyItsObjectsGone(feature, VRF, v -> { }, feature);
            assertEquals(feature, "disabled", feature(feature).path("status").asText());
            String out = console("cmgrd:sync enable " + feature);
            assertTrue(out, out.contains("disabled -> enabled"));
            awaitKernelL2(ns, VRF, feature + " enabled again");
        }
    }

    @Test
    public void b_vlanSubInterfacesReachTheFpmLeaveWithTheFeatureAndComeBack() throws Exception {
        live("vlan sub-interfaces synced, withdrawn when vlan is disabled, restored when enabled", vlans);
        for (String[] cmd : new String[][] {
            {"link", "add", "v4", "type", "veth", "peer", "name", "v5"},
            {"link", "add", "link", "v4", "name", "v4.100", "type", "vlan", "id", "100"},
            {"link", "add", "link", "v4", "name", "v4.200", "type", "vlan", "protocol", "802.1ad", "id", "200",
                "reorder_hdr", "off"},
            {"link", "set", "v4", "up"}, {"link", "set", "v5", "up"},
            {"link", "set", "v4.100", "up"}, {"link", "set", "v4.200", "up"},
        }) {
            ns.ip(cmd);
        }
        JsonNode vrf = awaitKernelL2(ns, VRF, "two vlans added");
        JsonNode v100 = link(vrf, "v4.100");
        assertEquals("v4", v100.path("link").asText());
        assertEquals(100, v100.path("linkinfo").path("info_data").path("id").asInt());
        assertEquals("802.1ad", link(vrf, "v4.200").path("linkinfo").path("info_data").path("protocol").asText());
        assertEquals(2, feature("vlan").path("synced_objects").asLong());

        vrf = disableAndExpectOnlyItsObjectsGone("vlan", VRF, linkInfoDataOf(true, "vlan"), "vlan");
        assertEquals("vlans with their parameters while vlan is disabled", 0, withInfoData(vrf, "vlan"));
        ns.ip("link", "add", "link", "v5", "name", "v5.300", "type", "vlan", "id", "300");
        ns.ip("link", "set", "v5.300", "up");

        String out = console("cmgrd:sync enable vlan");
        assertTrue(out, out.contains("disabled -> enabled"));
        vrf = awaitKernelL2(ns, VRF, "vlan enabled again");
        assertEquals("vlans with their parameters, the one added while disabled included", 3,
                withInfoData(vrf, "vlan"));
        assertEquals("v5", link(vrf, "v5.300").path("link").asText());
    }

    @Test
    public void c_aBondAndItsSlavesReachTheFpmLeaveWithTheFeatureAndComeBack() throws Exception {
        live("a bond and its slaves synced, withdrawn when lag is disabled, restored when enabled", bonds);
        for (String[] cmd : new String[][] {
            {"link", "add", "bo0", "type", "bond", "mode", "balance-rr"},
            {"link", "add", "v6", "type", "veth", "peer", "name", "v7"},
            {"link", "add", "v8", "type", "veth", "peer", "name", "v9"},
            {"link", "set", "v6", "master", "bo0"}, {"link", "set", "v8", "master", "bo0"},
            {"link", "set", "v7", "up"}, {"link", "set", "v9", "up"}, {"link", "set", "bo0", "up"},
        }) {
            ns.ip(cmd);
        }
        JsonNode vrf = awaitKernelL2(ns, VRF, "a bond with two slaves");
        assertEquals("balance-rr", link(vrf, "bo0").path("linkinfo").path("info_data").path("mode").asText());
        for (String slave : new String[] {"v6", "v8"}) {
            assertEquals(slave + "'s master", "bo0", link(vrf, slave).path("master").asText());
            assertTrue(slave + "'s bond slave state in the FPM", !link(vrf, slave).path("linkinfo")
                    .path("info_slave_data").path("state").isMissingNode());
        }
        assertEquals(1, feature("lag").path("synced_objects").asLong());

        vrf = disableAndExpectOnlyItsObjectsGone("lag", VRF, bondData(), "lag");
        assertTrue("bo0 without its bond parameters while lag is disabled", !hasInfoData(vrf, "bo0"));
        ns.ip("link", "set", "v8", "nomaster");

        String out = console("cmgrd:sync enable lag");
        assertTrue(out, out.contains("disabled -> enabled"));
        vrf = awaitKernelL2(ns, VRF, "lag enabled again");
        assertTrue("bo0's bond parameters back", hasInfoData(vrf, "bo0"));
        assertTrue("v6 still a slave", !link(vrf, "v6").path("linkinfo").path("info_slave_data").isMissingNode());
        assertTrue("v8, released while lag was disabled, no longer a slave",
                link(vrf, "v8").path("linkinfo").path("info_slave_data").isMissingNode());
    }

    /** Prints whether this part runs live here, and skips the test (with the reason) when it cannot. */
    private static void live(String part, KernelProbe.Result probe) {
        KernelProbe.report(TEST, part, probe);
        Assume.assumeTrue(part + ": not run live: " + (probe.supported() ? "" : KernelProbe.reason(probe)),
                probe.supported());
    }

    /** What the lag feature contributes to a vrf's dump: a bond's info_data, its slaves' info_slave_data. */
    private static Consumer<ObjectNode> bondData() {
        return vrf -> {
            for (JsonNode l : vrf.path("links")) {
                if (!(l.get("linkinfo") instanceof ObjectNode info)) {
                    continue;
                }
                if ("bond".equals(info.path("info_kind").asText())) {
                    info.remove("info_data");
                }
                if ("bond".equals(info.path("info_slave_kind").asText())) {
                    info.remove("info_slave_data");
                }
            }
        };
    }

    private static boolean hasInfoData(JsonNode vrf, String ifname) {
        return !link(vrf, ifname).path("linkinfo").path("info_data").isMissingNode();
    }

    private static int withInfoData(JsonNode vrf, String kind) {
        int n = 0;
        for (JsonNode l : vrf.path("links")) {
            JsonNode info = l.path("linkinfo");
            if (kind.equals(info.path("info_kind").asText()) && !info.path("info_data").isMissingNode()) {
                n++;
            }
        }
        return n;
    }
}
