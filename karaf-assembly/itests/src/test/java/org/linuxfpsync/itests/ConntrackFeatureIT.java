package org.linuxfpsync.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.linuxfpsync.comparison.ConntrackComparison;
import org.linuxfpsync.comparison.KernelL3Comparison;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The conntrack feature against the real kernel: flows between a client namespace and a followed
 * server namespace (UDP, a TCP connection opened and closed, ICMP echo), a DNAT and an SNAT binding
 * made by nft rules, {@code conntrack -D} and {@code -F}, flows made before the vrf is followed (with
 * the kernel's default {@code nf_conntrack_events = 2} they never notify their deletion: the periodic
 * refresh catches it), a burst that overflows a small receive buffer, the feature disabled and
 * enabled. Every step ends with the FPM's conntrack table equal to {@code conntrack -L -o extended,id}
 * of the namespace, timeouts aside ({@link ConntrackComparison}).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class ConntrackFeatureIT extends L2FeatureSupport {
    private static final int VRF = 31;
    private static final String CLIENT = "10.77.0.1";
    private static final String SERVER = "10.77.0.2";
    private static final String SNAT_ADDRESS = "10.77.0.3";
    private static final String CLIENT_MAC = "02:77:00:00:00:01";
    private static final String SERVER_MAC = "02:77:00:00:00:02";
    private static final String PYTHON = "/usr/bin/python3";
    /** Traffic of the test: one mode per run; every socket closed at the end. */
    private static final String FLOWS = String.join("\n",
            "import socket, struct, sys",
            "mode = sys.argv[1]",
            "if mode == 'udp':",
            "    host, port, count, first = sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])",
            "    for i in range(count):",
            "        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
            "        s.bind(('0.0.0.0', first + i))",
            "        s.sendto(b'x', (host, port))",
            "        s.close()",
            "elif mode == 'burst':",
            "    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
            "    host, first, count = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])",
            "    for port in range(first, first + count):",
            "        s.sendto(b'x', (host, port))",
            "    s.close()",
            "elif mode == 'tcp':",
            "    s = socket.create_connection((sys.argv[2], int(sys.argv[3])), timeout=5)",
            "    s.sendall(b'hello')",
            "    s.recv(16)",
            "    s.close()",
            "elif mode == 'ping':",
            "    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)",
            "    ident = int(sys.argv[3])",
            "    def csum(b):",
            "        t = sum(struct.unpack('!%dH' % (len(b) // 2), b))",
            "        t = (t >> 16) + (t & 0xffff); t += t >> 16",
            "        return ~t & 0xffff",
            "    h = struct.pack('!BBHHH', 8, 0, 0, ident, 1) + b'ping'",
            "    h = struct.pack('!BBHHH', 8, 0, csum(h), ident, 1) + b'ping'",
            "    s.sendto(h, (sys.argv[2], 0))",
            "    s.settimeout(2)",
            "    s.recv(64)",
            "elif mode == 'serve':",
            "    srv = socket.socket(); srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)",
            "    srv.bind(('0.0.0.0', int(sys.argv[2]))); srv.listen(64)",
            "    print('listening', flush=True)",
            "    while True:",
            "        c, _ = srv.accept()",
            "        c.recv(16); c.sendall(b'bye'); c.close()");

    private TestNamespace client;
    private TestNamespace server;
    private Process tcpServer;

    @Configuration
    public Option[] config() {
        return distribution();
    }

    @Before
    public void aClientAndAFollowedServerWithNatRulesAndFlowsMadeBeforeTheFollow() throws Exception {
        String features = console("cmgrd:show sync-features");
        assertTrue(features, features.contains(String.format("%-20s enabled\n", "conntrack")));
        conntrackConfig(2);
        client = new TestNamespace();
        server = new TestNamespace();
        // No DAD and permanent neighbours: the traffic of a test changes no L3 object by itself (an
        // address leaving "tentative", a neighbour going DELAY -> STALE), so that d's withdrawal check
        // compares only what the feature changed (failed in CI on a neighbour's state).
        for (TestNamespace ns : new TestNamespace[] {client, server}) {
            ns.sysctl("net.ipv6.conf.all.accept_dad", "0");
            ns.sysctl("net.ipv6.conf.default.accept_dad", "0");
        }
        server.ip("link", "add", "s0", "address", SERVER_MAC, "type", "veth", "peer", "name", "c0", "address",
                CLIENT_MAC, "netns", client.name);
        server.ip("addr", "add", SERVER + "/24", "dev", "s0");
        server.ip("addr", "add", SNAT_ADDRESS + "/24", "dev", "s0");
        client.ip("addr", "add", CLIENT + "/24", "dev", "c0");
        server.ip("neigh", "replace", CLIENT, "lladdr", CLIENT_MAC, "dev", "s0", "nud", "permanent");
        client.ip("neigh", "replace", SERVER, "lladdr", SERVER_MAC, "dev", "c0", "nud", "permanent");
        client.ip("neigh", "replace", SNAT_ADDRESS, "lladdr", SERVER_MAC, "dev", "c0", "nud", "permanent");
        for (TestNamespace ns : new TestNamespace[] {client, server}) {
            ns.ip("link", "set", "lo", "up");
        }
        server.ip("link", "set", "s0", "up");
        client.ip("link", "set", "c0", "up");
        // nat chains make the namespace track its flows; DNAT of port 80 to 8080, SNAT of UDP to port 6000
        exec(server, "nft", "-f", "-", "table ip t {\n"
                + " chain pre { type nat hook prerouting priority -100; tcp dport 80 dnat to " + SERVER + ":8080; }\n"
                + " chain post { type nat hook postrouting priority 100; udp dport 6000 snat to " + SNAT_ADDRESS
                + "; }\n}\n");
        // the flows of the test outlive it (UDP and ICMP flows expire after 30 s, a closed TCP one after 120 s)
        for (String timeout : new String[] {"udp_timeout", "udp_timeout_stream", "icmp_timeout",
            "tcp_timeout_time_wait", "tcp_timeout_close"}) {
            server.sysctl("net.netfilter.nf_conntrack_" + timeout, "600");
        }
        tcpServer = new ProcessBuilder("ip", "netns", "exec", server.name, PYTHON, "-c", FLOWS, "serve", "8080")
                .redirectErrorStream(true).start();
        assertTrue("the TCP server listens", new String(tcpServer.getInputStream().readNBytes(9)).equals("listening"));
        // before the follow: with nf_conntrack_events = 2, these flows never notify
        assertEquals("2", server.sysctl("net.netfilter.nf_conntrack_events"));
        flows(client, "udp", SERVER, "5000", "3", "41000");
        followVrfs(VRF + ":" + server.name);
        awaitKernelConntrack("three UDP flows made before the follow", 3);
    }

    @After
    public void stopTheServerAndReleaseTheNamespaces() throws Exception {
        console("cmgrd:sync enable conntrack");
        if (tcpServer != null) {
            tcpServer.destroy();
            tcpServer.waitFor(5, TimeUnit.SECONDS);
        }
        conntrackConfig(30);
        conntrackBuffer(256 * 1024 * 1024); // the default
        releaseAndDelete(client, server);
    }

    @Test
    public void a_udpTcpIcmpAndTheNatBindingsAreSyncedAndShowConfSaysWhatEventsMiss() throws Exception {
        flows(client, "udp", SERVER, "5001", "1", "42000");
        flows(client, "tcp", SERVER, "80");
        flows(client, "ping", SERVER, "4242");
        flows(server, "udp", CLIENT, "6000", "1", "43000");
        List<String> fpm = awaitKernelConntrack("UDP, TCP opened and closed (DNAT), ICMP, SNAT", 7);
        assertTrue("the DNAT binding, translated: " + fpm, fpm.stream().anyMatch(f -> f.contains("dport=80 src="
                + SERVER + " dst=" + CLIENT + " sport=8080")));
        assertTrue("the SNAT binding, translated: " + fpm, fpm.stream().anyMatch(f -> f.contains("dport=6000 src="
                + CLIENT + " dst=" + SNAT_ADDRESS)));

        // fpm:show conntrack writes what conntrack -L -o extended,id writes, the kernel's use= and the timeouts aside
        assertEquals("fpm:show conntrack against conntrack -L -o extended,id",
                conntrackListLines(exec(server, "conntrack", "-L", "-o", "extended,id")),
                conntrackListLines(console("fpm:show conntrack")));

        String conf = console("cmgrd:show conf");
        assertTrue(conf, conf.contains("kernel:conntrack") && conf.contains("vrf " + VRF
                + " net.netfilter.nf_conntrack_events") && conf.contains("2: flows older than the listener"));
    }

    @Test
    public void b_deletedFlowsLeaveTheFpmThoseMadeBeforeTheFollowByTheRefresh() throws Exception {
        flows(client, "udp", SERVER, "5002", "2", "44000");
        awaitKernelConntrack("two more flows", 5);

        // made after the follow: a DESTROY event
        exec(server, "conntrack", "-D", "-p", "udp", "--orig-port-dst", "5002", "--orig-port-src", "44000");
        awaitKernelConntrack("conntrack -D of a flow made after the follow", 4);

        // made before: no event; the refresh (every 2 s here) finds it gone
        long begin = System.nanoTime();
        exec(server, "conntrack", "-D", "-p", "udp", "--orig-port-dst", "5000", "--orig-port-src", "41000");
        awaitKernelConntrack("conntrack -D of a flow made before the follow", 3);
        System.out.printf("a flow made before the follow: deleted in the FPM after %d ms%n",
                (System.nanoTime() - begin) / 1_000_000);

        exec(server, "conntrack", "-F");
        awaitKernelConntrack("conntrack -F", 0);
    }

    @Test
    public void c_aBurstThatOverflowsASmallBoundEndsEqualToTheKernel() throws Exception {
        // released, so that the conntrack channel opened by the next follow has a bound of 16 KiB (its own,
        // receiveBufferMaxBytes of the conntrack sync): it starts at the bound (flows come at the rate of
        // traffic), and the burst overflows it
        followVrfs("0");
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!conntrackChannel().isMissingNode() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        conntrackBuffer(16384);
        Thread.sleep(1_000); // the configuration reaches the conntrack sync asynchronously
        followVrfs(VRF + ":" + server.name);
        awaitKernelConntrack("followed again with a 16 KiB bound", 3);
        long buffer = conntrackChannel().path("receive_buffer_bytes").asLong();
        // the kernel reports twice what SO_RCVBUFFORCE asked
        assertEquals("the conntrack channel starts at the bound", 32768, buffer);

        // four senders at once, 5000 new flows each
        long begin = System.nanoTime();
        List<Process> senders = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            senders.add(new ProcessBuilder("ip", "netns", "exec", client.name, PYTHON, "-c", FLOWS, "burst", SERVER,
                    Integer.toString(20000 + i * 5000), "5000").redirectErrorStream(true).start());
        }
        for (Process p : senders) {
            assertTrue("a sender ended", p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0);
        }
        System.out.printf("burst of 20000 UDP flows made in %d ms%n", (System.nanoTime() - begin) / 1_000_000);
        awaitKernelConntrack("20000 new flows at once", 20003);
        JsonNode channel = conntrackChannel();
        System.out.printf("burst of 20000 flows: %d overflows of the conntrack channel, receive buffer now %d bytes%n",
                channel.path("enobufs").asLong(), channel.path("receive_buffer_bytes").asLong());
        assertTrue("the burst overflowed the 16 KiB buffer (else this test proves nothing): " + channel,
                channel.path("enobufs").asLong() > 0);

        // the cost of a refresh of 20003 flows (every 2 s here): the dump and the comparison
        Thread.sleep(4_500);
        for (JsonNode c : JSON.readTree(console("cmgrd:show netlink --json")).path("channels")) {
            if (c.path("name").asText().contains("conntrack") && c.path("last_dump_nanos").asLong() > 0) {
                System.out.printf("conntrack refresh of 20003 flows: %s took %d us%n", c.path("name").asText(),
                        c.path("last_dump_nanos").asLong() / 1000);
            }
        }
        awaitKernelConntrack("20003 flows after refreshes", 20003);
    }

    /** The flow lines of conntrack -L's form, sorted, without their timeout (5th word) and use=. */
    private static List<String> conntrackListLines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("ipv")) {
                List<String> words = new ArrayList<>(List.of(line.replaceAll(" use=\\d+", "").trim().split("\\s+")));
                words.remove(4);
                lines.add(String.join(" ", words));
            }
        }
        lines.sort(null);
        return lines;
    }

        /** The vrf's conntrack listening channel in {@code cmgrd:show netlink --json}, or a missing node. */
    private JsonNode conntrackChannel() throws Exception {
        for (JsonNode c : JSON.readTree(console("cmgrd:show netlink --json")).path("channels")) {
            if (c.path("name").asText().equals("netlink-netfilter-conntrack-listen-" + VRF)) {
                return c;
            }
        }
        return JSON.missingNode();
    }

    @Test
    public void d_disablingConntrackWithdrawsExactlyItsFlowsAndEnablingRestoresThem() throws Exception {
        flows(client, "tcp", SERVER, "80");
        awaitKernelConntrack("a TCP flow", 4);
        // every other feature converged too (IPv6, nat's table): the comparison below starts from there
        awaitKernelL3(Map.of(VRF, server), true, 10_000, () -> "the follow of the server");
        // and nat's table t (nft's NAT rules of the setup), which the L3 comparison does not cover
        long natDeadline = System.nanoTime() + 30_000_000_000L;
        while (!holdsNetfilterTable("t")) {
            assertTrue("nat's table t reaches the FPM", System.nanoTime() < natDeadline);
            Thread.sleep(100);
        }
        disableAndExpectOnlyItsObjectsGone("conntrack", VRF, vrf -> vrf.remove("conntrack"), "conntrack");
        assertEquals(0L, (long) tableCounts().getOrDefault("conntrack", 0L));

        flows(client, "udp", SERVER, "5004", "1", "45000");
        Thread.sleep(500);
        assertEquals("flows in the FPM while the feature is disabled", 0L,
                (long) tableCounts().getOrDefault("conntrack", 0L));

        String out = console("cmgrd:sync enable conntrack");
        assertTrue(out, out.contains("conntrack            disabled -> enabled"));
        awaitKernelConntrack("conntrack enabled again", 5);
    }

    private boolean holdsNetfilterTable(String name) throws Exception {
        for (JsonNode table : KernelL3Comparison.vrf(fpmDump(), VRF).path("netfilter")) {
            if (name.equals(table.path("table").asText())) {
                return true;
            }
        }
        return false;
    }

    /** Polls until the FPM's flows of the vrf equal the kernel's, and there are {@code expected}. */
    private List<String> awaitKernelConntrack(String what, int expected) throws Exception {
        long begin = System.nanoTime();
        long deadline = begin + 30_000_000_000L;
        while (true) {
            List<String> kernel = ConntrackComparison.kernel(exec(server, "conntrack", "-L", "-o", "extended,id"));
            List<String> fpm = ConntrackComparison.fpm(KernelL3Comparison.vrf(fpmDump(), VRF));
            if (kernel.size() == expected && kernel.equals(fpm)) {
                System.out.printf("%s: %d flows equal after %d ms%n", what, expected,
                        (System.nanoTime() - begin) / 1_000_000);
                return fpm;
            }
            if (System.nanoTime() > deadline) {
                List<String> missing = new ArrayList<>(kernel);
                missing.removeAll(fpm);
                List<String> extra = new ArrayList<>(fpm);
                extra.removeAll(kernel);
                throw new AssertionError(what + ": expected " + expected + " flows, kernel " + kernel.size()
                        + ", FPM " + fpm.size() + "\nnot in the FPM: " + head(missing) + "\nnot in the kernel: "
                        + head(extra) + "\nmodules:\n" + console("cmgrd:show modules"));
            }
            Thread.sleep(100);
        }
    }

    private static List<String> head(List<String> l) {
        return l.subList(0, Math.min(10, l.size()));
    }

    private static void flows(TestNamespace ns, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns.name, PYTHON, "-c", FLOWS));
        cmd.addAll(List.of(args));
        TestNamespace.run(cmd);
    }

    /** Runs a command inside the namespace (standard input: {@code stdin}'s last argument after "-"). */
    private static String exec(TestNamespace ns, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns.name));
        String input = null;
        if (args.length > 2 && args[args.length - 2].equals("-")) {
            input = args[args.length - 1];
            cmd.addAll(List.of(args).subList(0, args.length - 1));
        } else {
            cmd.addAll(List.of(args));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        if (input != null) {
            try (var in = p.getOutputStream()) {
                in.write(input.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " failed: " + out + err);
        }
        return out;
    }

    private void conntrackConfig(int refreshSeconds) throws Exception {
        org.osgi.service.cm.Configuration c = configurationAdmin.getConfiguration("org.linuxfpsync.sync.conntrack",
                "?");
        Dictionary<String, Object> props = c.getProperties() != null ? c.getProperties() : new Hashtable<>();
        props.put("refreshSeconds", refreshSeconds);
        c.update(props);
    }

    /** The conntrack channel's own bound, for the channels opened from now on. */
    private void conntrackBuffer(int max) throws Exception {
        org.osgi.service.cm.Configuration c = configurationAdmin.getConfiguration("org.linuxfpsync.sync.conntrack",
                "?");
        Dictionary<String, Object> props = c.getProperties() != null ? c.getProperties() : new Hashtable<>();
        props.put("receiveBufferMaxBytes", max);
        c.update(props);
    }
}
