package org.linuxfpsync.itests;

import org.linuxfpsync.comparison.KernelL3Comparison;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

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
 * The tunnel feature in the container, beside other features' L2 objects (a bridge, a macvlan).
 *
 * <p>On every kernel: the bundle runs and registers its feature ({@code enabled}, not "not implemented"), and
 * disabling then enabling it leaves the other features' objects as they are.
 *
 * <p>Live, where the kernel has ipip, sit and ip6tnl ({@link KernelProbe}, in the test's namespace): tunnels of
 * each kind and mode reach the FPM equal to {@code ip -j -d link}, through {@code ip tunnel change}, a rename of the
 * fallback device and deletes; they leave the FPM when the feature is disabled and come back, changes made
 * meanwhile included, when it is enabled. A kernel without them (such as the one these tests were written on)
 * cannot hold such devices: each live test prints that it did not run and why ({@code grep ^live:} in the test
 * output) and ends there; the translation is tested on uapi-encoded messages then (TunnelFeatureUapiEncodedTest).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class TunnelFeatureIT extends L2FeatureSupport {
    private static final int VRF = 16;
    private static final String TEST = "TunnelFeatureIT";
    private static final String[] KINDS = {"ipip", "sit", "ip6tnl"};

    /** Probed once, in the first test's namespace before it is followed. */
    private static KernelProbe.Result ipip;
    private static KernelProbe.Result sit;
    private static KernelProbe.Result ip6tnl;

    private TestNamespace ns;

    @Configuration
    public Option[] config() {
        return distribution();
    }

    @Before
    public void otherFeaturesObjectsAndAnUnderlay() throws Exception {
        ns = new TestNamespace();
        if (ipip == null) {
            ipip = KernelProbe.linkKind(ns, "ipip");
            sit = KernelProbe.linkKind(ns, "sit");
            ip6tnl = KernelProbe.linkKind(ns, "ip6tnl");
        }
        followOtherFeaturesObjectsAndAnUnderlay(ns, VRF);
    }

    @After
    public void releaseTheNamespace() throws Exception {
        console("cmgrd:sync enable tunnel");
        followVrfs("0");
        ns.close();
    }

    @Test
    public void a_tunnelRunsAndItsWithdrawalTouchesNothingElse() throws Exception {
        JsonNode f = feature("tunnel");
        assertEquals("enabled", f.path("status").asText());
        // What must stay has to be there: without it "touches nothing else" would hold of nothing.
        JsonNode vrf = KernelL3Comparison.vrf(fpmDump(), VRF);
        assertTrue("br0's bridge parameters in the FPM", hasInfoData(vrf, "br0"));
        assertTrue("mv0's macvlan parameters in the FPM", hasInfoData(vrf, "mv0"));

        disableAndExpectOnlyItsObjectsGone("tunnel", VRF, linkInfoDataOf(false, KINDS), "tunnels");
        assertEquals("disabled", feature("tunnel").path("status").asText());
        String out = console("cmgrd:sync enable tunnel");
        assertTrue(out, out.contains("disabled -> enabled"));
        awaitKernelL2(ns, VRF, "tunnel enabled again");
    }

    @Test
    public void b_ipipAndSitTunnelsChangedRenamedAndDeletedEndEqualToTheKernel() throws Exception {
        live("ipip tunnels synced, changed by ip tunnel change, deleted", ipip);
        for (String[] cmd : new String[][] {
            {"link", "add", "ipip1", "type", "ipip", "local", "192.0.2.1", "remote", "198.51.100.7", "ttl", "64",
                "tos", "0x10", "dev", "v0"},
            {"link", "add", "ipip2", "type", "ipip", "local", "192.0.2.1", "remote", "198.51.100.8", "nopmtudisc",
                "fwmark", "7"},
            {"link", "add", "ipipx", "type", "ipip", "external"},
            {"link", "set", "ipip1", "up"}, {"link", "set", "ipip2", "up"},
        }) {
            ns.ip(cmd);
        }
        awaitKernelL2(ns, VRF, "ipip tunnels added");
        // ip tunnel change is an ioctl; listeners get a plain RTM_NEWLINK with the whole new state
        TestNamespace.run(List.of("ip", "-n", ns.name, "tunnel", "change", "ipip1", "mode", "ipip",
                "remote", "203.0.113.9", "ttl", "10"));
        awaitKernelL2(ns, VRF, "ipip1 changed by ip tunnel change");
        if (hasLink(KernelL3Comparison.vrf(fpmDump(), VRF), "tunl0")) {
            ns.ip("link", "set", "tunl0", "name", "tunl-fb");
            awaitKernelL2(ns, VRF, "the fallback device renamed");
        }
        ns.ip("link", "del", "ipip2");
        awaitKernelL2(ns, VRF, "ipip2 deleted");

        KernelProbe.report(TEST, "sit tunnels (ISATAP, 6rd) synced", sit);
        if (!sit.supported()) {
            return;
        }
        for (String[] cmd : new String[][] {
            {"link", "add", "isatap1", "type", "sit", "mode", "isatap", "local", "192.0.2.1"},
            {"link", "add", "6rd1", "type", "sit", "local", "192.0.2.1", "ttl", "64", "6rd-prefix", "2001:db8::/32",
                "6rd-relay_prefix", "192.0.2.0/24"},
            {"link", "set", "isatap1", "up"}, {"link", "set", "6rd1", "up"},
        }) {
            ns.ip(cmd);
        }
        awaitKernelL2(ns, VRF, "ISATAP and 6rd sit tunnels");
    }

    @Test
    public void c_ip6tnlInEachModeEndsEqualToTheKernel() throws Exception {
        live("ip6tnl tunnels in modes ip6ip6, ipip6 and any synced", ip6tnl);
        for (String[] cmd : new String[][] {
            {"link", "add", "ip6t1", "type", "ip6tnl", "mode", "ip6ip6", "local", "2001:db8::1", "remote",
                "2001:db8:ffff::1", "hoplimit", "255", "tclass", "0x28", "flowlabel", "0x12345", "dev", "v0"},
            {"link", "add", "ip6t2", "type", "ip6tnl", "mode", "ipip6", "local", "2001:db8::1", "remote",
                "2001:db8:ffff::2", "encaplimit", "none"},
            {"link", "add", "ip6t3", "type", "ip6tnl", "mode", "any", "local", "2001:db8::1", "remote",
                "2001:db8:ffff::3", "encaplimit", "7", "fwmark", "9"},
            {"link", "set", "ip6t1", "up"}, {"link", "set", "ip6t2", "up"}, {"link", "set", "ip6t3", "up"},
        }) {
            ns.ip(cmd);
        }
        awaitKernelL2(ns, VRF, "ip6tnl tunnels in three modes");
        ns.ip("link", "set", "ip6t2", "type", "ip6tnl", "mode", "any", "remote", "2001:db8:ffff::4");
        awaitKernelL2(ns, VRF, "ip6t2 changed");
    }

    @Test
    public void d_disablingTunnelWithdrawsItsTunnelsAndEnablingRestoresThem() throws Exception {
        live("tunnels withdrawn when tunnel is disabled, restored when enabled", ipip);
        ns.ip("link", "add", "ipip1", "type", "ipip", "local", "192.0.2.1", "remote", "198.51.100.7");
        ns.ip("link", "set", "ipip1", "up");
        awaitKernelL2(ns, VRF, "an ipip tunnel");
        assertTrue(feature("tunnel").path("synced_objects").asLong() >= 1);

        disableAndExpectOnlyItsObjectsGone("tunnel", VRF, linkInfoDataOf(false, KINDS), "tunnels");
        assertEquals(0L, (long) tableCounts().get("tunnels"));
        ns.ip("link", "set", "ipip1", "type", "ipip", "local", "192.0.2.1", "remote", "198.51.100.9");
        ns.ip("link", "add", "ipip2", "type", "ipip", "local", "192.0.2.1", "remote", "198.51.100.10");

        String out = console("cmgrd:sync enable tunnel");
        assertTrue(out, out.contains("disabled -> enabled"));
        awaitKernelL2(ns, VRF, "tunnel enabled again, the changes made while disabled included");
    }

    /** Prints whether this part runs live here, and skips the test (with the reason) when it cannot. */
    private static void live(String part, KernelProbe.Result probe) {
        KernelProbe.report(TEST, part, probe);
        Assume.assumeTrue(part + ": not run live: " + (probe.supported() ? "" : KernelProbe.reason(probe)),
                probe.supported());
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
