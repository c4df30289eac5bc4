package org.linuxfpsync.netlink.internal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away network namespace {@code cmgr-test-<random>} made with iproute2; closing it
 * deletes it with everything in it. Tests act only inside it, never on the host's interfaces.
 */
final class TestNamespace implements AutoCloseable {
    private final String name;

    private TestNamespace(String name) {
        this.name = name;
    }

    /** Skips the calling test unless we are root with iproute2 and network namespaces. */
    static TestNamespace create() {
        assumeTrue("root".equals(System.getProperty("user.name")), "live netlink tests need root");
        String name = "cmgr-test-" + UUID.randomUUID().toString().substring(0, 8);
        Result added;
        try {
            added = run(List.of("ip", "netns", "add", name));
        } catch (IOException e) {
            assumeTrue(false, "iproute2 not available: " + e.getMessage());
            throw new AssertionError(e);
        }
        assumeTrue(added.exitCode == 0, "cannot create a network namespace: " + added.output);
        return new TestNamespace(name);
    }

    String name() {
        return name;
    }

    /** {@code ip -n <ns> args...}; fails the test when ip fails. */
    void ip(String... args) {
        List<String> command = new ArrayList<>(List.of("ip", "-n", name));
        command.addAll(List.of(args));
        try {
            Result result = run(command);
            if (result.exitCode != 0) {
                throw new AssertionError(String.join(" ", command) + " failed: " + result.output);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** {@code ip netns exec <ns> command...} (nft, conntrack, a shell); fails the test when it fails. */
    String exec(String... commandLine) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", name));
        command.addAll(List.of(commandLine));
        try {
            Result result = run(command);
            if (result.exitCode != 0) {
                throw new AssertionError(String.join(" ", command) + " failed: " + result.output);
            }
            return result.output;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Whether {@code tool} is on the PATH (nft, conntrack): tests that need it are skipped otherwise. */
    static boolean hasTool(String tool) {
        try {
            return run(List.of("sh", "-c", "command -v " + tool)).exitCode == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code ip -n <ns> -batch -} with one command a line. */
    void ipBatch(List<String> lines) {
        List<String> command = List.of("ip", "-n", name, "-batch", "-");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("ip -batch failed: " + output);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        try {
            Result deleted = run(List.of("ip", "netns", "delete", name));
            if (deleted.exitCode != 0) {
                throw new AssertionError("ip netns delete " + name + " failed: " + deleted.output);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out");
            }
            return new Result(process.exitValue(), output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
