package org.linuxfpsync.itests;

import static org.junit.Assert.assertEquals;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Felix fileinstall's echo of {@code etc/org.linuxfpsync.cmgr.cfg}, which took vrfs 1 and 2 out of the FPM in
 * a CI run of KernelDifferentialIT: fileinstall writes every update of the configuration back to the file
 * on ConfigurationAdmin's event thread, and its watcher, polling {@code etc/} every second, re-applies the
 * file when it finds it changed before the write was recorded: an older revision when a newer update came
 * meanwhile, nothing at all when it read the file just truncated. Here the vrfs change every few
 * milliseconds for {@value #BURST_MILLIS} ms; whatever the watcher echoed meanwhile, the configuration
 * and what the cache manager follows must end at the last update. The output counts fileinstall's
 * re-applications and cmgrd's refusals (karaf.log).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConfigurationEchoIT extends ContainerTestSupport {
    private static final String PID = "org.linuxfpsync.cmgr";
    private static final int VRF = 1;
    private static final long BURST_MILLIS = 15_000;
    /**
     * felix.fileinstall.poll here (the distribution's is 1000, bench/run's 50): the watcher polls 20 times
     * as often, so as many echoes come in a short run as in a long CI suite.
     */
    private static final long POLL_MILLIS = 50;
    /** What fileinstall logs (INFO) each time its watcher updates a configuration from a file. */
    private static final String ECHO = "Updating configuration {" + PID + "} from ";
    /** What cmgrd logs (WARN) each time it refuses a stale revision of the configuration. */
    private static final String REFUSED = PID + ": configuration revision ";

    @Configuration
    public Option[] config() {
        return OptionUtils.combine(distribution(), editConfigurationFilePut("etc/config.properties",
                "felix.fileinstall.poll", Long.toString(POLL_MILLIS)));
    }

    @Test
    public void vrfsChangedFasterThanFileinstallWritesThemBackEndAtTheLastChange() throws Exception {
        TestNamespace ns = new TestNamespace();
        Throwable failed = null;
        try {
            ns.ip("link", "set", "lo", "up");
            org.osgi.service.cm.Configuration c = configurationAdmin.getConfiguration(PID, "?");
            long revision = revisionOf(c.getProperties()) + 1000; // above anything applied before
            long echoesBefore = count(ECHO);
            long refusedBefore = count(REFUSED);
            SplittableRandom random = new SplittableRandom(1);
            long end = System.nanoTime() + BURST_MILLIS * 1_000_000L;
            int updates = 0;
            while (System.nanoTime() < end) {
                Dictionary<String, Object> props = c.getProperties();
                props.put("vrfs", updates % 2 == 0 ? "0" : "0, " + VRF + ":" + ns.name);
                props.put("revision", Long.toString(++revision));
                c.update(props);
                updates++;
                // a few ms: fileinstall writes the file between updates (the event thread keeps up), and the
                // next update often lands between a write and the watcher's read of it
                Thread.sleep(random.nextInt(1, 5));
            }
            String last = VRF + ":" + ns.name;
            Dictionary<String, Object> props = c.getProperties();
            props.put("vrfs", last);
            props.put("revision", Long.toString(++revision));
            c.update(props);
            long lastRevision = revision;

            // fileinstall writes the last update to etc/, then its watcher polls it at least twice
            Path file = Path.of(URI.create(props.get("felix.fileinstall.filename").toString()));
            Pattern written = Pattern.compile("(?m)^revision\\s*=\\s*\"?" + lastRevision + "\"?$");
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!written.matcher(Files.readString(file)).find() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(20 * POLL_MILLIS);
            deadline = System.nanoTime() + 60_000_000_000L;

            String stored = "";
            TreeSet<Integer> followed = new TreeSet<>();
            while (System.nanoTime() < deadline) {
                Dictionary<String, Object> now = configurationAdmin.getConfiguration(PID, "?").getProperties();
                stored = "vrfs = " + now.get("vrfs") + ", revision = " + now.get("revision");
                followed.clear();
                for (JsonNode i : JSON.readTree(console("cmgrd:show interfaces --json")).path("interfaces")) {
                    followed.add(i.path("vrfid").asInt());
                }
                if (stored.equals("vrfs = " + last + ", revision = " + lastRevision) && followed.equals(
                        new TreeSet<>(List.of(VRF)))) {
                    break;
                }
                Thread.sleep(100);
            }
            long echoes = count(ECHO) - echoesBefore;
            long refused = count(REFUSED) - refusedBefore;
            String figures = (updates + 1) + " updates in " + BURST_MILLIS + " ms, fileinstall re-applied "
                    + file.getFileName() + " " + echoes + " times, cmgrd refused " + refused + " stale revisions";
            System.out.println("configuration echo: " + figures + "; " + followedVrfs());
            assertEquals(figures + "; the configuration; " + followedVrfs() + "; etc/: " + Files.readString(file),
                    "vrfs = " + last + ", revision = " + lastRevision, stored);
            assertEquals(figures + "; the vrfs whose interfaces cmgrd holds; " + followedVrfs(), "[" + VRF + "]",
                    followed.toString());
        } catch (Throwable t) {
            failed = t;
            throw t;
        } finally {
            try {
                releaseAndDelete(ns);
            } catch (Exception e) {
                if (failed == null) {
                    throw e;
                }
                failed.addSuppressed(e); // the test's own failure tells more
            }
        }
    }

    private static long revisionOf(Dictionary<String, Object> props) {
        Object r = props == null ? null : props.get("revision");
        try {
            return r == null ? 0 : Long.parseLong(r.toString().trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The lines of karaf.log so far that contain {@code what}. */
    private static long count(String what) throws Exception {
        Path log = Path.of(System.getProperty("karaf.log", System.getProperty("karaf.data") + "/log"), "karaf.log");
        if (!Files.exists(log)) {
            return 0;
        }
        try (var lines = Files.lines(log)) {
            return lines.filter(l -> l.contains(what)).count();
        }
    }
}
