package org.linuxfpsync.bench.sync;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The C baseline (bench/c/nl-count.c) listening in the bench namespace: messages counted, CPU used. */
final class CListener implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;

    private final Path marks;

    /** @param marks where nl-count writes the reception times of the latency block ({@link #stopMarks}) */
    CListener(Path binary, String netns, Path marks) throws IOException {
        this.marks = marks;
        process = new ProcessBuilder(binary.toString(), "/run/netns/" + netns, marks.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
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
        Sh.run("kill", "-USR1", Long.toString(process.pid()));
        String line = out.readLine();
        if (line == null) {
            throw new IOException("nl-count ended");
        }
        String[] w = line.split(" ");
        return new long[] {Long.parseLong(w[1]), Long.parseLong(w[7])};
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

    double cpuSeconds() throws IOException {
        return Sh.cpuSeconds(process.pid());
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
