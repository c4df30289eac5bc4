package org.linuxfpsync.cmgr.spi;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import org.linuxfpsync.cmgr.AppliedConfiguration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule for a configuration PID that cmgrd writes as well as reads ({@code org.linuxfpsync.cmgr.sync},
 * written by the console's {@code sync} and {@code ipsec ha} commands; {@code org.linuxfpsync.cmgr}, written
 * by whoever changes the vrfs): every writer raises {@value #KEY}, and a delivery whose revision is older
 * than the one applied is a stale echo, never applied.
 *
 * <p>Why echoes exist: Felix fileinstall writes every update back to {@code etc/<pid>.cfg} on the
 * ConfigurationAdmin event thread, and its watcher re-reads a file whose checksum it has not recorded yet
 * and updates the configuration when the file differs from it. A watcher poll that falls between the write
 * and the recording reads either that write (an older revision, when a newer update came meanwhile) or the
 * file just truncated (no revision at all), and updates the configuration back to it.
 *
 * <p>A delivery without any setting and of the revision applied is taken for the truncated file's echo too,
 * once a configuration with settings was applied: without revisions (nobody numbers
 * {@code org.linuxfpsync.cmgr} but the tests), that is the only echo that can be told. Going back to the
 * defaults is deleting the configuration (a delivery without it always applies, and revisions start
 * again), or emptying it under a raised revision.
 *
 * <p>A revision absent counts as 0: a file without the line (the distribution's, or one written by hand)
 * applies as long as cmgrd has applied no numbered revision; a hand edit of a file cmgrd has written must
 * keep (or raise) the {@code revision} line it finds there. The owner of the PID (the component that
 * writes it back, one per PID) logs one WARN per stale delivery and writes the newest configuration back,
 * so ConfigurationAdmin and {@code etc/} heal; the other readers ignore the delivery quietly. A revision
 * that is not a number is refused like any invalid setting: one ERROR, counted, nothing changed.
 */
public final class ConfigRevision {
    /** The property every writer raises. */
    public static final String KEY = "revision";
    private static final Logger LOG = LoggerFactory.getLogger(ConfigRevision.class);
    /** Where fileinstall records the file a configuration came from (it rewrites that file on update). */
    private static final String FILE_NAME = "felix.fileinstall.filename";
    /** Properties ConfigurationAdmin or Declarative Services add themselves: never written back. */
    private static final Set<String> NOT_WRITTEN_BACK = Set.of("service.pid", "service.factoryPid",
            "service.bundleLocation", "component.name", "component.id");

    /** Writes the newest configuration back, unless ConfigurationAdmin already holds as new a revision. */
    @FunctionalInterface
    public interface WriteBack {
        /** @return whether it wrote */
        boolean write(String pid, long revision, Dictionary<String, Object> newest) throws IOException;
    }

    private final String pid;
    /** Null for a reader that is not the PID's owner: it ignores stale deliveries, quietly. */
    private final WriteBack writeBack;
    private final AtomicLong staleDeliveries = new AtomicLong();
    private final AtomicLong invalidDeliveries = new AtomicLong();
    private long applied;
    private Map<String, Object> newest = Map.of();

    private ConfigRevision(String pid, WriteBack writeBack) {
        this.pid = pid;
        this.writeBack = writeBack;
    }

    /** For the one component that owns the PID: it warns about stale deliveries and heals them. */
    public static ConfigRevision owner(String pid, WriteBack writeBack) {
        return new ConfigRevision(pid, writeBack);
    }

    /** For another component reading the PID: stale deliveries are ignored without a word. */
    public static ConfigRevision reader(String pid) {
        return new ConfigRevision(pid, null);
    }

    /** Writes through ConfigurationAdmin, only while it holds an older revision than {@code revision}. */
    public static WriteBack through(ConfigurationAdmin configAdmin) {
        return (pid, revision, newest) -> {
            Configuration c = configAdmin.getConfiguration(pid, "?");
            Dictionary<String, Object> current = c.getProperties();
            if (current != null && revisionOrMinusOne(current.get(KEY)) >= revision) {
                return false; // healed already, or a newer update is on its way to us
            }
            return c.updateIfDifferent(newest);
        };
    }

    /**
     * The first configuration (activation): always applied, it is the one there is.
     *
     * @return false when its revision is not a number (logged and counted; applied as revision 0)
     */
    public synchronized boolean start(Map<String, ?> props) {
        long r = revisionOrMinusOne(props.get(KEY));
        if (r < 0) {
            invalid(props.get(KEY), "applied as revision 0");
        }
        applied = Math.max(0, r);
        newest = writable(props);
        return r >= 0;
    }

    /**
     * A later delivery (modified): whether to apply it. An older revision than the one applied is a
     * stale echo: not applied, and the owner warns and writes the newest configuration back.
     */
    public synchronized boolean admit(Map<String, ?> props) {
        if (!carriesTheConfiguration(props)) {
            // deleted (config:delete, the file removed): back to the defaults, and revisions start again
            applied = 0;
            newest = Map.of();
            return true;
        }
        long r = revisionOrMinusOne(props.get(KEY));
        if (r < 0) {
            invalid(props.get(KEY), "change refused, nothing changed");
            return false;
        }
        // The truncated file's echo has no setting at all: without revisions, only that tells it; a writer
        // that raised the revision meant it.
        boolean emptied = r == applied && settings(props).isEmpty() && !settings(newest).isEmpty();
        if (r >= applied && !emptied) {
            applied = r;
            newest = writable(props);
            return true;
        }
        if (writeBack == null) {
            LOG.debug("{}: stale delivery ignored (revision {}{}, revision {} applied)", pid, r,
                    emptied ? ", no setting" : "", applied);
            return false;
        }
        String healed;
        try {
            if (!writeBack.write(pid, applied, new Hashtable<>(newest))) {
                // ConfigAdmin's late delivery of an update our own newer write superseded: the store is right
                LOG.debug("{}: late delivery of revision {} ignored, revision {} applied and stored", pid, r, applied);
                return false;
            }
            healed = "written back";
        } catch (IOException | RuntimeException e) {
            healed = "could not be written back: " + e.getMessage();
        }
        staleDeliveries.incrementAndGet();
        if (r < applied) {
            LOG.warn("{}: configuration revision {} is older than revision {} applied: a stale echo (etc/{}.cfg re-read "
                    + "behind a newer update?), not applied: {} instead of {}; revision {} {}", pid, r, applied, pid,
                    differences(props, newest), differences(newest, props), applied, healed);
        } else {
            LOG.warn("{}: configuration without any setting: a stale echo (etc/{}.cfg read while being rewritten?), "
                    + "not applied instead of {}; revision {} {} (to go back to the defaults, delete the "
                    + "configuration or raise its revision)", pid, pid, differences(newest, props), applied, healed);
        }
        return false;
    }

    /** The revision a writer gives its update: above both the one applied and the one stored. */
    public synchronized long next(Dictionary<String, Object> stored) {
        long inStore = stored == null ? 0 : revisionOrMinusOne(stored.get(KEY));
        return Math.max(applied, inStore) + 1;
    }

    /** A writer applies its own update at once: its delivery, later, is then of the revision applied. */
    public synchronized void wrote(long revision, Dictionary<String, Object> props) {
        applied = revision;
        Map<String, Object> m = new TreeMap<>();
        for (var keys = props.keys(); keys.hasMoreElements(); ) {
            String k = keys.nextElement();
            m.put(k, props.get(k));
        }
        newest = writable(m);
    }

    /** What a writer builds its update on: the stored configuration, unless it holds a stale echo. */
    public synchronized Dictionary<String, Object> base(Dictionary<String, Object> stored) {
        if (stored == null || revisionOrMinusOne(stored.get(KEY)) < applied) {
            return new Hashtable<>(newest);
        }
        return stored;
    }

    public synchronized long applied() {
        return applied;
    }

    /** The revision applied, and the deliveries refused (the owner counts them; a reader does not). */
    public synchronized AppliedConfiguration state() {
        return new AppliedConfiguration(pid, applied, staleDeliveries.get(), invalidDeliveries.get());
    }

    private void invalid(Object value, String outcome) {
        if (writeBack == null) {
            LOG.debug("{}: {} = '{}' is not a non-negative number: {}", pid, KEY, value, outcome);
            return;
        }
        invalidDeliveries.incrementAndGet();
        LOG.error("{}: {} = '{}' is not a non-negative number: {}", pid, KEY, value, outcome);
    }

    /** A revision's value, or -1 when it is not a non-negative number; absent is 0. */
    private static long revisionOrMinusOne(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof Long || value instanceof Integer) {
            long n = ((Number) value).longValue();
            return n < 0 ? -1 : n;
        }
        try {
            long n = Long.parseLong(value.toString().trim());
            return n < 0 ? -1 : n;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Whether the delivery holds this PID's configuration: Declarative Services names the configurations it
     * merged in {@code service.pid}, one name or a list of them; without it, the configuration was deleted.
     */
    private boolean carriesTheConfiguration(Map<String, ?> props) {
        Object pids = props.get("service.pid");
        if (pids instanceof Collection<?> c) {
            return c.contains(pid);
        }
        if (pids instanceof String[] a) {
            return Arrays.asList(a).contains(pid);
        }
        return pid.equals(pids);
    }

    /** What a configuration sets: neither what ConfigurationAdmin, DS or fileinstall add, nor the revision. */
    private static Map<String, Object> settings(Map<String, ?> props) {
        Map<String, Object> m = writable(props);
        m.remove(FILE_NAME);
        m.remove(KEY);
        return m;
    }

    private static Map<String, Object> writable(Map<String, ?> props) {
        Map<String, Object> m = new TreeMap<>();
        props.forEach((k, v) -> {
            if (v != null && !NOT_WRITTEN_BACK.contains(k)) {
                m.put(k, v);
            }
        });
        return m;
    }

    /** The settings of {@code a} that {@code b} does not have as they are, for the WARN line. */
    private static Map<String, Object> differences(Map<String, ?> a, Map<String, ?> b) {
        Map<String, Object> d = new TreeMap<>();
        writable(a).forEach((k, v) -> {
            if (!v.equals(b.get(k)) && !k.equals(FILE_NAME)) {
                d.put(k, v);
            }
        });
        return d;
    }
}
