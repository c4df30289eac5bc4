package org.linuxfpsync.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.After;
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
 * The bpf feature against the real kernel and a real tcpdump ({@code ip netns exec <ns> tcpdump}) on
 * a veth of a test namespace: a capture with and without a filter expression, on one interface and
 * on {@code any}; the FPM's program read as {@code tcpdump -d} prints it; a capture socket of a
 * process whose name is not in the manual's list (synced only with {@code -A}); libpcap's
 * reject-all filter never in the FPM; tcpdump killed with SIGKILL; tap pattern only; the feature
 * disabled and enabled; with a poll period of a minute, a capture seen at its exec and its end at its
 * exit (the proc connector).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class BpfFeatureIT extends L2FeatureSupport {
    private static final int VRF = 14;
    private static final long AWAIT_MILLIS = 15_000;
    private static final String SYNC_PID = "org.linuxfpsync.cmgr.sync";
    /**
     * A packet socket held with a classic filter of one instruction, {@code ret #0} ("reject") or
     * {@code ret #262144}, by a process named by the first argument (perl sets its comm from $0).
     */
    private static final String CAPTURE_SCRIPT = String.join("\n",
            "$0 = $ARGV[0];",
            "socket(S, 17, 3, 768) or die \"socket: $!\";", // AF_PACKET, SOCK_RAW, htons(ETH_P_ALL)
            "my $prog = pack('SCCL', 6, 0, 0, $ARGV[1] eq 'reject' ? 0 : 262144);",
            "setsockopt(S, 1, 26, pack('S x![P] P', 1, $prog)) or die \"SO_ATTACH_FILTER: $!\";",
            "$| = 1; print \"ready\\n\"; sleep 3600;", "");

    private TestNamespace ns;
    private final List<Process> captures = new ArrayList<>();
    private Path script;

    @Configuration
    public Option[] config() {
        return distribution();
    }

    @Before
    public void aVethPairInAFollowedNamespace() throws Exception {
        ns = new TestNamespace();
        // No IPv6 link-local addresses: they would come (DAD) while a test compares two dumps.
        ns.sysctl("net.ipv6.conf.all.disable_ipv6", "1");
        ns.sysctl("net.ipv6.conf.default.disable_ipv6", "1");
        ns.ip("link", "add", "va", "type", "veth", "peer", "name", "vb");
        ns.ip("link", "set", "va", "up");
        ns.ip("link", "set", "vb", "up");
        followVrfs(VRF + ":" + ns.name);
        // every feature has replayed the vrf (IPv6 rules come last): a dump compared later is settled
        awaitKernelL3(Map.of(VRF, ns), true, 10_000, () -> "the namespace followed");
        script = Files.createTempFile("cmgr-test-capture", ".pl");
        Files.writeString(script, CAPTURE_SCRIPT);
        // by default (0x1bfff) the taps carry their program: tap pattern only is asked for explicitly
        assertTrue(feature("tap-pattern").toString(), !feature("tap-pattern").path("wanted").asBoolean(true));
    }

    @After
    public void killTheCapturesAndReleaseTheNamespace() throws Exception {
        for (Process p : captures) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        setBpfAll(false);
        console("cmgrd:sync disable tap-pattern"); // the default: taps with their program
        if (script != null) {
            Files.deleteIfExists(script);
        }
        releaseAndDelete(ns);
    }

    @Test
    public void a_tcpdumpWithAFilterOnOneInterfaceIsATapWhoseProgramIsTcpdumpDashD() throws Exception {
        Process tcpdump = tcpdump("-i", "va", "icmp");

        JsonNode tap = awaitTap("tcpdump -i va icmp", t -> t.path("pid").asLong() == tcpdump.pid());
        assertEquals(tap.toString(), "va", tap.path("ifname").asText());
        assertEquals(tap.toString(), 3, tap.path("socket_type").asInt());
        assertEquals(tap.toString(), 3, tap.path("protocol").asInt());
        assertEquals(tap.toString(), "tcpdump", tap.path("application").asText());
        assertEquals("tcpdump puts the interface in promiscuous mode: " + tap, 1, tap.path("promisc").asInt());
        assertEquals(tcpdumpDashD("-i", "va", "icmp"), lines(tap.path("program_text")));

        kill(tcpdump);
        awaitNoTap("tcpdump killed with SIGKILL", t -> t.path("pid").asLong() == tcpdump.pid());
    }

    @Test
    public void b_withoutAFilterExpressionTheProgramIsTcpdumpsAcceptAll() throws Exception {
        Process tcpdump = tcpdump("-i", "va");

        JsonNode tap = awaitTap("tcpdump -i va", t -> t.path("pid").asLong() == tcpdump.pid());
        assertEquals(List.of("(000) ret      #262144"), lines(tap.path("program_text")));
        assertEquals(tcpdumpDashD("-i", "va"), lines(tap.path("program_text")));
    }

    @Test
    public void c_aCaptureOnAnyIsACookedTapOfEveryInterfaceWithTheKernelsProgram() throws Exception {
        Process tcpdump = tcpdump("-i", "any", "tcp port 80");

        JsonNode tap = awaitTap("tcpdump -i any 'tcp port 80'", t -> t.path("pid").asLong() == tcpdump.pid());
        assertFalse("every interface: no IFUID: " + tap, tap.has("ifuid"));
        assertEquals(tap.toString(), 2, tap.path("socket_type").asInt());
        // libpcap rewrites a cooked capture's program for the kernel (ancillary loads, offsets from the
        // network header): the tap carries the kernel's, which ss shows, not tcpdump -d's
        assertEquals(kernelProgram(tcpdump.pid()), tap.path("program").asText());
        assertEquals(tap.toString(), "(000) ldh      [proto]", tap.path("program_text").get(0).asText());

        kill(tcpdump);
        awaitNoTap("tcpdump -i any killed with SIGKILL", t -> t.path("pid").asLong() == tcpdump.pid());
    }

    @Test
    public void d_aCaptureOfAnotherApplicationIsSyncedOnlyWithOptionA() throws Exception {
        Process other = capture("capturer", "accept");
        Process marker = tcpdump("-i", "vb");
        awaitTap("a tcpdump started after the other application's capture", t -> t.path("pid").asLong() == marker.pid());
        assertTrue("the other application's capture is not a tap without -A: " + taps(),
                findTap(t -> t.path("pid").asLong() == other.pid()) == null);

        setBpfAll(true);
        JsonNode tap = awaitTap("-A: any application", t -> t.path("pid").asLong() == other.pid());
        assertEquals(tap.toString(), "capturer", tap.path("application").asText());
        assertFalse("an unbound socket captures every interface: " + tap, tap.has("ifuid"));

        setBpfAll(false);
        awaitNoTap("-A cleared", t -> t.path("pid").asLong() == other.pid());
    }

    @Test
    public void e_libpcapsRejectAllFilterNeverReachesTheFpm() throws Exception {
        // a "tcpdump" that keeps the filter libpcap attaches for an instant before the real one
        Process rejecting = capture("tcpdump", "reject");
        Process marker = tcpdump("-i", "vb");
        awaitTap("a tcpdump started after the reject-all socket", t -> t.path("pid").asLong() == marker.pid());
        Thread.sleep(2_500); // more polls, each of which saw the reject-all socket
        assertTrue("no tap of the reject-all socket: " + taps(), findTap(t -> t.path("pid").asLong() == rejecting.pid()) == null);
        // and no real tcpdump's tap ever showed it: each one's program is its expression's
        for (JsonNode t : taps()) {
            assertFalse(t.toString(), lines(t.path("program_text")).equals(List.of("(000) ret      #0")));
        }
    }

    @Test
    public void f_tapPatternOnlySendsTheTapWithoutItsProgramLive() throws Exception {
        Process tcpdump = tcpdump("-i", "va", "icmp");
        awaitTap("tcpdump -i va icmp", t -> t.path("pid").asLong() == tcpdump.pid() && t.has("program"));

        String out = console("cmgrd:sync enable tap-pattern");
        assertTrue(out, out.contains("tap-pattern") && out.contains("enabled"));
        JsonNode tap = awaitTap("tap pattern only", t -> t.path("pid").asLong() == tcpdump.pid() && !t.has("program"));
        assertFalse(tap.toString(), tap.has("program_text"));

        console("cmgrd:sync disable tap-pattern");
        awaitTap("tap pattern only disabled", t -> t.path("pid").asLong() == tcpdump.pid() && t.has("program"));
    }

    @Test
    public void g_disablingBpfWithdrawsExactlyItsTapsAndEnablingRestoresThem() throws Exception {
        Process first = tcpdump("-i", "va", "udp");
        awaitTap("tcpdump -i va udp", t -> t.path("pid").asLong() == first.pid());

        disableAndExpectOnlyItsObjectsGone("bpf", VRF, vrf -> vrf.remove("bpf"), "bpf");
        Process second = tcpdump("-i", "vb", "arp");
        // the marker: a link made after the capture started, in the FPM, means a poll ran since
        Thread.sleep(2_000);
        ns.ip("link", "add", "mark0", "type", "veth", "peer", "name", "mark1");
        awaitKernelLinks(ns, VRF, "marker after a capture started while disabled", 5_000);
        assertEquals("taps in the FPM while bpf is disabled", 0L, (long) tableCounts().getOrDefault("bpf", 0L));

        String out = console("cmgrd:sync enable bpf");
        assertTrue(out, out.contains("bpf") && out.contains("-> enabled"));
        awaitTap("bpf enabled again: the first", t -> t.path("pid").asLong() == first.pid());
        awaitTap("and the capture started while disabled", t -> t.path("pid").asLong() == second.pid());
    }

    @Test
    public void h_withAMinutePeriodACaptureComesAndGoesWithItsProcessThroughTheProcConnector() throws Exception {
        // The watch lives while bpf syncs a vrf: following vrf 14 alone released vrf 0, and the
        // connector comes back with vrf 14's sync, which may start after the L3 features'.
        JsonNode connector = awaitChannel("netlink-connector-proc-listen-0");
        assertTrue("the proc connector is open (this VM runs the product in the initial namespaces): " + connector,
                connector.path("note").asText().contains("exists only in the initial network namespace"));
        setPollPeriod("60000");
        long periodSet = System.nanoTime();
        try {
            long execs = connector.path("packets_by_type").path("PROC_EVENT_EXEC").asLong();
            long exits = connector.path("packets_by_type").path("PROC_EVENT_EXIT").asLong();
            Process tcpdump = tcpdump("-i", "va", "udp port 53");

            // no poll of the period (60 s) before these deadlines (15 s each): only an exec's can have sent it
            awaitTap("tcpdump -i va with a period of 60 s", t -> t.path("pid").asLong() == tcpdump.pid());
            JsonNode after = channel("netlink-connector-proc-listen-0");
            assertTrue("tcpdump's exec counted: " + after,
                    after.path("packets_by_type").path("PROC_EVENT_EXEC").asLong() > execs);

            kill(tcpdump);
            awaitNoTap("tcpdump killed with a period of 60 s", t -> t.path("pid").asLong() == tcpdump.pid());
            after = channel("netlink-connector-proc-listen-0");
            assertTrue("tcpdump's exit counted: " + after,
                    after.path("packets_by_type").path("PROC_EVENT_EXIT").asLong() > exits);
            assertEquals("no malformed proc events: " + after, 0, after.path("malformed").asLong());
            assertTrue("the test ran within one period, so no periodic poll can have done the work",
                    System.nanoTime() - periodSet < 55_000_000_000L);
        } finally {
            setPollPeriod(null);
        }
    }

    /** {@code pollPeriodMs} of the bpf feature (null: the default), applied once the feature logged it. */
    private void setPollPeriod(String ms) throws Exception {
        org.osgi.service.cm.Configuration c = configurationAdmin.getConfiguration("org.linuxfpsync.sync.bpf", "?");
        Dictionary<String, Object> props = c.getProperties() != null ? c.getProperties() : new Hashtable<>();
        Path log = Path.of(System.getProperty("karaf.data", "data"), "log", "karaf.log");
        long logged = Files.exists(log) ? Files.size(log) : 0;
        if (ms == null) {
            props.remove("pollPeriodMs");
        } else {
            props.put("pollPeriodMs", ms);
        }
        c.update(props);
        String expected = "polled every " + (ms == null ? "1000" : ms) + " ms";
        long begin = System.nanoTime();
        while (true) {
            if (Files.exists(log) && Files.size(log) > logged) {
                try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(log.toFile(), "r")) {
                    f.seek(logged);
                    byte[] tail = new byte[(int) (f.length() - logged)];
                    f.readFully(tail);
                    if (new String(tail, StandardCharsets.ISO_8859_1).contains(expected)) {
                        return;
                    }
                }
            }
            if (System.nanoTime() - begin > AWAIT_MILLIS * 1_000_000) {
                throw new AssertionError("the bpf feature did not log '" + expected + "'");
            }
            Thread.sleep(100);
        }
    }

    private JsonNode awaitChannel(String name) throws Exception {
        long begin = System.nanoTime();
        while (true) {
            try {
                return channel(name);
            } catch (AssertionError notYet) {
                if (System.nanoTime() - begin > AWAIT_MILLIS * 1_000_000) {
                    throw notYet;
                }
                Thread.sleep(100);
            }
        }
    }

    /** That channel in {@code cmgrd:show netlink --json}; the test fails without it. */
    private JsonNode channel(String name) throws Exception {
        List<String> names = new ArrayList<>();
        for (JsonNode c : JSON.readTree(console("cmgrd:show netlink --json")).path("channels")) {
            if (name.equals(c.path("name").asText())) {
                return c;
            }
            names.add(c.path("name").asText());
        }
        throw new AssertionError("no channel " + name + " in show netlink: " + names);
    }

    private Process tcpdump(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns.name, "tcpdump", "-n", "-w",
                "/dev/null"));
        command.addAll(List.of(arguments));
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        captures.add(p);
        return p;
    }

    /** A capture socket of {@code name}, with a one-instruction filter: "reject" (ret #0) or "accept". */
    private Process capture(String name, String filter) throws Exception {
        Process p = new ProcessBuilder("ip", "netns", "exec", ns.name, "perl", script.toString(), name, filter)
                .redirectErrorStream(true).start();
        captures.add(p);
        String ready = new String(p.getInputStream().readNBytes(6), StandardCharsets.US_ASCII);
        assertEquals("the capture script started", "ready\n", ready);
        return p;
    }

    private static void kill(Process p) throws InterruptedException {
        p.destroyForcibly(); // SIGKILL: tcpdump closes nothing itself
        assertTrue(p.waitFor(5, TimeUnit.SECONDS));
    }

    /** {@code tcpdump -d} of the same capture, run in the namespace. */
    private List<String> tcpdumpDashD(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns.name, "tcpdump", "-d"));
        command.addAll(List.of(arguments));
        return List.of(TestNamespace.run(command).split("\n"));
    }

    /** The program the kernel holds for that process's packet socket, from {@code ss -0 -b -p}, as FPC's bytes. */
    private String kernelProgram(long pid) throws Exception {
        String ss = TestNamespace.run(List.of("ip", "netns", "exec", ns.name, "ss", "-0", "-b", "-p"));
        Matcher m = Pattern.compile("pid=" + pid + ",[^\\n]*\\n\\s*bpf filter \\(\\d+\\):\\s*([^\\n]*)").matcher(ss);
        assertTrue(ss, m.find());
        return CaptureComparison.program(m.group(1));
    }

    private void setBpfAll(boolean any) throws Exception {
        org.osgi.service.cm.Configuration c = configurationAdmin.getConfiguration(SYNC_PID, "?");
        Dictionary<String, Object> props = c.getProperties() != null ? c.getProperties() : new Hashtable<>();
        props.put("bpfAll", Boolean.toString(any));
        // every writer raises the revision: an update of the same one could be taken for an echo of etc/
        Object revision = props.get("revision");
        props.put("revision", Long.toString((revision == null ? 0 : Long.parseLong(revision.toString())) + 1));
        c.update(props);
    }

    private JsonNode taps() throws Exception {
        return KernelL3Comparison.vrf(fpmDump(), VRF).path("bpf");
    }

    private JsonNode findTap(Predicate<JsonNode> which) throws Exception {
        for (JsonNode t : taps()) {
            if (which.test(t)) {
                return t;
            }
        }
        return null;
    }

    private JsonNode awaitTap(String what, Predicate<JsonNode> which) throws Exception {
        long begin = System.nanoTime();
        while (true) {
            JsonNode tap = findTap(which);
            if (tap != null) {
                System.out.printf("%s: in the FPM after %d ms%n", what, (System.nanoTime() - begin) / 1_000_000);
                return tap;
            }
            if (System.nanoTime() - begin > AWAIT_MILLIS * 1_000_000) {
                throw new AssertionError(what + ": no such tap in the FPM: " + taps());
            }
            Thread.sleep(100);
        }
    }

    private void awaitNoTap(String what, Predicate<JsonNode> which) throws Exception {
        long begin = System.nanoTime();
        while (findTap(which) != null) {
            if (System.nanoTime() - begin > AWAIT_MILLIS * 1_000_000) {
                throw new AssertionError(what + ": the tap is still in the FPM: " + taps());
            }
            Thread.sleep(100);
        }
        System.out.printf("%s: gone from the FPM after %d ms%n", what, (System.nanoTime() - begin) / 1_000_000);
    }

    private static List<String> lines(JsonNode array) {
        List<String> lines = new ArrayList<>();
        array.forEach(l -> lines.add(l.asText()));
        return lines;
    }
}
