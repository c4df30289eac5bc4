package org.linuxfpsync.bench.sync;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * {@code conntrack -E} of conntrack-tools, as an operator runs it (its default receive buffer),
 * listening in a namespace during one phase of the conntrack benchmark: the events it printed, by
 * kind, and the ENOBUFS warnings it wrote. Its output goes to a file, so that a slow terminal is
 * not what it measures.
 */
final class ConntrackEvents {
    /** Events printed by kind, and ENOBUFS warnings. */
    record Counts(long created, long updated, long destroyed, long enobufs) {
    }

    private final Process process;
    private final Path out;
    private final Path err;

    private ConntrackEvents(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    static ConntrackEvents start(String netns, Path file) throws IOException, InterruptedException {
        Path out = file.resolveSibling(file.getFileName() + ".out");
        Path err = file.resolveSibling(file.getFileName() + ".err");
        Process p = new ProcessBuilder("ip", "netns", "exec", netns, "conntrack", "-E")
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        Thread.sleep(300); // subscribed before the phase begins
        if (!p.isAlive()) {
            throw new IOException("conntrack -E ended: " + Files.readString(err).strip());
        }
        return new ConntrackEvents(p, out, err);
    }

    /** SIGTERM (conntrack -E then writes what it buffered and exits), then what it printed. */
    Counts stop() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        long created = 0;
        long updated = 0;
        long destroyed = 0;
        try (BufferedReader r = Files.newBufferedReader(out, StandardCharsets.US_ASCII)) {
            String line;
            while ((line = r.readLine()) != null) {
                String l = line.stripLeading();
                if (l.startsWith("[NEW]")) {
                    created++;
                } else if (l.startsWith("[UPDATE]")) {
                    updated++;
                } else if (l.startsWith("[DESTROY]")) {
                    destroyed++;
                }
            }
        }
        long enobufs = 0;
        for (String line : Files.readAllLines(err, StandardCharsets.UTF_8)) {
            if (line.contains("ENOBUFS")) {
                enobufs++;
            }
        }
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return new Counts(created, updated, destroyed, enobufs);
    }
}
