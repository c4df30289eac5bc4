package org.linuxfpsync.bench.sync;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A C baseline listening in the bench namespace: messages counted, CPU used. bench/c/nl-count.c
 * (rtnetlink) or bench/c/ct-count.c (conntrack events, which also counts them by kind: {@link #fields}).
 */
final class CListener implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;

    private final Path marks;

    /**
     * @param marks where nl-count writes the reception times of the latency block ({@link #stopMarks}),
     *              null for none (ct-count)
     */
    CListener(Path binary, String netns, Path marks) throws IOException {
        this.marks = marks;
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "/run/netns/" + netns));
        if (marks != null) {
            cmd.add(marks.toString());
        }
        process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        String ready = out.readLine();
        if (!"ready".equals(ready)) {
            throw new IOException("nl-count did not start: " + ready);
        }
    }

    long pid() {
        return process.pid();
    }

    /** {messages, enobufs} received since the start. */
    long[] counts() throws IOException, InterruptedException {
        Map<String, Long> f = fields();
        return new long[] {f.get("messages"), f.get("enobufs")};
    }

    /** Every count of the listener's report line ({@code messages}, {@code enobufs}; ct-count: {@code new}...). */
    Map<String, Long> fields() throws IOException, InterruptedException {
        Sh.run("kill", "-USR1", Long.toString(process.pid()));
        String line = out.readLine();
        if (line == null) {
            throw new IOException("the C listener ended");
        }
        String[] w = line.split(" ");
        Map<String, Long> f = new HashMap<>();
        for (int i = 0; i + 1 < w.length; i += 2) {
            f.put(w[i], Long.parseLong(w[i + 1]));
        }
        return f;
    }

    /** From now on, nl-count notes when each route of the latency block is notified (SIGUSR2). */
    void startMarks() throws IOException, InterruptedException {
        Sh.run("kill", "-USR2", Long.toString(process.pid()));
    }

    /**
     * Stops marking: for route i of the latency block, the System.nanoTime() at which the kernel's
     * notification reached nl-count (the same CLOCK_MONOTONIC), 0 when it did not.
     */
    long[] stopMarks(int n) throws IOException, InterruptedException {
        Sh.run("kill", "-USR2", Long.toString(process.pid()));
        String line = out.readLine();
        if (line == null || !line.startsWith("marks ") || line.equals("marks -1")) {
            throw new IOException("nl-count wrote no marks: " + line);
        }
        long[] at = new long[n];
        for (String l : java.nio.file.Files.readAllLines(marks)) {
            String[] w = l.split(" ");
            int i = Integer.parseInt(w[0]);
            if (i < n) {
                at[i] = Long.parseLong(w[1]);
            }
        }
        return at;
    }

    /**
     * The listener's CPU so far, from the scheduler's count (schedstat, ns): /proc/pid/stat counts
     * 10 ms ticks, and the link churn's 2,000 events cost the listener two to four of them.
     */
    double cpuSeconds() throws IOException {
        return Sh.cpuNanosBetween(java.util.Map.of(), Sh.threadCpuNanos(process.pid())) / 1e9;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
