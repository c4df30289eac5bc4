package org.linuxfpsync.itests;

import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.when;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import javax.inject.Inject;

import org.junit.Before;

import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.linuxfpsync.comparison.KernelL2Comparison;
import org.linuxfpsync.comparison.KernelL3Comparison;
import org.linuxfpsync.comparison.KernelLinkComparison;

/**
 * Boots the built distribution and drives it the way an operator does: console commands and
 * configuration. The probe imports none of our packages, so uninstalling our features cannot
 * refresh the test itself.
 */
public abstract class ContainerTestSupport {
    /** The promise: a kernel change is in the FPM within a second. */
    protected static final long SYNC_DEADLINE_MILLIS = 1000;
    protected static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    protected SessionFactory sessionFactory;

    @Inject
    protected ConfigurationAdmin configurationAdmin;

    @Inject
    protected BundleContext bundleContext;

    /** The system bundle's context: valid whatever an uninstall of the product refreshes. */
    private BundleContext systemContext;

    protected static Option[] distribution() {
        String archive = System.getProperty("distribution.archive");
        String repo = System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository");
        // Sockets of the test's own, under its own directories: an installed service or a Karaf
        // started from the README may be running beside it.
        String consoleDir = tempDirectory("cmgr-it-console");
        String fpcSocket = tempDirectory("cmgr-it-run") + "/fpc-0.sock";
        return new Option[] {
            karafDistributionConfiguration().frameworkUrl(new File(archive).toURI().toString())
                    .karafVersion("4.4.10").name("linux-fp-sync").unpackDirectory(new File("target/exam"))
                    .useDeployFolder(false),
            configureConsole().ignoreLocalConsole(),
            logLevel(LogLevel.INFO),
            // -Dit.keep=true keeps target/exam/<uuid> (data/log/karaf.log) for a post-mortem.
            when(Boolean.getBoolean("it.keep")).useOptions(keepRuntimeFolder()),
            systemProperty("pax.exam.osgi.unresolved.fail").value("true"),
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository", repo),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", freePort()),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", freePort()),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", freePort()),
            editConfigurationFilePut("etc/org.linuxfpsync.fpc.cfg", "endpoint", "unix:" + fpcSocket),
            editConfigurationFilePut("etc/org.linuxfpsync.cmgr.console.cfg", "path", consoleDir + "/.cmgrd"),
            systemProperty(CONSOLE_DIR_PROPERTY).value(consoleDir),
            editConfigurationFilePut("etc/org.linuxfpsync.fpm.cfg", "endpoint", "unix:" + fpcSocket),
            // The product polls deploy/ once a minute; with that, each test class took 64 s instead of ~18 s
            // (the container's start waits on it), so the tests poll it every second, as Karaf does by default.
            editConfigurationFilePut("etc/org.apache.felix.fileinstall-deploy.cfg", "felix.fileinstall.poll", "1000"),
        };
    }

    /** Where the test's console socket is: daemonctl finds it through DAEMONCTL_SOCKET_DIR. */
    protected static final String CONSOLE_DIR_PROPERTY = "cmgr.it.consoleDir";

    /** Mode 0700, as the FPC socket's directory must not be world-writable. */
    private static String tempDirectory(String prefix) {
        try {
            return java.nio.file.Files.createTempDirectory(prefix).toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return Integer.toString(s.getLocalPort());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until the product is up: the console answers, an FPM session is up, and every sync
     * feature bundle is in the state the mask wants (the reconciler starts them after boot).
     */
    @Before
    public void waitForTheProduct() throws Exception {
        systemContext = bundleContext.getBundle(0).getBundleContext();
        long deadline = System.nanoTime() + 120_000_000_000L;
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                JsonNode features = JSON.readTree(console("cmgrd:show sync-features --json"));
                boolean settled = features.path("uses_fpm_configuration").asBoolean();
                for (JsonNode f : features.path("features")) {
                    String status = f.path("status").asText();
                    // in the state the mask wants: no reason, or not wanted (tap-pattern is not in the default mask)
                    settled &= (f.path("reason").isNull() || f.path("reason").asText().startsWith("not requested"))
                            && !status.equals("starting") && !status.equals("stopping");
                }
                if (settled) {
                    return;
                }
                last = features.toString();
            } catch (Exception notYet) {
                last = notYet.toString();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the product did not come up within 120 s: " + last);
    }

    /** Runs one console line and returns what it printed; a failing command throws. */
    protected String console(String line) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = sessionFactory.create(new ByteArrayInputStream(new byte[0]), out, out);
        try {
            session.execute(line);
        } finally {
            out.flush();
            session.close();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The cache manager's configuration: its {@code vrfs}, numbered by {@code revision} (docs/console.md). */
    private static final String CMGR_PID = "org.linuxfpsync.cmgr";
    /** How long {@link #followVrfs} waits for the cache manager to follow what was asked. */
    private static final long FOLLOW_MILLIS = 60_000;

    /**
     * Sets the namespaces the cache manager follows ({@code vrfs} of {@code org.linuxfpsync.cmgr},
     * e.g. {@code "1:cmgr-test-ab12cd34, 2:cmgr-test-ef56"}) under a revision above the stored and the
     * applied one, as every writer must (an older one is a stale echo cmgrd refuses), and returns once
     * {@code cmgrd:show vrfs} shows that revision applied and exactly those vrfs synced. Tests set
     * {@code "0"} before deleting their namespaces: the cache manager's sockets would keep a followed
     * namespace alive.
     */
    protected void followVrfs(String vrfs) throws Exception {
        long deadline = System.nanoTime() + FOLLOW_MILLIS * 1_000_000L;
        org.osgi.service.cm.Configuration c = configurationAdmin.getConfiguration(CMGR_PID, "?");
        Dictionary<String, Object> props = c.getProperties() != null ? c.getProperties() : new Hashtable<>();
        long applied = showVrfs(deadline).path("configuration").path("revision").asLong();
        long revision = Math.max(applied, revisionOf(props.get("revision"))) + 1;
        props.put("vrfs", vrfs);
        props.put("revision", Long.toString(revision));
        c.update(props);

        List<String> wanted = new ArrayList<>();
        for (String entry : vrfs.split(",")) {
            String e = entry.trim();
            wanted.add(e.contains(":") ? e : e + ":");
        }
        while (true) {
            JsonNode shown = showVrfs(deadline);
            List<String> synced = new ArrayList<>();
            for (JsonNode v : shown.path("vrfs")) {
                if (v.path("synced").asBoolean()) {
                    synced.add(v.path("vrfid").asInt() + ":" + v.path("netns").asText());
                }
            }
            if (shown.path("configuration").path("revision").asLong() >= revision && synced.size() == wanted.size()
                    && synced.containsAll(wanted)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("vrfs '" + vrfs + "' (revision " + revision + ") not followed within "
                        + FOLLOW_MILLIS + " ms: " + followedVrfs());
            }
            Thread.sleep(50);
        }
    }

    /** {@code cmgrd:show vrfs --json}, waiting for the command while the product (re)starts. */
    private JsonNode showVrfs(long deadline) throws Exception {
        return consoleJson("cmgrd:show vrfs --json", deadline);
    }

    /**
     * A console command's JSON output, retried until {@code deadline} (System.nanoTime) while the command
     * is not registered yet: a (re)started bundle registers its commands shortly after it starts.
     */
    protected JsonNode consoleJson(String command, long deadline) throws Exception {
        while (true) {
            try {
                return JSON.readTree(console(command));
            } catch (Exception notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
            }
            Thread.sleep(100);
        }
    }

    /**
     * What the cache manager follows ({@code cmgrd:show vrfs --json}) and what its configuration holds
     * now, for failure messages: a vrf missing from the FPM may be a configuration that changed.
     */
    protected String followedVrfs() {
        StringBuilder sb = new StringBuilder("cmgrd:show vrfs: ");
        try {
            sb.append(JSON.readTree(console("cmgrd:show vrfs --json")));
        } catch (Exception e) {
            sb.append(e);
        }
        try {
            Dictionary<String, Object> props = configurationAdmin.getConfiguration(CMGR_PID, "?").getProperties();
            sb.append("; configuration ").append(CMGR_PID).append(": ").append(props == null ? "none"
                    : "vrfs = " + props.get("vrfs") + ", revision = " + props.get("revision"));
        } catch (Exception e) {
            sb.append("; configuration ").append(CMGR_PID).append(" unreadable: ").append(e);
        }
        return sb.toString();
    }

    private static long revisionOf(Object value) {
        try {
            return value == null ? 0 : Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The row of that feature in {@code cmgrd:show sync-features --json}; the test fails without it. */
    protected JsonNode feature(String name) throws Exception {
        for (JsonNode f : JSON.readTree(console("cmgrd:show sync-features --json")).path("features")) {
            if (name.equals(f.path("name").asText())) {
                return f;
            }
        }
        throw new AssertionError("no feature " + name);
    }

    /** The installed bundle of that symbolic name, if any. */
    protected Optional<Bundle> installedBundle(String symbolicName) {
        return Arrays.stream(systemContext.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName()))
                .findFirst();
    }

    /** The installed bundle of that symbolic name; the test fails without it. */
    protected Bundle bundle(String symbolicName) {
        return installedBundle(symbolicName).orElseThrow(() -> new AssertionError("no bundle " + symbolicName));
    }

    /**
     * Releases the test's namespaces from the cache manager (it follows the cache manager's own
     * namespace again), then deletes each of them, the others too when one deletion fails; a
     * namespace already gone is skipped.
     */
    protected void releaseAndDelete(TestNamespace... namespaces) throws Exception {
        Exception first = null;
        try {
            followVrfs("0");
        } catch (Exception e) {
            first = e;
        }
        String existing = TestNamespace.run(List.of("ip", "netns", "list"));
        for (TestNamespace ns : namespaces) {
            try {
                if (existing.contains(ns.name)) {
                    ns.close();
                }
            } catch (Exception | AssertionError e) {
                if (first == null) {
                    first = e instanceof Exception ? (Exception) e : new Exception(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    protected JsonNode fpmDump() throws Exception {
        return JSON.readTree(console("fpm:dump --json"));
    }

    /** The FPM's links of one vrf, or an empty array. */
    protected static JsonNode links(JsonNode dump, int vrfid) {
        for (JsonNode vrf : dump.path("vrfs")) {
            if (vrf.path("vrfid").asInt(-1) == vrfid) {
                return vrf.path("links");
            }
        }
        return JSON.createArrayNode();
    }

    protected static JsonNode link(JsonNode dump, int vrfid, String ifname) {
        for (JsonNode l : links(dump, vrfid)) {
            if (ifname.equals(l.path("ifname").asText())) {
                return l;
            }
        }
        return null;
    }

    /**
     * Waits until the FPM's links of {@code vrfid} equal the kernel's ({@code ip -j -d link show} in
     * the namespace), re-reading both on every poll. The kernel applies some changes late itself
     * (linkwatch delays carrier and operstate changes by up to a second), so the FPM's
     * {@code millis} count from the last change seen in the kernel, capped at 5 s more.
     */
    protected JsonNode awaitKernelLinks(TestNamespace ns, int vrfid, String what, long millis) throws Exception {
        long now = System.nanoTime();
        long deadline = now + millis * 1_000_000L;
        long cap = deadline + 5_000_000_000L;
        JsonNode previousKernel = null;
        while (true) {
            JsonNode kernel = JSON.readTree(ns.ip("-j", "-d", "link", "show"));
            if (previousKernel != null && !kernel.equals(previousKernel)) {
                deadline = Math.min(cap, System.nanoTime() + millis * 1_000_000L);
            }
            previousKernel = kernel;
            JsonNode dump = fpmDump();
            List<String> diffs = KernelLinkComparison.differences(kernel, links(dump, vrfid));
            if (diffs.isEmpty()) {
                return dump;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": the FPM still differs from the kernel " + millis
                        + " ms after the kernel's last change: " + diffs + "\n" + followedVrfs() + "\nlast dump: "
                        + JSON.writerWithDefaultPrettyPrinter().writeValueAsString(dump));
            }
            Thread.sleep(10);
        }
    }

    /**
     * Polls until the FPM's objects of each vrf equal the kernel's view of its namespace
     * ({@link KernelL3Comparison}: links, addresses, routes, neighbours, rules), re-reading both on
     * every poll. The kernel keeps changing after the commands (DAD, neighbour timers, carrier), so
     * the FPM has {@code settleMillis} from the kernel's last change, at most a minute in all.
     *
     * @param ipv6    whether IPv6 is synced: without, the FPM must hold no IPv6 object
     * @param context what the test did, for the failure message (the manual, the last operations)
     * @return milliseconds until equal
     */
    protected long awaitKernelL3(Map<Integer, TestNamespace> vrfs, boolean ipv6, long settleMillis,
                                 Supplier<String> context) throws Exception {
        return awaitKernel(vrfs, ipv6, false, settleMillis, context);
    }

    /**
     * {@link #awaitKernelL3}, and with {@code l2} the L2 objects of each vrf too
     * ({@link KernelL2Comparison}: bridge, vxlan and macvlan parameters, bridge ports, FDB, bridge
     * VLANs), read in the same poll.
     */
    protected long awaitKernel(Map<Integer, TestNamespace> vrfs, boolean ipv6, boolean l2, long settleMillis,
                               Supplier<String> context) throws Exception {
        long begin = System.nanoTime();
        long cap = begin + 60_000_000_000L;
        long deadline = begin + settleMillis * 1_000_000L;
        String previous = null;
        while (true) {
            StringBuilder now = new StringBuilder();
            List<KernelL3Comparison.KernelView> views = new ArrayList<>();
            List<KernelL2Comparison.KernelView> l2Views = new ArrayList<>();
            for (TestNamespace ns : vrfs.values()) {
                KernelL3Comparison.KernelView view = KernelL3Comparison.KernelView.of(ns);
                views.add(view);
                now.append(view);
                if (l2) {
                    KernelL2Comparison.KernelView l2View = KernelL2Comparison.KernelView.of(ns, view.links());
                    l2Views.add(l2View);
                    now.append(l2View.fdb()).append(l2View.vlans());
                }
            }
            if (previous != null && !now.toString().equals(previous)) {
                deadline = Math.min(cap, System.nanoTime() + settleMillis * 1_000_000L);
            }
            previous = now.toString();
            JsonNode dump = fpmDump();
            List<String> diffs = new ArrayList<>();
            int i = 0;
            for (int vrfid : vrfs.keySet()) {
                JsonNode fpmVrf = KernelL3Comparison.vrf(dump, vrfid);
                diffs.addAll(KernelL3Comparison.differences(vrfid, views.get(i), fpmVrf, ipv6));
                if (l2) {
                    for (String d : KernelL2Comparison.differences(l2Views.get(i), fpmVrf)) {
                        diffs.add("vrf " + vrfid + " " + d);
                    }
                }
                i++;
            }
            if (diffs.isEmpty()) {
                return (System.nanoTime() - begin) / 1_000_000;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(context.get() + ": the FPM differs from the kernel " + settleMillis
                        + " ms after the kernel's last change:\n  " + String.join("\n  ",
                        diffs.subList(0, Math.min(60, diffs.size())))
                        + (diffs.size() > 60 ? "\n  ... " + (diffs.size() - 60) + " more" : "")
                        + "\n" + followedVrfs());
            }
            Thread.sleep(50);
        }
    }
}
