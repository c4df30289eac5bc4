package org.linuxfpsync.itests;

import org.linuxfpsync.comparison.KernelL3Comparison;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

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
import org.osgi.framework.Bundle;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The svti feature in the container, beside other features' L2 objects (a bridge, a macvlan).
 *
 * <p>On every kernel: the bundle runs and registers its feature ({@code enabled}, not "not implemented");
 * disabling ipsec disables it (its parent row: the reconciler stops its bundle, which withdraws its objects) and
 * enabling svti enables ipsec again; disabling then enabling it leaves the other features' objects as they are.
 *
 * <p>Live, where the kernel has vti, vti6 and xfrm interfaces ({@link KernelProbe}, in the test's namespace): such
 * interfaces reach the FPM equal to {@code ip -j -d link}, changed and deleted, leave it when svti (or ipsec) is
 * disabled and come back, changes made meanwhile included, when it is enabled. A kernel without them (such as the
 * one these tests were written on) cannot hold such devices: each live test prints that it did not run and why
 * ({@code grep ^live:} in the test output) and ends there; the translation is tested on uapi-encoded messages then
 * (SvtiFeatureUapiEncodedTest).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class SvtiFeatureIT extends L2FeatureSupport {
    private static final int VRF = 17;
    private static final String TEST = "SvtiFeatureIT";
    private static final String[] KINDS = {"vti", "vti6", "xfrm"};

    /** Probed once, in the first test's namespace before it is followed. */
    private static KernelProbe.Result vti;
    private static KernelProbe.Result vti6;
    private static KernelProbe.Result xfrm;

    private TestNamespace ns;

    @Configuration
    public Option[] config() {
        return distribution();
    }

    @Before
    public void otherFeaturesObjectsAndAnUnderlay() throws Exception {
        ns = new TestNamespace();
        if (vti == null) {
            vti = KernelProbe.linkKind(ns, "vti");
            vti6 = KernelProbe.linkKind(ns, "vti6");
            xfrm = KernelProbe.linkKind(ns, "xfrm");
        }
        followOtherFeaturesObjectsAndAnUnderlay(ns, VRF);
    }

    @After
    public void releaseTheNamespace() throws Exception {
        console("cmgrd:sync enable svti");
        followVrfs("0");
        ns.close();
    }

    @Test
    public void a_svtiRunsAndItsWithdrawalTouchesNothingElse() throws Exception {
        assertEquals("enabled", feature("svti").path("status").asText());
        JsonNode vrf = KernelL3Comparison.vrf(fpmDump(), VRF);
        assertTrue("br0's bridge parameters in the FPM", hasInfoData(vrf, "br0"));
        assertTrue("mv0's macvlan parameters in the FPM", hasInfoData(vrf, "mv0"));

        disableAndExpectOnlyItsObjectsGone("svti", VRF, linkInfoDataOf(false, KINDS), "svti");
        assertEquals("disabled", feature("svti").path("status").asText());
        assertEquals("ipsec is not svti's child: it stays", Bundle.ACTIVE, featureBundle("ipsec").getState());
        String out = console("cmgrd:sync enable svti");
        assertTrue(out, out.contains("disabled -> enabled"));
        awaitKernelL2(ns, VRF, "svti enabled again");
    }

    /** The manual: disabling ipsec disables svti (FeatureCatalog: svti's parent is ipsec). */
    @Test
    public void b_disablingIpsecDisablesSvtiAndEnablingSvtiEnablesIpsec() throws Exception {
        assertEquals(Bundle.ACTIVE, featureBundle("svti").getState());
        assertTrue("svti registers its feature", featureBundle("svti").getRegisteredServices() != null);

        String out = console("cmgrd:sync disable ipsec");
        assertTrue(out, out.contains("-> disabled"));
        assertEquals(Bundle.RESOLVED, featureBundle("ipsec").getState());
        assertEquals("svti stopped with its parent", Bundle.RESOLVED, featureBundle("svti").getState());
        assertEquals("disabled", feature("svti").path("status").asText().split(" ")[0]);
        assertEquals("no svti object in the FPM once svti is stopped", 0L, (long) tableCounts().getOrDefault("svti", 0L));

        // enabling ipsec alone does not bring svti back: it was not requested any more
        console("cmgrd:sync enable ipsec");
        assertEquals(Bundle.ACTIVE, featureBundle("ipsec").getState());
        assertEquals(Bundle.RESOLVED, featureBundle("svti").getState());

        console("cmgrd:sync disable ipsec");
        out = console("cmgrd:sync enable svti");
        assertTrue(out, out.contains("disabled -> enabled"));
        assertEquals("enabling svti enables what it needs", Bundle.ACTIVE, featureBundle("ipsec").getState());
        assertEquals(Bundle.ACTIVE, featureBundle("svti").getState());
        awaitKernelL2(ns, VRF, "ipsec and svti enabled again");
    }

    @Test
    public void c_vtiAndVti6ChangedAndDeletedEndEqualToTheKernel() throws Exception {
        live("vti interfaces synced (keys as marks), changed, deleted", vti);
        for (String[] cmd : new String[][] {
            {"link", "add", "vti1", "type", "vti", "local", "192.0.2.1", "remote", "198.51.100.7", "ikey", "5",
                "okey", "6", "dev", "v0"},
            {"link", "add", "vti2", "type", "vti", "local", "192.0.2.1", "remote", "198.51.100.8", "key", "7",
                "fwmark", "9"},
            {"link", "set", "vti1", "up"}, {"link", "set", "vti2", "up"},
        }) {
            ns.ip(cmd);
        }
        awaitKernelL2(ns, VRF, "vti interfaces added");
        ns.ip("link", "set", "vti1", "type", "vti", "local", "192.0.2.1", "remote", "203.0.113.4", "ikey", "5",
                "okey", "8");
        awaitKernelL2(ns, VRF, "vti1 changed");
        if (hasLink(KernelL3Comparison.vrf(fpmDump(), VRF), "ip_vti0")) {
            ns.ip("link", "set", "ip_vti0", "name", "vti-fb");
            awaitKernelL2(ns, VRF, "the fallback device renamed");
        }
        ns.ip("link", "del", "vti2");
        awaitKernelL2(ns, VRF, "vti2 deleted");

        KernelProbe.report(TEST, "vti6 interfaces synced", vti6);
        if (vti6.supported()) {
            ns.ip("link", "add", "vti61", "type", "vti6", "local", "2001:db8::1", "remote", "2001:db8:ffff::1",
                    "key", "0x10000", "dev", "v0");
            ns.ip("link", "set", "vti61", "up");
            awaitKernelL2(ns, VRF, "a vti6 interface");
        }
    }

    @Test
    public void d_xfrmInterfacesEndEqualToTheKernel() throws Exception {
        live("xfrm interfaces synced (if_id, external), changed", xfrm);
        ns.ip("link", "add", "xfrm1", "type", "xfrm", "dev", "v0", "if_id", "42");
        ns.ip("link", "set", "xfrm1", "up");
        awaitKernelL2(ns, VRF, "an xfrm interface");
        ns.ip("link", "set", "xfrm1", "type", "xfrm", "dev", "v0", "if_id", "43");
        awaitKernelL2(ns, VRF, "its if_id changed");
        // external mode (6.0 and later): one per namespace, its if_id comes with each packet
        try {
            ns.ip("link", "add", "xfrmx", "type", "xfrm", "external");
        } catch (AssertionError olderKernel) {
            System.out.printf("live: %s: an external xfrm interface: NOT run live: %s%n", TEST,
                    olderKernel.getMessage());
            return;
        }
        awaitKernelL2(ns, VRF, "an external xfrm interface");
    }

    @Test
    public void e_disablingSvtiWithdrawsItsInterfacesAndEnablingRestoresThem() throws Exception {
        live("vti interfaces withdrawn when svti is disabled, restored when enabled", vti);
        ns.ip("link", "add", "vti1", "type", "vti", "local", "192.0.2.1", "remote", "198.51.100.7", "key", "5");
        ns.ip("link", "set", "vti1", "up");
        awaitKernelL2(ns, VRF, "a vti interface");

        disableAndExpectOnlyItsObjectsGone("svti", VRF, linkInfoDataOf(false, KINDS), "svti");
        assertEquals(0L, (long) tableCounts().get("svti"));
        ns.ip("link", "set", "vti1", "type", "vti", "local", "192.0.2.1", "remote", "198.51.100.9", "key", "5");
        ns.ip("link", "add", "vti2", "type", "vti", "local", "192.0.2.1", "remote", "198.51.100.10", "key", "6");

        String out = console("cmgrd:sync enable svti");
        assertTrue(out, out.contains("disabled -> enabled"));
        awaitKernelL2(ns, VRF, "svti enabled again, the changes made while disabled included");
    }

    /** Prints whether this part runs live here, and skips the test (with the reason) when it cannot. */
    private static void live(String part, KernelProbe.Result probe) {
        KernelProbe.report(TEST, part, probe);
        Assume.assumeTrue(part + ": not run live: " + (probe.supported() ? "" : KernelProbe.reason(probe)),
                probe.supported());
    }

    private Bundle featureBundle(String name) {
        for (Bundle b : bundleContext.getBundles()) {
            if (name.equals(b.getHeaders("").get("LinuxFpSync-SyncFeature"))) {
                return b;
            }
        }
        throw new AssertionError("no bundle of sync feature " + name);
    }

    private static boolean hasInfoData(JsonNode vrf, String ifname) {
        for (JsonNode l : vrf.path("links")) {
            if (ifname.equals(l.path("ifname").asText())) {
                return !l.path("linkinfo").path("info_data").isMissingNode();
            }
        }
        throw new AssertionError("no link " + ifname + " in " + vrf);
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
