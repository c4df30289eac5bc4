package org.linuxfpsync.itests;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One smcroute daemon in a test namespace ({@code smcrouted -n -N -i <ident>}: in the foreground,
 * VIFs only for the {@code phyint}s of its configuration, its socket, pid and configuration files in a
 * directory of its own), driven by {@code smcroutectl}. It enables {@code mc_forwarding} by opening its
 * mroute sockets; stopping it closes them, and the kernel deletes every entry of its table.
 */
final class Smcroute implements AutoCloseable {
    private final TestNamespace ns;
    private final String ident;
    private final Path dir;
    private final Process daemon;

    /**
     * @param table the multicast routing table ({@code -t}), 0 for the default one
     * @param conf  the lines of smcroute.conf ({@code phyint in0 enable}, {@code mroute from …})
     */
    Smcroute(TestNamespace ns, String ident, int table, List<String> conf) throws IOException, InterruptedException {
        this.ns = ns;
        this.ident = ident;
        this.dir = Files.createTempDirectory("cmgr-smcroute-");
        Files.writeString(dir.resolve("smcroute.conf"), String.join("\n", conf) + "\n", StandardCharsets.UTF_8);
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns.name, "smcrouted", "-n", "-N", "-i", ident,
                "-f", dir.resolve("smcroute.conf").toString(), "-u", socket(), "-P", dir.resolve("pid").toString(),
                "-l", "info"));
        if (table != 0) {
            cmd.addAll(List.of("-t", Integer.toString(table)));
        }
        daemon = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!new File(socket()).exists()) {
            if (!daemon.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("smcrouted " + ident + " did not open its socket: " + log());
            }
            Thread.sleep(20);
        }
    }

    /** {@code smcroutectl add IIF SOURCE GROUP OIF...}: adds or replaces an (S,G) entry. */
    void add(String iif, String source, String group, String... oifs) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("add", iif, source, group));
        args.addAll(List.of(oifs));
        ctl(args);
    }

    /** {@code smcroutectl remove IIF SOURCE GROUP}. */
    void remove(String iif, String source, String group) throws IOException, InterruptedException {
        ctl(List.of("remove", iif, source, group));
    }

    private void ctl(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns.name, "smcroutectl", "-i", ident, "-u",
                socket()));
        cmd.addAll(args);
        TestNamespace.run(cmd);
    }

    String log() {
        try {
            return Files.readString(dir.resolve("log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private String socket() {
        return dir.resolve("sock").toString();
    }

    /** Stops the daemon (SIGTERM: it closes its mroute sockets) and removes its files. */
    @Override
    public void close() throws IOException, InterruptedException {
        daemon.destroy();
        if (!daemon.waitFor(10, TimeUnit.SECONDS)) {
            daemon.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(dir);
    }
}
