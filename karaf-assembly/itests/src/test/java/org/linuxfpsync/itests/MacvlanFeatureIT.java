package org.linuxfpsync.itests;

import org.linuxfpsync.comparison.KernelL3Comparison;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

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

/**
 * The macvlan feature against the real kernel: macvlan and macvtap devices of every mode on veths,
 * changed, added and deleted, end with the FPM equal to {@code ip -j -d link}; disabling the feature
 * withdraws exactly its objects and enabling it restores them, changes made meanwhile included.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class MacvlanFeatureIT extends L2FeatureSupport {
    private static final int VRF = 11;

    private TestNamespace ns;

    @Configuration
    public Option[] config() {
        return distribution();
    }

    @Before
    public void macvlansOnVeths() throws Exception {
        ns = new TestNamespace();
        for (String[] cmd : new String[][] {
            {"link", "add", "v0", "type", "veth", "peer", "name", "v1"},
            {"link", "set", "v0", "up"}, {"link", "set", "v1", "up"},
            {"link", "add", "mv0", "link", "v0", "type", "macvlan", "mode", "bridge"},
            {"link", "add", "mvt0", "link", "v0", "type", "macvtap", "mode", "vepa"},
            {"link", "add", "mvs", "link", "v1", "type", "macvlan", "mode", "source"},
            {"link", "set", "mvs", "type", "macvlan", "macaddr", "add", "02:00:00:00:00:01"},
            {"link", "set", "mv0", "up"}, {"link", "set", "mvs", "up"},
        }) {
            ns.ip(cmd);
        }
        followVrfs(VRF + ":" + ns.name);
        awaitKernelL2(ns, VRF, "macvlans followed");
    }

    @After
    public void releaseTheNamespace() throws Exception {
        console("cmgrd:sync enable macvlan");
        followVrfs("0");
        ns.close();
    }

    /**
     * The devices changed are up: the kernel notifies a change of a down device's parameters only when
     * it comes up (netdev_state_change), and a down device forwards nothing (docs/l2-sync.md).
     */
    @Test
    public void a_macvlanChangesEndEqualToTheKernel() throws Exception {
        ns.ip("link", "set", "mv0", "type", "macvlan", "mode", "private");
        awaitKernelL2(ns, VRF, "mode changed");
        ns.ip("link", "set", "mvs", "type", "macvlan", "macaddr", "add", "02:00:00:00:00:02");
        ns.ip("link", "set", "mvs", "type", "macvlan", "macaddr", "add", "02:00:00:00:00:03");
        ns.ip("link", "set", "mvs", "type", "macvlan", "macaddr", "del", "02:00:00:00:00:01");
        JsonNode vrf = awaitKernelL2(ns, VRF, "source MACs changed");
        assertEquals(2, link(vrf, "mvs").path("linkinfo").path("info_data").path("macaddr_count").asInt());
        // passthru takes a lower device of its own
        ns.ip("link", "add", "v2", "type", "veth", "peer", "name", "v3");
        ns.ip("link", "add", "mvp", "link", "v2", "type", "macvlan", "mode", "passthru", "nopromisc");
        ns.ip("link", "add", "mvd", "link", "v0", "type", "macvlan", "mode", "source", "nodst");
        awaitKernelL2(ns, VRF, "passthru nopromisc and source nodst macvlans added");
        ns.ip("link", "del", "mvp");
        ns.ip("link", "del", "mvt0");
        vrf = awaitKernelL2(ns, VRF, "two deleted");
        assertEquals("v0", link(vrf, "mv0").path("link").asText());
        assertTrue(feature("macvlan").path("synced_objects").asLong() == 3);
    }

    @Test
    public void b_disablingMacvlanWithdrawsExactlyItsObjectsAndEnablingRestoresThem() throws Exception {
        disableAndExpectOnlyItsObjectsGone("macvlan", VRF, linkInfoDataOf(true, "macvlan", "macvtap"), "macvlan");
        assertEquals(0L, (long) tableCounts().get("macvlan"));

        ns.ip("link", "set", "mvt0", "type", "macvtap", "mode", "bridge");
        ns.ip("link", "add", "mv9", "link", "v1", "type", "macvlan", "mode", "private");
        awaitMarkerAfterTheChanges();
        assertEquals("macvlan objects in the FPM while the feature is disabled", 0L,
                (long) tableCounts().get("macvlan"));
        assertTrue("mv9's link without its macvlan parameters",
                link(KernelL3Comparison.vrf(fpmDump(), VRF), "mv9").path("linkinfo").path("info_data").isMissingNode());

        String out = console("cmgrd:sync enable macvlan");
        assertTrue(out, out.contains("macvlan              disabled -> enabled"));
        awaitKernelL2(ns, VRF, "macvlan enabled again");
        assertEquals(4L, (long) tableCounts().get("macvlan"));
    }

    /**
     * A change made while the feature is disabled must not reach the FPM. Rather than wait some
     * time and hope, wait for what the kernel announced after the changes: mv9's link (the core's
     * part of the same message) and then a marker veth made after them, both in the FPM. The
     * kernel delivered the changes to every netlink socket before the marker, so a macvlan object
     * that was coming has been sent before it.
     */
    private void awaitMarkerAfterTheChanges() throws Exception {
        ns.ip("link", "add", "mark0", "type", "veth", "peer", "name", "mark1");
        long deadline = System.nanoTime() + 30_000_000_000L;
        JsonNode vrf = KernelL3Comparison.vrf(fpmDump(), VRF);
        while (!(hasLink(vrf, "mv9") && hasLink(vrf, "mark0") && hasLink(vrf, "mark1"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("mv9 and the marker veth not in the FPM after 30 s: " + vrf);
            }
            Thread.sleep(20);
            vrf = KernelL3Comparison.vrf(fpmDump(), VRF);
        }
    }

    private static boolean hasLink(JsonNode vrf, String ifname) {
        for (JsonNode l : vrf.path("links")) {
            if (ifname.equals(l.path("ifname").asText())) {
                return true;
            }
        }
        return false;
    }
}
