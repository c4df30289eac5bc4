package org.linuxfpsync.itests;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A vrf's netfilter tables, the kernel's and the FPM's, in forms that compare with equals:
 *
 * <ul>
 *   <li>nftables: {@code nft -j list ruleset} of the namespace, one canonical line per object, sorted:
 *   tables, named sets and their elements, chains (hook, priority, policy), each chain's rules by
 *   handle and place; nft's decompiled {@code expr} is not compared (the FPM carries the kernel's
 *   expressions, docs/netfilter-sync.md);</li>
 *   <li>legacy x_tables: {@code iptables-legacy-save} and {@code ip6tables-legacy-save} of the
 *   namespace per table, counters removed, against the FPM's {@code save} lines.</li>
 * </ul>
 */
final class NetfilterComparison {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Random netfilter changes made in each namespace before each checkpoint of the differential test. */
    static final int CHANGES_PER_CHECKPOINT = 8;

    private NetfilterComparison() {
    }

    /** The namespace's nftables ruleset, canonical. */
    static List<String> kernelNft(TestNamespace ns) throws Exception {
        // standard output alone: nft warns on standard error about the tables iptables-nft manages
        Process p = new ProcessBuilder("ip", "netns", "exec", ns.name, "nft", "-j", "list", "ruleset")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError("nft -j list ruleset failed");
        }
        return canonical(JSON.readTree(out).path("nftables"));
    }

    /** The FPM's nftables tables of a vrf (its object in the dump), canonical. */
    static List<String> fpmNft(JsonNode vrf) {
        List<JsonNode> objects = new ArrayList<>();
        for (JsonNode table : vrf.path("netfilter")) {
            table.path("nftables").forEach(objects::add);
        }
        return canonical(objects);
    }

    static List<String> canonical(Iterable<JsonNode> objects) {
        Map<String, Integer> ruleIndex = new HashMap<>();
        List<String> lines = new ArrayList<>();
        for (JsonNode o : objects) {
            Iterator<String> names = o.fieldNames();
            if (!names.hasNext()) {
                continue;
            }
            String kind = names.next();
            ObjectNode body = o.path(kind).deepCopy();
            switch (kind) {
                case "table" -> body.retain("family", "name", "handle");
                case "set", "map" -> {
                    body.retain("family", "name", "table", "type", "handle", "elem");
                    if (body.has("elem")) {
                        List<String> elements = new ArrayList<>();
                        body.path("elem").forEach(e -> elements.add(e.toString()));
                        elements.sort(null);
                        body.put("elem", String.join(",", elements)); // the kernel's order is not the set's
                    }
                }
                case "chain" -> body.retain("family", "table", "name", "handle", "type", "hook", "prio", "policy",
                        "dev");
                case "rule" -> {
                    body.retain("family", "table", "chain", "handle");
                    String chain = body.path("family").asText() + " " + body.path("table").asText() + " "
                            + body.path("chain").asText();
                    int index = ruleIndex.merge(chain, 1, Integer::sum);
                    body.put("index", index);
                }
                default -> {
                    continue; // metainfo, flowtables, stateful objects: not the features'
                }
            }
            lines.add(kind + " " + body);
        }
        lines.sort(null);
        return lines;
    }

    /** Each legacy table of the namespace ("ip filter") to its save lines, counters removed. */
    static Map<String, List<String>> kernelLegacy(TestNamespace ns) throws Exception {
        Map<String, List<String>> tables = new TreeMap<>();
        read(tables, "ip", TestNamespace.run(List.of("ip", "netns", "exec", ns.name, "iptables-legacy-save")));
        read(tables, "ip6", TestNamespace.run(List.of("ip", "netns", "exec", ns.name, "ip6tables-legacy-save")));
        return tables;
    }

    private static void read(Map<String, List<String>> tables, String family, String save) {
        List<String> current = null;
        for (String line : save.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            if (line.startsWith("*")) {
                current = new ArrayList<>();
                tables.put(family + " " + line.substring(1), current);
            }
            if (current != null) {
                current.add(line.replaceAll(" \\[\\d+:\\d+\\]$", ""));
            }
        }
    }

    /** The FPM's legacy tables of a vrf in the same form. */
    static Map<String, List<String>> fpmLegacy(JsonNode vrf) {
        Map<String, List<String>> tables = new TreeMap<>();
        for (JsonNode t : vrf.path("netfilter")) {
            if ("legacy".equals(t.path("origin").asText())) {
                List<String> lines = new ArrayList<>();
                t.path("save").forEach(l -> lines.add(l.asText()));
                tables.put(t.path("family").asText() + " " + t.path("table").asText(), lines);
            }
        }
        return tables;
    }

    /** What differs in a vrf, one line each; empty when equal. */
    static List<String> diffs(int vrfid, TestNamespace ns, JsonNode vrf, boolean legacy) throws Exception {
        List<String> diffs = new ArrayList<>();
        List<String> kernel = kernelNft(ns);
        List<String> fpm = fpmNft(vrf);
        if (!kernel.equals(fpm)) {
            List<String> onlyKernel = new ArrayList<>(kernel);
            onlyKernel.removeAll(fpm);
            List<String> onlyFpm = new ArrayList<>(fpm);
            onlyFpm.removeAll(kernel);
            diffs.add("vrf " + vrfid + " nftables: kernel only " + onlyKernel + "\n    FPM only " + onlyFpm);
        }
        if (legacy) {
            Map<String, List<String>> kernelTables = kernelLegacy(ns);
            Map<String, List<String>> fpmTables = fpmLegacy(vrf);
            if (!kernelTables.equals(fpmTables)) {
                diffs.add("vrf " + vrfid + " legacy tables: kernel " + kernelTables + "\n    FPM " + fpmTables);
            }
        }
        return diffs;
    }

    /**
     * Random netfilter changes in each vrf ({@code rules[0]} counts them, {@code rules[1]} those the
     * kernel refused), then polls until the FPM's tables of each vrf equal the namespace's (the legacy
     * saves too when {@code legacy}); fails with {@code what}, the differences and the recent lines.
     */
    static void changeAndAwait(Map<Integer, RandomNetfilterRules> generators, Map<Integer, TestNamespace> vrfs,
                               boolean legacy, java.util.concurrent.Callable<JsonNode> dump, int[] rules,
                               List<String> recent, long settleMillis, String what) throws Exception {
        for (Map.Entry<Integer, TestNamespace> v : new TreeMap<>(vrfs).entrySet()) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < CHANGES_PER_CHECKPOINT; i++) {
                lines.add(generators.get(v.getKey()).next());
            }
            lines.forEach(l -> recent.add("vrf " + v.getKey() + ": " + l));
            rules[0] += lines.size();
            rules[1] += RandomNetfilterRules.apply(v.getValue(), lines);
        }
        long deadline = System.nanoTime() + settleMillis * 1_000_000L;
        while (true) {
            JsonNode d = dump.call();
            List<String> diffs = new ArrayList<>();
            for (Map.Entry<Integer, TestNamespace> v : vrfs.entrySet()) {
                diffs.addAll(diffs(v.getKey(), v.getValue(), org.linuxfpsync.comparison.KernelL3Comparison.vrf(d,
                        v.getKey()), legacy));
            }
            if (diffs.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ":\n  " + String.join("\n  ", diffs) + "\nlast operations:\n  "
                        + String.join("\n  ", recent));
            }
            Thread.sleep(50);
        }
    }
}
