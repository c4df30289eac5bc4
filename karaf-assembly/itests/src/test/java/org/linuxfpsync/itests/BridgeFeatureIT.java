package org.linuxfpsync.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
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
 * The bridge feature against the real kernel: a bridge in a middle namespace (followed as a vrf) with
 * veth ports to two host namespaces and a vxlan port. Ports join and leave, change state and flags,
 * the bridge learns stations from traffic between the hosts (ARP and a UDP datagram), static entries are added, STP is turned
 * on: the FPM ends equal to {@code ip -j -d link} and {@code bridge -j fdb}. Disabling the feature
 * withdraws exactly its objects (the vxlan feature's entries of the shared FDB family stay) and
 * enabling it restores them. Where the kernel has bridge VLAN filtering ({@link KernelProbe}), the
 * VLANs of ports and of the bridge itself are followed live the same way; where it has not, the
 * test prints that they were not and why ({@code live:} line), and ends there.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class BridgeFeatureIT extends L2FeatureSupport {
    private static final int VRF = 13;

    private TestNamespace mid;
    private TestNamespace left;
    private TestNamespace right;

    @Configuration
    public Option[] config() {
        return distribution();
    }

    @Before
    public void aBridgeBetweenTwoHosts() throws Exception {
        mid = new TestNamespace();
        left = new TestNamespace();
        right = new TestNamespace();
        for (String[] cmd : new String[][] {
            {"link", "add", "br0", "type", "bridge", "ageing_time", "12000"},
            {"link", "add", "a0", "type", "veth", "peer", "name", "a1", "netns", left.name},
            {"link", "add", "b0", "type", "veth", "peer", "name", "b1", "netns", right.name},
            {"link", "add", "vx0", "type", "vxlan", "id", "100", "local", "192.0.2.1", "remote", "192.0.2.2",
                "dstport", "4789", "nolearning"},
            {"link", "set", "a0", "master", "br0"}, {"link", "set", "b0", "master", "br0"},
            {"link", "set", "vx0", "master", "br0"},
            {"link", "set", "a0", "up"}, {"link", "set", "b0", "up"}, {"link", "set", "vx0", "up"},
            {"link", "set", "br0", "up"},
        }) {
            mid.ip(cmd);
        }
        host(left, "a1", "10.9.0.1/24");
        host(right, "b1", "10.9.0.2/24");
        followVrfs(VRF + ":" + mid.name);
        awaitKernelL2(mid, VRF, "bridge followed");
    }

    private static void host(TestNamespace ns, String dev, String address) throws Exception {
        ns.ip("link", "set", "lo", "up");
        ns.ip("addr", "add", address, "dev", dev);
        ns.ip("link", "set", dev, "up");
    }

    @After
    public void releaseTheNamespaces() throws Exception {
        console("cmgrd:sync enable bridge");
        followVrfs("0");
        mid.close();
        left.close();
        right.close();
    }

    @Test
    public void a_portsStationsAndStpEndEqualToTheKernel() throws Exception {
        L2Namespace.sendUdp(left, "10.9.0.2", 9);
        JsonNode vrf = awaitKernelL2(mid, VRF, "stations learned from traffic between the hosts");
        assertTrue("the hosts' MACs learned on a0 and b0: " + vrf.path("fdb"), learnedOn(vrf, "a0") && learnedOn(vrf, "b0"));

        L2Namespace.bridge(mid, "fdb", "add", "02:00:00:00:00:77", "dev", "a0", "master", "static");
        L2Namespace.bridge(mid, "link", "set", "dev", "a0", "learning", "off", "hairpin", "on");
        mid.ip("link", "set", "dev", "b0", "type", "bridge_slave", "cost", "7", "priority", "40");
        mid.ip("link", "set", "br0", "type", "bridge", "ageing_time", "9000", "group_fwd_mask", "0x4000");
        awaitKernelL2(mid, VRF, "a static entry, port flags, cost and priority, bridge parameters");

        mid.ip("link", "set", "b0", "nomaster");
        awaitKernelL2(mid, VRF, "b0 left the bridge");
        mid.ip("link", "set", "b0", "master", "br0");
        awaitKernelL2(mid, VRF, "b0 joined again");

        // STP: ports listen, learn and forward, each state notified by the bridge
        mid.ip("link", "set", "br0", "type", "bridge", "forward_delay", "200", "stp_state", "1");
        awaitKernelL2(mid, VRF, "STP on");
        awaitPortState("b0", "forwarding");
        vrf = awaitKernelL2(mid, VRF, "STP: listening, learning, then forwarding");
        assertEquals("forwarding", port(vrf, "b0").path("state").asText());
        mid.ip("link", "del", "a0");
        vrf = awaitKernelL2(mid, VRF, "a0 deleted");
        assertEquals(2, vrf.path("links").findValues("info_slave_data").size());
    }

    @Test
    public void b_disablingBridgeWithdrawsExactlyItsObjectsAndLeavesTheVxlanEntries() throws Exception {
        L2Namespace.sendUdp(left, "10.9.0.2", 9);
        JsonNode vrf = awaitKernelL2(mid, VRF, "stations learned");
        int vxlanEntries = 0;
        for (JsonNode e : vrf.path("fdb")) {
            vxlanEntries += e.has("master") ? 0 : 1;
        }
        assertTrue("the vxlan feature's own entries share the fdb family", vxlanEntries > 0);

        JsonNode after = disableAndExpectOnlyItsObjectsGone("bridge", VRF, bridgeObjects(), "bridges", "bridge-ports",
                "bridge-vlans", "fdb");
        assertEquals(vxlanEntries, after.path("fdb").size());

        mid.ip("link", "set", "b0", "nomaster");
        L2Namespace.bridge(mid, "fdb", "add", "02:00:00:00:00:78", "dev", "a0", "master", "static");
        String out = console("cmgrd:sync enable bridge");
        assertTrue(out, out.contains("bridge               disabled -> enabled"));
        awaitKernelL2(mid, VRF, "bridge enabled again");
    }

    @Test
    public void c_bridgeVlansReachTheFpmLeaveWithTheFeatureAndComeBack() throws Exception {
        // probed in a namespace the cache manager does not follow: the probe's bridge is never synced
        KernelProbe.Result filtering = KernelProbe.bridgeVlanFiltering(left);
        String part = "bridge VLANs of ports and of the bridge, synced, withdrawn when bridge is disabled, restored";
        KernelProbe.report("BridgeFeatureIT", part, filtering);
        Assume.assumeTrue(part + ": not run live: " + (filtering.supported() ? "" : KernelProbe.reason(filtering)),
                filtering.supported());

        mid.ip("link", "set", "br0", "type", "bridge", "vlan_filtering", "1");
        L2Namespace.bridge(mid, "vlan", "add", "vid", "10", "dev", "a0", "pvid", "untagged");
        L2Namespace.bridge(mid, "vlan", "add", "vid", "20-22", "dev", "b0");
        L2Namespace.bridge(mid, "vlan", "add", "vid", "10", "dev", "br0", "self");
        JsonNode vrf = awaitKernelL2(mid, VRF, "VLANs of ports and of the bridge");
        assertEquals(1, vrf.path("links").findValues("vlan_filtering").stream().mapToInt(JsonNode::asInt).max()
                .orElse(0));
        assertTrue("vid 10 on a0: " + vrf.path("bridge_vlans"), vlanIds(vrf, "a0").contains(10));
        assertTrue("vids 20 to 22 on b0: " + vrf.path("bridge_vlans"), vlanIds(vrf, "b0").containsAll(List.of(20, 21,
                22)));
        assertTrue("vid 10 of the bridge itself: " + vrf.path("bridge_vlans"), vlanIds(vrf, "br0").contains(10));

        vrf = disableAndExpectOnlyItsObjectsGone("bridge", VRF, bridgeObjects(), "bridges", "bridge-ports",
                "bridge-vlans", "fdb");
        assertTrue("no bridge VLAN while bridge is disabled: " + vrf.path("bridge_vlans"),
                vrf.path("bridge_vlans").isEmpty());
        L2Namespace.bridge(mid, "vlan", "del", "vid", "21", "dev", "b0");

        String out = console("cmgrd:sync enable bridge");
        assertTrue(out, out.contains("bridge               disabled -> enabled"));
        vrf = awaitKernelL2(mid, VRF, "bridge enabled again, a VLAN deleted meanwhile");
        assertTrue("vid 21 left b0 while bridge was disabled: " + vrf.path("bridge_vlans"),
                !vlanIds(vrf, "b0").contains(21) && vlanIds(vrf, "b0").contains(22));
    }

    /** The VLAN ids the FPM holds for a port or a bridge ({@code bridge_vlans}, as {@code bridge -j vlan show}). */
    private static List<Integer> vlanIds(JsonNode vrf, String ifname) {
        List<Integer> ids = new ArrayList<>();
        for (JsonNode p : vrf.path("bridge_vlans")) {
            if (ifname.equals(p.path("ifname").asText())) {
                p.path("vlans").forEach(v -> ids.add(v.path("vlan").asInt()));
            }
        }
        return ids;
    }

    /** The bridge's part of a vrf's dump: bridge parameters, port state, its FDB entries. */
    private static Consumer<ObjectNode> bridgeObjects() {
        return linkInfoDataOf(false, "bridge").andThen(vrf -> {
            for (JsonNode l : vrf.path("links")) {
                if ("bridge".equals(l.path("linkinfo").path("info_slave_kind").asText())) {
                    ((ObjectNode) l.path("linkinfo")).remove("info_slave_data");
                }
            }
            for (Iterator<JsonNode> it = vrf.path("fdb").elements(); it.hasNext(); ) {
                if (it.next().has("master")) {
                    it.remove();
                }
            }
            vrf.remove("bridge_vlans");
        });
    }

    /** Polls the kernel until the port reaches the state (STP moves it every forward delay). */
    private void awaitPortState(String port, String state) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        String now = null;
        while (System.nanoTime() < deadline) {
            JsonNode link = JSON.readTree(mid.ip("-j", "-d", "link", "show", port)).get(0);
            now = link.path("linkinfo").path("info_slave_data").path("state").asText();
            if (state.equals(now)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(port + " still " + now + " in the kernel, not " + state);
    }

    private static JsonNode port(JsonNode vrf, String ifname) {
        for (JsonNode l : vrf.path("links")) {
            if (ifname.equals(l.path("ifname").asText())) {
                return l.path("linkinfo").path("info_slave_data");
            }
        }
        throw new AssertionError("no link " + ifname);
    }

    private static boolean learnedOn(JsonNode vrf, String port) {
        for (JsonNode e : vrf.path("fdb")) {
            if (port.equals(e.path("ifname").asText()) && "".equals(e.path("state").asText())) {
                return true;
            }
        }
        return false;
    }
}
