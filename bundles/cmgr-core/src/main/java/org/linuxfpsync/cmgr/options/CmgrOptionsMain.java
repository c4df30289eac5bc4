package org.linuxfpsync.cmgr.options;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.linuxfpsync.cmgr.spi.FeatureCatalog;

/**
 * Run by cmgr.sh before Karaf starts (plain {@code java -cp cmgr-core.jar}): validates the
 * options, prepares the instance directory and writes its settings; or prints {@code -h} /
 * {@code -o}. Exit status: 0 start, 10 help printed, 11 build options printed, 1 refused (one
 * line on stderr, so the journal shows what to fix and the service does not start).
 *
 * <pre>
 * CmgrOptionsMain --home KARAF_HOME --state STATE_DIR [--dry-run] [-- OPTION_WORD...]
 * </pre>
 * The words after {@code --} are those given to cmgr.sh: read as if appended to CMGR_OPTIONS.
 * On success it prints shell assignments for cmgr.sh: CMGR_DAEMON, CMGR_INSTANCE_DIR,
 * CMGR_FOREGROUND (all validated: no quoting needed). {@code --dry-run} prints the settings as
 * JSON instead and writes nothing.
 */
public final class CmgrOptionsMain {
    static final int STATUS_HELP = 10;
    static final int STATUS_BUILD = 11;

    private CmgrOptionsMain() {
    }

    public static void main(String[] args) {
        Path home = null;
        Path state = null;
        boolean dryRun = false;
        List<String> words = List.of();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--home": home = Path.of(args[++i]); break;
                case "--state": state = Path.of(args[++i]); break;
                case "--dry-run": dryRun = true; break;
                case "--":
                    words = List.of(args).subList(i + 1, args.length);
                    i = args.length;
                    break;
                default:
                    System.err.println("CmgrOptionsMain: unknown argument " + args[i]);
                    System.exit(1);
            }
        }
        try {
            System.exit(run(home, state, dryRun, words));
        } catch (OptionException e) {
            System.err.println("cmgr.sh: " + e.getMessage());
            System.exit(1);
        } catch (IOException e) {
            System.err.println("cmgr.sh: cannot prepare the instance: " + e.getMessage());
            System.exit(1);
        }
    }

    static int run(Path home, Path state, boolean dryRun, List<String> words) throws IOException {
        CmgrOptions.Result r = CmgrOptions.parse(System.getenv(), words);
        switch (r.action()) {
            case HELP:
                System.out.print(CmgrOptions.help());
                return STATUS_HELP;
            case BUILD_OPTIONS:
                System.out.print(buildOptions(home));
                return STATUS_BUILD;
            default:
                break;
        }
        if (dryRun) {
            System.out.println(json(r));
            return 0;
        }
        Path dir = state.resolve(r.daemonName());
        Files.createDirectories(dir);
        CfgFiles.ensureInstance(home, dir);
        CfgFiles.apply(dir.resolve("etc"), r.settings());
        System.out.println("CMGR_DAEMON=" + r.daemonName());
        System.out.println("CMGR_INSTANCE_DIR=" + dir);
        System.out.println("CMGR_FOREGROUND=" + (r.foreground() ? 1 : 0));
        return 0;
    }

    static String buildOptions(Path home) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("linux-fp-sync ").append(version()).append('\n');
        sb.append("java ").append(System.getProperty("java.version")).append(" (").append(System.getProperty("java.vm.name"))
                .append(")\n");
        Path info = home == null ? null : home.resolve("etc/distribution.info");
        if (info != null && Files.exists(info)) {
            for (String line : Files.readAllLines(info)) {
                if (line.startsWith("karafVersion")) {
                    sb.append("karaf ").append(line.substring(line.indexOf('=') + 1).trim()).append('\n');
                }
            }
        }
        sb.append("FPC protocol version 1\n");
        sb.append("defaults: FPC socket buffer 2M (-b), netlink socket buffer 32M growing up to 64M (-l)\n");
        sb.append(String.format("sync features (-S), by default 0x%x: all but tap pattern only (0x%x, only with -S):%n",
                FeatureCatalog.DEFAULT, FeatureCatalog.ALL & ~FeatureCatalog.DEFAULT));
        for (FeatureCatalog.Row r : FeatureCatalog.ROWS) {
            sb.append(String.format("  %-12s 0x%08x%n", r.name, r.bit));
            if (FeatureCatalog.meaning(r.name) != null) {
                sb.append(String.format("  %-12s %s%n", "", FeatureCatalog.meaning(r.name)));
            }
        }
        return sb.toString();
    }

    /** The Bundle-Version of the jar this runs from (the product's version). */
    static String version() throws IOException {
        java.net.URL jar = CmgrOptionsMain.class.getProtectionDomain().getCodeSource().getLocation();
        if (jar == null || !jar.getPath().endsWith(".jar")) {
            return "(not run from a jar)";
        }
        try (java.util.jar.JarFile f = new java.util.jar.JarFile(jar.getPath())) {
            String v = f.getManifest().getMainAttributes().getValue("Bundle-Version");
            return v == null ? "(unknown version)" : v;
        }
    }

    static String json(CmgrOptions.Result r) {
        StringBuilder sb = new StringBuilder("{\"daemon\": ").append(quote(r.daemonName()))
                .append(", \"foreground\": ").append(r.foreground()).append(", \"settings\": {");
        List<Setting> settings = r.settings();
        for (int i = 0; i < settings.size(); i++) {
            Setting s = settings.get(i);
            sb.append(i == 0 ? "" : ", ").append(quote(s.pid() + "/" + s.key())).append(": {\"value\": ")
                    .append(quote(s.value())).append(", \"source\": ").append(quote(s.source())).append('}');
        }
        return sb.append("}}").toString();
    }

    private static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
