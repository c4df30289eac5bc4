package org.linuxfpsync.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * IPsec HA against the real kernel, toggled live: {@code cmgrd:ipsec ha enable} takes the GETAE
 * snapshot of the SAs that exist, a real SA made while it runs is synced from its notification (where
 * the kernel has ESP), a deleted one leaves, {@code disable} withdraws every replay state and nothing
 * else, and SAs made by ALLOCSPI (which the kernel does not announce) come with the next enable. After every step the FPM's {@code ipsec_sa_replay}
 * equals the anti-replay context of {@code ip -s xfrm state} in the namespace.
 *
 * <p>This kernel refuses ESP/AH states, so the SAs are larval ones made by {@code ip xfrm state
 * allocspi} (the kernel answers GETAE for them: counters 0); where the kernel accepts an ESP state
 * (probed), one more SA, a real one, is checked the same way. Moving counters are
 * IpsecHaFeatureUapiEncodedTest's.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class IpsecHaFeatureIT extends L2FeatureSupport {
    private static final String TEST = "IpsecHaFeatureIT";
    private static final int VRF = 17;
    private static final Pattern DST = Pattern.compile("^src \\S+ dst (\\S+)", Pattern.MULTILINE);
    private static final Pattern ID = Pattern.compile("proto (\\S+) spi (0x[0-9a-f]+)");
    private static final Pattern CONTEXT = Pattern.compile(
            "anti-replay context: seq (0x[0-9a-f]+), oseq (0x[0-9a-f]+), bitmap (0x[0-9a-f]+)");
    private static final Pattern ESN_CONTEXT = Pattern.compile(
            "seq-hi (0x[0-9a-f]+), seq (0x[0-9a-f]+), oseq-hi (0x[0-9a-f]+), oseq (0x[0-9a-f]+)\\s+"
            + "replay_window (\\d+), bitmap-length (\\d+)\\s+((?:[0-9a-f]{8}\\s*)*)");

    private TestNamespace ns;

    @Configuration
    public Option[] config() {
        return distribution();
    }

    @Before
    public void aLarvalSaInAFollowedNamespace() throws Exception {
        ns = new TestNamespace();
        // a larval SA expires after net.core.xfrm_acq_expires (30 s): longer than a slow run's steps
        TestNamespace.run(List.of("ip", "netns", "exec", ns.name, "sysctl", "-qw", "net.core.xfrm_acq_expires=3600"));
        allocspi("10.0.0.2", "esp", "0x200");
        followVrfs(VRF + ":" + ns.name);
        awaitKernelLinks(ns, VRF, "namespace followed", 5_000);
    }

    @After
    public void disableAndReleaseTheNamespace() throws Exception {
        console("cmgrd:ipsec ha disable");
        releaseAndDelete(ns);
    }

    @Test
    public void enabledLiveItFollowsTheKernelsReplayStatesAndDisabledItWithdrawsOnlyThem() throws Exception {
        assertEquals("IPsec High Availability disabled\n", console("cmgrd:ipsec ha show"));
        assertEquals("disabled", haStatus());
        assertTrue(console("cmgrd:show sync-features"),
                console("cmgrd:show sync-features").endsWith("\nIPsec High Availability disabled\n"));
        assertEquals(Set.of(), fpmReplayStates());

        String out = console("cmgrd:ipsec ha enable");
        assertTrue(out, out.startsWith("IPsec High Availability enabled\n"));
        awaitStatus("enabled");
        assertEquals("IPsec High Availability enabled\n", console("cmgrd:ipsec ha show"));
        // show sync-features ends with ipsec ha show's line, and its JSON has the same state
        assertTrue(console("cmgrd:show sync-features"),
                console("cmgrd:show sync-features").endsWith("\nIPsec High Availability enabled\n"));
        assertTrue(JSON.readTree(console("cmgrd:show sync-features --json")).path("ipsec_ha").path("requested")
                .asBoolean());
        String conf = console("cmgrd:show conf");
        assertTrue(conf, Pattern.compile("ipsecHa\\s+true\\s+\\(console\\)").matcher(conf).find());
        awaitEqualToTheKernel("the snapshot (GETAE) of the larval SA", 1);

        KernelProbe.Result esp = espState();
        KernelProbe.report(TEST, "a real ESP SA made while enabled (its XFRM_MSG_NEWSA carries its state)", esp);
        if (esp.supported()) {
            awaitEqualToTheKernel("a real ESP SA made while enabled", 2);
            ns.ip("xfrm", "state", "delete", "src", "10.0.0.1", "dst", "10.0.0.4", "proto", "esp", "spi", "0x400");
            awaitEqualToTheKernel("the ESP SA deleted", 1);
        }
        // The kernel answers ALLOCSPI to the asker only, with no XFRM_MSG_NEWSA to the group: the new
        // larval SA's state comes with the next snapshot. The deletion after it, on the same channel,
        // leaves the FPM empty: nothing was announced for the new SA before it.
        allocspi("10.0.0.3", "ah", "0x300");
        ns.ip("xfrm", "state", "delete", "src", "10.0.0.1", "dst", "10.0.0.2", "proto", "esp", "spi", "0x200");
        awaitFpm("an SA deleted (XFRM_MSG_DELSA), one made by ALLOCSPI (not announced)", Set.of());
        assertEquals(1, kernelReplayStates().size());

        Map<String, Long> before = tableCounts();
        out = console("cmgrd:ipsec ha disable");
        assertEquals("IPsec High Availability disabled\n", out);
        awaitStatus("disabled");
        assertEquals(Bundle.RESOLVED, bundle("org.linuxfpsync.sync-ipsec-ha").getState());
        awaitFpm("withdrawn", Set.of());
        Map<String, Long> after = tableCounts();
        for (Map.Entry<String, Long> e : before.entrySet()) {
            if (!e.getKey().equals("ipsec-sa-replay")) {
                assertEquals("table " + e.getKey() + " is not ipsec-ha's", e.getValue(), after.get(e.getKey()));
            }
        }
        assertEquals(0L, (long) after.getOrDefault("ipsec-sa-replay", 0L));

        allocspi("10.0.0.5", "esp", "0x500");
        console("cmgrd:ipsec ha enable");
        awaitStatus("enabled");
        awaitEqualToTheKernel("enabled again: the snapshot has the SAs made by ALLOCSPI before and while disabled", 2);
    }

    private void allocspi(String dst, String proto, String spi) throws Exception {
        ns.ip("xfrm", "state", "allocspi", "src", "10.0.0.1", "dst", dst, "proto", proto, "mode", "tunnel",
                "min", spi, "max", spi);
    }

    /** {@code ip xfrm state add} of an ESP SA: this kernel refuses it (no ESP), others accept it. */
    private KernelProbe.Result espState() throws Exception {
        try {
            ns.ip("xfrm", "state", "add", "src", "10.0.0.1", "dst", "10.0.0.4", "proto", "esp", "spi", "0x400",
                    "mode", "tunnel", "enc", "cbc(aes)", "0x00112233445566778899aabbccddeeff");
            return new KernelProbe.Result("ESP states", null);
        } catch (AssertionError refused) {
            return new KernelProbe.Result("ESP states", refused.getMessage());
        }
    }

    private void awaitStatus(String status) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        String now;
        while (!(now = haStatus()).equals(status) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(console("cmgrd:show sync-features"), status, now);
    }

    /** IPsec HA's status in show sync-features --json (no row of the manual's table: its own object). */
    private String haStatus() throws Exception {
        return JSON.readTree(console("cmgrd:show sync-features --json")).path("ipsec_ha").path("status").asText();
    }

    private void awaitEqualToTheKernel(String what, int count) throws Exception {
        Set<Map<String, String>> kernel = kernelReplayStates();
        assertEquals(what + ": SAs with an SPI in the namespace: " + kernel, count, kernel.size());
        awaitFpm(what, kernel);
    }

    private void awaitFpm(String what, Set<Map<String, String>> expected) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        Set<Map<String, String>> fpm;
        while (!(fpm = fpmReplayStates()).equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(what + ": the FPM's ipsec_sa_replay against ip -s xfrm state", expected, fpm);
    }

    /** Each SA with an SPI of {@code ip -s xfrm state}: dst, proto, spi and its anti-replay context. */
    private Set<Map<String, String>> kernelReplayStates() throws Exception {
        Set<Map<String, String>> states = new TreeSet<>(java.util.Comparator.comparing(Object::toString));
        for (String block : ns.ip("-s", "xfrm", "state").split("(?m)^(?=src )")) {
            Matcher dst = DST.matcher(block);
            Matcher id = ID.matcher(block);
            if (!dst.find() || !id.find() || Long.decode(id.group(2)) == 0) {
                continue;
            }
            Map<String, String> s = new TreeMap<>(Map.of("dst", dst.group(1), "proto", id.group(1),
                    "spi", String.format("0x%08x", Long.decode(id.group(2)))));
            Matcher legacy = CONTEXT.matcher(block);
            Matcher esn = ESN_CONTEXT.matcher(block);
            if (esn.find()) {
                s.putAll(Map.of("seq_hi", esn.group(1), "seq", esn.group(2), "oseq_hi", esn.group(3),
                        "oseq", esn.group(4), "replay_window", esn.group(5), "bitmap_length", esn.group(6),
                        "bitmap", esn.group(7).trim().replaceAll("\\s+", " ")));
            } else if (legacy.find()) {
                s.putAll(Map.of("seq", legacy.group(1), "oseq", legacy.group(2), "bitmap", legacy.group(3)));
            } else {
                throw new AssertionError("no anti-replay context in: " + block);
            }
            states.add(s);
        }
        return states;
    }

    /** The FPM's replay states of the vrf, with the fields ip prints. */
    private Set<Map<String, String>> fpmReplayStates() throws Exception {
        Set<Map<String, String>> states = new TreeSet<>(java.util.Comparator.comparing(Object::toString));
        for (JsonNode vrf : fpmDump().path("vrfs")) {
            if (vrf.path("vrfid").asInt(-1) != VRF) {
                continue;
            }
            for (JsonNode r : vrf.path("ipsec_sa_replay")) {
                Map<String, String> s = new TreeMap<>();
                for (String field : List.of("dst", "proto", "spi", "seq_hi", "seq", "oseq_hi", "oseq",
                        "replay_window", "bitmap_length", "bitmap")) {
                    if (r.has(field)) {
                        s.put(field, r.path(field).asText());
                    }
                }
                states.add(s);
            }
        }
        return states;
    }
}
