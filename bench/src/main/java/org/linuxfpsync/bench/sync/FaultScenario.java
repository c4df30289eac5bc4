package org.linuxfpsync.bench.sync;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
                new NetnsRecreate(), new SilentDeletions(), new Nexthops(), new Soak());
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

    /**
     * Nexthop objects under a flood of routes through them, and the changes the kernel applies to
     * those routes without a notification per route: a nexthop deleted (its routes go silently,
     * only its groups are notified), links of nexthops set down (the nexthops, the groups left
     * empty and the IPv4 routes go silently), groups replaced and deleted.
     */
    static final class Nexthops extends FaultScenario {
        /** Links nh0..nh7 (veth peers np0..np7) carrying the nexthops: 100.k.0.1/16 and fd00:k+1::1/64. */
        private static final int LINKS = 8;
        private static final int FIRST_GROUP = 10_001;

        @Override
        String name() {
            return "nexthops";
        }

        @Override
        String what() {
            return "200-400 nexthop objects (IPv4, IPv6, blackholes) on 8 links and 40-80 groups (weighted, two "
                    + "resilient), nexthop_compat_mode 0 or 1; a flood of IPv4 and IPv6 routes by nhid (a fifth "
                    + "through one nexthop); mid-flood, in seeded order: that nexthop deleted (and maybe made again), "
                    + "1-3 of the links set down (maybe up again), 1-5 groups' members replaced, 1-3 groups deleted";
        }

        @Override
        void configure(FaultBench.Ctx c) throws Exception {
            // compat mode 1 re-notifies every route through a changed nexthop, 0 notifies nothing: both matter
            String compat = c.rnd.nextBoolean() ? "1" : "0";
            c.flooded.setSysctl("net.ipv4.nexthop_compat_mode", compat);
            c.notes.add("nexthop_compat_mode " + compat);
        }

        @Override
        void run(FaultBench.Ctx c) throws Exception {
            FaultBench.Sizes s = c.bench.sizes();
            List<String> setup = new ArrayList<>();
            for (int k = 0; k < LINKS; k++) {
                setup.addAll(List.of("link add nh" + k + " type veth peer name np" + k, "link set nh" + k + " up",
                        "link set np" + k + " up", "addr add 100." + k + ".0.1/16 dev nh" + k,
                        "addr add fd00:" + (k + 1) + "::1/64 dev nh" + k + " nodad"));
            }
            int singles = 200 + c.rnd.nextInt(201);
            List<Integer> v4 = new ArrayList<>();
            List<Integer> v6 = new ArrayList<>();
            int[] linkOf = new int[singles + 1];
            for (int id = 1; id <= singles; id++) {
                int k = c.rnd.nextInt(LINKS);
                linkOf[id] = k;
                if (id % 4 == 0) {
                    setup.add("nexthop add id " + id + " via fd00:" + (k + 1) + "::" + Integer.toHexString(1 + id)
                            + " dev nh" + k);
                    v6.add(id);
                } else {
                    setup.add("nexthop add id " + id + " via 100." + k + "." + (1 + (id >>> 8)) + "." + (id & 0xff)
                            + " dev nh" + k); // never 100.k.0.1, the link's own address
                    v4.add(id);
                }
            }
            // blackholes: one per family (ip's nexthop family is the route's), not in groups (the kernel refuses)
            int blackhole4 = singles + 1;
            int blackhole6 = singles + 2;
            setup.add("nexthop add id " + blackhole4 + " blackhole");
            int groups = 40 + c.rnd.nextInt(41);
            List<Integer> groups4 = new ArrayList<>();
            List<Integer> groups6 = new ArrayList<>();
            for (int g = FIRST_GROUP; g < FIRST_GROUP + groups; g++) {
                boolean ipv6 = c.rnd.nextInt(4) == 0;
                String resilient = g < FIRST_GROUP + 2 ? " type resilient buckets 64" : "";
                setup.add("nexthop add id " + g + " group " + members(c, ipv6 ? v6 : v4, List.of()) + resilient);
                (ipv6 ? groups6 : groups4).add(g);
            }
            c.flooded.batch(Flood.write(c.work.resolve("nexthops"), setup));
            // ip's nexthop family is that of its command: ip -batch takes no -6 per line
            c.flooded.ip("-6", "nexthop", "add", "id", String.valueOf(blackhole6), "blackhole");
            int hot = v4.get(c.rnd.nextInt(v4.size()));
            c.notes.add(singles + " nexthops, " + groups + " groups, nexthop " + hot + " under a fifth of the IPv4 routes");

            List<List<String>> chunks = new ArrayList<>();
            int routes4 = s.routes4();
            int routes6 = s.routes6();
            List<String> chunk = new ArrayList<>();
            for (int i = 0; i < routes4; i++) {
                int pick = c.rnd.nextInt(100);
                int nhid = pick < 20 ? hot : pick < 60 ? any(c, v4) : pick < 98 ? any(c, groups4) : blackhole4;
                chunk.add("route add " + Netns.v4(30, i) + "/32 nhid " + nhid);
                if (chunk.size() == 1000) {
                    chunks.add(chunk);
                    chunk = new ArrayList<>();
                }
            }
            for (int i = 0; i < routes6; i++) {
                int pick = c.rnd.nextInt(100);
                int nhid = pick < 50 ? any(c, v6) : pick < 98 ? any(c, groups6.isEmpty() ? v6 : groups6) : blackhole6;
                chunk.add("route add 2001:dbb:" + Integer.toHexString(1 + (i >>> 16)) + ":"
                        + Integer.toHexString(i & 0xffff) + "::/64 nhid " + nhid);
                if (chunk.size() == 1000) {
                    chunks.add(chunk);
                    chunk = new ArrayList<>();
                }
            }
            chunks.add(chunk);
            Collections.shuffle(chunks, new Random(c.rnd.nextLong()));
            List<String> lines = new ArrayList<>();
            chunks.forEach(lines::addAll);
            Flood flood = Flood.start(c.flooded, Flood.write(c.work.resolve("flood"), lines), c.work.resolve("flood.log"));

            // the faults, in seeded order, each after a seeded pause
            List<Integer> downLinks = new ArrayList<>();
            int downs = 1 + c.rnd.nextInt(3);
            while (downLinks.size() < downs) {
                int k = c.rnd.nextInt(LINKS);
                // not the link of the hot nexthop: its deletion is a fault of its own
                if (!downLinks.contains(k) && k != linkOf[hot]) {
                    downLinks.add(k);
                }
            }
            List<Integer> alive4 = new ArrayList<>();
            for (int id : v4) {
                if (id != hot && !downLinks.contains(linkOf[id])) {
                    alive4.add(id);
                }
            }
            List<Integer> alive6 = new ArrayList<>();
            for (int id : v6) {
                if (!downLinks.contains(linkOf[id])) {
                    alive6.add(id);
                }
            }
            List<String> faults = new ArrayList<>();
            faults.add("nexthop del id " + hot);
            for (int k : downLinks) {
                faults.add("link set nh" + k + " down");
            }
            List<Integer> allGroups = new ArrayList<>(groups4);
            allGroups.addAll(groups6);
            Collections.shuffle(allGroups, new Random(c.rnd.nextLong()));
            int replaced = 1 + c.rnd.nextInt(5);
            int deleted = 1 + c.rnd.nextInt(3);
            for (int g : allGroups.subList(0, replaced)) {
                boolean ipv6 = groups6.contains(g);
                List<Integer> alive = ipv6 ? alive6 : alive4;
                if (!alive.isEmpty()) {
                    faults.add("nexthop replace id " + g + " group " + members(c, alive, List.of())
                            + (g < FIRST_GROUP + 2 ? " type resilient buckets 64" : ""));
                }
            }
            for (int g : allGroups.subList(replaced, replaced + deleted)) {
                faults.add("nexthop del id " + g);
            }
            Collections.shuffle(faults, new Random(c.rnd.nextLong()));
            // afterwards, maybe: the deleted nexthop made again through another gateway (the same ID
            // back, routes of the rest of the flood through it), links up again (their nexthops stay gone)
            if (c.rnd.nextBoolean()) {
                int k = alive4.isEmpty() ? 0 : linkOf[alive4.get(0)];
                faults.add("nexthop add id " + hot + " via 100." + k + ".200.1 dev nh" + k);
            }
            for (int k : downLinks) {
                if (c.rnd.nextBoolean()) {
                    faults.add("link set nh" + k + " up");
                }
            }
            // 0-2 s apart (0-200 ms in smoke mode): most of them land while the flood runs
            int maxPause = Math.max(100, s.routes4() / 100);
            List<String> done = new ArrayList<>();
            for (String fault : faults) {
                long pause = c.rnd.nextInt(maxPause);
                Thread.sleep(pause);
                String outcome = "";
                try {
                    c.flooded.ip(fault.split(" "));
                } catch (IOException e) {
                    // a group whose members all went with their links is gone: its replacement is refused
                    outcome = " (refused: " + e.getMessage().replaceAll(".*: ", "") + ")";
                }
                done.add("+" + pause + " ms " + fault + (flood.running() ? "" : " (after the flood)") + outcome);
            }
            c.notes.add("faults: " + String.join(", ", done));
            flood.await(3600);
        }

        /** 2-8 distinct members of {@code from}, weights 1-10: "id,weight/id,weight". */
        private static String members(FaultBench.Ctx c, List<Integer> from, List<Integer> exclude) {
            List<Integer> pool = new ArrayList<>(from);
            pool.removeAll(exclude);
            Collections.shuffle(pool, new Random(c.rnd.nextLong()));
            int n = Math.min(pool.size(), 2 + c.rnd.nextInt(7));
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < n; i++) {
                b.append(i == 0 ? "" : "/").append(pool.get(i)).append(',').append(1 + c.rnd.nextInt(10));
            }
            return b.toString();
        }

        private static int any(FaultBench.Ctx c, List<Integer> from) {
            return from.get(c.rnd.nextInt(from.size()));
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
            Process ip = ipBatch(c);
            List<double[]> samples = new ArrayList<>(); // minutes, heap MiB, CPU us per change
            long[] next = new long[3];
            long written = 0;
            long writtenAtSample = 0;
            long pid = c.karaf.pid();
            double cpuAtSample = Sh.cpuSeconds(pid);
            long start = System.nanoTime();
            long nextSample = start + sampleEvery;
            BufferedWriter w = writer(ip);
            long writtenToThisIp = 0;
            try {
                while (System.nanoTime() - start < durationNanos) {
                    long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
                    while (written < due) {
                        int kind = c.rnd.nextInt(10) < 6 ? 0 : c.rnd.nextBoolean() ? 1 : 2;
                        int lines = change(w, kind, next[kind]++);
                        written += lines;
                        writtenToThisIp += lines;
                    }
                    w.flush();
                    if (writtenToThisIp >= LINES_PER_IP) {
                        // iproute2's ip -batch keeps ~4 KB per command it ran (6.1: 19 GB after 4.5 million
                        // lines, then the OOM killer): a new ip for each million lines
                        w.close();
                        ip.waitFor();
                        ip = ipBatch(c);
                        w = writer(ip);
                        writtenToThisIp = 0;
                    }
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
            } finally {
                w.close();
            }
            ip.waitFor();
            double slope = slope(samples);
            c.notes.add(String.format("%,d changes in %d min (%,d/s asked); heap after GC slope %.2f MiB/min", written,
                    c.bench.soakMinutes(), rate, slope));
            Map<String, Object> soak = new LinkedHashMap<>();
            soak.put("run", c.run);
            soak.put("seed", c.seed);
            soak.put("samples", samples);
            soak.put("changes", written);
            soak.put("slope_mib_per_min", slope);
            c.bench.soaks.add(soak);
        }

        /** Lines one {@code ip -batch} process is given before a new one takes over (see the run's loop). */
        private static final long LINES_PER_IP = 1_000_000;

        private static Process ipBatch(FaultBench.Ctx c) throws java.io.IOException {
            return new ProcessBuilder("ip", "-n", c.flooded.name, "-force", "-batch", "-")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.appendTo(c.work.resolve("soak.log").toFile())).start();
        }

        private static BufferedWriter writer(Process ip) {
            return new BufferedWriter(new OutputStreamWriter(ip.getOutputStream(), StandardCharsets.US_ASCII));
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
