package org.linuxfpsync.bench.sync;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The built distribution, copied to a work directory and started as a child process: cmgrd, its
 * FPC endpoint pointed at the harness's FPM, the embedded FPM moved to an unused socket (its tables
 * stay empty), its console socket and ports private to this run.
 */
final class Karaf {
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path home;
    private final Path console;
    private Process process;
    private long pid;
    private int rmiRegistryPort;
    private int rmiServerPort;
    private String managementPassword;
    private javax.management.remote.JMXConnector management;
    private static final String MANAGEMENT_USER = "bench";

    private Karaf(Path home) {
        this.home = home;
        this.console = home.resolve("cmgrd.console");
    }

    static Karaf prepare(Path dist, Path work, String fpcEndpoint, String vrfs) throws IOException, InterruptedException {
        Path home = work.resolve("karaf");
        Sh.run("cp", "-a", dist.toString(), home.toString());
        Karaf k = new Karaf(home);
        k.setCfg("org.linuxfpsync.fpc.cfg", Map.of("endpoint", fpcEndpoint));
        k.setCfg("org.linuxfpsync.fpm.cfg", Map.of("endpoint", "unix:" + work.resolve("embedded-fpm-unused.sock")));
        k.setCfg("org.linuxfpsync.cmgr.console.cfg", Map.of("path", k.console.toString()));
        k.setCfg("org.apache.karaf.shell.cfg", Map.of("sshPort", Integer.toString(freePort())));
        k.rmiRegistryPort = freePort();
        k.rmiServerPort = freePort();
        k.setCfg("org.apache.karaf.management.cfg", Map.of("rmiRegistryPort", Integer.toString(k.rmiRegistryPort),
                "rmiServerPort", Integer.toString(k.rmiServerPort)));
        k.setCfg("org.linuxfpsync.cmgr.cfg", Map.of("vrfs", vrfs));
        // A JMX user of this copy only (random password): follow() sets `vrfs` through Karaf's
        // ConfigMBean, the configuration change itself, rather than a file Karaf's etc/ poll finds.
        // That poll stays at the distribution's 1 s: at the 50 ms the bench used to set, it was 9.6
        // ms/s, 43 % of cmgrd's idle CPU, counted in every CPU row without being the product's.
        k.managementPassword = Long.toHexString(new java.security.SecureRandom().nextLong());
        Files.writeString(home.resolve("etc/users.properties"), "\n" + MANAGEMENT_USER + " = " + k.managementPassword
                + ",admin,manager,viewer\n", java.nio.file.StandardOpenOption.APPEND);
        return k;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * Sets keys of etc/{@code file}, keeping its other lines; written to a temporary file then
     * renamed, so that Karaf never reads half a file.
     */
    void setCfg(String file, Map<String, String> values) throws IOException {
        Path cfg = home.resolve("etc").resolve(file);
        List<String> lines = Files.exists(cfg) ? new ArrayList<>(Files.readAllLines(cfg)) : new ArrayList<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            Pattern key = Pattern.compile("^\\s*" + Pattern.quote(e.getKey()) + "\\s*=.*$");
            boolean found = false;
            for (int i = 0; i < lines.size(); i++) {
                if (key.matcher(lines.get(i)).matches()) {
                    lines.set(i, e.getKey() + " = " + e.getValue());
                    found = true;
                }
            }
            if (!found) {
                lines.add(e.getKey() + " = " + e.getValue());
            }
        }
        Path tmp = home.resolve(file + ".tmp");
        Files.write(tmp, lines);
        Files.move(tmp, cfg, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Sets the vrfs cmgrd follows ({@code org.linuxfpsync.cmgr}, applied live): Karaf's ConfigMBean
     * ({@code config:property-set} over JMX) updates the configuration at once, so the startup rows'
     * clock, started before this call, runs from the change itself (no etc/ poll in between).
     */
    void follow(String vrfs) throws IOException {
        try {
            management().getMBeanServerConnection().invoke(
                    new javax.management.ObjectName("org.apache.karaf:type=config,name=root"), "setProperty",
                    new Object[] {"org.linuxfpsync.cmgr", "vrfs", vrfs},
                    new String[] {String.class.getName(), String.class.getName(), String.class.getName()});
        } catch (javax.management.JMException e) {
            throw new IOException("vrfs = " + vrfs + " not set through Karaf's ConfigMBean: " + e, e);
        }
    }

    private synchronized void closeManagement() {
        if (management != null) {
            try {
                management.close();
            } catch (IOException gone) {
                // the JVM stopped or is stopping: nothing left to close
            }
            management = null;
        }
    }

    /** The JMX connection to Karaf, opened once (by {@link #awaitReady}, before any clock starts). */
    private synchronized javax.management.remote.JMXConnector management() throws IOException {
        if (management == null) {
            javax.management.remote.JMXServiceURL url = new javax.management.remote.JMXServiceURL(
                    "service:jmx:rmi://127.0.0.1:" + rmiServerPort + "/jndi/rmi://127.0.0.1:" + rmiRegistryPort
                    + "/karaf-root");
            management = javax.management.remote.JMXConnectorFactory.connect(url, Map.of(
                    javax.management.remote.JMXConnector.CREDENTIALS,
                    new String[] {MANAGEMENT_USER, managementPassword}));
        }
        return management;
    }

    void start(String maxHeap) throws IOException, InterruptedException {
        closeManagement(); // a JVM started again (bench/faults' karaf-kill) is reached by a new connection
        Files.deleteIfExists(home.resolve("karaf.pid"));
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .redirectErrorStream(true).redirectOutput(home.resolve("karaf.out").toFile());
        pb.environment().put("JAVA_MAX_MEM", maxHeap);
        pb.environment().put("JAVA_MIN_MEM", "256M");
        // Opt-in (bench/README.md): JVM options to try on cmgrd's JVM (BENCH_KARAF_JAVA_OPTS), and
        // StartupRecording's samples made line-accurate (BENCH_JFR); neither in a published run.
        String extra = System.getenv().getOrDefault("BENCH_KARAF_JAVA_OPTS", "");
        if (System.getenv("BENCH_JFR") != null) {
            extra = "-XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints " + extra;
        }
        if (!extra.isBlank()) {
            pb.environment().put("EXTRA_JAVA_OPTS", extra.strip());
        }
        process = pb.start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        Path pidFile = home.resolve("karaf.pid");
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (Files.exists(pidFile)) {
                String s = Files.readString(pidFile).strip();
                if (!s.isEmpty()) {
                    pid = Long.parseLong(s);
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new IOException("Karaf did not start (see " + home.resolve("karaf.out") + ")");
    }

    /** The Karaf JVM, the process whose CPU, heap and RSS are the cache manager's. */
    long pid() {
        return pid;
    }

    /**
     * Waits until the console answers and every sync feature is in the state the sync mask wants
     * (as the integration tests do).
     */
    void awaitReady(long timeoutSeconds) throws Exception {
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                JsonNode f = JSON.readTree(console("show sync-features --json"));
                boolean settled = f.path("uses_fpm_configuration").asBoolean();
                for (JsonNode feature : f.path("features")) {
                    // no reason, or not wanted (tap-pattern is not in the default mask)
                    settled &= feature.path("reason").isNull() || feature.path("reason").asText().startsWith("not requested");
                }
                if (settled) {
                    management();
                    return;
                }
                last = f.toString();
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            if (!process.isAlive()) {
                throw new IOException("Karaf exited (see " + home.resolve("karaf.out") + ")");
            }
            Thread.sleep(200);
        }
        throw new IOException("cmgrd did not come up within " + timeoutSeconds + " s: " + last);
    }

    /** One command on cmgrd's console socket (what {@code daemonctl cmgrd ...} sends); its output. */
    String console(String line) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(console));
            ch.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(65536);
            while (ch.read(buf) >= 0) {
                out.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            String reply = out.toString(StandardCharsets.UTF_8);
            int end = reply.lastIndexOf('\0');
            if (end < 0) {
                throw new IOException("console closed without an answer to " + line);
            }
            if (!reply.substring(end + 1).strip().equals("0")) {
                throw new IOException(line + ": " + reply.substring(0, end).strip());
            }
            return reply.substring(0, end);
        }
    }

    /**
     * cmgrd's FPC send queue ({@code show queue --json}): {frames sent, of those written at once
     * without passing through the queue, times a producer blocked on a full queue, the most frames
     * ever waiting at once}.
     */
    long[] fpcQueue() throws IOException {
        JsonNode q = JSON.readTree(console("show queue --json"));
        return new long[] {q.path("sent").asLong(), q.path("directly").asLong(), q.path("has_blocked").asLong(),
            q.path("highest_in_queue").asLong()};
    }

    /**
     * Sums over the netlink sockets of one vrf ({@code show netlink --json}): {ENOBUFS, resyncs, of
     * those the refreshes (dumps that look for a silent kernel change, not an overflow's replay)}.
     */
    long[] netlinkTrouble(int vrfid) throws IOException {
        long enobufs = 0;
        long resyncs = 0;
        long refreshes = 0;
        for (JsonNode c : JSON.readTree(console("show netlink --json")).path("channels")) {
            if (c.path("vrfid").asInt(-1) == vrfid) {
                enobufs += c.path("enobufs").asLong();
                resyncs += c.path("resyncs").asLong();
                refreshes += c.path("refreshes").asLong();
            }
        }
        return new long[] {enobufs, resyncs, refreshes};
    }

    /** The receive buffers of the vrf's rtnetlink listening sockets as the kernel reports them, by socket. */
    String netlinkReceiveBuffers(int vrfid) throws IOException {
        StringBuilder b = new StringBuilder();
        for (JsonNode c : JSON.readTree(console("show netlink --json")).path("channels")) {
            String name = c.path("name").asText();
            if (c.path("vrfid").asInt(-1) == vrfid && name.startsWith("netlink-route-") && name.contains("-listen-")) {
                b.append(b.length() == 0 ? "" : ", ").append(name).append(String.format(java.util.Locale.ROOT,
                        " %,d bytes (grows to %,d)", c.path("receive_buffer_bytes").asLong(),
                        c.path("receive_buffer_max_bytes").asLong()));
            }
        }
        return b.toString();
    }

    /**
     * {resyncs, refreshes, messages received} of each netlink socket of one vrf, by name ({@code show netlink --json}):
     * on a listening socket the dumps an overflow asked for, on a command socket every dump it ran
     * (a refresh, a replay, a feature's periodic poll), so a sum over the vrf mixes them.
     */
    Map<String, long[]> netlinkDumps(int vrfid) throws IOException {
        Map<String, long[]> bySocket = new java.util.TreeMap<>();
        for (JsonNode c : JSON.readTree(console("show netlink --json")).path("channels")) {
            if (c.path("vrfid").asInt(-1) == vrfid) {
                bySocket.put(c.path("name").asText(), new long[] {c.path("resyncs").asLong(),
                        c.path("refreshes").asLong(), c.path("packets_received").asLong()});
            }
        }
        return bySocket;
    }

    /**
     * When cmgrd's netlink socket {@code name} of the vrf last received data ({@code show netlink --json}'s
     * last_receive_monotonic_nanos: cmgrd's System.nanoTime, CLOCK_MONOTONIC as this JVM's); 0 if it never did
     * or does not exist.
     */
    long lastReceiveMonotonicNanos(int vrfid, String name) throws IOException {
        for (JsonNode c : JSON.readTree(console("show netlink --json")).path("channels")) {
            if (c.path("vrfid").asInt(-1) == vrfid && c.path("name").asText().equals(name)) {
                return c.path("last_receive_monotonic_nanos").asLong();
            }
        }
        return 0;
    }

    /** The sockets whose dumps moved between two {@link #netlinkDumps}: "netlink-sock-diag-cmd-2 2 (2 refreshes, 10 messages)". */
    static String dumpsBetween(Map<String, long[]> before, Map<String, long[]> after) {
        List<String> moved = new ArrayList<>();
        after.forEach((name, now) -> {
            long[] was = before.getOrDefault(name, new long[3]);
            long dumps = now[0] - was[0];
            if (dumps != 0) {
                moved.add(name + " " + dumps + " (" + (now[1] - was[1]) + " refreshes, " + (now[2] - was[2])
                        + " messages)");
            }
        });
        return moved.isEmpty() ? "none" : String.join(", ", moved);
    }

    void signal(String sig) throws IOException, InterruptedException {
        Sh.run("kill", "-" + sig, Long.toString(pid));
    }

    /** SIGKILL to the JVM, as a crash would; returns once the process is gone. */
    void kill() throws IOException, InterruptedException {
        signal("KILL");
        process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** SIGTERM to the JVM (Karaf stops cleanly), then SIGKILL after 60 s. */
    void stop() {
        if (process == null) {
            return;
        }
        closeManagement();
        if (pid > 0) {
            Sh.tryRun("kill", "-CONT", Long.toString(pid));
            Sh.tryRun("kill", "-TERM", Long.toString(pid));
        }
        try {
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                if (pid > 0) {
                    Sh.tryRun("kill", "-KILL", Long.toString(pid));
                }
                process.destroyForcibly();
                process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
