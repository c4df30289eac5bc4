package org.linuxfpsync.bench.sync;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One fault scenario of {@code bench/faults}: what it does to the namespaces, the FPM or Karaf
 * while they are synced; {@link FaultBench} then compares the FPM with the kernel.
 */
abstract class FaultScenario {
    /** Scenarios of the issue this suite does not run yet, and why; printed in docs/reliability.md. */
    static final List<String> LEFT_OUT = List.of();

    abstract String name();

    /** One sentence for the report. */
    abstract String what();

    /** Configuration before Karaf starts (etc/ of its copy). */
    void configure(FaultBench.Ctx c) throws Exception {
    }

    abstract void run(FaultBench.Ctx c) throws Exception;

    static List<FaultScenario> all() {
        return List.of(new Enobufs(), new FpmKill(), new FpmStop(), new KarafKill(), new Features(),
                new NetnsRecreate(), new SilentDeletions(), new Soak());
    }

    static String names() {
        return all().stream().map(FaultScenario::name).collect(Collectors.joining(", "));
    }

    /** Starts the seeded mixed flood in the flooded namespace. */
    static Flood mixedFlood(FaultBench.Ctx c) throws Exception {
        Path file = Flood.write(c.work.resolve("flood"), Flood.mixed(c.bench.sizes(), c.rnd));
        return Flood.start(c.flooded, file, c.work.resolve("flood.log"));
    }

    /** Sleeps until the seeded moment of the fault, and notes whether the flood was still running. */
    static void untilFault(FaultBench.Ctx c, Flood flood) throws InterruptedException {
        long delay = c.faultDelay(Math.max(1_000, c.bench.sizes().routes4() / 20));
        Thread.sleep(delay);
        c.notes.add("fault " + delay + " ms into the flood" + (flood.running() ? "" : " (the flood had ended)"));
    }

    static final class Enobufs extends FaultScenario {
        @Override
        String name() {
            return "enobufs";
        }

        @Override
        String what() {
            return "netlink receive buffer bounded to 64 KiB (cmgr.sh -l 64K: receiveBufferBytes and "
                    + "receiveBufferMaxBytes = 65536), mixed flood of routes, neighbours and links: overflow and "
                    + "resync again and again";
        }

        @Override
        void configure(FaultBench.Ctx c) throws Exception {
            c.karaf.setCfg("org.linuxfpsync.netlink.cfg", Map.of("receiveBufferBytes", "65536",
                    "receiveBufferMaxBytes", "65536"));
        }

        @Override
        void run(FaultBench.Ctx c) throws Exception {
            mixedFlood(c).await(3600);
        }
    }

    static final class FpmKill extends FaultScenario {
        @Override
        String name() {
            return "fpm-kill";
        }

        @Override
        String what() {
            return "the standalone FPM killed (SIGKILL) mid-flood and started again after 0-2 s (empty: cmgrd must "
                    + "replay everything)";
        }

        @Override
        void run(FaultBench.Ctx c) throws Exception {
            Flood flood = mixedFlood(c);
            untilFault(c, flood);
            c.fpm.kill();
            Thread.sleep(c.rnd.nextInt(2_000));
            c.fpm.start();
            flood.await(3600);
        }
    }

    static final class FpmStop extends FaultScenario {
        @Override
        String name() {
            return "fpm-stop";
        }

        @Override
        String what() {
            return "the standalone FPM stopped (SIGSTOP) mid-flood for 2-6 s, then continued: the FPC queue fills "
                    + "and blocks";
        }

        @Override
        void run(FaultBench.Ctx c) throws Exception {
            Flood flood = mixedFlood(c);
            untilFault(c, flood);
            c.fpm.signal("STOP");
            long stopped = 2_000 + c.rnd.nextInt(4_000);
            Thread.sleep(stopped);
            c.fpm.signal("CONT");
            c.notes.add("FPM stopped " + stopped + " ms");
            flood.await(3600);
        }
    }

    static final class KarafKill extends FaultScenario {
        @Override
        String name() {
            return "karaf-kill";
        }

        @Override
        String what() {
            return "the Karaf JVM killed (SIGKILL) mid-flood and started again: the FPM keeps the dead session's "
                    + "objects, the new one must confirm or withdraw each";
        }

        @Override
        void run(FaultBench.Ctx c) throws Exception {
            Flood flood = mixedFlood(c);
            untilFault(c, flood);
            c.karaf.kill();
            Thread.sleep(c.rnd.nextInt(2_000));
            c.karaf.start("2g");
            c.karaf.awaitReady(300);
            flood.await(3600);
        }
    }

    static final class Features extends FaultScenario {
        @Override
        String name() {
            return "features";
        }

        @Override
        String what() {
            return "mid-flood, every implemented feature disabled then enabled again (cmgrd:sync disable/enable, "
                    + "0-300 ms apart), then the sync mask changed to a random subset and back, 6 times, 0-200 ms apart";
        }

        @Override
        void run(FaultBench.Ctx c) throws Exception {
            JsonNode features = c.syncFeatures();
            List<String> names = new ArrayList<>();
            List<Long> flags = new ArrayList<>();
            for (JsonNode f : features.path("features")) {
                if (f.path("implemented").asBoolean() && "enabled".equals(f.path("status").asText())) {
                    names.add(f.path("name").asText());
                    flags.add(Long.decode(f.path("flag").asText()));
                }
            }
            String mask = features.path("requested_mask").asText();
            long original = Long.decode(mask);
            Flood flood = mixedFlood(c);
            untilFault(c, flood);
            for (String name : names) {
                c.karaf.console("sync disable " + name);
                Thread.sleep(c.rnd.nextInt(300));
                c.karaf.console("sync enable " + name);
            }
            for (int i = 0; i < 6; i++) {
                long subset = original;
                for (long flag : flags) {
                    if (c.rnd.nextBoolean()) {
                        subset &= ~flag;
                    }
                }
                c.karaf.console(String.format("sync mask 0x%x", subset));
                Thread.sleep(c.rnd.nextInt(200));
                c.karaf.console("sync mask " + mask);
            }
            c.notes.add("features toggled: " + String.join(", ", names) + "; mask " + mask);
            flood.await(3600);
            c.karaf.awaitReady(120);
        }
    }

    static final class NetnsRecreate extends FaultScenario {
        @Override
        String name() {
            return "netns-recreate";
        }

        @Override
        String what() {
            return "the followed namespace of vrf 2, synced with routes, deleted (ip netns del), then after 0-3 s one "
                    + "of the same name made again with other routes";
        }

        @Override
        void run(FaultBench.Ctx c) throws Exception {
            FaultBench.Sizes s = c.bench.sizes();
            int n = s.routes4() / 4;
            c.flooded.batch(Flood.write(c.work.resolve("before"), routes(0, n)));
            KernelCheck.Result synced = c.check(10, 300);
            c.notes.add("synced before the deletion: " + (synced.differences().isEmpty() ? "yes" : "NO"));
            String name = c.flooded.name;
            c.flooded.close();
            long pause = c.rnd.nextInt(3_000);
            Thread.sleep(pause);
            c.flooded = Netns.create(name);
            FaultLayout.flooded(c.flooded);
            c.flooded.batch(Flood.write(c.work.resolve("after"), routes(n / 2, n)));
            c.notes.add("made again after " + pause + " ms");
        }

        private static List<String> routes(int from, int n) {
            List<String> lines = new ArrayList<>();
            for (int i = from; i < from + n; i++) {
                lines.add("route add " + Netns.v4(20, i) + "/32 via 10.0.0.2");
                if (i % 4 == 0) {
                    lines.add(Netns.routeV6("add", i));
                }
            }
            return lines;
        }
    }

    static final class SilentDeletions extends FaultScenario {
        @Override
        String name() {
            return "silent-deletions";
        }

        @Override
        String what() {
            return "issue #24's case: one batch of IPv4 routes via v0 and v2, IPv6 routes via both, and deletions of "
                    + "IPv4 ones; then v0 set down and up, the global addresses of v2 flushed, and a third link v4 "
                    + "carrying routes deleted: deletions the kernel does not announce";
        }

        @Override
        void run(FaultBench.Ctx c) throws Exception {
            FaultBench.Sizes s = c.bench.sizes();
            for (String line : List.of("link add v4 type veth peer name v5", "link set v4 up", "link set v5 up",
                    "addr add 12.0.0.1/8 dev v4")) {
                c.flooded.ip(line.split(" "));
            }
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < s.routes4(); i++) {
                lines.add("route add " + Netns.v4(20, i) + "/32 via " + (i % 2 == 0 ? "10.0.0.2" : "11.0.0.2"));
            }
            for (int i = 0; i < s.routes6(); i++) {
                String prefix = "2001:db8:" + Integer.toHexString(1 + (i >>> 16)) + ":" + Integer.toHexString(i & 0xffff);
                lines.add("route add " + prefix + "::/64 via " + (i % 2 == 0 ? "2001:db8::2 dev v0" : "2001:db9::2 dev v2"));
            }
            for (int i = 0; i < s.routes4() / 20; i++) {
                lines.add("route add " + Netns.v4(40, i) + "/32 via 12.0.0.2");
            }
            int first = c.rnd.nextInt(s.routes4() - s.deletes());
            for (int i = first; i < first + s.deletes(); i++) {
                lines.add("route del " + Netns.v4(20, i) + "/32");
            }
            c.flooded.batch(Flood.write(c.work.resolve("flood"), lines));
            long pause = c.rnd.nextInt(2_000);
            Thread.sleep(pause);
            c.flooded.ip("link", "set", "v0", "down");
            c.flooded.ip("link", "set", "v0", "up");
            c.flooded.ip("addr", "flush", "dev", "v2", "scope", "global");
            c.flooded.ip("link", "del", "v4");
            c.notes.add("v0 down/up, v2 flushed, v4 deleted " + pause + " ms after the batch");
        }
    }

    static final class Soak extends FaultScenario {
        /** Rolling windows: each kind adds its next object and deletes the one this many before. */
        private static final int ROUTES4 = 20_000;
        private static final int ROUTES6 = 5_000;
        private static final int NEIGHBOURS = 5_000;

        @Override
        String name() {
            return "soak";
        }

        @Override
        String what() {
            return "mixed changes (IPv4 and IPv6 routes, neighbours, each a rolling window: add the next, delete the "
                    + "oldest) at a steady rate through one ip -batch, heap after GC and cmgrd's CPU sampled "
                    + "10 times";
        }

        @Override
        void run(FaultBench.Ctx c) throws Exception {
            int rate = c.bench.sizes().soakRate();
            long durationNanos = c.bench.soakMinutes() * 60_000_000_000L;
            long sampleEvery = durationNanos / 10;
            Process ip = new ProcessBuilder("ip", "-n", c.flooded.name, "-force", "-batch", "-")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.appendTo(c.work.resolve("soak.log").toFile())).start();
            List<double[]> samples = new ArrayList<>(); // minutes, heap MiB, CPU us per change
            long[] next = new long[3];
            long written = 0;
            long writtenAtSample = 0;
            long pid = c.karaf.pid();
            double cpuAtSample = Sh.cpuSeconds(pid);
            long start = System.nanoTime();
            long nextSample = start + sampleEvery;
            try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(ip.getOutputStream(),
                    StandardCharsets.US_ASCII))) {
                while (System.nanoTime() - start < durationNanos) {
                    long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
                    while (written < due) {
                        int kind = c.rnd.nextInt(10) < 6 ? 0 : c.rnd.nextBoolean() ? 1 : 2;
                        written += change(w, kind, next[kind]++);
                    }
                    w.flush();
                    if (System.nanoTime() >= nextSample) {
                        double cpu = Sh.cpuSeconds(pid);
                        double usPerChange = (cpu - cpuAtSample) * 1e6 / Math.max(1, written - writtenAtSample);
                        long heap = Sh.heapUsedAfterGc(pid);
                        cpuAtSample = Sh.cpuSeconds(pid); // the GC of the sample is not the sync's
                        writtenAtSample = written;
                        double minutes = (System.nanoTime() - start) / 60e9;
                        samples.add(new double[] {minutes, heap / 1048576.0, usPerChange});
                        FaultBench.log(String.format("soak: %.1f min, %,d changes, heap after GC %.1f MiB, %.1f us CPU "
                                + "per change", minutes, written, heap / 1048576.0, usPerChange));
                        nextSample += sampleEvery;
                    }
                    Thread.sleep(5);
                }
            }
            ip.waitFor();
            double slope = slope(samples);
            c.notes.add(String.format("%,d changes in %d min (%,d/s asked); heap after GC slope %.2f MiB/min", written,
                    c.bench.soakMinutes(), rate, slope));
            c.bench.soak.put("samples", samples);
            c.bench.soak.put("changes", written);
            c.bench.soak.put("slope_mib_per_min", slope);
        }

        /** Writes one change (a deletion of the oldest first once the window is full); returns the lines written. */
        private static int change(BufferedWriter w, int kind, long i) throws java.io.IOException {
            int window = kind == 0 ? ROUTES4 : kind == 1 ? ROUTES6 : NEIGHBOURS;
            int lines = 0;
            if (i >= window) {
                w.write(line(kind, "del", (int) ((i - window) % (1 << 22))));
                w.write('\n');
                lines++;
            }
            w.write(line(kind, "add", (int) (i % (1 << 22))));
            w.write('\n');
            return lines + 1;
        }

        private static String line(int kind, String verb, int i) {
            return kind == 0 ? Netns.routeV4(verb, 20, i) : kind == 1 ? Netns.routeV6(verb, i) : Netns.neighbour(verb, i);
        }

        /** Least-squares slope of heap (MiB) over minutes. */
        static double slope(List<double[]> samples) {
            int n = samples.size();
            if (n < 2) {
                return Double.NaN;
            }
            double sx = 0;
            double sy = 0;
            double sxx = 0;
            double sxy = 0;
            for (double[] s : samples) {
                sx += s[0];
                sy += s[1];
                sxx += s[0] * s[0];
                sxy += s[0] * s[1];
            }
            return (n * sxy - sx * sy) / (n * sxx - sx * sx);
        }
    }
}
