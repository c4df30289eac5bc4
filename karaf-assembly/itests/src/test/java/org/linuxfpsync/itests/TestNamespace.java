package org.linuxfpsync.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.linuxfpsync.comparison.Namespace;

/**
 * A network namespace of the test's own ({@code cmgr-test-<random>}): every command runs inside
 * it, never on the host's interfaces, and {@link #close} always deletes it.
 */
final class TestNamespace implements AutoCloseable, Namespace {
    final String name = "cmgr-test-" + UUID.randomUUID().toString().substring(0, 8);

    TestNamespace() throws IOException, InterruptedException {
        run(List.of("ip", "netns", "add", name));
    }

    /** Runs {@code ip -n <ns> <args>} and returns its standard output; a non-zero exit fails the test. */
    @Override
    public String ip(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", name));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    /** Runs {@code bridge -n <ns> <args>} and returns its standard output; a non-zero exit fails the test. */
    @Override
    public String bridge(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bridge", "-n", name));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    /**
     * Runs {@code lines} through {@code ip -n <ns> -force -batch -}: each line is an ip command
     * without "ip"; a line the kernel refuses does not stop the others.
     *
     * @return how many lines were refused
     */
    int batch(List<String> lines) throws IOException, InterruptedException {
        return batch("ip", lines);
    }

    /**
     * Runs {@code lines} through {@code <tool> -n <ns> -force -batch -}, {@code tool} being {@code ip}
     * or {@code bridge} (both read commands without their own name, one a line, and go on after a
     * refused one).
     *
     * @return how many lines were refused
     */
    int batch(String tool, List<String> lines) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(tool, "-n", name, "-force", "-batch", "-").redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + tool + " -n " + name + " -batch");
        }
        int refused = 0;
        for (String line : out.split("\n")) {
            if (line.startsWith("Command failed")) {
                refused++;
            }
        }
        return refused;
    }

    /** The value of a sysctl inside the namespace ({@code net.ipv4.nexthop_compat_mode}: per namespace). */
    @Override
    public String sysctl(String name) throws IOException, InterruptedException {
        return run(List.of("ip", "netns", "exec", this.name, "sysctl", "-n", name)).trim();
    }

    /** Sets a sysctl inside the namespace. */
    void sysctl(String name, String value) throws IOException, InterruptedException {
        run(List.of("ip", "netns", "exec", this.name, "sysctl", "-qw", name + "=" + value));
    }

    static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", cmd));
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " exited " + p.exitValue() + ": " + text.trim());
        }
        return text;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run(List.of("ip", "netns", "del", name));
    }
}
