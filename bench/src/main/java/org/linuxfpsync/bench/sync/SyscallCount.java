package org.linuxfpsync.bench.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * System calls of some threads over a phase, counted by the kernel's syscall tracepoints with
 * {@code perf stat -t} (a counter, no per-call record: the threads run as fast as without it),
 * total and for the calls a netlink reader makes per wake-up. Issues #19 and #23 ask for fewer of
 * them per event; strace would count the same but slow each call by a ptrace stop. Without perf, or
 * with tracepoints it may not open, {@link #start} returns null and the row says so.
 */
final class SyscallCount {
    /** The calls shown one by one; every other call is in the total only. */
    static final List<String> CALLS = List.of("recvfrom", "recvmmsg", "poll", "write", "read", "futex");

    private final Process perf;
    private final Path output;

    private SyscallCount(Process perf, Path output) {
        this.perf = perf;
        this.output = output;
    }

    /** Starts counting the system calls of {@code tids}; null when perf is missing or failed to start. */
    static SyscallCount start(List<Long> tids, Path output) {
        if (tids.isEmpty()) {
            return null;
        }
        String events = "raw_syscalls:sys_enter," + CALLS.stream().map(c -> "syscalls:sys_enter_" + c)
                .collect(Collectors.joining(","));
        try {
            Files.deleteIfExists(output);
            Process p = new ProcessBuilder("perf", "stat", "-x,", "-o", output.toString(), "-e", events, "-t",
                    tids.stream().map(String::valueOf).collect(Collectors.joining(",")))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            // perf opens its counters before it sleeps; give it the moment it needs, or see it fail.
            if (p.waitFor(300, TimeUnit.MILLISECONDS)) {
                return null;
            }
            return new SyscallCount(p, output);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Stops counting (SIGINT: perf writes its counts) and returns them by call, "total" first; empty on failure. */
    Map<String, Long> stop() throws InterruptedException {
        Map<String, Long> counts = new LinkedHashMap<>();
        Sh.tryRun("kill", "-INT", Long.toString(perf.pid()));
        if (!perf.waitFor(10, TimeUnit.SECONDS)) {
            perf.destroyForcibly();
            return counts;
        }
        try {
            for (String line : Files.readAllLines(output)) {
                String[] f = line.split(",");
                if (f.length < 3 || line.startsWith("#")) {
                    continue;
                }
                long n = f[0].matches("[0-9]+") ? Long.parseLong(f[0]) : 0; // "<not counted>": the threads never ran
                String event = f[2];
                counts.put(event.equals("raw_syscalls:sys_enter") ? "total" : event.replace("syscalls:sys_enter_", ""), n);
            }
        } catch (IOException e) {
            counts.clear();
        }
        return counts;
    }
}
