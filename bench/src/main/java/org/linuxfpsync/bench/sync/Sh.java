package org.linuxfpsync.bench.sync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Processes and /proc: what the harness reads from the machine. */
final class Sh {
    private Sh() {
    }

    /** Runs a command, returns its standard output; throws on a non-zero exit, with its standard error. */
    static String run(String... cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.PIPE);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        int rc = p.waitFor();
        if (rc != 0) {
            throw new IOException(String.join(" ", cmd) + ": exit " + rc + ": "
                    + new String(err, StandardCharsets.UTF_8).strip());
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** Like {@link #run} but never throws on the exit code: returns null when it failed. */
    static String tryRun(String... cmd) {
        try {
            return run(cmd);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** CPU seconds (user + system, every thread) a process has used, from /proc/pid/stat. */
    static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // After the command: state(0) ppid(1) ... utime(11) stime(12), in clock ticks.
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) CLK_TCK;
    }

    /**
     * Nanoseconds on the CPU of each thread of a process, by thread id (first field of
     * /proc/pid/task/tid/schedstat, the scheduler's own count). /proc/pid/stat rounds to 10 ms
     * ticks, too coarse for a row whose target is 10 ms; {@link #cpuNanosBetween} takes the
     * difference thread by thread.
     */
    static Map<Long, Long> threadCpuNanos(long pid) throws IOException {
        Map<Long, Long> byThread = new java.util.HashMap<>();
        forEachThread(pid, (tid, task) -> byThread.put(tid, schedstatNanos(task)));
        return byThread;
    }

    private interface ThreadReader {
        void read(long tid, Path task) throws IOException;
    }

    /** Calls {@code reader} for each thread of the process; a thread that ends meanwhile is skipped. */
    private static void forEachThread(long pid, ThreadReader reader) throws IOException {
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    reader.read(Long.parseLong(task.getFileName().toString()), task);
                } catch (java.nio.file.NoSuchFileException e) {
                    // the thread ended between the listing and the read: its time is not counted
                }
            }
        }
    }

    private static long schedstatNanos(Path task) throws IOException {
        String s = Files.readString(task.resolve("schedstat"));
        return Long.parseLong(s.substring(0, s.indexOf(' ')));
    }

    /**
     * CPU nanoseconds the process used between two {@link #threadCpuNanos} readings: the threads
     * present in both by difference, a thread born in between whole. A thread that ended in
     * between is lost (its time in the window too): the caller reports how many did.
     */
    static long cpuNanosBetween(Map<Long, Long> before, Map<Long, Long> after) {
        long sum = 0;
        for (Map.Entry<Long, Long> e : after.entrySet()) {
            sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        return sum;
    }

    /**
     * One thread's name (/proc/pid/task/tid/comm, 15 characters at most), its CPU nanoseconds, and its
     * user and system time in clock ticks (/proc/pid/task/tid/stat: coarse, for the split only).
     */
    record ThreadCpu(String name, long nanos, long userTicks, long systemTicks) { }

    /** Like {@link #threadCpuNanos}, with each thread's name, by thread id. */
    static Map<Long, ThreadCpu> threadCpu(long pid) throws IOException {
        Map<Long, ThreadCpu> byThread = new java.util.HashMap<>();
        forEachThread(pid, (tid, task) -> {
            long nanos = schedstatNanos(task);
            String name = Files.readString(task.resolve("comm")).strip();
            String stat = Files.readString(task.resolve("stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            byThread.put(tid, new ThreadCpu(name, nanos, Long.parseLong(f[11]), Long.parseLong(f[12])));
        });
        return byThread;
    }

    /**
     * CPU nanoseconds between two {@link #threadCpu} readings by thread group: the name without its
     * number ({@code GC Thread#3}, {@code C2 CompilerThre}, {@code pool-4-thread-1} become
     * {@code GC Thread#}, {@code C2 CompilerThre}, {@code pool--thread-}), so that the groups of a
     * phase and of an idle window compare. A thread born in between counts whole; one that ended is lost.
     */
    static Map<String, Long> cpuNanosByGroup(Map<Long, ThreadCpu> before, Map<Long, ThreadCpu> after) {
        Map<String, Long> byGroup = new java.util.TreeMap<>();
        for (Map.Entry<Long, ThreadCpu> e : after.entrySet()) {
            ThreadCpu b = before.get(e.getKey());
            long d = e.getValue().nanos() - (b == null ? 0 : b.nanos());
            byGroup.merge(threadGroup(e.getValue().name()), d, Long::sum);
        }
        return byGroup;
    }

    /** {user ticks, system ticks} of the threads of {@code group} between two {@link #threadCpu} readings. */
    static long[] userSystemTicks(Map<Long, ThreadCpu> before, Map<Long, ThreadCpu> after, String group) {
        long[] t = new long[2];
        after.forEach((tid, a) -> {
            if (threadGroup(a.name()).equals(group)) {
                ThreadCpu b = before.get(tid);
                t[0] += a.userTicks() - (b == null ? 0 : b.userTicks());
                t[1] += a.systemTicks() - (b == null ? 0 : b.systemTicks());
            }
        });
        return t;
    }

    static String threadGroup(String name) {
        // the number after a dash or a hash, or at the end; not the 1 and 2 of C1 and C2 CompilerThre
        return name.replaceAll("(?<=[-#])[0-9]+|[0-9]+$", "");
    }

    /** Threads of {@code before} no longer in {@code after}. */
    static long threadsEnded(Map<Long, Long> before, Map<Long, Long> after) {
        return before.keySet().stream().filter(t -> !after.containsKey(t)).count();
    }

    static final long CLK_TCK = clockTicks();

    /**
     * CPU seconds of a process's threads, grouped by what they are (their names, as /proc says them):
     * "GC" (HotSpot's GC Thread#n and G1 threads), "JIT" (the compilers), and the others by name
     * with a trailing number dropped, so that a startup's CPU can be told apart by stage.
     */
    static Map<String, Double> threadCpuSeconds(long pid) throws IOException {
        Map<String, Double> byGroup = new java.util.TreeMap<>();
        try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue; // the thread ended meanwhile
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                double s = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) CLK_TCK;
                String group = name.startsWith("GC Thread") || name.startsWith("G1 ") ? "GC"
                        : name.contains("CompilerThre") ? "JIT" : name.replaceAll("[-#]?[0-9]+$", "");
                byGroup.merge(group, s, Double::sum);
            }
        }
        return byGroup;
    }

    /** {@code after} minus {@code before}, group by group. */
    static Map<String, Double> minus(Map<String, Double> after, Map<String, Double> before) {
        Map<String, Double> d = new java.util.TreeMap<>();
        after.forEach((k, v) -> d.put(k, v - before.getOrDefault(k, 0.0)));
        return d;
    }


    private static long clockTicks() {
        String t = tryRun("getconf", "CLK_TCK");
        return t == null ? 100 : Long.parseLong(t.strip());
    }

    /** Resident set size in bytes (VmRSS of /proc/pid/status). */
    static long rssBytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS for " + pid);
    }

    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");

    /** Heap used after a full GC (jcmd GC.run, then GC.heap_info), in bytes. */
    static long heapUsedAfterGc(long pid) throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        run(jcmd, Long.toString(pid), "GC.run");
        run(jcmd, Long.toString(pid), "GC.run");
        String info = run(jcmd, Long.toString(pid), "GC.heap_info");
        Matcher m = HEAP_USED.matcher(info);
        if (!m.find()) {
            throw new IOException("cannot read the heap used in: " + info);
        }
        return Long.parseLong(m.group(1)) * 1024;
    }

    /** The machine, for the report: CPU model, cores, RAM, kernel, JDK, iproute2. */
    static Map<String, Object> machine() throws IOException {
        String model = "?";
        for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name")) {
                model = line.substring(line.indexOf(':') + 1).strip();
                break;
            }
        }
        long memKb = 0;
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                memKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        String kernel = Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        String ipv = tryRun("ip", "-V");
        String os = "?";
        Path osRelease = Path.of("/etc/os-release");
        if (Files.exists(osRelease)) {
            for (String line : Files.readAllLines(osRelease)) {
                if (line.startsWith("PRETTY_NAME=")) {
                    os = line.substring(12).replace("\"", "");
                }
            }
        }
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("cpu", model);
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("ram_gib", Math.round(memKb / 1024.0 / 1024.0 * 10) / 10.0);
        m.put("kernel", kernel);
        m.put("os", os);
        m.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("iproute2", ipv == null || !ipv.contains(",") ? "?" : ipv.split(",")[1].strip());
        m.put("load_average_at_start", Files.readString(Path.of("/proc/loadavg")).strip());
        return m;
    }

    static List<String> lines(String text) {
        List<String> l = new ArrayList<>();
        for (String s : text.split("\n")) {
            if (!s.isBlank()) {
                l.add(s);
            }
        }
        return l;
    }
}
