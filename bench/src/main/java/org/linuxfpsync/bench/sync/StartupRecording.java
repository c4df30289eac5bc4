package org.linuxfpsync.bench.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opt-in (environment {@code BENCH_JFR=<dir>}, bench/README.md): a JFR recording of both JVMs, cmgrd's
 * and the harness's (the FPM), over one startup row, with every compilation and deoptimization
 * (thresholds 0) beside the execution samples: what C1/C2 compile while a million routes arrive.
 * Off by default: the recording costs CPU the rows would count.
 */
final class StartupRecording {
    private static final String NAME = "bench-startup";
    private final Path dir;
    private final long[] pids;
    private final String label;

    private StartupRecording(Path dir, String label, long... pids) {
        this.dir = dir;
        this.label = label;
        this.pids = pids;
    }

    /** Starts recording {@code karafPid} and this JVM when {@code BENCH_JFR} names a directory; null otherwise. */
    static StartupRecording startIfAsked(String label, long karafPid) throws IOException, InterruptedException {
        String d = System.getenv("BENCH_JFR");
        if (d == null || d.isBlank()) {
            return null;
        }
        Path dir = Files.createDirectories(Path.of(d));
        StartupRecording r = new StartupRecording(dir, label, karafPid, ProcessHandle.current().pid());
        for (long pid : r.pids) {
            Sh.run("jcmd", Long.toString(pid), "JFR.start", "name=" + NAME, "settings=profile",
                    "jdk.Compilation#threshold=0ms", "jdk.Deoptimization#enabled=true");
        }
        return r;
    }

    /** Stops both recordings into {@code <dir>/<label>-cmgrd.jfr} and {@code <label>-fpm.jfr}. */
    void stop() throws IOException, InterruptedException {
        String[] who = {"cmgrd", "fpm"};
        for (int i = 0; i < pids.length; i++) {
            Path file = dir.resolve(label + "-" + who[i] + ".jfr");
            Sh.run("jcmd", Long.toString(pids[i]), "JFR.stop", "name=" + NAME, "filename=" + file);
            SyncBench.log("JFR of the startup (" + who[i] + "): " + file);
        }
    }
}
