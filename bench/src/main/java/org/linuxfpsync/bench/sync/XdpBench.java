package org.linuxfpsync.bench.sync;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.linuxfpsync.fpm.internal.FpmServer;
import org.linuxfpsync.fpxdp.internal.FpXdp;
import org.linuxfpsync.fpxdp.internal.VethPeerPass;

/**
 * bench/run's XDP rows (issue 25, docs/fp-xdp.md): host A — router — host B in fresh namespaces,
 * the same veths for both measures. Linux forwarding (ip_forward=1, no XDP anywhere) against
 * fp-xdp (ip_forward=0, native XDP on the router's veths) fed by cmgrd from the built distribution
 * through this JVM's FPM: packets per second forwarded A → B (60-byte UDP frames from
 * bench/c/udp-flood.c, counted on B's veth), and the time from the start of {@code ip route replace}
 * to the first packet on the new path (bench/c/udp-first.c on B), whose own run time is given apart.
 *
 * <pre>
 * XdpBench --dist DIR --flood BIN --first BIN --out FILE [--seconds S] [--rounds N]
 * </pre>
 * Appends its section to FILE (docs/performance.md) and prints it.
 */
public final class XdpBench {
    private static final int VRF = 1;

    private final String a;
    private final String router;
    private final String b;
    private final Map<String, String> opt;

    private XdpBench(Map<String, String> opt) {
        this.opt = opt;
        String id = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xffffff));
        a = "cmgr-bench-xa" + id;
        router = "cmgr-bench-xr" + id;
        b = "cmgr-bench-xb" + id;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opt.put(args[i], args[i + 1]);
        }
        for (String needed : List.of("--dist", "--flood", "--first", "--out")) {
            if (!opt.containsKey(needed)) {
                System.err.println("XdpBench: " + needed + " missing");
                System.exit(2);
            }
        }
        XdpBench bench = new XdpBench(opt);
        try {
            String section = bench.run();
            System.out.print(section);
            Files.writeString(Path.of(opt.get("--out")), section, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } finally {
            bench.deleteNamespaces();
        }
        System.exit(0);
    }

    private String run() throws Exception {
        int seconds = Integer.parseInt(opt.getOrDefault("--seconds", "5"));
        int rounds = Integer.parseInt(opt.getOrDefault("--rounds", "5"));
        topology();

        ip(router, "netns", "exec", router, "sysctl", "-qw", "net.ipv4.ip_forward=1");
        double linuxPps = forwardedPerSecond(seconds);
        Latency linuxReplace = replaceLatency(rounds);
        ip(router, "netns", "exec", router, "sysctl", "-qw", "net.ipv4.ip_forward=0");
        ip(router, "route", "replace", "10.9.0.0/24", "via", "10.2.0.2");

        Path work = Files.createTempDirectory("cmgr-bench-xdp");
        String endpoint = "unix:" + work.resolve("fpc.sock");
        FpmServer fpm = new FpmServer();
        fpm.activate(Map.of("endpoint", endpoint));
        FpXdp xdp = new FpXdp(Map.of("vrfs", VRF + ":" + router, "interfaces", "r0,r1,r2", "xdpMode", "native"));
        fpm.bindFastPath(xdp);
        Karaf karaf = Karaf.prepare(Path.of(opt.get("--dist")), work, endpoint, VRF + ":" + router);
        List<VethPeerPass> peers = new ArrayList<>();
        try {
            peers.add(VethPeerPass.attach(a, "a0", ifindex(a, "a0")));
            peers.add(VethPeerPass.attach(b, "b0", ifindex(b, "b0")));
            peers.add(VethPeerPass.attach(b, "b1", ifindex(b, "b1")));
            karaf.start("1g");
            // not Karaf.awaitReady: with fp-xdp's HELLO (features 0x10000) the features it does not
            // forward stay disabled, "not offered by the FPM"; the first ping through says it is ready
            long deadline = System.nanoTime() + 180_000_000_000L;
            while (!Sh.run("bash", "-c", "ip netns exec " + a + " ping -c1 -W1 10.2.0.2 >/dev/null && echo ok || echo no")
                    .strip().equals("ok")) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("no ping through fp-xdp within 180 s of starting cmgrd (see "
                            + karaf.home.resolve("karaf.out") + ")");
                }
                Thread.sleep(200);
            }
            double xdpPps = forwardedPerSecond(seconds);
            Latency xdpReplace = replaceLatency(rounds);

            // the same fast path in generic mode (veth's XDP in the stack, after the skb): reloaded
            // from the FPM's tables, which cmgrd keeps
            fpm.unbindFastPath(xdp);
            xdp.deactivate();
            peers.forEach(VethPeerPass::close);
            peers.clear();
            xdp = new FpXdp(Map.of("vrfs", VRF + ":" + router, "interfaces", "r0,r1,r2", "xdpMode", "generic"));
            fpm.bindFastPath(xdp);
            double genericPps = forwardedPerSecond(seconds);
            return section(seconds, linuxPps, xdpPps, genericPps, linuxReplace, xdpReplace);
        } finally {
            karaf.stop();
            fpm.unbindFastPath(xdp);
            xdp.deactivate();
            fpm.deactivate();
            peers.forEach(VethPeerPass::close);
            Sh.tryRun("rm", "-rf", work.toString());
        }
    }

    /** Packets per second B's veth received while A flooded it for {@code seconds}. */
    private double forwardedPerSecond(int seconds) throws Exception {
        long before = rxPackets(b, "b0");
        long start = System.nanoTime();
        Sh.run("ip", "netns", "exec", a, opt.get("--flood"), "10.2.0.2", "9", Integer.toString(seconds));
        double elapsed = (System.nanoTime() - start) / 1e9;
        return (rxPackets(b, "b0") - before) / elapsed;
    }

    private record Latency(List<Double> millis, List<Double> commandMillis) {
        double median(List<Double> l) {
            List<Double> s = new ArrayList<>(l);
            Collections.sort(s);
            return s.isEmpty() ? Double.NaN : s.get(s.size() / 2);
        }

        double max() {
            return millis.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }
    }

    /** Rounds of {@code ip route replace} moving 10.9.0.0/24 from b0 to b1 and back while A sends to it. */
    private Latency replaceLatency(int rounds) throws Exception {
        List<Double> millis = new ArrayList<>();
        List<Double> command = new ArrayList<>();
        Process sender = new ProcessBuilder("ip", "netns", "exec", a, opt.get("--flood"), "10.9.0.2", "5002",
                Integer.toString(rounds * 3 + 10), "50").redirectErrorStream(true).start();
        try {
            for (int i = 0; i < rounds * 2; i++) {
                String via = i % 2 == 0 ? "10.3.0.2" : "10.2.0.2";
                String dev = i % 2 == 0 ? "b1" : "b0";
                Process first = new ProcessBuilder("ip", "netns", "exec", b, opt.get("--first"), "10.9.0.2", "5002", dev,
                        "5").redirectErrorStream(true).start();
                BufferedReader out = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8));
                if (!"listening".equals(out.readLine())) {
                    throw new IOException("udp-first did not start");
                }
                Thread.sleep(200);
                Instant t0 = Instant.now();
                long c0 = System.nanoTime();
                ip(router, "route", "replace", "10.9.0.0/24", "via", via);
                double cmd = (System.nanoTime() - c0) / 1e6;
                String arrived = out.readLine();
                first.waitFor();
                if (arrived == null || !arrived.matches("\\d+")) {
                    throw new IOException("no packet on " + dev + " within 5 s of ip route replace");
                }
                long t0ns = t0.getEpochSecond() * 1_000_000_000L + t0.getNano();
                millis.add((Long.parseLong(arrived) - t0ns) / 1e6);
                command.add(cmd);
                Thread.sleep(300);
            }
        } finally {
            sender.destroyForcibly();
        }
        return new Latency(millis, command);
    }

    private String section(int seconds, double linuxPps, double xdpPps, double genericPps, Latency linux, Latency xdp)
            throws Exception {
        StringBuilder s = new StringBuilder();
        s.append("\n## XDP fast path (fp-xdp)\n\n");
        s.append("Host A — router — host B on veths (bench/README.md, \"XDP rows\"): Linux forwarding against fp-xdp ")
                .append("fed by cmgrd, in the same run, ").append(Sh.run("uname", "-r").strip()).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" CPUs.\n\n");
        s.append("| measure | Linux forwarding | fp-xdp (native XDP on veth) |\n|---|---:|---:|\n");
        s.append(String.format("| packets/s forwarded A → B (60-byte UDP, %d s) | %,.0f | %,.0f |%n", seconds, linuxPps,
                xdpPps));
        s.append(String.format("| the same, fp-xdp in generic mode | | %,.0f |%n", genericPps));
        s.append(String.format("| `ip route replace` → first packet on the new path, median (max) of %d, ms | %.1f (%.1f) | %.1f (%.1f) |%n",
                linux.millis().size(), linux.median(linux.millis()), linux.max(), xdp.median(xdp.millis()), xdp.max()));
        s.append(String.format("| of which the `ip` command's own run, median, ms | %.1f | %.1f |%n",
                linux.median(linux.commandMillis()), xdp.median(xdp.commandMillis())));
        return s.toString();
    }

    private void topology() throws Exception {
        for (String ns : List.of(a, router, b)) {
            Sh.run("ip", "netns", "add", ns);
            ip(ns, "link", "set", "lo", "up");
        }
        ip(router, "link", "add", "r0", "type", "veth", "peer", "name", "a0", "netns", a);
        ip(router, "link", "add", "r1", "type", "veth", "peer", "name", "b0", "netns", b);
        ip(router, "link", "add", "r2", "type", "veth", "peer", "name", "b1", "netns", b);
        String[][] addresses = {{router, "r0", "10.1.0.1/24"}, {router, "r1", "10.2.0.1/24"},
            {router, "r2", "10.3.0.1/24"}, {a, "a0", "10.1.0.2/24"}, {b, "b0", "10.2.0.2/24"}, {b, "b1", "10.3.0.2/24"}};
        for (String[] x : addresses) {
            ip(x[0], "addr", "add", x[2], "dev", x[1]);
            ip(x[0], "link", "set", x[1], "up");
        }
        for (String[] end : new String[][] {{a, "a0"}, {b, "b0"}, {b, "b1"}}) {
            Sh.run("ip", "netns", "exec", end[0], "ethtool", "-K", end[1], "tso", "off", "gso", "off", "tx", "off");
        }
        for (String key : List.of("all", "default", "b0", "b1")) {
            Sh.run("ip", "netns", "exec", b, "sysctl", "-qw", "net.ipv4.conf." + key + ".rp_filter=0");
        }
        ip(a, "route", "add", "default", "via", "10.1.0.1");
        ip(b, "route", "add", "default", "via", "10.2.0.1");
        ip(b, "addr", "add", "10.9.0.2/32", "dev", "lo");
        ip(router, "neigh", "add", "10.1.0.2", "lladdr", mac(a, "a0"), "dev", "r0", "nud", "permanent");
        ip(router, "neigh", "add", "10.2.0.2", "lladdr", mac(b, "b0"), "dev", "r1", "nud", "permanent");
        ip(router, "neigh", "add", "10.3.0.2", "lladdr", mac(b, "b1"), "dev", "r2", "nud", "permanent");
        ip(router, "route", "add", "10.9.0.0/24", "via", "10.2.0.2");
        // the hosts learn the router's MAC
        Sh.tryRun("ip", "netns", "exec", a, "ping", "-c1", "-W1", "10.1.0.1");
        Sh.tryRun("ip", "netns", "exec", b, "ping", "-c1", "-W1", "10.2.0.1");
    }

    private void deleteNamespaces() {
        for (String ns : List.of(a, router, b)) {
            Sh.tryRun("ip", "netns", "del", ns);
        }
    }

    private static void ip(String ns, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(args[0].equals("netns") ? List.of("ip") : List.of("ip", "-n", ns));
        cmd.addAll(List.of(args));
        Sh.run(cmd.toArray(new String[0]));
    }

    private static long rxPackets(String ns, String dev) throws Exception {
        Matcher m = Pattern.compile("RX:.*\\n\\s*\\d+\\s+(\\d+)").matcher(Sh.run("ip", "-n", ns, "-s", "link", "show", dev));
        if (!m.find()) {
            throw new IOException("no RX counters for " + dev);
        }
        return Long.parseLong(m.group(1));
    }

    private static int ifindex(String ns, String dev) throws Exception {
        return Integer.parseInt(Sh.run("ip", "-n", ns, "-o", "link", "show", "dev", dev).split(":")[0].strip());
    }

    private static String mac(String ns, String dev) throws Exception {
        Matcher m = Pattern.compile("link/ether ([0-9a-f:]{17})").matcher(Sh.run("ip", "-n", ns, "-o", "link", "show", "dev", dev));
        if (!m.find()) {
            throw new IOException("no MAC for " + dev);
        }
        return m.group(1);
    }
}
