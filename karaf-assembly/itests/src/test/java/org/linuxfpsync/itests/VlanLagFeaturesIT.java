package org.linuxfpsync.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

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
 * The vlan and lag features in the container. This kernel has no 8021q and no bonding driver, so no
 * device of theirs can exist here: their translation is tested on uapi-encoded messages
 * (VlanFeatureUapiEncodedTest, LagFeatureUapiEncodedTest). What this test shows live: both bundles
 * run and register their feature ({@code enabled}, not "not implemented"), follow the vrfs with the
 * others, and disabling then enabling each changes nothing in the FPM, whose L2 objects (a bridge, a
 * vxlan, a macvlan) belong to other features.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class VlanLagFeaturesIT extends L2FeatureSupport {
    private static final int VRF = 14;

    private TestNamespace ns;

    @Configuration
    public Option[] config() {
        return distribution();
    }

    @Before
    public void otherFeaturesObjects() throws Exception {
        ns = new TestNamespace();
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
    public void vlanAndLagRunAndTheirWithdrawalTouchesNothingElse() throws Exception {
        for (String feature : new String[] {"vlan", "lag"}) {
            JsonNode f = feature(feature);
            assertEquals(feature, "enabled", f.path("status").asText());
            assertEquals(feature, 0, f.path("synced_objects").asLong());

            disableAndExpectOnlyItsObjectsGone(feature, VRF, vrf -> { }, feature);
            String out = console("cmgrd:sync enable " + feature);
            assertTrue(out, out.contains("disabled -> enabled"));
            awaitKernelL2(ns, VRF, feature + " enabled again");
            assertEquals(0L, (long) tableCounts().get(feature));
        }
    }

    private JsonNode feature(String name) throws Exception {
        for (JsonNode f : JSON.readTree(console("cmgrd:show sync-features --json")).path("features")) {
            if (name.equals(f.path("name").asText())) {
                return f;
            }
        }
        throw new AssertionError("no feature " + name);
    }
}
