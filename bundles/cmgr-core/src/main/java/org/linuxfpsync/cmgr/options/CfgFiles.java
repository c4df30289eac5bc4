package org.linuxfpsync.cmgr.options;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes the settings of cmgr.sh into an instance's {@code etc/<pid>.cfg}, each with a
 * {@code <key>.source} line that {@code show conf} reports. Every key cmgr.sh manages is
 * rewritten at each start: an option removed from /etc/cmgr.env falls back to its default
 * instead of lingering from an earlier start. Other lines (comments, other keys) stay.
 */
public final class CfgFiles {
    /** Every key the options can set, per configuration PID. */
    static final Map<String, Set<String>> MANAGED = Map.of(
            CmgrOptions.SYNC, Set.of("syncMask", "ipsecHa", "bpfAll"),
            CmgrOptions.NETLINK, Set.of("debugMask", "receiveBufferBytes", "receiveBufferMaxBytes"),
            CmgrOptions.FPC, Set.of("socketBufferBytes", "instanceId", "endpoint"),
            CmgrOptions.FPM, Set.of("endpoint"),
            CmgrOptions.CONSOLE, Set.of("path"),
            CmgrOptions.SHELL, Set.of("sshPort"),
            CmgrOptions.JMX, Set.of("rmiRegistryPort", "rmiServerPort"),
            CmgrOptions.LOGGING, Set.of("log4j2.logger.linuxfpsync.name", "log4j2.logger.linuxfpsync.level"));

    private CfgFiles() {
    }

    /** Creates {@code instanceDir/etc} from the distribution's {@code etc} on first start. */
    public static void ensureInstance(Path home, Path instanceDir) throws IOException {
        Path etc = instanceDir.resolve("etc");
        if (Files.isDirectory(etc)) {
            return;
        }
        Path template = home.resolve("etc");
        Path tmp = instanceDir.resolve("etc.new");
        try (Stream<Path> files = Files.walk(template)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = tmp.resolve(template.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Files.move(tmp, etc, StandardCopyOption.ATOMIC_MOVE);
    }

    public static void apply(Path etc, List<Setting> settings) throws IOException {
        Map<String, List<Setting>> byPid = new LinkedHashMap<>();
        MANAGED.keySet().forEach(pid -> byPid.put(pid, new ArrayList<>()));
        settings.forEach(s -> byPid.get(s.pid()).add(s));
        for (Map.Entry<String, List<Setting>> e : byPid.entrySet()) {
            rewrite(etc.resolve(e.getKey() + ".cfg"), MANAGED.get(e.getKey()), e.getValue());
        }
    }

    private static void rewrite(Path file, Set<String> managed, List<Setting> settings) throws IOException {
        List<String> lines = Files.exists(file) ? new ArrayList<>(Files.readAllLines(file)) : new ArrayList<>();
        lines.removeIf(line -> {
            String key = keyOf(line);
            return key != null && (managed.contains(key) || key.endsWith(".source")
                    && managed.contains(key.substring(0, key.length() - ".source".length())));
        });
        lines.removeIf(line -> line.equals(MARKER));
        if (!settings.isEmpty()) {
            lines.add(MARKER);
            for (Setting s : settings) {
                lines.add(s.key() + " = " + s.value());
                if (s.source() != null) {
                    lines.add(s.key() + ".source = " + s.source());
                }
            }
        }
        if (lines.isEmpty() && !Files.exists(file)) {
            return;
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, lines);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static final String MARKER = "# Set by cmgr.sh at start from /etc/cmgr.env and the environment (see 'show conf'):";

    private static String keyOf(String line) {
        String t = line.trim();
        if (t.isEmpty() || t.startsWith("#") || t.startsWith("!")) {
            return null;
        }
        int eq = t.indexOf('=');
        return (eq < 0 ? t : t.substring(0, eq)).trim();
    }
}
