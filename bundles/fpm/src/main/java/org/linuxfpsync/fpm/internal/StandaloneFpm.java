package org.linuxfpsync.fpm.internal;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.linuxfpsync.fpm.internal.command.StatsJson;

/**
 * The reference FPM as a process of its own, outside Karaf, so that benchmarks keep the FPM's
 * tables out of the cache manager's heap (docs/fpm-dump.md, "Running the FPM alone"):
 *
 * <pre>
 * java -cp CLASSPATH org.linuxfpsync.fpm.internal.StandaloneFpm tcp:127.0.0.1:9911 [key=value ...]
 * </pre>
 *
 * The first argument is the endpoint, the others are settings of PID {@code org.linuxfpsync.fpm}
 * ({@code features=0x3ff}, {@code helloTimeoutMillis=5000}...). Standard output is line-based:
 * {@code FPM listening on <endpoint>} once listening (with the port bound when 0 was asked), then
 * one line per command read on standard input: {@code dump} (the JSON dump on one line),
 * {@code stats} (the counters as JSON on one line), {@code quit}. Standard input at its end
 * leaves the FPM running until SIGTERM or SIGINT, which print {@code FPM stopped: <stats>}.
 * Logs go to standard error.
 */
public final class StandaloneFpm {
    private StandaloneFpm() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (args.length < 1 || args[0].startsWith("-")) {
            System.err.println("usage: StandaloneFpm <unix:/path|tcp:host:port> [key=value ...]");
            System.exit(2);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("endpoint", args[0]);
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq <= 0) {
                System.err.println("StandaloneFpm: '" + args[i] + "' is not key=value");
                System.exit(2);
            }
            config.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        FpmServer fpm = new FpmServer();
        try {
            fpm.activate(config);
        } catch (IllegalArgumentException | java.io.IOException e) {
            System.err.println("StandaloneFpm: " + e.getMessage());
            System.exit(1);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            fpm.deactivate();
            out.println("FPM stopped: " + StatsJson.toJson(fpm.stats(), false).strip());
        }, "fpm-shutdown"));
        out.println("FPM listening on " + fpm.endpoint());

        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            switch (line.strip()) {
                case "dump":
                    out.println(fpm.dumpJsonLine());
                    break;
                case "stats":
                    out.println(StatsJson.toJson(fpm.stats(), false).strip());
                    break;
                case "quit":
                    System.exit(0);
                    break;
                case "":
                    break;
                default:
                    out.println("unknown command '" + line.strip() + "': dump, stats, quit");
                    break;
            }
        }
        // No more commands (stdin closed, e.g. started in the background): serve until a signal.
        Thread.currentThread().join();
    }
}
