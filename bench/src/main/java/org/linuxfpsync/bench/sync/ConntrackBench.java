package org.linuxfpsync.bench.sync;

import static org.linuxfpsync.bench.sync.SyncBench.fmt;
import static org.linuxfpsync.bench.sync.SyncBench.log;
import static org.linuxfpsync.bench.sync.SyncBench.secs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.linuxfpsync.comparison.ConntrackComparison;
import org.linuxfpsync.comparison.KernelL3Comparison;

/**
 * The conntrack rows of {@code bench/run} (issue #19, bench/README.md): real UDP and TCP flows from
 * a client namespace to the bench namespace, whose conntrack tracks them ({@code bench/c/ct-flows}),
 * at the rate the kernel takes them; how many of the kernel's NEW and DESTROY events reach the FPM,
 * in a burst of new flows, a flush ({@code conntrack -F}) and the flows' own expiry; cmgrd's CPU per
 * event against the C conntrack listener ({@code bench/c/ct-count}) in the same runs; and what
 * {@code conntrack -E} with its default buffer shows of the same bursts.
 */
final class ConntrackBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SERVER = "172.16.0.1";
    private static final String CLIENT = "172.16.0.2";
    private static final int WORKERS = 4;
    /** Seconds a flow lives after its last packet in the expiry phase (every state). */
    private static final int SHORT_TIMEOUT = 5;
    private static final List<String> TIMEOUTS = List.of("udp_timeout", "udp_timeout_stream", "tcp_timeout_syn_sent",
            "tcp_timeout_syn_recv", "tcp_timeout_established", "tcp_timeout_fin_wait", "tcp_timeout_close_wait",
            "tcp_timeout_last_ack", "tcp_timeout_time_wait", "tcp_timeout_close");

    private final Report report;
    private final BenchFpm fpm;
    private final Karaf karaf;
    private final Netns bench;
    private final int vrf;
    private final Path flowsBinary;
    private final Path countBinary;
    private final Path work;
    private final int udp;
    private final int tcp;
    private final String section;
    /** cmgrd's CPU over the phases less its idle CPU in as long (seconds). */
    private double cpuCmgr;
    /** The same, as /proc measured it, idle included. */
    private double cpuCmgrRaw;
    /** cmgrd's CPU over the phases less its idle CPU, by thread group (seconds). */
    private final Map<String, Double> cpuByGroup = new java.util.TreeMap<>();
    /** The conntrack reader thread's name as /proc shows it (15 characters of netlink-netfilter-conntrack-listen-N). */
    private static final String READER = "netlink-netfilt";
    /** Its user and system clock ticks over the phases (/proc/pid/task/tid/stat). */
    private long readerUser;
    private long readerSystem;
    private double cpuC;
    private long events;
    /** The reader threads' system calls over the phases, by call ("total": every call), from perf. */
    private final Map<String, Long> readerSyscalls = new java.util.LinkedHashMap<>();
    /** Why a phase's system calls were not counted, or null. */
    private String syscallsMissing;

    ConntrackBench(Report report, BenchFpm fpm, Karaf karaf, Netns bench, int vrf, Path flowsBinary, Path countBinary,
                   Path work, int udp, int tcp) {
        this.report = report;
        this.fpm = fpm;
        this.karaf = karaf;
        this.bench = bench;
        this.vrf = vrf;
        this.flowsBinary = flowsBinary;
        this.countBinary = countBinary;
        this.work = work;
        this.udp = udp;
        this.tcp = tcp;
        this.section = "Conntrack: " + fmt(udp) + " UDP and " + fmt(tcp) + " TCP flows between two namespaces";
    }

    /** What ct-flows did: flows made and its wall time. */
    private record Flows(long udp, long tcp, long failed, long nanos) {
        long total() {
            return udp + tcp;
        }

        double rate() {
            return total() * 1e9 / nanos;
        }
    }

    /**
     * Runs every conntrack row. cmgrd must not follow the bench namespace when called;
     * {@code follow} makes it follow (the bench vrf is {@link #vrf}), and it stays followed.
     */
    void run(SyncBench.Action follow) throws Exception {
        try (Netns client = Netns.create(bench.name + "c")) {
            layout(client);
            setTimeouts(600);
            // (a) the kernel alone: no listener, cmgrd not following
            Flows alone = flows(client);
            long made = conntrackCount();
            bench.ctFlush();
            log("conntrack, kernel alone: " + fmt(alone.udp()) + " UDP + " + fmt(alone.tcp()) + " TCP flows in "
                    + secs(alone.nanos()) + " (" + fmt(Math.round(alone.rate())) + "/s), " + fmt(made)
                    + " in the table, " + alone.failed() + " failed");

            follow.run();
            awaitChannel();
            settle(2);
            warmUp(client);
            try (CListener listener = new CListener(countBinary, bench.name, null)) {
                burst(client, alone, listener);
                flush(listener);
                setTimeouts(SHORT_TIMEOUT);
                expiry(client, listener);
            }
            double ratio = cpuC > 0 ? cpuCmgr / cpuC : Double.POSITIVE_INFINITY;
            report.judged(section, "cmgrd CPU per event / the C conntrack listener's", ratio, "×", "≤ 2", ratio <= 2,
                    String.format(Locale.ROOT, "over the three phases above: cmgrd %.3f s, C listener (ct-count: the "
                            + "same groups, 64 MB buffer, receive and count only) %.3f s per 100,000 events; %s "
                            + "events (conntrack messages the C listener received); cmgrd's CPU is the sum over its "
                            + "threads of /proc/<pid>/task/<tid>/schedstat less what it used idle in as long "
                            + "(measured over %d s just before each phase; %.3f s in all, of %.3f s), by thread: %s; "
                            + "the conntrack reader (`%s`) %.0f %% in the kernel (system time: receive, FPC socket "
                            + "writes, poll), %s; before the phases, a warm-up: %s",
                            cpuCmgr / events * 100_000, cpuC / events * 100_000, fmt(events), IDLE_SECONDS,
                            cpuCmgrRaw - cpuCmgr, cpuCmgrRaw, groups(cpuByGroup, cpuCmgr), READER,
                            100.0 * readerSystem / Math.max(1, readerUser + readerSystem), syscallsPerEvent(),
                            warmUpCpu));
        }
    }

    /** The reader threads' system calls per event over the phases (perf stat -t), or why they are missing. */
    private String syscallsPerEvent() {
        if (syscallsMissing != null || readerSyscalls.isEmpty() || events == 0) {
            return "its system calls not counted (" + (syscallsMissing != null ? syscallsMissing : "no event") + ")";
        }
        StringBuilder b = new StringBuilder("its system calls per event (perf stat -t on the `" + READER + "` threads): ");
        readerSyscalls.forEach((call, n) -> b.append(call.equals("total") ? "" : ", ").append(call).append(' ')
                .append(String.format(Locale.ROOT, "%.3f", (double) n / events)));
        return b.toString();
    }

    /** A veth pair to a client namespace, and the bench namespace tracking what arrives (an nft ct rule). */
    private void layout(Netns client) throws Exception {
        bench.ip("link", "add", "c0", "type", "veth", "peer", "name", "c1", "netns", client.name);
        bench.ip("addr", "add", SERVER + "/24", "dev", "c0");
        client.ip("addr", "add", CLIENT + "/24", "dev", "c1");
        bench.ip("link", "set", "c0", "up");
        client.ip("link", "set", "c1", "up");
        // permanent neighbours: the load changes no neighbour of the followed namespace
        String c0 = bench.ip("-br", "link", "show", "c0").trim().split("\\s+")[2];
        String c1 = client.ip("-br", "link", "show", "c1").trim().split("\\s+")[2];
        bench.ip("neigh", "replace", CLIENT, "lladdr", c1, "dev", "c0", "nud", "permanent");
        client.ip("neigh", "replace", SERVER, "lladdr", c0, "dev", "c1", "nud", "permanent");
        // every port for the TCP clients: fewer reused tuples (a reused one in TIME_WAIT is a new flow)
        client.setSysctl("net.ipv4.ip_local_port_range", "1024 65535");
        bench.nft("table inet track {\n chain pre {\n  type filter hook prerouting priority 0;\n"
                + "  ct state new counter\n }\n}\n");
        // every flow notifies its end: no periodic refresh (docs/conntrack-sync.md) that would hide a loss
        bench.setSysctl("net.netfilter.nf_conntrack_events", "1");
    }

    /** Seconds of idle CPU measured before each phase, whose rate is subtracted over the phase. */
    private static final int IDLE_SECONDS = 3;

    /** The thread groups that took 1 % or more of {@code total}, largest first, with their share. */
    private static String groups(Map<String, Double> byGroup, double total) {
        StringBuilder b = new StringBuilder();
        byGroup.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .filter(e -> total > 0 && e.getValue() >= total / 100).forEach(e -> b.append(b.length() == 0 ? "" : ", ")
                        .append('`').append(e.getKey()).append("` ").append(String.format(Locale.ROOT, "%.2f s (%.0f %%)",
                                e.getValue(), 100 * e.getValue() / total)));
        return b.length() == 0 ? "none" : b.toString();
    }

    private void setTimeouts(int seconds) throws Exception {
        for (String t : TIMEOUTS) {
            bench.setSysctl("net.netfilter.nf_conntrack_" + t, Integer.toString(seconds));
        }
    }

    /**
     * The warm-up's rounds, each a share of the burst's flows made and flushed before the measured
     * phases (not measured): all of them, then a fifth.
     */
    private static final int[] WARM_UP_DIVISORS = {1, 5};
    /** cmgrd's CPU over the warm-up, by thread group (seconds, idle included): reported, not counted. */
    private String warmUpCpu = "";

    /**
     * Bursts, each then flushed, before anything is measured: the JIT compiles the conntrack path
     * (decoder, flow table, CT frames) in them, and the store's table and arena grow to the flows
     * held, as in a cmgrd that has run for a while (neither shrinks after a flush). Measured without
     * it, the first burst's row counted about a second of compilation (C1/C2 compiler threads, a
     * third of cmgrd's CPU over the three phases; docs/conntrack-sync.md). One burst of a fifth of
     * the flows was not enough: over in about 0.3 s, before the tiered JIT had moved the event path's
     * callees (the store's add, the tuples' writers) past C1, whose C2 compilations then fell in the
     * measured burst (0.3 to 0.5 s of C2, JFR's jdk.Compilation events), as did the table's and the
     * arena's growth to 141,000 flows (28 and 29 MB of new arrays, large enough to start G1's
     * concurrent cycles: 0.2 to 0.3 s of `G1 Conc` threads). The full burst then a fifth: the second
     * runs what the first compiled.
     */
    private void warmUp(Netns client) throws Exception {
        Map<Long, Sh.ThreadCpu> t0 = Sh.threadCpu(karaf.pid());
        long made = 0;
        for (int divisor : WARM_UP_DIVISORS) {
            // less the flows the kernel holds already (as burst and flush): the FPM has them, and the flush takes them
            long base = fpm.count("conntrack") - conntrackCount();
            made += flows(client, udp / divisor, tcp / divisor).total();
            if (fpm.awaitCount("conntrack", base + conntrackCount(), System.nanoTime() + 120_000_000_000L) < 0) {
                log("conntrack warm-up: the FPM did not reach the kernel's flow count in 120 s");
            }
            bench.ctFlush();
            if (fpm.awaitCount("conntrack", base, System.nanoTime() + 120_000_000_000L) < 0) {
                log("conntrack warm-up: the FPM did not empty in 120 s after the flush");
            }
            settle(2);
        }
        Map<String, Double> cpu = new java.util.TreeMap<>();
        Sh.cpuNanosByGroup(t0, Sh.threadCpu(karaf.pid())).forEach((g, n) -> cpu.put(g, n / 1e9));
        double total = cpu.values().stream().mapToDouble(Double::doubleValue).sum();
        warmUpCpu = String.format(Locale.ROOT, "the burst's flows made and flushed, then a fifth of them, not measured "
                + "(%s flows; cmgrd %.2f s of CPU: %s)", fmt(made), total, groups(cpu, total));
        log("conntrack warm-up: " + warmUpCpu);
    }

    private Flows flows(Netns client) throws Exception {
        return flows(client, udp, tcp);
    }

    private Flows flows(Netns client, int udpFlows, int tcpFlows) throws Exception {
        String out = Sh.run(flowsBinary.toString(), "/run/netns/" + client.name, "/run/netns/" + bench.name, SERVER,
                Integer.toString(udpFlows), Integer.toString(tcpFlows), Integer.toString(WORKERS));
        String[] w = out.trim().split(" ");
        return new Flows(Long.parseLong(w[1]), Long.parseLong(w[3]), Long.parseLong(w[5]), Long.parseLong(w[7]));
    }

    private long conntrackCount() throws Exception {
        return Long.parseLong(Sh.run("ip", "netns", "exec", bench.name, "conntrack", "-C").trim());
    }

    /** What one phase measured, between {@link #begin} and {@link #end}. */
    private final class Phase {
        final Map<String, Long> c0;
        final long swept0;
        final Map<String, long[]> channels0;
        final Map<Long, Sh.ThreadCpu> threads0;
        final long t0;
        /** cmgrd's idle CPU per second by thread group, measured just before the phase. */
        final Map<String, Double> idlePerSecond = new java.util.TreeMap<>();
        final double cpuC0;
        final ConntrackEvents tool;
        final CListener listener;
        final SyscallCount syscalls;
        Map<String, Long> c1;
        ConntrackEvents.Counts toolCounts;
        long enobufs;
        long resyncs;
        long refreshes;
        long inserted;
        long deleted;
        long swept;
        double cpuK;
        String toolLine;

        Phase(CListener listener, String name) throws Exception {
            this.listener = listener;
            fpm.countFlows(vrf);
            tool = ConntrackEvents.start(bench.name, work.resolve("conntrack-E-" + name));
            c0 = listener.fields();
            channels0 = channels();
            swept0 = fpm.swept();
            Map<Long, Sh.ThreadCpu> idle0 = Sh.threadCpu(karaf.pid());
            long i0 = System.nanoTime();
            Thread.sleep(IDLE_SECONDS * 1000L);
            threads0 = Sh.threadCpu(karaf.pid());
            t0 = System.nanoTime();
            double idleSeconds = (t0 - i0) / 1e9;
            Sh.cpuNanosByGroup(idle0, threads0).forEach((g, n) -> idlePerSecond.put(g, n / 1e9 / idleSeconds));
            cpuC0 = listener.cpuSeconds();
            List<Long> readers = threads0.entrySet().stream()
                    .filter(e -> Sh.threadGroup(e.getValue().name()).equals(READER)).map(Map.Entry::getKey).toList();
            syscalls = SyscallCount.start(readers, work.resolve("syscalls-" + name + ".csv"));
            if (syscalls == null) {
                syscallsMissing = "perf stat could not count the threads " + readers;
            }
        }

        void end() throws Exception {
            settle(1);
            Map<String, Long> calls = syscalls == null ? Map.of() : syscalls.stop();
            Map<Long, Sh.ThreadCpu> threads1 = Sh.threadCpu(karaf.pid());
            double seconds = (System.nanoTime() - t0) / 1e9;
            Map<String, Double> net = new java.util.TreeMap<>();
            double raw = 0;
            for (Map.Entry<String, Long> e : Sh.cpuNanosByGroup(threads0, threads1).entrySet()) {
                double s = e.getValue() / 1e9;
                raw += s;
                net.put(e.getKey(), s - idlePerSecond.getOrDefault(e.getKey(), 0.0) * seconds);
            }
            cpuK = net.values().stream().mapToDouble(Double::doubleValue).sum();
            cpuCmgrRaw += raw;
            net.forEach((g, s) -> cpuByGroup.merge(g, s, Double::sum));
            long[] reader = Sh.userSystemTicks(threads0, threads1, READER);
            readerUser += reader[0];
            readerSystem += reader[1];
            log(String.format(Locale.ROOT, "  cmgrd CPU %.2f s over %.1f s, idle in as long %.2f s; by thread: %s", raw,
                    seconds, raw - cpuK, groups(net, cpuK)) + "; the conntrack reader's user/system ticks "
                    + reader[0] + "/" + reader[1]);
            double c = listener.cpuSeconds() - cpuC0;
            c1 = listener.fields();
            Map<String, long[]> channels1 = channels();
            channels1.forEach((n, v) -> {
                long[] before = channels0.getOrDefault(n, new long[4]);
                enobufs += v[0] - before[0];
                resyncs += v[1] - before[1];
                refreshes += v[2] - before[2];
                log("  " + n + ": ENOBUFS " + (v[0] - before[0]) + ", resyncs " + (v[1] - before[1])
                        + ", receive buffer " + before[3] + " -> " + v[3] + " bytes");
            });
            swept = fpm.swept() - swept0;
            long[] f = fpm.flowCounts();
            inserted = f[0];
            deleted = f[1];
            cpuCmgr += cpuK;
            cpuC += c;
            events += delta("messages");
            if (syscalls != null && calls.isEmpty()) {
                syscallsMissing = "perf stat gave no count";
            }
            calls.forEach((call, n) -> readerSyscalls.merge(call, n, Long::sum));
            log("  the reader threads' system calls: " + calls + " for " + delta("messages") + " conntrack messages");
            ConntrackEvents.Counts seen = tool.stop();
            toolLine = "`conntrack -E` (its default buffer) beside it showed " + fmt(seen.created()) + " NEW, "
                    + fmt(seen.updated()) + " UPDATE, " + fmt(seen.destroyed()) + " DESTROY events and warned of "
                    + seen.enobufs() + " ENOBUFS";
            toolCounts = seen;
            log(String.format(Locale.ROOT, "conntrack: kernel NEW %d UPDATE %d DESTROY %d (C listener, ENOBUFS %d); "
                    + "FPM inserted %d deleted %d swept %d; cmgrd ENOBUFS %d resyncs %d, CPU %.2f s, C %.2f s; %s",
                    delta("new"), delta("update"), delta("destroy"), delta("enobufs"), inserted, deleted, swept, enobufs,
                    resyncs, cpuK, c, toolLine));
        }

        long delta(String field) {
            return c1.get(field) - c0.get(field);
        }

        String kernelLine() {
            return "the kernel's events (the C listener's counts; it lost " + (delta("enobufs") == 0 ? "none"
                    : delta("enobufs") + " datagrams to ENOBUFS") + "): " + fmt(delta("new")) + " NEW, "
                    + fmt(delta("update")) + " UPDATE, " + fmt(delta("destroy")) + " DESTROY; ENOBUFS on cmgrd's "
                    + "conntrack socket of the vrf " + enobufs + ", resyncs " + resyncs + " (of which refreshes: "
                    + refreshes + ")" + (swept > 0 ? "; the replays' sweeps deleted " + fmt(swept) + " objects "
                    + "(flows whose DESTROY an overflow lost: the FPM ends right, the event itself was lost)" : "");
        }
    }

    /** New flows as fast as the kernel makes them, long timeouts: every NEW event must reach the FPM. */
    private void burst(Netns client, Flows alone, CListener listener) throws Exception {
        // less the flows the kernel holds already (an ICMPv6 flow of the namespace's own): the FPM has them in base
        long base = fpm.count("conntrack") - conntrackCount();
        Phase p = new Phase(listener, "burst");
        long t0 = System.nanoTime();
        Flows f = flows(client);
        long inKernel = conntrackCount();
        long tF = fpm.awaitCount("conntrack", base + inKernel, t0 + f.nanos() + 120_000_000_000L);
        p.end();
        report.kernel(section, "flows created: the kernel's own rate (cmgrd not following, no listener)", alone.rate(),
                "/s", String.format(Locale.ROOT, "`ct-flows`, %d processes in the client namespace: %s UDP flows "
                        + "(one datagram each) and %s TCP connections (handshake, a byte, FIN both ways) in %s; while "
                        + "cmgrd follows (and the C listener and `conntrack -E` listen): %s/s", WORKERS,
                        fmt(alone.udp()), fmt(alone.tcp()), secs(alone.nanos()), fmt(Math.round(f.rate()))));
        String name = "burst of new flows";
        syncedRow(name + ": NEW events synced (flows the FPM inserted / the kernel's NEW events)", p.inserted,
                p.delta("new"), p);
        destroyedRow(name, p);
        lostRows(name, p, tF >= 0);
        if (tF >= 0) {
            report.info(section, name + ": end-to-end time / the kernel's own time", (tF - t0) / (double) alone.nanos(),
                    "×", "first flow to the FPM holding as many flows as `conntrack -C` (" + fmt(inKernel) + "): "
                            + secs(tF - t0) + "; the kernel's own time for the same flows " + secs(alone.nanos())
                            + "; cmgrd CPU meanwhile (less its idle CPU) " + String.format(Locale.ROOT, "%.2f s", p.cpuK));
        }
        toolRow(name, p, p.delta("new") - p.toolCounts.created(), "NEW");
        contentsRow();
    }

    /** {@code conntrack -F}: every flow of the burst destroyed at once, the kernel's full destroy rate. */
    private void flush(CListener listener) throws Exception {
        long base = fpm.count("conntrack") - conntrackCount();
        Phase p = new Phase(listener, "flush");
        long t0 = System.nanoTime();
        bench.ctFlush();
        long tK = System.nanoTime();
        long tF = fpm.awaitCount("conntrack", base, tK + 120_000_000_000L);
        p.end();
        String name = "`conntrack -F` of the burst's flows";
        syncedRow(name + ": DESTROY events synced (flows the FPM deleted / the kernel's DESTROY events)", p.deleted,
                p.delta("destroy"), p);
        lostRows(name, p, tF >= 0);
        if (tF >= 0) {
            report.info(section, name + ": end-to-end time", (tF - t0) / 1e6, "ms", "from the start of `conntrack -F` "
                    + "(" + secs(tK - t0) + " until it returned) to the FPM's last CT_DEL");
        }
        toolRow(name, p, p.delta("destroy") - p.toolCounts.destroyed(), "DESTROY");
    }

    /**
     * Flows with short timeouts: created at full rate, then destroyed as they expire, reaped by a
     * dump every 0.5 s in the client namespace ({@link #reapExpired}) rather than by the kernel's
     * garbage collector, which may come a minute later: the DESTROY events are the same.
     */
    private void expiry(Netns client, CListener listener) throws Exception {
        long base = fpm.count("conntrack");
        Phase p = new Phase(listener, "expiry");
        long t0 = System.nanoTime();
        Flows f = flows(client);
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (conntrackCount() > 0 && System.nanoTime() < deadline) {
            reapExpired(client);
            Thread.sleep(500);
        }
        long tF = fpm.awaitCount("conntrack", base, System.nanoTime() + 60_000_000_000L);
        p.end();
        String name = "flows expiring (timeouts " + SHORT_TIMEOUT + " s)";
        syncedRow(name + ": NEW events synced", p.inserted, p.delta("new"), p);
        syncedRow(name + ": DESTROY events synced", p.deleted, p.delta("destroy"), p);
        lostRows(name, p, tF >= 0);
        log("expiry: " + fmt(f.total()) + " flows made in " + secs(f.nanos()) + ", all gone from the kernel and the "
                + "FPM " + secs(System.nanoTime() - t0) + " after the first");
        toolRow(name, p, p.delta("destroy") - p.toolCounts.destroyed(), "DESTROY");
    }

    /**
     * A conntrack dump in the client namespace, which tracks nothing: the kernel's dump walks every
     * namespace's flows and deletes the expired ones it meets, each with its DESTROY event
     * ({@code ctnetlink_dump_table}), as its own garbage collector does when it comes by, up to a
     * minute later. So the expiry phase ends within a second of its flows' expiry, whoever else
     * dumps: before, cmgrd's refresh of the idle vrf every 30 s did it, from cmgrd's thread, and the
     * phase lasted 10 to 60 s, the idle CPU subtracted over it growing with it.
     */
    private void reapExpired(Netns client) throws Exception {
        Sh.run("ip", "netns", "exec", client.name, "conntrack", "-L");
    }

    private void syncedRow(String name, long fpmCount, long kernelCount, Phase p) {
        double share = kernelCount == 0 ? Double.NaN : 100.0 * fpmCount / kernelCount;
        report.judged(section, name, share, "%", "100 % (0 lost)", fpmCount == kernelCount && kernelCount > 0
                && p.delta("enobufs") == 0, "FPM " + fmt(fpmCount) + " of " + fmt(kernelCount) + "; "
                + p.kernelLine());
    }

    /** The destroys of the burst itself (a reused TCP tuple in TIME_WAIT is destroyed and made again). */
    private void destroyedRow(String name, Phase p) {
        if (p.delta("destroy") > 0) {
            syncedRow(name + ": DESTROY events synced (TCP tuples reused)", p.deleted, p.delta("destroy"), p);
        }
    }

    private void lostRows(String name, Phase p, boolean complete) {
        report.judged(section, name + ": events lost (ENOBUFS on cmgrd's conntrack socket of the vrf)", p.enobufs, "",
                "0, FPM complete", p.enobufs == 0 && complete, "resyncs " + p.resyncs + " (refreshes " + p.refreshes
                        + ")" + (complete ? ""
                        : "; the FPM did not reach the kernel's count in time"));
    }

    private void toolRow(String name, Phase p, long lost, String kind) {
        report.info(section, name + ": " + kind + " events `conntrack -E` lost (its default buffer)", lost, "",
                p.toolLine + ", against the kernel's " + fmt(p.delta(kind.toLowerCase(Locale.ROOT))));
    }

    /** The FPM's flows of the vrf against {@code conntrack -L -o extended,id}, timeouts aside. */
    private void contentsRow() throws Exception {
        List<String> kernel = ConntrackComparison.kernel(Sh.run("ip", "netns", "exec", bench.name, "conntrack", "-L",
                "-o", "extended,id"));
        List<String> fp = ConntrackComparison.fpm(KernelL3Comparison.vrf(JSON.readTree(fpm.dumpJson()), vrf));
        boolean equal = kernel.equals(fp);
        List<String> missing = new ArrayList<>(kernel);
        missing.removeAll(new java.util.HashSet<>(fp));
        List<String> extra = new ArrayList<>(fp);
        extra.removeAll(new java.util.HashSet<>(kernel));
        String differences = "not in the FPM: " + missing.subList(0, Math.min(3, missing.size())) + "; in the FPM "
                + "only: " + extra.subList(0, Math.min(3, extra.size()));
        report.judged(section, "after the burst: the FPM's flows = `conntrack -L -o extended,id`", fp.size(), "flows",
                "equal", equal, equal ? "every flow, tuples, TCP state, status, mark, zone and id (timeouts aside)"
                        : "the kernel has " + fmt(kernel.size()) + "; " + fmt(missing.size()) + " not in the FPM, "
                        + fmt(extra.size()) + " in the FPM only (first ones: " + differences + ")");
        log("conntrack contents after the burst: FPM " + fp.size() + ", kernel " + kernel.size()
                + (equal ? ", equal" : ", DIFFER: " + differences));
    }

    /** {ENOBUFS, resyncs, refreshes, receive buffer} of cmgrd's conntrack sockets of the vrf, by name. */
    private Map<String, long[]> channels() throws Exception {
        Map<String, long[]> m = new java.util.TreeMap<>();
        for (com.fasterxml.jackson.databind.JsonNode c : JSON.readTree(karaf.console("show netlink --json"))
                .path("channels")) {
            if (c.path("vrfid").asInt(-1) == vrf && c.path("name").asText().contains("-conntrack-listen-")) {
                m.put(c.path("name").asText(), new long[] {c.path("enobufs").asLong(), c.path("resyncs").asLong(),
                    c.path("refreshes").asLong(), c.path("receive_buffer_bytes").asLong()});
            }
        }
        return m;
    }

    /** Waits until cmgrd has the vrf's conntrack channel (the follow reached the conntrack sync). */
    private void awaitChannel() throws Exception {
        String channel = "netlink-netfilter-conntrack-listen-" + vrf;
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!karaf.console("show netlink --json").contains("\"" + channel + "\"")) {
            if (System.nanoTime() > deadline) {
                throw new IOException("no " + channel + " within 60 s");
            }
            Thread.sleep(100);
        }
    }

    private void settle(int quietSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline && System.nanoTime() - fpm.lastApplied() < quietSeconds * 1_000_000_000L) {
            Thread.sleep(50);
        }
    }
}
