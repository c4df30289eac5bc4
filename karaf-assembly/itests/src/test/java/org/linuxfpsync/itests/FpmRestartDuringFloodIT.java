package org.linuxfpsync.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The FPM is killed and restarted during a flood of 100,000 route changes: after the cache
 * manager's replay the FPM's routes equal the kernel's. That the FPM was really down meanwhile is
 * checked, not assumed: the cache manager's session went down, frames were dropped for want of a
 * session, and the FPM that came back gave the cache manager a new session (another epoch). Then the session alone is lost (the FPM keeps its tables) while routes are
 * deleted: the replay's graceful-restart sweep removes them.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FpmRestartDuringFloodIT extends ContainerTestSupport {
    private static final int VRF = 4;
    private static final int ADDS = 70_000;
    private static final int DELETED_WHILE_DOWN = 1_000;
    private static final int DELETED_AFTER = 29_000;



    @Configuration
    public Option[] config() {
        return distribution();
    }

    @Test
    public void theFpmRestartedDuringARouteFloodEndsEqualToTheKernel() throws Exception {
        Bundle fpm = bundle("org.linuxfpsync.fpm");
        TestNamespace ns = new TestNamespace();
        Path dir = Files.createTempDirectory("cmgr-flood");
        try {
            ns.ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
            ns.ip("link", "set", "v0", "up");
            ns.ip("link", "set", "v1", "up");
            ns.ip("addr", "add", "10.0.0.1/16", "dev", "v0");
            followVrfs(VRF + ":" + ns.name);
            awaitKernelLinks(ns, VRF, "the namespace's links", 30_000);

            Path adds = batch(dir, "adds", "route add", 0, ADDS);
            Path deletesWhileDown = batch(dir, "del-down", "route del", 0, DELETED_WHILE_DOWN);
            Path deletesAfter = batch(dir, "del-after", "route del", DELETED_WHILE_DOWN, DELETED_WHILE_DOWN + DELETED_AFTER);

            long epochBefore = fpmStats().path("epoch").asLong();
            long droppedBefore = queue().path("dropped_no_session").asLong();
            Process flood = ipBatch(ns, adds);
            Thread.sleep(200);
            fpm.stop();                         // the FPM dies during the flood
            awaitSession("down");
            assertEquals(0, waitFor(flood));
            assertEquals(0, waitFor(ipBatch(ns, deletesWhileDown)));   // deleted while it is down
            JsonNode whileDown = queue();
            assertEquals("the cache manager's session after the flood and the deletions, the FPM stopped", "down",
                    whileDown.path("session").asText());
            long dropped = whileDown.path("dropped_no_session").asLong() - droppedBefore;
            assertTrue("frames dropped for want of a session while the FPM was down: " + dropped, dropped > 0);
            System.out.printf("while the FPM was down: session down, %d frames dropped for want of a session%n", dropped);

            flood = ipBatch(ns, deletesAfter);
            fpm.start();                        // it comes back during the rest of the flood
            assertEquals(0, waitFor(flood));
            awaitSession("up");
            JsonNode restarted = fpmStats();
            assertTrue("a new session with the FPM that came back: epoch " + restarted.path("epoch").asLong()
                    + " after " + epochBefore, restarted.path("epoch").asLong() != epochBefore);

            long start = System.nanoTime();
            List<String> diff = awaitRoutesEqual(ns, 180_000);
            assertTrue("FPM routes differ from the kernel's: " + diff, diff.isEmpty());
            System.out.printf("FPM equal to the kernel %.1f s after the flood's end (%d routes)%n",
                    (System.nanoTime() - start) / 1e9, ADDS - DELETED_WHILE_DOWN - DELETED_AFTER);

            // The session is lost but the FPM keeps its tables: what is deleted meanwhile is stale there.
            long sweptBefore = JSON.readTree(console("fpm:stats --json")).path("objects_swept").asLong();
            Bundle client = bundle("org.linuxfpsync.fpc");
            client.stop();
            int staleDeletes = 5_000;
            assertEquals(0, waitFor(ipBatch(ns, batch(dir, "del-stale", "route del", 40_000, 40_000 + staleDeletes))));
            assertEquals(0, waitFor(ipBatch(ns, batch(dir, "add-new", "route add", 100_000, 102_000))));
            client.start();
            waitForTheProduct();
            diff = awaitRoutesEqual(ns, 180_000);
            assertTrue("after the lost session, FPM routes differ from the kernel's: " + diff, diff.isEmpty());
            long swept = JSON.readTree(console("fpm:stats --json")).path("objects_swept").asLong() - sweptBefore;
            assertTrue("the replay's sweep removed the " + staleDeletes + " routes deleted while the session was lost: swept "
                    + swept, swept >= staleDeletes);
        } finally {
            for (Bundle b : List.of(fpm, bundle("org.linuxfpsync.fpc"))) {
                if (b.getState() != Bundle.ACTIVE) {
                    b.start();
                }
            }
            followVrfs("0");
            ns.close();
            TestNamespace.run(List.of("rm", "-rf", dir.toString()));
        }
    }

    /** {@code fpm:stats --json}; a restarted FPM bundle registers its commands shortly after it starts. */
    private JsonNode fpmStats() throws Exception {
        return consoleJson("fpm:stats --json", System.nanoTime() + 30_000_000_000L);
    }

    /** The cache manager's FPC session and send queue ({@code show queue}, docs/console.md). */
    private JsonNode queue() throws Exception {
        return JSON.readTree(console("cmgrd:show queue --json"));
    }

    /** Polls {@code show queue} until the session is {@code state}; fails after 60 s. */
    private void awaitSession(String state) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        JsonNode q = queue();
        while (!state.equals(q.path("session").asText())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the FPC session is not " + state + " after 60 s: " + q);
            }
            Thread.sleep(20);
            q = queue();
        }
    }

    /** ip -batch lines for 20.a.b.c/32 via 10.0.0.2, routes number {@code from} to {@code to} - 1. */
    private static Path batch(Path dir, String name, String verb, int from, int to) throws Exception {
        List<String> lines = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            lines.add(String.format("%s 20.%d.%d.%d/32 via 10.0.0.2", verb, (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff));
        }
        return Files.write(dir.resolve(name), lines);
    }

    private static Process ipBatch(TestNamespace ns, Path file) throws Exception {
        return new ProcessBuilder("ip", "-n", ns.name, "-batch", file.toString()).redirectErrorStream(true).start();
    }

    private static int waitFor(Process p) throws Exception {
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("ip -batch timed out");
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("ip -batch failed: " + new String(out));
        }
        return p.exitValue();
    }

    /** Polls until the FPM's IPv4 routes of the vrf equal `ip -j route show table all`; returns the last difference. */
    private List<String> awaitRoutesEqual(TestNamespace ns, long millis) throws Exception {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        List<String> diff;
        do {
            Set<String> kernel = canonical(JSON.readTree(ns.ip("-j", "route", "show", "table", "all")));
            Set<String> fpm = new TreeSet<>();
            for (JsonNode vrf : fpmDump().path("vrfs")) {
                if (vrf.path("vrfid").asInt() == VRF) {
                    fpm = canonical(vrf.path("routes"));
                }
            }
            diff = difference(kernel, fpm);
            if (diff.isEmpty()) {
                return diff;
            }
            Thread.sleep(1000);
        } while (System.nanoTime() < deadline);
        return diff;
    }

    /** IPv4 routes as sorted JSON strings, without the FPM's own replay mark. */
    private static Set<String> canonical(JsonNode routes) throws Exception {
        Set<String> set = new TreeSet<>();
        for (JsonNode r : routes) {
            ObjectNode o = ((ObjectNode) r).deepCopy();
            o.remove("fp_stale");
            String s = JSON.writer().with(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writeValueAsString(JSON.treeToValue(o, java.util.TreeMap.class));
            if (!s.contains(":\"fe80") && !r.path("dst").asText().contains(":") && !r.path("gateway").asText().contains(":")) {
                set.add(s);
            }
        }
        return set;
    }

    private static List<String> difference(Set<String> kernel, Set<String> fpm) {
        List<String> diff = new ArrayList<>();
        for (String k : kernel) {
            if (!fpm.contains(k) && diff.size() < 10) {
                diff.add("kernel only: " + k);
            }
        }
        for (String f : fpm) {
            if (!kernel.contains(f) && diff.size() < 20) {
                diff.add("FPM only: " + f);
            }
        }
        if (!diff.isEmpty()) {
            diff.add(0, "kernel " + kernel.size() + " routes, FPM " + fpm.size());
        }
        return diff;
    }
}
