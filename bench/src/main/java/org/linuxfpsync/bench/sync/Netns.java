package org.linuxfpsync.bench.sync;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntFunction;

import org.linuxfpsync.comparison.Namespace;

/** A network namespace of the benchmark ({@code cmgr-bench-*}), and the {@code ip -batch} files it is driven with. */
final class Netns implements AutoCloseable, Namespace {
    final String name;

    private Netns(String name) {
        this.name = name;
    }

    static Netns create(String name) throws IOException, InterruptedException {
        if (!name.startsWith("cmgr-bench-")) {
            throw new IllegalArgumentException("namespace names of the benchmark start with cmgr-bench-: " + name);
        }
        Sh.run("ip", "netns", "add", name);
        Netns ns = new Netns(name);
        ns.ip("link", "set", "lo", "up");
        return ns;
    }

    @Override
    public String ip(String... args) throws IOException, InterruptedException {
        return tool("ip", args);
    }

    @Override
    public String bridge(String... args) throws IOException, InterruptedException {
        return tool("bridge", args);
    }

    @Override
    public String sysctl(String name) throws IOException, InterruptedException {
        return Sh.run("ip", "netns", "exec", this.name, "sysctl", "-n", name).trim();
    }

    /** {@code sysctl -w name=value} in the namespace. */
    void setSysctl(String name, String value) throws IOException, InterruptedException {
        Sh.run("ip", "netns", "exec", this.name, "sysctl", "-qw", name + "=" + value);
    }

    /** Loads an nft ruleset ({@code nft -f}) in the namespace. */
    void nft(String ruleset) throws IOException, InterruptedException {
        Path file = Files.createTempFile("cmgr-bench-", ".nft");
        try {
            Files.writeString(file, ruleset);
            Sh.run("ip", "netns", "exec", name, "nft", "-f", file.toString());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** {@code conntrack -F}: every flow of the namespace's table deleted. */
    void ctFlush() throws IOException, InterruptedException {
        Sh.run("ip", "netns", "exec", name, "conntrack", "-F");
    }

    private String tool(String tool, String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 3];
        cmd[0] = tool;
        cmd[1] = "-n";
        cmd[2] = name;
        System.arraycopy(args, 0, cmd, 3, args.length);
        return Sh.run(cmd);
    }

    /** The bench namespace's layout: a veth pair, v0 with 10.0.0.1/8 and 2001:db8::1/64 (gateways .2 and ::2). */
    void layout() throws IOException, InterruptedException {
        ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
        ip("link", "set", "v0", "up");
        ip("link", "set", "v1", "up");
        ip("addr", "add", "10.0.0.1/8", "dev", "v0");
        ip("addr", "add", "2001:db8::1/64", "dev", "v0", "nodad");
    }

    /** Runs {@code ip -n NS -batch file}; returns its wall time in nanoseconds. Any refused line fails. */
    long batch(Path file) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("ip", "-n", name, "-batch", file.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.PIPE).start();
        byte[] err = p.getErrorStream().readAllBytes();
        int rc = p.waitFor();
        long t = System.nanoTime() - t0;
        if (rc != 0) {
            throw new IOException("ip -batch " + file + " failed: " + new String(err, StandardCharsets.UTF_8).strip());
        }
        return t;
    }

    /** Wall time of one route dump of every table, both families, read to its end ({@code ip route show}). */
    long dumpRoutesNanos() throws IOException, InterruptedException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder("ip", "-n", name, "route", "show", "table", "all")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            p.waitFor();
            best = Math.min(best, System.nanoTime() - t0);
        }
        return best;
    }

    /** Routes of every table, IPv4 and IPv6, as the kernel lists them (one line each: no multipath here). */
    long kernelRoutes() throws IOException, InterruptedException {
        long n = 0;
        for (String family : new String[] {"-4", "-6"}) {
            Process p = new ProcessBuilder("ip", "-n", name, family, "route", "show", "table", "all")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (var r = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                    StandardCharsets.US_ASCII))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0))) {
                        n++;
                    }
                }
            }
            p.waitFor();
        }
        return n;
    }

    @Override
    public void close() {
        Sh.tryRun("ip", "netns", "del", name);
    }

    // ---- ip -batch files ----

    /** The i-th IPv4 /32 of a block whose first octet is {@code first} (up to 16M routes). */
    static String v4(int first, int i) {
        return (first + (i >>> 24)) + "." + (i >>> 16 & 0xff) + "." + (i >>> 8 & 0xff) + "." + (i & 0xff);
    }

    static String routeV4(String verb, int first, int i) {
        return "route " + verb + " " + v4(first, i) + "/32 via 10.0.0.2 dev v0";
    }

    static String routeV6(String verb, int i) {
        return "route " + verb + " 2001:db8:" + Integer.toHexString(1 + (i >>> 16)) + ":" + Integer.toHexString(i & 0xffff)
                + "::/64 via 2001:db8::2 dev v0";
    }

    static String neighbour(String verb, int i) {
        String dst = "10." + (1 + (i >>> 16)) + "." + (i >>> 8 & 0xff) + "." + (i & 0xff);
        return verb.equals("add")
                ? String.format("neigh add %s lladdr 02:00:00:%02x:%02x:%02x dev v0 nud permanent", dst,
                        i >>> 16 & 0xff, i >>> 8 & 0xff, i & 0xff)
                : "neigh del " + dst + " dev v0";
    }

    static String vethPair(String verb, int i) {
        return verb.equals("add") ? "link add a" + i + " type veth peer name b" + i : "link del a" + i;
    }

    static Path write(Path file, int n, IntFunction<String> line) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            for (int i = 0; i < n; i++) {
                w.write(line.apply(i));
                w.write('\n');
            }
        }
        return file;
    }
}
