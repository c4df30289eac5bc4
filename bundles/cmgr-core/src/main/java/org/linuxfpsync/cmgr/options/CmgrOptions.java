package org.linuxfpsync.cmgr.options;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.linuxfpsync.cmgr.spi.FeatureCatalog;

/**
 * The cache manager options of the linux-fp-sync manual, read from {@code CMGR_OPTIONS}, the
 * words given to cmgr.sh and the dedicated variables (DEBUG, HA, HA_IPSEC, BPF_OPT), and turned
 * into component settings with their sources. The words of cmgr.sh's command line, then the
 * dedicated variables, apply after CMGR_OPTIONS, as if appended to it: the last word wins, as
 * with getopt. Anything unknown or malformed is refused in one line naming it.
 *
 * <p>Two variables root the run-time paths elsewhere, so that a test (or a second installation)
 * does not collide with the installed service: {@code LINUX_FP_SYNC_RUN} (FPC sockets, default
 * {@code /run/linux-fp-sync}) and {@code DAEMONCTL_SOCKET_DIR} (console sockets, default
 * {@code /tmp}, where daemonctl looks for them too).
 */
public final class CmgrOptions {
    static final String SYNC = "org.linuxfpsync.cmgr.sync";
    static final String NETLINK = "org.linuxfpsync.netlink";
    static final String FPC = "org.linuxfpsync.fpc";
    static final String FPM = "org.linuxfpsync.fpm";
    static final String CONSOLE = "org.linuxfpsync.cmgr.console";
    static final String SHELL = "org.apache.karaf.shell";
    static final String JMX = "org.apache.karaf.management";
    static final String LOGGING = "org.ops4j.pax.logging";

    static final String RUN_DIR_VAR = "LINUX_FP_SYNC_RUN";
    static final String CONSOLE_DIR_VAR = "DAEMONCTL_SOCKET_DIR";
    static final String DEFAULT_RUN_DIR = "/run/linux-fp-sync";
    static final String DEFAULT_CONSOLE_DIR = "/tmp";
    /** sun_path holds 108 bytes, the last one a NUL. */
    private static final int MAX_SOCKET_PATH = 107;

    /** The netlink receive buffer we start with; -l bounds its growth (and it, when smaller). */
    static final long DEFAULT_RCVBUF = 32L << 20;

    /** What cmgr.sh does next. */
    public enum Action { RUN, HELP, BUILD_OPTIONS }

    /** The outcome of parsing. */
    public record Result(Action action, Integer instance, boolean foreground, List<Setting> settings) {
        /** {@code cmgrd} or {@code cmgrd<N>}: the manual's daemon name (syslog tag, console, daemonctl). */
        public String daemonName() {
            return CmgrOptions.daemonName(instance);
        }
    }

    private final Map<String, Setting> settings = new LinkedHashMap<>();
    private Action action = Action.RUN;
    private Integer instance;
    private String instanceSource;
    private boolean foreground;
    private Long syncMask;
    private String syncMaskSource;
    private long disabled;

    private CmgrOptions() {
    }

    /**
     * @param env the variables after /etc/cmgr.env was read; {@code CMGR_SOURCE_<VAR>} says where
     *            each came from ("environment" or "/etc/cmgr.env"), "environment" when absent
     */
    public static Result parse(Map<String, String> env) {
        return parse(env, List.of());
    }

    /**
     * @param commandLine the option words given to cmgr.sh, read as if appended to CMGR_OPTIONS
     */
    public static Result parse(Map<String, String> env, List<String> commandLine) {
        CmgrOptions o = new CmgrOptions();
        String optionsSource = source(env, "CMGR_OPTIONS");
        String options = env.getOrDefault("CMGR_OPTIONS", "").trim();
        List<String> words = options.isEmpty() ? new ArrayList<>() : new ArrayList<>(List.of(options.split("\\s+")));
        o.readOptions(words, "CMGR_OPTIONS", optionsSource);
        o.readOptions(commandLine, "command line", "command line");
        o.readDedicated(env);
        o.finishSyncMask();
        o.placeSockets(env);
        return new Result(o.action, o.instance, o.foreground, List.copyOf(o.settings.values()));
    }

    private static String source(Map<String, String> env, String var) {
        return env.getOrDefault("CMGR_SOURCE_" + var, "environment");
    }

    private void readOptions(List<String> words, String var, String source) {
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            String name = word;
            String inline = null;
            if (word.startsWith("--") && word.contains("=")) {
                name = word.substring(0, word.indexOf('='));
                inline = word.substring(word.indexOf('=') + 1);
            }
            if (name.startsWith("--disable-sync-")) {
                String feature = name.substring("--disable-sync-".length());
                FeatureCatalog.Row row = FeatureCatalog.row(feature);
                if (row == null || row.option == null || !row.option.equals(feature)) {
                    throw new OptionException(var + ": unknown option '" + word + "' (see cmgr.sh -h)");
                }
                disabled |= row.bit;
                syncMaskSource = source;
                continue;
            }
            switch (name) {
                case "-S":
                case "--sync-mask": {
                    String v = inline != null ? inline : value(words, ++i, var, name);
                    try {
                        syncMask = FeatureCatalog.parseMask(v);
                    } catch (IllegalArgumentException e) {
                        throw new OptionException(var + ": " + name + ": " + e.getMessage());
                    }
                    syncMaskSource = source;
                    break;
                }
                case "-A":
                case "--sync-bpf-all":
                    put(SYNC, "bpfAll", "true", source);
                    break;
                case "-R":
                case "--sync-ipsec-replay":
                    put(SYNC, "ipsecHa", "true", source);
                    break;
                case "-d":
                    debug(value(words, ++i, var, name), var + ": -d", source);
                    break;
                case "-F":
                    foreground = true;
                    break;
                case "-b":
                    put(FPC, "socketBufferBytes", Long.toString(
                            Sizes.parse(var + ": -b", value(words, ++i, var, name), 4L << 10, 1L << 30)), source);
                    break;
                case "-l": {
                    long max = Sizes.parse(var + ": -l", value(words, ++i, var, name), 64L << 10, (1L << 31) - 1);
                    put(NETLINK, "receiveBufferMaxBytes", Long.toString(max), source);
                    if (max < DEFAULT_RCVBUF) {
                        put(NETLINK, "receiveBufferBytes", Long.toString(max), source);
                    }
                    break;
                }
                case "-h":
                    action = Action.HELP;
                    break;
                case "-o":
                    action = Action.BUILD_OPTIONS;
                    break;
                case "-I":
                    instance(value(words, ++i, var, name), var, source);
                    break;
                default:
                    throw new OptionException(var + ": unknown option '" + word + "' (see cmgr.sh -h)");
            }
        }
    }

    private void readDedicated(Map<String, String> env) {
        String debug = env.get("DEBUG");
        if (debug != null && !debug.isBlank()) {
            debug(debug.trim(), "DEBUG", source(env, "DEBUG"));
        }
        if (bool(env, "HA_IPSEC")) {
            put(SYNC, "ipsecHa", "true", source(env, "HA_IPSEC"));
        }
        if (bool(env, "BPF_OPT")) {
            put(SYNC, "bpfAll", "true", source(env, "BPF_OPT"));
        }
        // HA: the manual's high-availability mode. Replay between graceful-restart markers is what
        // linux-fp-sync always does, so HA is checked for a sane value and changes nothing.
        bool(env, "HA");
    }

    private static boolean bool(Map<String, String> env, String var) {
        String v = env.get(var);
        if (v == null || v.isBlank()) {
            return false;
        }
        switch (v.trim()) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new OptionException(var + ": '" + v + "' is not true or false");
        }
    }

    private void debug(String text, String what, String source) {
        long mask;
        try {
            mask = text.startsWith("0x") || text.startsWith("0X") ? Long.parseLong(text.substring(2), 16)
                    : Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new OptionException(what + ": '" + text + "' is not a debug mask (e.g. 0x1)");
        }
        if (mask < 0 || mask > 0xffffffffL) {
            throw new OptionException(what + ": " + text + " is out of range 0..0xffffffff");
        }
        // Decimal: the transport's debugMask is an int property, which SCR will not read in hex.
        put(NETLINK, "debugMask", Long.toString((int) mask), source);
        // The per-message lines the mask selects are DEBUG lines: let them through for our code only.
        if (mask != 0) {
            put(LOGGING, "log4j2.logger.linuxfpsync.name", "org.linuxfpsync", null);
            put(LOGGING, "log4j2.logger.linuxfpsync.level", "DEBUG", null);
        } else {
            settings.remove(LOGGING + "/log4j2.logger.linuxfpsync.name");
            settings.remove(LOGGING + "/log4j2.logger.linuxfpsync.level");
        }
    }

    private void instance(String text, String var, String source) {
        int id;
        try {
            id = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new OptionException(var + ": -I: '" + text + "' is not an instance number (0..255)");
        }
        if (id < 0 || id > 255) {
            throw new OptionException(var + ": -I: " + id + " is out of range 0..255");
        }
        instance = id;
        instanceSource = source + " (-I " + id + ")";
        String src = instanceSource;
        put(FPC, "instanceId", Integer.toString(id), src);
        // Each instance has its own FPM endpoint and its own console ports (the sockets are
        // placed by placeSockets), so several instances can run side by side.
        put(SHELL, "sshPort", Integer.toString(8101 + 1 + id), src);
        put(JMX, "rmiRegistryPort", Integer.toString(1099 + 1 + id), src);
        put(JMX, "rmiServerPort", Integer.toString(44444 + 1 + id), src);
    }

    /**
     * The manual: "the console is at /tmp/.cmgrd<val>"; FPC endpoint fpc-<val>.sock in the run
     * directory. Without -I and without a rooting variable, the shipped defaults stand.
     */
    private void placeSockets(Map<String, String> env) {
        String runDir = directory(env, RUN_DIR_VAR);
        String consoleDir = directory(env, CONSOLE_DIR_VAR);
        if (instance != null || consoleDir != null) {
            String path = (consoleDir == null ? DEFAULT_CONSOLE_DIR : consoleDir) + "/." + daemonName(instance);
            put(CONSOLE, "path", socketPath(path, CONSOLE_DIR_VAR),
                    instance != null ? instanceSource : "environment (" + CONSOLE_DIR_VAR + ")");
        }
        if (instance != null || runDir != null) {
            String path = (runDir == null ? DEFAULT_RUN_DIR : runDir) + "/fpc-" + (instance == null ? 0 : instance) + ".sock";
            String src = instance != null ? instanceSource : "environment (" + RUN_DIR_VAR + ")";
            put(FPC, "endpoint", "unix:" + socketPath(path, RUN_DIR_VAR), src);
            put(FPM, "endpoint", "unix:" + socketPath(path, RUN_DIR_VAR), src);
        }
    }

    /** The directory a variable names, or null when unset; plain characters only (it ends up in .cfg files). */
    private static String directory(Map<String, String> env, String var) {
        String dir = env.get(var);
        if (dir == null || dir.isEmpty()) {
            return null;
        }
        if (!dir.matches("/[A-Za-z0-9._/\\-]*")) {
            throw new OptionException(var + ": '" + dir + "' is not an absolute path of letters, digits and . _ / -");
        }
        return dir.length() > 1 && dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
    }

    private static String socketPath(String path, String var) {
        if (path.length() > MAX_SOCKET_PATH) {
            throw new OptionException(var + ": socket path " + path + " is longer than " + MAX_SOCKET_PATH + " bytes");
        }
        return path;
    }

    private static String daemonName(Integer instance) {
        return instance == null ? "cmgrd" : "cmgrd" + instance;
    }

    private void finishSyncMask() {
        if (syncMask == null && disabled == 0) {
            return;
        }
        long mask = (syncMask == null ? FeatureCatalog.DEFAULT : syncMask) & ~disabled;
        put(SYNC, "syncMask", String.format("0x%x", FeatureCatalog.closeUnderParents(mask)), syncMaskSource);
    }

    private static String value(List<String> words, int i, String var, String option) {
        if (i >= words.size() || words.get(i).startsWith("-") && !words.get(i).matches("-?\\d+")) {
            throw new OptionException(var + ": option " + option + " needs a value (see cmgr.sh -h)");
        }
        return words.get(i);
    }

    private void put(String pid, String key, String value, String source) {
        settings.put(pid + "/" + key, new Setting(pid, key, value, source));
    }

    /** The full option list, for {@code cmgr.sh -h}. */
    public static String help() {
        StringBuilder sb = new StringBuilder();
        sb.append("Usage: cmgr.sh [start|stop|status|--dry-run] [options]\n");
        sb.append("  options come from CMGR_OPTIONS (/etc/cmgr.env or the environment), then from the command line\n\n");
        sb.append("Parameters to disable the synchronization per feature (default: every feature the FPM supports,"
                + " but tap pattern only):\n");
        for (FeatureCatalog.Row r : FeatureCatalog.ROWS) {
            if (r.option != null) {
                sb.append(String.format("  --disable-sync-%-12s disable the synchronization of %s%s%n", r.option, r.manualLabel,
                        r.parent == null ? "" : " (needs " + r.parent + ")"));
            }
        }
        sb.append("  -S, --sync-mask <mask>      the features to synchronize, flags of this table:\n");
        for (FeatureCatalog.Row r : FeatureCatalog.ROWS) {
            sb.append(String.format("        %-18s 0x%08x%n", r.manualLabel, r.bit));
        }
        sb.append("\nParameters to enable feature options:\n");
        sb.append("  -A, --sync-bpf-all          synchronize BPF for any application (BPF_OPT=true)\n");
        sb.append("  -R, --sync-ipsec-replay     synchronize IPsec replay information for IPsec HA (HA_IPSEC=true)\n");
        sb.append("\nParameters for debug purpose:\n");
        sb.append("  -d <mask>                   debug mask (DEBUG=<mask>)\n");
        sb.append("  -F                          foreground\n");
        sb.append("  -b <val>                    FPC socket buffer size (default 2M)\n");
        sb.append("  -l <val>                    netlink socket buffer size bound (default 64M)\n");
        sb.append("  -h                          display the full list of options\n");
        sb.append("  -o                          display compilation options and exit\n");
        sb.append("  -I <val>                    instance id: logs as cmgrd<val>, console /tmp/.cmgrd<val>\n");
        sb.append("\nEnvironment:\n");
        sb.append("  LINUX_FP_SYNC_RUN           directory of the FPC sockets and locks (default /run/linux-fp-sync)\n");
        sb.append("  DAEMONCTL_SOCKET_DIR        directory of the console sockets (default /tmp; daemonctl reads it too)\n");
        return sb.toString();
    }
}
