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

    CListener(Path binary, String netns) throws IOException {
        process = new ProcessBuilder(binary.toString(), "/run/netns/" + netns)
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
