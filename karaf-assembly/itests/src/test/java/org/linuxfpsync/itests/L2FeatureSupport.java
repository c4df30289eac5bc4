package org.linuxfpsync.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.linuxfpsync.comparison.KernelL2Comparison;
import org.linuxfpsync.comparison.KernelL3Comparison;
import org.linuxfpsync.comparison.KernelLinkComparison;

/**
 * What the L2 feature tests share: waiting until the FPM's vrf equals the kernel's links and L2
 * objects ({@link KernelLinkComparison}, {@link KernelL2Comparison}), and checking that disabling a
 * feature withdraws exactly its objects: the dump after equals the dump before with that feature's
 * part removed, and the FPM's table counts change for its tables only.
 */
public abstract class L2FeatureSupport extends ContainerTestSupport {
    /** From the kernel's last change; the kernel itself settles carrier and operstate up to a second late. */
    protected static final long SETTLE_MILLIS = 5_000;

    /**
     * Makes other features' objects (a bridge br0, a macvlan mv0 on v1) and an underlay for tunnels (veth v0 with
     * 192.0.2.1/24 and 2001:db8::1/64) in {@code ns}, follows it as {@code vrfid} and waits until the FPM has them.
     */
    protected void followOtherFeaturesObjectsAndAnUnderlay(TestNamespace ns, int vrfid) throws Exception {
        for (String[] cmd : new String[][] {
            {"link", "add", "br0", "type", "bridge"},
            {"link", "add", "v0", "type", "veth", "peer", "name", "v1"},
            {"link", "add", "mv0", "link", "v1", "type", "macvlan", "mode", "bridge"},
            {"link", "set", "v0", "up"}, {"link", "set", "v1", "up"}, {"link", "set", "br0", "up"},
            {"address", "add", "192.0.2.1/24", "dev", "v0"},
            {"address", "add", "2001:db8::1/64", "dev", "v0", "nodad"},
        }) {
            ns.ip(cmd);
        }
        followVrfs(vrfid + ":" + ns.name);
        awaitKernelL2(ns, vrfid, "other features' objects followed");
    }

    /** Polls until the FPM's vrf equals the namespace; returns the vrf's part of the dump. */
    protected JsonNode awaitKernelL2(TestNamespace ns, int vrfid, String what) throws Exception {
        long begin = System.nanoTime();
        long cap = begin + 60_000_000_000L;
        long deadline = begin + SETTLE_MILLIS * 1_000_000L;
        String previous = null;
        while (true) {
            KernelL2Comparison.KernelView kernel = KernelL2Comparison.KernelView.of(ns);
            String now = kernel.toString();
            if (previous != null && !now.equals(previous)) {
                deadline = Math.min(cap, System.nanoTime() + SETTLE_MILLIS * 1_000_000L);
            }
            previous = now;
            JsonNode vrf = KernelL3Comparison.vrf(fpmDump(), vrfid);
            List<String> diffs = new ArrayList<>(KernelLinkComparison.differences(kernel.links(), vrf.path("links")));
            diffs.addAll(KernelL2Comparison.differences(kernel, vrf));
            if (diffs.isEmpty()) {
                System.out.printf("%s: equal after %d ms%n", what, (System.nanoTime() - begin) / 1_000_000);
                return vrf;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": the FPM differs from the kernel " + SETTLE_MILLIS
                        + " ms after the kernel's last change:\n  " + String.join("\n  ", diffs) + "\nFPM vrf: " + vrf
                        + "\nmodules (objects, malformed, refused):\n" + console("cmgrd:show modules"));
            }
            Thread.sleep(50);
        }
    }

    /** Rows per FPM table ({@code fpm:stats --json} "tables"). */
    protected Map<String, Long> tableCounts() throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        JSON.readTree(console("fpm:stats --json")).path("tables").fields()
                .forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong()));
        return counts;
    }

    /**
     * Disables {@code feature} from the console and checks that exactly its objects leave the FPM:
     * the vrf's dump becomes {@code before} with {@code strip} applied (its part removed), every
     * other vrf is untouched, and only {@code tables} change their counts.
     *
     * @return the vrf's dump once withdrawn
     */
    protected JsonNode disableAndExpectOnlyItsObjectsGone(String feature, int vrfid, Consumer<ObjectNode> strip,
                                                          String... tables) throws Exception {
        JsonNode before = settledFpmDump();
        Map<String, Long> countsBefore = tableCounts();
        String out = console("cmgrd:sync disable " + feature);
        assertTrue(out, out.contains(feature) && out.contains("-> disabled"));

        ObjectNode expected = stripped(before, vrfid, strip);
        long deadline = System.nanoTime() + 30_000_000_000L;
        JsonNode after;
        while (true) {
            after = withoutVolatile(fpmDump());
            if (after.equals(expected) || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(50);
        }
        assertEquals("the FPM after disabling " + feature + " is the FPM before without " + feature + "'s objects",
                expected.toPrettyString(), after.toPrettyString());
        Map<String, Long> countsAfter = tableCounts();
        for (Map.Entry<String, Long> e : countsBefore.entrySet()) {
            if (!List.of(tables).contains(e.getKey())) {
                assertEquals("table " + e.getKey() + " is not " + feature + "'s", e.getValue(), countsAfter.get(e.getKey()));
            }
        }
        return KernelL3Comparison.vrf(after, vrfid);
    }

    /**
     * The FPM's dump once it has stopped changing by itself. The kernel keeps changing a namespace
     * for a while after its set-up: an IPv6 address leaves "tentative" after DAD, a link that came up
     * gets its link-local address and route a moment later (CI failed twice on a change landing
     * between the two dumps compared). Settled: no tentative address and an identical dump one
     * second apart, within ten seconds (then the last dump, and the comparison says what moved).
     */
    private JsonNode settledFpmDump() throws Exception {
        JsonNode previous = withoutVolatile(fpmDump());
        for (long deadline = System.nanoTime() + 10_000_000_000L; System.nanoTime() < deadline; ) {
            Thread.sleep(1000);
            JsonNode now = fpmDump();
            JsonNode stable = withoutVolatile(now);
            if (stable.equals(previous) && !stable.toString().contains("\"tentative\"")) {
                return now;
            }
            previous = stable;
        }
        return fpmDump();
    }

    /** The dump without what changes by itself: the epoch of a new session, the stale marks of a replay. */
    private static ObjectNode withoutVolatile(JsonNode dump) {
        ObjectNode copy = dump.deepCopy();
        copy.remove("epoch");
        removeEverywhere(copy, "fp_stale");
        return copy;
    }

    private static ObjectNode stripped(JsonNode dump, int vrfid, Consumer<ObjectNode> strip) {
        ObjectNode copy = withoutVolatile(dump);
        for (JsonNode vrf : copy.path("vrfs")) {
            if (vrf.path("vrfid").asInt(-1) == vrfid) {
                strip.accept((ObjectNode) vrf);
            }
        }
        return copy;
    }

    private static void removeEverywhere(JsonNode node, String field) {
        if (node.isObject()) {
            ((ObjectNode) node).remove(field);
        }
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            removeEverywhere(it.next(), field);
        }
    }

    /** The link of that name in a vrf of an FPM dump; the test fails without it. */
    protected static JsonNode link(JsonNode vrf, String ifname) {
        for (JsonNode l : vrf.path("links")) {
            if (ifname.equals(l.path("ifname").asText())) {
                return l;
            }
        }
        throw new AssertionError("no link " + ifname + " in " + vrf);
    }

    /** Removes {@code linkinfo.info_data} (and {@code link} when asked) of the links of some kinds. */
    protected static Consumer<ObjectNode> linkInfoDataOf(boolean andLowerDevice, String... kinds) {
        return vrf -> {
            for (JsonNode l : vrf.path("links")) {
                JsonNode info = l.path("linkinfo");
                if (List.of(kinds).contains(info.path("info_kind").asText())) {
                    ((ObjectNode) info).remove("info_data");
                    if (andLowerDevice) {
                        ((ObjectNode) l).remove("link");
                    }
                }
            }
        };
    }
}
