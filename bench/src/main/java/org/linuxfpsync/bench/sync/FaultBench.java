package org.linuxfpsync.bench.sync;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The fault suite (issue #24), run by {@code bench/faults}: each scenario, N times, against the
 * built distribution in fresh namespaces, with the standalone reference FPM as a process of its
 * own; every run ends with {@link KernelCheck} (the FPM equal to the kernel, every vrf, nothing
 * left fp_stale). Writes docs/reliability.md ({@link ReliabilityReport}); exit 1 when a run found
 * a difference. bench/README.md describes the scenarios.
 */
public final class FaultBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Sizes of one mode. */
    record Sizes(String mode, int routes4, int routes6, int deletes, int neighbours, int linkPairs, int soakRate) {
        String describe() {
            return String.format("%,d IPv4 routes, %,d IPv6 routes, %,d route deletions, %,d neighbours, %,d veth pairs"
                    + " per flood; soak at %,d changes/s", routes4, routes6, deletes, neighbours, linkPairs, soakRate);
        }
    }

    static final Sizes FULL = new Sizes("full", 200_000, 50_000, 40_000, 50_000, 1_000, 5_000);
    static final Sizes SMOKE = new Sizes("smoke", 20_000, 5_000, 4_000, 5_000, 100, 5_000);

    /** One run's outcome. */
    record RunResult(String scenario, int run, long seed, long seconds, List<String> differences, List<String> notes,
                     String replay) {
    }

    private final Sizes sizes;
    private final Path dist;
    private final String command;
    private final int soakMinutes;
    private final String nsPrefix;
    private int namespaces;
    /** What each soak run measured (its samples, changes and heap slope), in the order of the runs. */
    final List<Map<String, Object>> soaks = new ArrayList<>();

    private FaultBench(Sizes sizes, Path dist, String command, int soakMinutes, String nsPrefix) {
        this.sizes = sizes;
        this.nsPrefix = nsPrefix;
        this.dist = dist;
        this.command = command;
        this.soakMinutes = soakMinutes;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opt.put(args[i], args[i + 1]);
        }
        if (!opt.containsKey("--dist") || !opt.containsKey("--out")) {
            System.err.println("usage: FaultBench --dist ASSEMBLY --out docs/reliability.md [--mode full|smoke] [--runs N]"
                    + " [--only SCENARIO] [--seed S] [--soak-minutes M] [--soak-runs K] [--commit C] [--command TEXT]");
            System.exit(2);
        }
        Sizes sizes = "smoke".equals(opt.get("--mode")) ? SMOKE : FULL;
        int runs = atLeastOne(opt, "--runs", "5");
        String only = opt.get("--only");
        Long fixedSeed = opt.containsKey("--seed") ? Long.parseLong(opt.get("--seed")) : null;
        int soakMinutes = atLeastOne(opt, "--soak-minutes", "30");
        // the soak is long (30 min by default): once unless asked, where the faults repeat to find races
        int soakRuns = atLeastOne(opt, "--soak-runs", "1");
        FaultBench bench = new FaultBench(sizes, Path.of(opt.get("--dist")), opt.getOrDefault("--command", "bench/faults"),
                soakMinutes, opt.getOrDefault("--ns-prefix", "cmgr-bench-faults-" + ProcessHandle.current().pid() + "-"));
        List<FaultScenario> scenarios = new ArrayList<>();
        for (FaultScenario s : FaultScenario.all()) {
            if (only == null || only.equals(s.name())) {
                scenarios.add(s);
            }
        }
        if (scenarios.isEmpty()) {
            System.err.println("FaultBench: unknown scenario '" + only + "'; known: " + FaultScenario.names());
            System.exit(2);
        }
        ReliabilityReport report = new ReliabilityReport(opt.getOrDefault("--commit", "?"), sizes, runs, soakRuns,
                soakMinutes, scenarios, opt.getOrDefault("--command", "bench/faults"));
        long start = System.nanoTime();
        SplittableRandom seeds = new SplittableRandom();
        boolean clean = true;
        // SIGTERM or ^C: the run's Karaf, FPM and namespaces go with the harness.
        Runtime.getRuntime().addShutdownHook(new Thread(bench::closeCurrent, "faults-cleanup"));
        for (FaultScenario s : scenarios) {
            int runsOfScenario = s instanceof FaultScenario.Soak ? soakRuns : runs;
            for (int run = 1; run <= runsOfScenario; run++) {
                long seed = fixedSeed != null ? fixedSeed + run - 1 : seeds.nextLong() >>> 16;
                RunResult r = bench.run(s, run, seed);
                report.add(r);
                clean &= r.differences().isEmpty();
                report.write(Path.of(opt.get("--out")), bench.soaks, (System.nanoTime() - start) / 1_000_000_000L);
            }
        }
        log("done in " + (System.nanoTime() - start) / 1_000_000_000L + " s; results in " + opt.get("--out")
                + (clean ? "" : "; DIFFERENCES FOUND"));
        System.exit(clean ? 0 : 1);
    }

    /** A whole number of at least 1 (bench/faults checks too; this is for a direct java call). */
    private static int atLeastOne(Map<String, String> opt, String name, String defaultValue) {
        String text = opt.getOrDefault(name, defaultValue);
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            value = 0;
        }
        if (value < 1) {
            System.err.println("FaultBench: " + name + " needs a whole number of at least 1, not '" + text + "'");
            System.exit(2);
        }
        return value;
    }

    static void log(String s) {
        System.out.println(DateTimeFormatter.ofPattern("HH:mm:ss").format(ZonedDateTime.now()) + " faults: " + s);
    }

    /** The command that runs this one run again: the same seed, once ({@code --soak-runs 1} for the soak). */
    String replay(FaultScenario s, long seed) {
        return command.replaceAll(" --(runs|only|seed|soak-minutes|soak-runs)[ =]\\S+", "") + " --only " + s.name()
                + " --seed " + seed + (s instanceof FaultScenario.Soak ? " --soak-runs 1 --soak-minutes " + soakMinutes
                : " --runs 1");
    }

    /** One run: fresh namespaces, FPM and Karaf; the scenario; the comparison; everything removed. */
    private RunResult run(FaultScenario s, int run, long seed) {
        String replay = replay(s, seed);
        log(s.name() + " run " + run + ", seed " + seed + " (replay: " + replay + ")");
        long start = System.nanoTime();
        List<String> diffs = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Path work = null;
        Ctx ctx = null;
        try {
            work = Files.createTempDirectory("cmgr-faults-");
            ctx = new Ctx(this, s, run, seed, work, notes, nsPrefix + ++namespaces);
            current = ctx;
            ctx.setUp();
            KernelCheck.Result before = ctx.check(30, 120);
            if (!before.differences().isEmpty()) {
                for (String d : before.differences()) {
                    diffs.add("before the fault: " + d);
                }
            }
            s.run(ctx);
            KernelCheck.Result after = ctx.check(30, 300);
            diffs.addAll(after.differences());
            notes.add(after.differences().isEmpty() ? "equal " + after.millis() / 1000.0 + " s after the scenario"
                    : "still different " + after.millis() / 1000.0 + " s after the scenario");
            notes.addAll(ctx.netlinkNotes());
        } catch (Exception e) {
            diffs.add("the run failed: " + e);
            e.printStackTrace(System.out);
        } finally {
            if (ctx != null) {
                ctx.close();
                current = null;
            }
            if (work != null) {
                Sh.tryRun("rm", "-rf", work.toString());
            }
        }
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        if (diffs.isEmpty()) {
            log(s.name() + " run " + run + ": equal (" + seconds + " s) " + notes);
        } else {
            log(s.name() + " run " + run + ", seed " + seed + ": " + diffs.size() + " DIFFERENCES; replay: " + replay);
            diffs.stream().limit(40).forEach(d -> System.out.println("  " + d));
        }
        return new RunResult(s.name(), run, seed, seconds, diffs, notes, replay);
    }

    private volatile Ctx current;

    private void closeCurrent() {
        Ctx c = current;
        if (c != null) {
            c.close();
        }
    }

    Sizes sizes() {
        return sizes;
    }

    int soakMinutes() {
        return soakMinutes;
    }

    /** What a scenario works with: the namespaces, the FPM, Karaf, its seeded random and its notes. */
    static final class Ctx implements AutoCloseable {
        final FaultBench bench;
        final FaultScenario scenario;
        final SplittableRandom rnd;
        final Path work;
        final List<String> notes;
        final String floodName;
        final int run;
        final long seed;
        Netns flooded;
        Netns quiet;
        FpmProcess fpm;
        Karaf karaf;

        Ctx(FaultBench bench, FaultScenario scenario, int run, long seed, Path work, List<String> notes,
            String floodName) {
            this.bench = bench;
            this.scenario = scenario;
            this.run = run;
            this.seed = seed;
            this.rnd = new SplittableRandom(seed);
            this.work = work;
            this.notes = notes;
            this.floodName = floodName;
        }

        void setUp() throws Exception {
            flooded = Netns.create(floodName);
            quiet = Netns.create(floodName + "q");
            FaultLayout.flooded(flooded);
            FaultLayout.quiet(quiet);
            String endpoint = "unix:" + work.resolve("fpc.sock");
            fpm = new FpmProcess(endpoint, work.resolve("fpm.log"));
            fpm.start();
            karaf = Karaf.prepare(bench.dist, work, endpoint, vrfs());
            scenario.configure(this);
            karaf.start("2g");
            karaf.awaitReady(300);
        }

        String vrfs() {
            return FaultLayout.QUIET_VRF + ":" + quiet.name + ", " + FaultLayout.FLOOD_VRF + ":" + flooded.name;
        }

        KernelCheck.Result check(long settleSeconds, long capSeconds) throws Exception {
            return KernelCheck.await(fpm, Map.of(FaultLayout.QUIET_VRF, quiet, FaultLayout.FLOOD_VRF, flooded),
                    settleSeconds, capSeconds);
        }

        /** The ENOBUFS and resyncs of cmgrd's sockets of the flooded vrf, for the report. */
        List<String> netlinkNotes() {
            try {
                long[] t = karaf.netlinkTrouble(FaultLayout.FLOOD_VRF);
                return List.of("ENOBUFS " + t[0] + ", resyncs " + t[1] + " (vrf " + FaultLayout.FLOOD_VRF + ", since the "
                        + "last start)");
            } catch (Exception e) {
                return List.of("netlink counters unavailable: " + e.getMessage());
            }
        }

        JsonNode syncFeatures() throws Exception {
            return JSON.readTree(karaf.console("show sync-features --json"));
        }

        /** Milliseconds from 200 to {@code max}, from the seed: when the fault strikes. */
        long faultDelay(long max) {
            return 200 + rnd.nextLong(Math.max(1, max - 200));
        }

        @Override
        public synchronized void close() {
            if (karaf != null) {
                karaf.stop();
                karaf = null;
            }
            if (fpm != null) {
                fpm.close();
                fpm = null;
            }
            if (flooded != null) {
                flooded.close();
                flooded = null;
            }
            if (quiet != null) {
                quiet.close();
                quiet = null;
            }
            Sh.tryRun("rm", "-rf", work.toString()); // the Karaf copy, logs and flood files of the run
        }
    }
}
