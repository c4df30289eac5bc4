package org.linuxfpsync.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;

import org.junit.After;
import org.junit.Assume;
import org.junit.Before;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.linuxfpsync.comparison.KernelL3Comparison;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The ipsec feature against the real kernel, in a namespace followed as a vrf: security policies
 * added, updated, deleted and flushed; the larval SAs of {@code ip xfrm state allocspi} and of an
 * ACQUIRE (a datagram hitting an out policy while a key manager, {@code ip xfrm monitor acquire},
 * listens) kept out of the FPM; the feature disabled (exactly its objects withdrawn) and enabled.
 * Every step ends with the FPM's {@code ipsec_sp} equal to {@code ip -s xfrm policy}. SAs run live
 * only where the kernel accepts ESP states ({@code ip xfrm state add ... proto esp}, probed; this
 * line of the test output says which); elsewhere IpsecFeatureUapiEncodedTest is their test.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class IpsecFeatureIT extends L2FeatureSupport {
    private static final String TEST = "IpsecFeatureIT";
    private static final int VRF = 14;
    /** Key material of the live SAs: looked for in every output, never printed. */
    private static final String ENC_KEY = "0x5d86afd8012a537ca5cef72049729bc4";
    private static final String AUTH_KEY = "0xa7e21d5893ce09447fbaf5306ba6e11c579208437eb9f42f6aa5e01b56916cc8";

    private TestNamespace ns;
    private Process acquireListener;

    @Configuration
    public Option[] config() {
        return distribution();
    }

    @Before
    public void aVethAndTwoPolicies() throws Exception {
        String features = console("cmgrd:show sync-features");
        assertTrue(features, features.contains(String.format("%-20s enabled\n", "ipsec")));
        ns = new TestNamespace();
        // No IPv6 addresses: they would come (DAD) while a test compares two dumps; xfrm needs none.
        for (String conf : new String[] {"all", "default"}) {
            ns.sysctl("net.ipv6.conf." + conf + ".disable_ipv6", "1");
        }
        ns.ip("link", "set", "lo", "up");
        ns.ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
        ns.ip("address", "add", "192.0.2.1/24", "dev", "v0");
        ns.ip("link", "set", "v0", "up");
        ns.ip("link", "set", "v1", "up");
        ns.ip("xfrm", "policy", "add", "src", "10.1.0.0/24", "dst", "10.2.0.0/24", "dir", "out", "priority", "100",
                "tmpl", "src", "192.0.2.1", "dst", "192.0.2.2", "proto", "esp", "mode", "tunnel", "reqid", "7");
        ns.ip("xfrm", "policy", "add", "src", "10.2.0.0/24", "dst", "10.1.0.0/24", "dir", "fwd", "priority", "100",
                "tmpl", "src", "192.0.2.2", "dst", "192.0.2.1", "proto", "esp", "mode", "tunnel", "reqid", "8",
                "level", "use");
        followVrfs(VRF + ":" + ns.name);
        awaitKernelLinks(ns, VRF, "the namespace's links", 10_000);
        awaitKernelPolicies("two policies followed", 2);
    }

    @After
    public void releaseTheNamespace() throws Exception {
        if (acquireListener != null) {
            acquireListener.destroy();
            acquireListener.waitFor();
        }
        if (ns == null) {
            return;
        }
        // svti needs ipsec: disabling ipsec disabled it too
        console("cmgrd:sync enable ipsec");
        console("cmgrd:sync enable svti");
        releaseAndDelete(ns);
    }

    @Test
    public void a_policiesAddedUpdatedAndDeletedEndEqualToTheKernel() throws Exception {
        ns.ip("xfrm", "policy", "add", "src", "fd00:1::/64", "dst", "fd00:2::/64", "proto", "tcp", "dport", "443",
                "dir", "in", "priority", "5", "mark", "0x10", "mask", "0xff",
                "tmpl", "proto", "esp", "mode", "transport");
        ns.ip("xfrm", "policy", "add", "src", "10.3.0.0/16", "dst", "0.0.0.0/0", "dir", "fwd", "action", "block");
        awaitKernelPolicies("an IPv6 in policy with a port and a mark, a block policy added", 4);

        ns.ip("xfrm", "policy", "update", "src", "10.1.0.0/24", "dst", "10.2.0.0/24", "dir", "out", "priority",
                "50", "tmpl", "src", "192.0.2.1", "dst", "192.0.2.3", "proto", "esp", "mode", "tunnel", "reqid", "9");
        awaitKernelPolicies("the out policy updated: priority and tunnel end", 4);

        ns.ip("xfrm", "policy", "delete", "src", "10.3.0.0/16", "dst", "0.0.0.0/0", "dir", "fwd");
        awaitKernelPolicies("the block policy deleted", 3);
    }

    @Test
    public void b_aFlushOfThePoliciesEmptiesTheFpm() throws Exception {
        ns.ip("xfrm", "policy", "flush");
        awaitKernelPolicies("the policies flushed", 0);
    }

    @Test
    public void c_larvalSasOfAllocspiAndOfAnAcquireStayOutOfTheFastPath() throws Exception {
        ns.ip("xfrm", "state", "allocspi", "src", "192.0.2.1", "dst", "192.0.2.2", "proto", "esp", "min", "0x1000",
                "max", "0x2000");
        ns.ip("xfrm", "policy", "add", "src", "192.0.2.1/32", "dst", "192.0.2.9/32", "dir", "out",
                "tmpl", "proto", "esp", "mode", "transport");
        // the kernel makes an ACQUIRE's larval SA only while a key manager listens to the ACQUIRE group
        acquireListener = new ProcessBuilder("ip", "-n", ns.name, "xfrm", "monitor", "acquire")
                .redirectErrorStream(true).start();
        Thread.sleep(300);
        // a datagram hits the out policy (bash's /dev/udp: ping is not on every machine); no SA yet, so
        // the kernel sends an ACQUIRE, makes the SPI-0 larval SA and drops the packet
        TestNamespace.run(List.of("ip", "netns", "exec", ns.name, "bash", "-c", "echo x > /dev/udp/192.0.2.9/9"));
        String states = await("the kernel's larval SAs (allocspi and the ACQUIRE's SPI 0)", () -> {
            String s = ns.ip("xfrm", "state");
            return s.contains("spi 0x00000000") && s.contains("192.0.2.9") ? s : null;
        });
        assertTrue(states, states.contains("192.0.2.2"));

        // larval SAs are announced by nothing: a replay (the feature enabled again) dumps them
        console("cmgrd:sync disable ipsec");
        String out = console("cmgrd:sync enable ipsec");
        assertTrue(out, out.contains("-> enabled"));
        JsonNode vrf = awaitKernelPolicies("the feature enabled again: the dump held two larval SAs", 3);
        assertFalse("no larval SA in the FPM: " + vrf.path("ipsec_sa"), vrf.has("ipsec_sa"));

        String modules = console("cmgrd:show modules");
        assertTrue(modules, modules.contains("\nxfrm-migrate "));
        assertTrue(modules, modules.lines().anyMatch(l -> l.startsWith("ipsec ") && l.endsWith("(3 objects)")));
        String netlink = console("cmgrd:show netlink");
        assertTrue(netlink, netlink.contains("netlink-xfrm-listen-" + VRF)
                && netlink.contains("netlink-xfrm-cmd-" + VRF));
    }

    @Test
    public void d_disablingIpsecWithdrawsExactlyItsObjectsAndEnablingRestoresThem() throws Exception {
        disableAndExpectOnlyItsObjectsGone("ipsec", VRF, v -> {
            v.remove("ipsec_sa");
            v.remove("ipsec_sp");
        }, "ipsec-sa", "ipsec-sp");
        assertEquals(0L, (long) tableCounts().getOrDefault("ipsec-sp", 0L));

        ns.ip("xfrm", "policy", "add", "src", "10.5.0.0/24", "dst", "10.6.0.0/24", "dir", "in",
                "tmpl", "proto", "esp", "mode", "transport");
        // the marker: a link made after the change, in the FPM, means the change was delivered too
        ns.ip("link", "add", "mark0", "type", "veth", "peer", "name", "mark1");
        awaitKernelLinks(ns, VRF, "marker after a change made while disabled", 5_000);
        assertEquals("policies in the FPM while the feature is disabled", 0L,
                (long) tableCounts().getOrDefault("ipsec-sp", 0L));

        String out = console("cmgrd:sync enable ipsec");
        assertTrue(out, out.contains("ipsec                disabled -> enabled"));
        awaitKernelPolicies("ipsec enabled again", 3);
    }

    @Test
    public void e_espSasWhereTheKernelAcceptsThemAndTheirKeysInNoOutput() throws Exception {
        String part = "ESP SAs added, updated, deleted, flushed; keys in no output";
        KernelProbe.Result esp;
        try {
            addSa("0x100", "192.0.2.2");
            esp = new KernelProbe.Result("ESP states (ip xfrm state add ... proto esp)", null);
        } catch (AssertionError refused) {
            esp = new KernelProbe.Result("ESP states (ip xfrm state add ... proto esp)",
                    refused.getMessage().replace(ENC_KEY, "<key>").replace(AUTH_KEY, "<key>"));
        }
        KernelProbe.report(TEST, part, esp);
        Assume.assumeTrue(part + ": not run live: " + (esp.supported() ? "" : KernelProbe.reason(esp)),
                esp.supported());
        awaitKernelSas("an ESP SA added", 1);

        addSa("0x101", "192.0.2.3");
        ns.ip("xfrm", "state", "update", "src", "192.0.2.1", "dst", "192.0.2.2", "proto", "esp", "spi", "0x100",
                "reqid", "77", "mode", "tunnel", "enc", "cbc(aes)", ENC_KEY, "auth-trunc", "hmac(sha256)", AUTH_KEY,
                "128");
        awaitKernelSas("a second SA, the first updated", 2);

        List<String> outputs = new ArrayList<>();
        outputs.add(fpmDump().toString());
        for (String line : new String[] {"fpm:dump", "cmgrd:show modules", "cmgrd:show sync-features --json",
            "cmgrd:show netlink", "fpm:stats --json"}) {
            outputs.add(console(line));
        }
        Path log = Path.of(System.getProperty("karaf.data", "data"), "log", "karaf.log");
        if (Files.exists(log)) {
            outputs.add(Files.readString(log, StandardCharsets.ISO_8859_1));
        }
        for (String output : outputs) {
            assertNoKey(output);
        }

        ns.ip("xfrm", "state", "delete", "src", "192.0.2.1", "dst", "192.0.2.3", "proto", "esp", "spi", "0x101");
        awaitKernelSas("one SA deleted", 1);
        ns.ip("xfrm", "state", "flush", "proto", "esp");
        awaitKernelSas("the ESP SAs flushed", 0);
    }

    private void addSa(String spi, String dst) throws Exception {
        ns.ip("xfrm", "state", "add", "src", "192.0.2.1", "dst", dst, "proto", "esp", "spi", spi, "reqid", "7",
                "mode", "tunnel", "enc", "cbc(aes)", ENC_KEY, "auth-trunc", "hmac(sha256)", AUTH_KEY, "128");
    }

    /** Fails, without printing the output, when a key is in it (hex in any case, colons or not). */
    private static void assertNoKey(String output) {
        String folded = output.toLowerCase().replaceAll("[^0-9a-z]", "");
        for (String key : new String[] {ENC_KEY, AUTH_KEY}) {
            String hex = key.substring(2);
            byte[] raw = HexFormat.of().parseHex(hex);
            assertFalse("a key in an output (not shown)", folded.contains(hex)
                    || output.contains(new String(raw, StandardCharsets.ISO_8859_1)));
        }
    }

    /** Polls until the FPM's policies of the vrf equal the kernel's and there are {@code expected}. */
    private JsonNode awaitKernelPolicies(String what, int expected) throws Exception {
        return awaitEqual(what, expected, () -> XfrmPolicyComparison.kernel(ns), XfrmPolicyComparison::fpm);
    }

    private JsonNode awaitKernelSas(String what, int expected) throws Exception {
        return awaitEqual(what, expected, this::kernelSas, vrf -> fpmSas(vrf));
    }

    private interface FromVrf {
        List<String> lines(JsonNode vrf);
    }

    private JsonNode awaitEqual(String what, int expected, Callable<List<String>> kernel, FromVrf fpm)
            throws Exception {
        long begin = System.nanoTime();
        long deadline = begin + 30_000_000_000L;
        while (true) {
            List<String> k = kernel.call();
            JsonNode vrf = KernelL3Comparison.vrf(fpmDump(), VRF);
            List<String> f = fpm.lines(vrf);
            if (k.size() == expected && k.equals(f)) {
                System.out.printf("%s: %d equal after %d ms%n", what, expected,
                        (System.nanoTime() - begin) / 1_000_000);
                return vrf;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": expected " + expected + ", kernel " + k + ", FPM " + f
                        + "\nmodules:\n" + console("cmgrd:show modules"));
            }
            Thread.sleep(50);
        }
    }

    private static String await(String what, Callable<String> probe) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            String s = probe.call();
            if (s != null) {
                return s;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not seen in 10 s");
            }
            Thread.sleep(100);
        }
    }

    // ---- SAs: ids, mode, reqid and algorithm names (ip xfrm state, keys left out); larval SAs are not expected

    private List<String> kernelSas() throws Exception {
        List<String> sas = new ArrayList<>();
        String head = null;
        List<String> algorithms = new ArrayList<>();
        for (String raw : (ns.ip("xfrm", "state") + "src end").split("\n")) {
            String[] t = raw.trim().split("\\s+");
            if (raw.startsWith("src ")) {
                if (head != null && !algorithms.isEmpty()) {
                    algorithms.sort(null);
                    sas.add(head + " " + String.join(" ", algorithms));
                }
                head = t.length > 3 ? t[1] + " " + t[3] : null;
                algorithms.clear();
            } else if (head != null && t[0].equals("proto") && t.length > 7) {
                head += " " + t[1] + " " + Long.decode(t[3]) + " reqid " + t[5] + " " + t[7];
            } else if (head != null && (t[0].equals("enc") || t[0].equals("auth-trunc") || t[0].equals("aead"))) {
                algorithms.add(t[0] + " " + t[1]); // the name only, never the key
            }
        }
        sas.sort(null);
        return sas;
    }

    private static List<String> fpmSas(JsonNode vrf) {
        List<String> sas = new ArrayList<>();
        for (JsonNode sa : vrf.path("ipsec_sa")) {
            String head = sa.path("saddr").asText() + " " + sa.path("daddr").asText() + " "
                    + (sa.path("proto").asInt() == 50 ? "esp" : sa.path("proto").asInt() == 51 ? "ah" : "comp") + " "
                    + sa.path("spi").asLong() + " reqid " + sa.path("reqid").asLong(0) + " "
                    + XfrmPolicyComparison.mode(sa.path("mode").asText());
            List<String> algorithms = new ArrayList<>();
            if (sa.has("enc_alg")) {
                algorithms.add("enc " + sa.path("enc_alg").asText());
            }
            if (sa.has("auth_alg")) {
                algorithms.add("auth-trunc " + sa.path("auth_alg").asText());
            }
            if (sa.has("aead_alg")) {
                algorithms.add("aead " + sa.path("aead_alg").asText());
            }
            algorithms.sort(null);
            sas.add(head + " " + String.join(" ", algorithms));
        }
        sas.sort(null);
        return sas;
    }
}
