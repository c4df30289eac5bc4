package org.linuxfpsync.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Iterator;
import java.util.function.Consumer;

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
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The vxlan feature against the real kernel: vxlan devices (unicast remote, multicast group, IPv6,
 * external) and their own forwarding databases (default destinations made by the kernel, entries
 * added, appended and deleted with {@code bridge fdb}) end with the FPM equal to
 * {@code ip -j -d link} and {@code bridge -j fdb}; disabling the feature withdraws exactly its
 * objects and enabling it restores them.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class VxlanFeatureIT extends L2FeatureSupport {
    private static final int VRF = 12;

    private TestNamespace ns;

    @Configuration
    public Option[] config() {
        return distribution();
    }

    @Before
    public void vxlansOverAVeth() throws Exception {
        ns = new TestNamespace();
        for (String[] cmd : new String[][] {
            {"link", "add", "v0", "type", "veth", "peer", "name", "v1"},
            {"addr", "add", "10.0.0.1/24", "dev", "v0"},
            {"link", "set", "v0", "up"}, {"link", "set", "v1", "up"},
            {"link", "add", "vx0", "type", "vxlan", "id", "42", "local", "10.0.0.1", "remote", "10.0.0.2",
                "dstport", "4789", "ttl", "16", "nolearning", "dev", "v0"},
            {"link", "add", "vx1", "type", "vxlan", "id", "43", "group", "239.1.1.1", "dev", "v0", "dstport", "4789"},
            {"link", "add", "vx6", "type", "vxlan", "id", "44", "local", "2001:db8::1", "remote", "2001:db8::2",
                "dstport", "4789"},
            {"link", "add", "vxe", "type", "vxlan", "external", "dstport", "4790"},
            {"link", "set", "vx0", "up"}, {"link", "set", "vx1", "up"},
        }) {
            ns.ip(cmd);
        }
        followVrfs(VRF + ":" + ns.name);
        awaitKernelL2(ns, VRF, "vxlans followed");
    }

    @After
    public void releaseTheNamespace() throws Exception {
        console("cmgrd:sync enable vxlan");
        followVrfs("0");
        ns.close();
    }

    @Test
    public void a_vxlanDevicesAndTheirForwardingDatabasesEndEqualToTheKernel() throws Exception {
        L2Namespace.bridge(ns, "fdb", "append", "00:00:00:00:00:00", "dev", "vx0", "dst", "10.0.0.3");
        L2Namespace.bridge(ns, "fdb", "append", "00:00:00:00:00:00", "dev", "vx0", "dst", "10.0.0.4", "vni", "100",
                "port", "4790", "via", "v0");
        L2Namespace.bridge(ns, "fdb", "add", "02:00:00:00:00:01", "dev", "vx0", "dst", "10.0.0.5", "vni", "101");
        L2Namespace.bridge(ns, "fdb", "append", "01:00:5e:00:00:01", "dev", "vx1", "dst", "10.0.0.6");
        L2Namespace.bridge(ns, "fdb", "append", "01:00:5e:00:00:01", "dev", "vx1", "dst", "10.0.0.7");
        JsonNode vrf = awaitKernelL2(ns, VRF, "remotes added and appended");
        assertEquals("3 default destinations made by the kernel, 5 added", 8, vrf.path("fdb").size());

        L2Namespace.bridge(ns, "fdb", "del", "00:00:00:00:00:00", "dev", "vx0", "dst", "10.0.0.3");
        L2Namespace.bridge(ns, "fdb", "del", "01:00:5e:00:00:01", "dev", "vx1", "dst", "10.0.0.6");
        L2Namespace.bridge(ns, "fdb", "replace", "02:00:00:00:00:01", "dev", "vx0", "dst", "10.0.0.8");
        awaitKernelL2(ns, VRF, "remotes deleted and replaced");

        ns.ip("link", "set", "vx0", "type", "vxlan", "ttl", "32");
        ns.ip("link", "del", "vx1");
        vrf = awaitKernelL2(ns, VRF, "ttl changed, vx1 deleted");
        assertEquals(4, vrf.path("fdb").size());
        assertEquals(3 + 4, feature("vxlan").path("synced_objects").asLong());
    }

    @Test
    public void b_disablingVxlanWithdrawsExactlyItsObjectsAndEnablingRestoresThem() throws Exception {
        L2Namespace.bridge(ns, "fdb", "add", "02:00:00:00:00:09", "dev", "vx0", "dst", "10.0.0.9");
        awaitKernelL2(ns, VRF, "an entry added");
        disableAndExpectOnlyItsObjectsGone("vxlan", VRF, linkInfoDataOf(false, "vxlan").andThen(vxlanEntries()),
                "vxlan", "fdb");
        assertEquals(0L, (long) tableCounts().get("vxlan"));

        L2Namespace.bridge(ns, "fdb", "del", "02:00:00:00:00:09", "dev", "vx0", "dst", "10.0.0.9");
        L2Namespace.bridge(ns, "fdb", "add", "02:00:00:00:00:0a", "dev", "vx6", "dst", "2001:db8::a");
        ns.ip("link", "del", "vxe");

        String out = console("cmgrd:sync enable vxlan");
        assertTrue(out, out.contains("vxlan                disabled -> enabled"));
        JsonNode vrf = awaitKernelL2(ns, VRF, "vxlan enabled again");
        assertEquals("3 default destinations, 1 added while disabled", 4, vrf.path("fdb").size());
    }

    /** The FDB entries of vxlan devices' own tables (no bridge here), and the fdb array once empty. */
    private static Consumer<ObjectNode> vxlanEntries() {
        return vrf -> {
            for (Iterator<JsonNode> it = vrf.path("fdb").elements(); it.hasNext(); ) {
                if (!it.next().has("master")) {
                    it.remove();
                }
            }
            if (vrf.path("fdb").isEmpty()) {
                vrf.remove("fdb");
            }
        };
    }
}
