package org.linuxfpsync.bench.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.linuxfpsync.comparison.KernelL2Comparison;
import org.linuxfpsync.comparison.KernelL3Comparison;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How each fault scenario ends: the FPM's dump must become equal to the kernel's view of every
 * followed namespace, L3 and L2, IPv6 and nexthop objects included (the comparison of
 * KernelDifferentialIT, {@link KernelL3Comparison}: nexthops against {@code ip -j nexthop show},
 * id, gateway, device, flags, blackhole, group members and weights), and at rest no object may be
 * left marked {@code fp_stale}. Polls both sides until equal for 5 s; the FPM has
 * {@code settleSeconds} from the kernel's last change (the kernel changes by itself: DAD,
 * neighbour timers) or from the FPM's last progress (the differences changed: a resync still
 * running on a loaded machine), at most {@code capSeconds} in all.
 */
final class KernelCheck {
    /**
     * Equal must hold this long, the kernel unchanged: a late resync or sweep that removes what
     * was equal a moment before is a difference at rest.
     */
    private static final long CONFIRM_NANOS = 5_000_000_000L;

    private KernelCheck() {
    }

    /** What was still different at the deadline; empty when the FPM became equal. */
    record Result(List<String> differences, long millis) {
    }

    static Result await(FpmProcess fpm, Map<Integer, Netns> vrfs, long settleSeconds, long capSeconds)
            throws Exception {
        long begin = System.nanoTime();
        long cap = begin + capSeconds * 1_000_000_000L;
        long deadline = begin + settleSeconds * 1_000_000_000L;
        List<Object> previous = null;
        List<String> previousDiffs = null;
        long equalSince = 0;
        List<Object> equalView = null;
        long equalMillis = 0;
        long lastReport = begin;
        while (true) {
            // JsonNode equality is structural: cheaper than printing a table of 250,000 routes
            List<Object> now = new ArrayList<>();
            List<KernelL3Comparison.KernelView> views = new ArrayList<>();
            List<KernelL2Comparison.KernelView> l2Views = new ArrayList<>();
            for (Netns ns : vrfs.values()) {
                KernelL3Comparison.KernelView view = KernelL3Comparison.KernelView.of(ns);
                KernelL2Comparison.KernelView l2 = KernelL2Comparison.KernelView.of(ns, view.links());
                views.add(view);
                l2Views.add(l2);
                now.add(List.of(linkStates(view.links()), view.addresses(), view.routes4(), view.routes6(),
                        view.nexthops(), view.neighbours(), view.rules4(), view.rules6(), l2.fdb(), l2.vlans()));
            }
            if (previous != null && !now.equals(previous)) {
                deadline = Math.min(cap, System.nanoTime() + settleSeconds * 1_000_000_000L);
            }
            previous = now;
            JsonNode dump = fpm.dump();
            List<String> diffs = new ArrayList<>();
            int i = 0;
            for (int vrfid : vrfs.keySet()) {
                JsonNode fpmVrf = KernelL3Comparison.vrf(dump, vrfid);
                diffs.addAll(KernelL3Comparison.differences(vrfid, views.get(i), fpmVrf, true));
                for (String d : KernelL2Comparison.differences(l2Views.get(i), fpmVrf)) {
                    diffs.add("vrf " + vrfid + " " + d);
                }
                i++;
            }
            stale(dump, "", diffs);
            for (JsonNode vrf : dump.path("vrfs")) {
                if (!vrfs.containsKey(vrf.path("vrfid").asInt(-1)) && !isEmptyVrf(vrf)) {
                    diffs.add("vrf " + vrf.path("vrfid").asInt(-1) + ": in the FPM, but no namespace is followed as it");
                }
            }
            if (previousDiffs != null && !diffs.isEmpty() && !diffs.equals(previousDiffs)) {
                // the FPM is still changing (a resync under load): slow is not lost, stuck is
                deadline = Math.min(cap, System.nanoTime() + settleSeconds * 1_000_000_000L);
            }
            previousDiffs = diffs;
            long millis = (System.nanoTime() - begin) / 1_000_000;
            if (!diffs.isEmpty()) {
                equalSince = 0;
            } else if (equalSince == 0 || !now.equals(equalView)) {
                equalSince = System.nanoTime();
                equalView = now;
                equalMillis = millis;
            } else if (System.nanoTime() - equalSince >= CONFIRM_NANOS) {
                return new Result(diffs, equalMillis);
            }
            if (System.nanoTime() > deadline) {
                return new Result(diffs, millis);
            }
            if (!diffs.isEmpty() && System.nanoTime() - lastReport > 30_000_000_000L) {
                lastReport = System.nanoTime();
                FaultBench.log("not equal yet after " + millis / 1000 + " s: " + diffs.size() + " differences, the first: "
                        + diffs.get(0));
            }
            Thread.sleep(500);
        }
    }

    /**
     * What of the links a change of the kernel is: not {@code ip -d}'s bridge timers, which tick
     * every second and would make the kernel look never at rest.
     */
    private static List<String> linkStates(JsonNode links) {
        List<String> states = new ArrayList<>();
        for (JsonNode l : links) {
            states.add(l.path("ifindex").asInt() + " " + l.path("ifname").asText() + " " + l.path("flags") + " "
                    + l.path("mtu").asInt() + " " + l.path("operstate").asText() + " " + l.path("master").asText()
                    + " " + l.path("address").asText());
        }
        return states;
    }

    /** Every object still marked {@code fp_stale: true}: at rest, a resync must have swept or confirmed it. */
    private static void stale(JsonNode node, String path, List<String> diffs) {
        if (node.isObject()) {
            if (node.path("fp_stale").asBoolean(false)) {
                diffs.add("fp_stale at rest: " + path + " " + node);
                return;
            }
            node.fields().forEachRemaining(e -> stale(e.getValue(), path + "/" + e.getKey(), diffs));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                stale(node.get(i), path + "[" + i + "]", diffs);
            }
        }
    }

    private static boolean isEmptyVrf(JsonNode vrf) {
        boolean empty = true;
        for (var it = vrf.fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getValue().isArray() && e.getValue().size() > 0) {
                empty = false;
            }
        }
        return empty;
    }
}
