package org.linuxfpsync.itests;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import org.linuxfpsync.comparison.ConntrackComparison;
import org.linuxfpsync.comparison.KernelL3Comparison;

/**
 * Random conntrack flows between the two namespaces of {@link KernelDifferentialIT}, made by real
 * packets over a veth pair of their own ({@code ct0} in A, {@code ct1} in B, 172.31.0.1/30 and
 * .2/30, reached through a rule of pref 1 that the random rules, from pref 1000, cannot shadow; never
 * touched by {@link RandomKernelOperations}): UDP datagrams either way (a new flow in
 * both namespaces, unanswered), ICMP echoes (answered: the flow is replied), and now and then a
 * flow deleted ({@code conntrack -D}) or a namespace's table flushed ({@code conntrack -F}). Both
 * namespaces track only what crosses that pair (an nft table {@code cttrack}: everything else is
 * {@code notrack}), with timeouts long enough that no flow expires during a run, so that the
 * kernel's table changes only by what this draws. Its own random numbers, as {@link RandomXfrmPolicies}.
 */
final class RandomConntrackFlows {
    static final String A_ADDRESS = "172.31.0.1";
    static final String B_ADDRESS = "172.31.0.2";
    private static final String PYTHON = "/usr/bin/python3";
    /** Sends what its arguments say, then closes: udp:SPORT:DPORT (one datagram), ping:ID (echo, answer awaited). */
    private static final String SEND = String.join("\n",
            "import socket, struct, sys",
            "dst = sys.argv[1]",
            "def csum(b):",
            "    t = sum(struct.unpack('!%dH' % (len(b) // 2), b))",
            "    t = (t >> 16) + (t & 0xffff); t += t >> 16",
            "    return ~t & 0xffff",
            "for spec in sys.argv[2:]:",
            "    kind, *n = spec.split(':')",
            "    if kind == 'udp':",
            "        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
            "        s.bind(('0.0.0.0', int(n[0])))",
            "        s.sendto(b'x', (dst, int(n[1])))",
            "        s.close()",
            "    else:",
            "        s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)",
            "        h = struct.pack('!BBHHH', 8, 0, 0, int(n[0]), 1) + b'ping'",
            "        s.sendto(struct.pack('!BBHHH', 8, 0, csum(h), int(n[0]), 1) + b'ping', (dst, 0))",
            "        s.settimeout(2)",
            "        try:",
            "            s.recv(64)",
            "        except socket.timeout:",
            "            pass",
            "        s.close()");

    private final SplittableRandom random;
    /** Flows made and not deleted yet, as "A udp SPORT DPORT" (the namespace that sent it). */
    private final List<String> flows = new ArrayList<>();

    RandomConntrackFlows(long seed) {
        this.random = new SplittableRandom(seed * 977 + 31);
    }

    /** The veth pair between the namespaces, and conntrack on what crosses it only, in both. */
    static void layout(TestNamespace a, TestNamespace b) throws Exception {
        a.ip("link", "add", "ct0", "type", "veth", "peer", "name", "ct1", "netns", b.name);
        a.ip("addr", "add", A_ADDRESS + "/30", "dev", "ct0");
        b.ip("addr", "add", B_ADDRESS + "/30", "dev", "ct1");
        a.ip("link", "set", "ct0", "up");
        b.ip("link", "set", "ct1", "up");
        // before the random rules (prefs 1000 up; an "unreachable" one may match 172.31.0.0/30)
        a.ip("rule", "add", "to", "172.31.0.0/30", "lookup", "main", "pref", "1");
        b.ip("rule", "add", "to", "172.31.0.0/30", "lookup", "main", "pref", "1");
        track(a, "ct0");
        track(b, "ct1");
    }

    private static void track(TestNamespace ns, String dev) throws Exception {
        TestNamespace.run(List.of("ip", "netns", "exec", ns.name, "nft", "add table inet cttrack; "
                + "add chain inet cttrack pre { type filter hook prerouting priority raw ; } ; "
                + "add rule inet cttrack pre iifname != " + dev + " notrack ; "
                + "add chain inet cttrack out { type filter hook output priority raw ; } ; "
                + "add rule inet cttrack out oifname != " + dev + " notrack ; "
                + "add chain inet cttrack count { type filter hook prerouting priority 0 ; } ; "
                + "add rule inet cttrack count ct state new counter"));
        for (String timeout : new String[] {"udp_timeout", "udp_timeout_stream", "icmp_timeout"}) {
            ns.sysctl("net.netfilter.nf_conntrack_" + timeout, "3600");
        }
    }

    /**
     * Draws {@code n} changes and makes them: flows sent from A or B, deletions, a flush now and then.
     *
     * @param done each change made, for the failure message ("A: udp 41000 -> 5000")
     * @return how many the kernel refused (a deletion of a flow already gone)
     */
    int run(TestNamespace a, TestNamespace b, int n, List<String> done) throws Exception {
        List<String> fromA = new ArrayList<>();
        List<String> fromB = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < n; i++) {
            int dice = random.nextInt(20);
            boolean first = random.nextBoolean();
            TestNamespace ns = first ? a : b;
            String side = first ? "A" : "B";
            if (dice == 0) {
                send(a, b, fromA, fromB, done);
                done.add(side + ": conntrack -F");
                TestNamespace.run(List.of("ip", "netns", "exec", ns.name, "conntrack", "-F"));
                continue;
            }
            if (dice < 5 && !flows.isEmpty()) {
                send(a, b, fromA, fromB, done);
                String[] f = flows.remove(random.nextInt(flows.size())).split(" ");
                // the flow is in both tables: deleted in one of them
                done.add(side + ": conntrack -D " + String.join(" ", f));
                try {
                    TestNamespace.run(List.of("ip", "netns", "exec", ns.name, "conntrack", "-D", "-p", f[1],
                            "--orig-port-src", f[2], "--orig-port-dst", f[3]));
                } catch (AssertionError gone) {
                    refused++; // flushed before, or already deleted in this namespace
                }
                continue;
            }
            if (dice < 8) {
                (first ? fromA : fromB).add("ping:" + (1 + random.nextInt(60000)));
                continue;
            }
            int sport = 20000 + random.nextInt(20000);
            int dport = 1024 + random.nextInt(8);
            (first ? fromA : fromB).add("udp:" + sport + ":" + dport);
            flows.add(side + " udp " + sport + " " + dport);
        }
        send(a, b, fromA, fromB, done);
        return refused;
    }

    /**
     * Polls until the FPM's flows of each vrf equal {@code conntrack -L -o extended,id} of its
     * namespace, timeouts aside ({@link ConntrackComparison}), for at most {@code settleMillis}.
     *
     * @return how many flows both namespaces hold
     */
    static int awaitEqual(Callable<JsonNode> fpmDump, Map<Integer, TestNamespace> vrfs, long settleMillis,
                          Supplier<String> context) throws Exception {
        long deadline = System.nanoTime() + settleMillis * 1_000_000L;
        while (true) {
            JsonNode dump = fpmDump.call();
            List<String> diffs = new ArrayList<>();
            int flows = 0;
            for (Map.Entry<Integer, TestNamespace> v : vrfs.entrySet()) {
                List<String> kernel = ConntrackComparison.kernel(conntrackList(v.getValue()));
                List<String> fpm = ConntrackComparison.fpm(KernelL3Comparison.vrf(dump, v.getKey()));
                flows += kernel.size();
                if (!kernel.equals(fpm)) {
                    List<String> missing = new ArrayList<>(kernel);
                    missing.removeAll(fpm);
                    List<String> extra = new ArrayList<>(fpm);
                    extra.removeAll(kernel);
                    diffs.add("vrf " + v.getKey() + " conntrack: not in the FPM " + missing + "\n    not in the kernel "
                            + extra);
                }
            }
            if (diffs.isEmpty()) {
                return flows;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(context.get() + ":\n  " + String.join("\n  ", diffs));
            }
            Thread.sleep(50);
        }
    }

    /**
     * {@code conntrack -L -o extended,id}'s standard output alone: its summary line on standard error,
     * merged, can land inside a flow's line once the output passes a pipe buffer (seen: "id=" cut).
     */
    private static String conntrackList(TestNamespace ns) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ip", "netns", "exec", ns.name, "conntrack", "-L", "-o", "extended,id")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("conntrack -L in " + ns.name + " failed");
        }
        return out;
    }

        private static void send(TestNamespace a, TestNamespace b, List<String> fromA, List<String> fromB,
                             List<String> done) throws IOException, InterruptedException {
        send(a, B_ADDRESS, fromA, "A", done);
        send(b, A_ADDRESS, fromB, "B", done);
    }

    private static void send(TestNamespace ns, String dst, List<String> specs, String side, List<String> done)
            throws IOException, InterruptedException {
        if (specs.isEmpty()) {
            return;
        }
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns.name, PYTHON, "-c", SEND, dst));
        cmd.addAll(specs);
        TestNamespace.run(cmd);
        specs.forEach(s -> done.add(side + ": " + s));
        specs.clear();
    }
}
