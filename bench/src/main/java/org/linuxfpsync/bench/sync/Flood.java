package org.linuxfpsync.bench.sync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The changes a fault scenario makes to its namespace: {@code ip -batch} files written from a seed
 * (the same seed writes the same file), run in the background while the fault is injected.
 * The namespace's layout is {@link FaultLayout}'s: routes go via v0 (10.0.0.2) or v2 (11.0.0.2),
 * neighbours on v0.
 */
final class Flood {
    private final Process process;
    private final long started = System.nanoTime();

    private Flood(Process process) {
        this.process = process;
    }

    /** A mixed flood: IPv4 and IPv6 routes, neighbours, veth pairs, in chunks of seeded order; then deletions. */
    static List<String> mixed(FaultBench.Sizes s, SplittableRandom rnd) {
        List<List<String>> chunks = new ArrayList<>();
        chunk(chunks, s.routes4(), i -> "route add " + Netns.v4(20, i) + "/32 via " + (i % 2 == 0 ? "10.0.0.2" : "11.0.0.2"));
        chunk(chunks, s.routes6(), i -> Netns.routeV6("add", i));
        chunk(chunks, s.neighbours(), i -> Netns.neighbour("add", i));
        chunk(chunks, s.linkPairs(), i -> Netns.vethPair("add", i));
        Collections.shuffle(chunks, new Random(rnd.nextLong()));
        List<String> lines = new ArrayList<>();
        chunks.forEach(lines::addAll);
        // Deletions of a seeded part of what was added, after it was (in the same batch).
        int first = rnd.nextInt(Math.max(1, s.routes4() - s.deletes()));
        for (int i = first; i < first + s.deletes() && i < s.routes4(); i++) {
            lines.add("route del " + Netns.v4(20, i) + "/32");
        }
        int neighbourDeletes = s.neighbours() / 5;
        for (int i = 0; i < neighbourDeletes; i++) {
            lines.add(Netns.neighbour("del", i));
        }
        for (int i = 0; i < s.linkPairs() / 5; i++) {
            lines.add(Netns.vethPair("del", i));
        }
        return lines;
    }

    private static void chunk(List<List<String>> chunks, int n, java.util.function.IntFunction<String> line) {
        for (int from = 0; from < n; from += 1000) {
            List<String> c = new ArrayList<>();
            for (int i = from; i < Math.min(n, from + 1000); i++) {
                c.add(line.apply(i));
            }
            chunks.add(c);
        }
    }

    static Path write(Path file, List<String> lines) throws IOException {
        Files.write(file, lines, StandardCharsets.US_ASCII);
        return file;
    }

    /** Starts {@code ip -n NS -force -batch FILE} in the background. */
    static Flood start(Netns ns, Path file, Path log) throws IOException {
        return new Flood(new ProcessBuilder("ip", "-n", ns.name, "-force", "-batch", file.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start());
    }

    long elapsedMillis() {
        return (System.nanoTime() - started) / 1_000_000;
    }

    boolean running() {
        return process.isAlive();
    }

    /** Waits for the batch's end; the kernel's refusals (none expected) are in the log. */
    long await(long timeoutSeconds) throws IOException, InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("ip -batch did not end within " + timeoutSeconds + " s");
        }
        return elapsedMillis();
    }
}
