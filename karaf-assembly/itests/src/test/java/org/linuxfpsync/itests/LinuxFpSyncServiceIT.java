package org.linuxfpsync.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * linux-fp-sync.service as systemd runs it, on the built distribution: cmgr.sh's reading of
 * /etc/cmgr.env (the manual's precedence rules), option checking, the unit file, and a whole
 * start/stop (ExecStartPre, ExecStart, ExecStop, ExecStopPost) inside a test namespace. Every
 * path a run uses is under the test's own directory (LINUX_FP_SYNC_STATE, LINUX_FP_SYNC_RUN,
 * DAEMONCTL_SOCKET_DIR), so an installed service on the same machine is never touched.
 */
public class LinuxFpSyncServiceIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dist = Path.of(System.getProperty("distribution.dir"));
    private Path tmp;
    private Path console;

    /** The result of one script run. */
    private static final class Run {
        final int status;
        final String out;
        final String err;

        Run(int status, String out, String err) {
            this.status = status;
            this.out = out;
            this.err = err;
        }
    }

    @Before
    public void scratch() throws Exception {
        tmp = Files.createTempDirectory("cmgr-service-it");
        console = Files.createDirectory(tmp.resolve("console"));
    }

    @After
    public void clean() throws Exception {
        TestNamespace.run(List.of("rm", "-rf", tmp.toString()));
    }

    @Test
    public void theEnvironmentWinsOverDefaultingLinesAndPlainLinesWinOverTheEnvironment() throws Exception {
        Path env = write("cmgr.env", ": ${DEBUG:=0x1}\nCMGR_OPTIONS=\"--disable-sync-vxlan -b 4M\"\n: ${HA_IPSEC:=true}\n");
        JsonNode s = dryRun(env, Map.of("DEBUG", "0x4", "CMGR_OPTIONS", "-S 0x3")).path("settings");
        assertEquals("4", s.path("org.linuxfpsync.netlink/debugMask").path("value").asText());
        assertEquals("environment", s.path("org.linuxfpsync.netlink/debugMask").path("source").asText());
        assertEquals("0x1bffe", s.path("org.linuxfpsync.cmgr.sync/syncMask").path("value").asText());
        assertEquals(env.toString(), s.path("org.linuxfpsync.cmgr.sync/syncMask").path("source").asText());
        assertEquals("4194304", s.path("org.linuxfpsync.fpc/socketBufferBytes").path("value").asText());
        assertEquals(env.toString(), s.path("org.linuxfpsync.cmgr.sync/ipsecHa").path("source").asText());

        s = dryRun(env, Map.of()).path("settings");
        assertEquals("1", s.path("org.linuxfpsync.netlink/debugMask").path("value").asText());
        assertEquals(env.toString(), s.path("org.linuxfpsync.netlink/debugMask").path("source").asText());

        s = dryRun(write("empty.env", ""), Map.of("HA_IPSEC", "true")).path("settings");
        assertEquals("environment", s.path("org.linuxfpsync.cmgr.sync/ipsecHa").path("source").asText());
        assertTrue(dryRun(write("none.env", ""), Map.of()).path("settings").isEmpty());
    }

    @Test
    public void aBadOptionOrFileStopsTheStartWithOneLine() throws Exception {
        Run r = cmgr(write("bad.env", "CMGR_OPTIONS=\"--disable-sync-vxlan --frobnicate\"\n"), Map.of(), "start");
        assertEquals(1, r.status);
        assertEquals("cmgr.sh: CMGR_OPTIONS: unknown option '--frobnicate' (see cmgr.sh -h)\n", r.err);

        r = cmgr(write("syntax.env", "CMGR_OPTIONS=(\n"), Map.of(), "start");
        assertEquals(1, r.status);
        assertTrue(r.err, r.err.startsWith("cmgr.sh: ") && r.err.contains("shell syntax error") && r.err.lines().count() == 1);

        r = cmgr(write("ok.env", ""), Map.of("HA_IPSEC", "yes"), "start");
        assertEquals("cmgr.sh: HA_IPSEC: 'yes' is not true or false\n", r.err);
        assertFalse("nothing was started", Files.exists(tmp.resolve("state/cmgrd")));
    }

    @Test
    public void helpAndBuildOptionsArePrintedWithoutStarting() throws Exception {
        Run r = cmgr(write("h.env", "CMGR_OPTIONS=-h\n"), Map.of(), "start");
        assertEquals(0, r.status);
        assertTrue(r.out, r.out.contains("--disable-sync-conntrack") && r.out.contains("-I <val>"));
        r = cmgr(write("o.env", "CMGR_OPTIONS=-o\n"), Map.of(), "start");
        assertEquals(0, r.status);
        assertTrue(r.out, r.out.startsWith("linux-fp-sync 0.1.0") && r.out.contains("karaf 4.4.10"));
        assertFalse(Files.exists(tmp.resolve("state/cmgrd")));
    }

    @Test
    public void optionWordsGivenToCmgrShAreReadAsIfAppendedToCmgrOptions() throws Exception {
        Path env = write("words.env", "CMGR_OPTIONS=\"-b 4M --disable-sync-vxlan\"\n");
        Run r = cmgr(env, Map.of(), "-h");
        assertEquals(r.err, 0, r.status);
        assertTrue(r.out, r.out.contains("--disable-sync-conntrack") && r.out.contains("-I <val>"));
        r = cmgr(env, Map.of(), "-o");
        assertEquals(r.err, 0, r.status);
        assertTrue(r.out, r.out.startsWith("linux-fp-sync 0.1.0") && r.out.contains("karaf 4.4.10"));
        r = cmgr(env, Map.of(), "start", "-h");
        assertEquals(r.err, 0, r.status);
        assertTrue(r.out, r.out.contains("-I <val>"));
        assertFalse(Files.exists(tmp.resolve("state/cmgrd")));

        // The last word wins: -b 8M after CMGR_OPTIONS' -b 4M.
        r = cmgr(env, Map.of(), "--dry-run", "-b", "8M", "-I", "3");
        assertEquals(r.err, 0, r.status);
        JsonNode dry = JSON.readTree(r.out);
        assertEquals("cmgrd3", dry.path("daemon").asText());
        assertEquals("8388608", dry.path("settings").path("org.linuxfpsync.fpc/socketBufferBytes").path("value").asText());
        assertEquals("command line", dry.path("settings").path("org.linuxfpsync.fpc/socketBufferBytes").path("source").asText());
        assertEquals("0x1bffe", dry.path("settings").path("org.linuxfpsync.cmgr.sync/syncMask").path("value").asText());

        r = cmgr(env, Map.of(), "--frobnicate");
        assertEquals(1, r.status);
        assertEquals("cmgr.sh: command line: unknown option '--frobnicate' (see cmgr.sh -h)\n", r.err);
        r = cmgr(env, Map.of(), "restart");
        assertEquals(1, r.status);
        assertTrue(r.err, r.err.startsWith("cmgr.sh: unknown command 'restart'"));
    }

    @Test
    public void anFpcSocketDirectoryWritableByOthersIsRefused() throws Exception {
        Path open = Files.createDirectory(tmp.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        Map<String, String> vars = new java.util.HashMap<>(runTimeDirs());
        vars.put("CMGR_ENV_FILE", write("ok.env", "").toString());
        vars.put("LINUX_FP_SYNC_RUN", open.toString());
        Run r = exec(List.of(dist.resolve("bin/cmgr.sh").toString(), "start"), vars);
        assertEquals(1, r.status);
        assertEquals("cmgr.sh: LINUX_FP_SYNC_RUN: " + open + " is writable by others: give the FPC sockets a directory of their own\n",
                r.err);
        assertEquals("a given directory keeps its mode", "rwxrwxrwx", PosixFilePermissions.toString(Files.getPosixFilePermissions(open)));
    }

    @Test
    public void theInstalledUnitPassesSystemdAnalyzeVerify() throws Exception {
        assumeTrue("systemd-analyze is installed", new File("/usr/bin/systemd-analyze").canExecute());
        Path root = tmp.resolve("root");
        Run r = exec(List.of("bash", dist.resolve("bin/install.sh").toString(), root.toString()), Map.of("DIST", dist.toString()));
        assertEquals(r.err, 0, r.status);
        // The unit's standard dependencies (sysinit.target ...) come from this machine's systemd.
        TestNamespace.run(List.of("mkdir", "-p", root.resolve("usr/lib/systemd").toString()));
        TestNamespace.run(List.of("cp", "-r", "/usr/lib/systemd/system", root.resolve("usr/lib/systemd").toString()));
        r = exec(List.of("systemd-analyze", "verify", "--root=" + root, "/etc/systemd/system/linux-fp-sync.service"), Map.of());
        assertEquals(r.out + r.err, 0, r.status);
        r = exec(List.of("systemd-analyze", "verify", "--root=" + root, "/etc/systemd/system/linux-fp-sync@3.service"), Map.of());
        assertEquals("instance template: " + r.out + r.err, 0, r.status);
        assertTrue(Files.isExecutable(root.resolve("opt/linux-fp-sync/bin/cmgr.sh")));
        assertTrue(Files.exists(root.resolve("etc/cmgr.env")));
    }

    @Test
    public void theServiceStartsAndStopsAsSystemdRunsItInsideATestNamespace() throws Exception {
        TestNamespace ns = new TestNamespace();
        Process karaf = null;
        try {
            ns.ip("link", "set", "lo", "up");
            Path env = write("cmgr.env", "CMGR_OPTIONS=\"-I 7 --disable-sync-vxlan\"\n: ${DEBUG:=0x2}\n");
            Map<String, String> vars = new java.util.HashMap<>(runTimeDirs());
            vars.put("CMGR_ENV_FILE", env.toString());
            vars.put("DEBUG", "0x1");

            // ExecStartPre: the exception path.
            Run r = inNamespace(ns, vars, "fp-exception-path", "up");
            assertEquals(r.err, 0, r.status);
            JsonNode fpn0 = JSON.readTree(ns.ip("-j", "-d", "link", "show", "fpn0")).get(0);
            assertTrue(fpn0.path("flags").toString().contains("UP"));
            assertEquals(1500, fpn0.path("mtu").asInt());
            assertEquals("tun", fpn0.path("linkinfo").path("info_kind").asText());

            // ExecStart, with the unit's environment; its output is the journal (JOURNAL_STREAM), where
            // systemd-cat (here a stand-in that records its arguments) must tag the log cmgrd7.
            Path systemdCat = fakeSystemdCat();
            List<String> start = new ArrayList<>(List.of("ip", "netns", "exec", ns.name, "env", "CMGR_SERVICE=1",
                    "JOURNAL_STREAM=8:1234", "PATH=" + systemdCat.getParent() + ":" + System.getenv("PATH")));
            vars.forEach((k, v) -> start.add(k + "=" + v));
            start.addAll(List.of(dist.resolve("bin/cmgr.sh").toString(), "start"));
            karaf = new ProcessBuilder(start).redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("karaf.out").toFile()).start();

            JsonNode conf = awaitConf("cmgrd7", karaf);
            assertEquals("0x1bffe", conf.path("org.linuxfpsync.cmgr.sync").path("syncMask").path("value").asText());
            assertEquals(env.toString(), conf.path("org.linuxfpsync.cmgr.sync").path("syncMask").path("source").asText());
            assertEquals("1", conf.path("org.linuxfpsync.netlink").path("debugMask").path("value").asText());
            assertEquals("environment", conf.path("org.linuxfpsync.netlink").path("debugMask").path("source").asText());
            assertEquals(console.resolve(".cmgrd7").toString(),
                    conf.path("org.linuxfpsync.cmgr.console").path("path").path("value").asText());
            assertEquals("unix:" + tmp.resolve("run/fpc-7.sock"), conf.path("org.linuxfpsync.fpc").path("endpoint").path("value").asText());
            assertEquals("default", conf.path("org.linuxfpsync.cmgr.sync").path("ipsecHa").path("source").asText());
            assertEquals("journal tag of -I 7 from CMGR_OPTIONS", "-t cmgrd7 " + dist.toRealPath().resolve("bin/karaf") + " run\n",
                    Files.readString(systemdCat.resolveSibling("systemd-cat.args")));
            assertEquals("the FPC socket directory is not world-writable", "rwxr-x---",
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("run"))));
            // The console answers once its bundle is up; the embedded FPM binds its socket when its own
            // component activates, which may come a moment later.
            assertTrue("the FPC socket is in the test's run directory", awaitFile(tmp.resolve("run/fpc-7.sock"), karaf));

            // The manual: cmgr.sh must not be called by hand while the service runs it.
            r = inNamespace(ns, vars, "cmgr.sh", "start");
            assertEquals(1, r.status);
            assertTrue(r.err, r.err.contains("cmgrd7 is already running") && r.err.contains("never cmgr.sh by hand"));

            // ExecStop, then ExecStopPost.
            r = inNamespace(ns, vars, "cmgr.sh", "stop");
            assertEquals(r.out + r.err, 0, r.status);
            assertTrue("Karaf stopped", karaf.waitFor(60, TimeUnit.SECONDS));
            assertFalse("console socket removed", Files.exists(console.resolve(".cmgrd7")));
            r = inNamespace(ns, vars, "fp-exception-path", "down");
            assertEquals(r.err, 0, r.status);
            assertFalse(ns.ip("link", "show").contains("fpn0"));
        } finally {
            if (karaf != null && karaf.isAlive()) {
                // bin/karaf runs the JVM as its child: stop the whole tree, not just the script.
                karaf.descendants().forEach(ProcessHandle::destroyForcibly);
                karaf.destroyForcibly();
                karaf.waitFor(30, TimeUnit.SECONDS);
            }
            ns.close();
        }
    }

    @Test
    public void twoInstancesRunSideBySideEachWithItsOwnFpmConsoleAndCounters() throws Exception {
        TestNamespace ns1 = new TestNamespace();
        TestNamespace ns2 = new TestNamespace();
        Process one = null;
        Process two = null;
        try {
            ns1.ip("link", "set", "lo", "up");
            ns2.ip("link", "set", "lo", "up");
            // The first as linux-fp-sync@1.service would run it (CMGR_INSTANCE), the second with -I.
            one = startService(ns1, write("one.env", ""), "one", "CMGR_INSTANCE=1");
            two = startService(ns2, write("two.env", "CMGR_OPTIONS=\"-I 2 --disable-sync-bridge\"\n"), "two", "CMGR_SERVICE=1");
            JsonNode conf1 = awaitConf("cmgrd1", one);
            JsonNode conf2 = awaitConf("cmgrd2", two);
            assertEquals("unix:" + tmp.resolve("run/fpc-1.sock"), conf1.path("org.linuxfpsync.fpc").path("endpoint").path("value").asText());
            assertEquals("unix:" + tmp.resolve("run/fpc-2.sock"), conf2.path("org.linuxfpsync.fpc").path("endpoint").path("value").asText());
            assertEquals("0x1bffd", conf2.path("org.linuxfpsync.cmgr.sync").path("syncMask").path("value").asText());
            assertEquals("default", conf1.path("org.linuxfpsync.cmgr.sync").path("syncMask").path("source").asText());
            String log1 = Files.readString(tmp.resolve("one.out"));
            assertTrue("the service's log goes to stdout (the journal): " + log1, log1.contains("cache manager started"));

            // Each talks to its own FPM.
            awaitConsole("cmgrd1", "\"session\" : \"up\"", "show", "queue", "--json");
            awaitConsole("cmgrd2", "\"session\" : \"up\"", "show", "queue", "--json");

            // Only the second instance's namespace gets a veth pair: only its cache manager sees it,
            // and only its listening channel counts the link events.
            ns2.ip("link", "add", "only2a", "type", "veth", "peer", "name", "only2b");
            String interfaces2 = awaitConsole("cmgrd2", "only2a", "show", "interfaces");
            assertTrue(interfaces2, interfaces2.contains("only2b vrfid 0"));
            String interfaces1 = daemonctl("cmgrd1", "show", "interfaces").out;
            assertFalse(interfaces1, interfaces1.contains("only2a"));
            assertTrue(listenedLinkEvents("cmgrd2") >= 2);
            assertEquals(0, listenedLinkEvents("cmgrd1"));
            assertTrue(daemonctl("cmgrd2", "show", "sync-features").out.contains("bridge               disabled"));
            String features1 = daemonctl("cmgrd1", "show", "sync-features").out;
            assertFalse("bridge is only disabled in cmgrd2: " + features1, features1.contains("bridge               disabled"));
        } finally {
            stopService(ns1, one, "one.env", "1");
            stopService(ns2, two, "two.env", "2");
            ns1.close();
            ns2.close();
        }
    }

    /** RTM_NEWLINK events counted by the instance's route listening channel. */
    private long listenedLinkEvents(String daemon) throws Exception {
        for (JsonNode c : JSON.readTree(daemonctl(daemon, "show", "netlink", "--json").out).path("channels")) {
            if (c.path("name").asText().equals("netlink-route-listen-0")) {
                return c.path("packets_by_type").path("RTM_NEWLINK").asLong(0);
            }
        }
        throw new AssertionError(daemon + " has no netlink-route-listen-0 channel");
    }

    private Process startService(TestNamespace ns, Path env, String name, String unitVariable) throws Exception {
        // Not under the journal: the log stays on stdout, in <name>.out.
        List<String> start = new ArrayList<>(List.of("ip", "netns", "exec", ns.name, "env", "-u", "JOURNAL_STREAM", "CMGR_SERVICE=1", unitVariable,
                "CMGR_ENV_FILE=" + env));
        runTimeDirs().forEach((k, v) -> start.add(k + "=" + v));
        start.addAll(List.of(dist.resolve("bin/cmgr.sh").toString(), "start"));
        return new ProcessBuilder(start).redirectErrorStream(true).redirectOutput(tmp.resolve(name + ".out").toFile()).start();
    }

    private void stopService(TestNamespace ns, Process karaf, String envName, String instance) throws Exception {
        if (karaf == null) {
            return;
        }
        if (karaf.isAlive()) {
            Map<String, String> vars = new java.util.HashMap<>(runTimeDirs());
            vars.put("CMGR_INSTANCE", instance);
            vars.put("CMGR_ENV_FILE", tmp.resolve(envName).toString());
            inNamespace(ns, vars, "cmgr.sh", "stop");
            karaf.waitFor(60, TimeUnit.SECONDS);
        }
        if (karaf.isAlive()) {
            karaf.descendants().forEach(ProcessHandle::destroyForcibly);
            karaf.destroyForcibly();
            karaf.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private String awaitConsole(String daemon, String expected, String... words) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        Run last;
        do {
            last = daemonctl(daemon, words);
            if (last.status == 0 && last.out.contains(expected)) {
                return last.out;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(daemon + " " + String.join(" ", words) + " never showed " + expected + ": " + last.out);
    }

    private Run daemonctl(String daemon, String... words) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("perl", dist.resolve("bin/daemonctl").toString(), daemon));
        cmd.addAll(List.of(words));
        return exec(cmd, Map.of("DAEMONCTL_SOCKET_DIR", console.toString()));
    }

    private JsonNode awaitConf(String daemon, Process karaf) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        Run last = null;
        while (System.nanoTime() < deadline && karaf.isAlive()) {
            last = daemonctl(daemon, "show", "conf", "--json");
            if (last.status == 0) {
                return JSON.readTree(last.out);
            }
            Thread.sleep(250);
        }
        throw new AssertionError(daemon + " never answered show conf (alive: " + karaf.isAlive() + "): "
                + (last == null ? "" : last.out + last.err) + "\n" + Files.readString(tmp.resolve("karaf.out")));
    }

    /** Whether {@code file} exists within 60 s, while Karaf runs. */
    private static boolean awaitFile(Path file, Process karaf) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Files.exists(file) && System.nanoTime() < deadline && karaf.isAlive()) {
            Thread.sleep(100);
        }
        return Files.exists(file);
    }

    private Run inNamespace(TestNamespace ns, Map<String, String> vars, String script, String arg) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns.name, "env"));
        vars.forEach((k, v) -> cmd.add(k + "=" + v));
        cmd.addAll(List.of(dist.resolve("bin/" + script).toString(), arg));
        return exec(cmd, Map.of());
    }

    /** A dry run binds nothing: without the rooting variables, only the options make settings. */
    private JsonNode dryRun(Path env, Map<String, String> vars) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(vars);
        all.put("CMGR_ENV_FILE", env.toString());
        all.put("LINUX_FP_SYNC_STATE", tmp.resolve("state").toString());
        Run r = exec(List.of(dist.resolve("bin/cmgr.sh").toString(), "--dry-run"), all);
        assertEquals(r.err, 0, r.status);
        return JSON.readTree(r.out);
    }

    private Run cmgr(Path env, Map<String, String> vars, String... args) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(vars);
        all.put("CMGR_ENV_FILE", env.toString());
        all.putAll(runTimeDirs());
        List<String> cmd = new ArrayList<>(List.of(dist.resolve("bin/cmgr.sh").toString()));
        cmd.addAll(List.of(args));
        return exec(cmd, all);
    }

    /** Where a run keeps its state and its sockets: all under the test's directory. */
    private Map<String, String> runTimeDirs() {
        return Map.of("LINUX_FP_SYNC_STATE", tmp.resolve("state").toString(), "LINUX_FP_SYNC_RUN", tmp.resolve("run").toString(),
                "DAEMONCTL_SOCKET_DIR", console.toString());
    }

    /** A systemd-cat that writes its arguments beside itself, then runs the command as the real one does. */
    private Path fakeSystemdCat() throws Exception {
        Path bin = Files.createDirectory(tmp.resolve("bin"));
        Path script = Files.writeString(bin.resolve("systemd-cat"), "#!/bin/sh\necho \"$@\" > " + bin.resolve("systemd-cat.args")
                + "\n[ \"$1\" = -t ] || exit 99\nshift 2\nexec \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(tmp.resolve(name), content);
    }

    private static Run exec(List<String> cmd, Map<String, String> vars) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        // A clean environment, as systemd gives: no variable of ours leaks from the build.
        for (String v : List.of("CMGR_OPTIONS", "DEBUG", "HA", "HA_IPSEC", "BPF_OPT", "CMGR_SERVICE", "CMGR_INSTANCE",
                "LINUX_FP_SYNC_RUN", "DAEMONCTL_SOCKET_DIR", "JOURNAL_STREAM")) {
            pb.environment().remove(v);
        }
        pb.environment().putAll(vars);
        Path out = Files.createTempFile("cmgr-it", ".out");
        Path err = Files.createTempFile("cmgr-it", ".err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + cmd);
        }
        Run r = new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }
}
