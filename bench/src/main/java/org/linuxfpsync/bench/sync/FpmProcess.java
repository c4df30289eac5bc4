package org.linuxfpsync.bench.sync;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The standalone reference FPM ({@code StandaloneFpm}, docs/fpm-dump.md "Running the FPM alone")
 * as a child JVM of the fault suite: a process that can be killed with SIGKILL, stopped and
 * continued, and asked for its dump on its standard input.
 */
final class FpmProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String endpoint;
    private final Path log;
    private Process process;
    private PrintStream commands;
    private BufferedReader answers;

    FpmProcess(String endpoint, Path log) {
        this.endpoint = endpoint;
        this.log = log;
    }

    /** Starts it (again) and waits for its "FPM listening" line. */
    void start() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");
        process = new ProcessBuilder(java, "-Xmx3g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", classpath,
                "org.linuxfpsync.fpm.internal.StandaloneFpm", endpoint, "features=0x1ffff")
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String first = answers.readLine();
        if (first == null || !first.startsWith("FPM listening")) {
            throw new IOException("the standalone FPM did not start (" + first + "; see " + log + ")");
        }
    }

    long pid() {
        return process.pid();
    }

    void signal(String sig) {
        Sh.tryRun("kill", "-" + sig, Long.toString(process.pid()));
    }

    /** SIGKILL, and waits for the process to be gone. */
    void kill() throws InterruptedException {
        signal("KILL");
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** The FPM's dump ({@code fpm:dump --json}'s document). */
    JsonNode dump() throws IOException {
        commands.println("dump");
        String line = answers.readLine();
        if (line == null) {
            throw new IOException("the standalone FPM exited (see " + log + ")");
        }
        return JSON.readTree(line);
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            signal("CONT");
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
