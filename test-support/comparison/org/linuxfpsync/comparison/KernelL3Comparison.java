package org.linuxfpsync.comparison;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Compares the FPM's objects of one vrf ({@code fpm:dump --json}) with the kernel's own view of
 * the namespace read by iproute2 (docs/fpm-dump.md: the dump uses iproute2's names and forms):
 * links as {@link KernelLinkComparison} does, then addresses per link, routes, nexthop objects,
 * neighbours and rules compared as multisets of JSON objects, field by field. A difference is one readable line.
 *
 * <p>What is left out, and why (everything else iproute2 prints is compared):
 * <ul>
 * <li>our own fields: {@code fp_stale} everywhere, {@code ifuid} of neighbours;</li>
 * <li>rules: {@code iif_detached} and {@code oif_detached}, which iproute2 derives from whether
 *     the named interface exists now (the kernel changes them without notification);</li>
 * <li>neighbours: those a fast path does not forward with, which the cache manager does not sync
 *     (NeighbourSync): entries in no NUD_VALID state (none, incomplete, failed: no usable address,
 *     and the kernel makes some without notification), and multicast or broadcast mappings the
 *     kernel derives from the address itself (33:33:..., ff:ff:..., and 0.0.0.0/8, a broadcast type
 *     to the kernel, whose entries on lo it makes without notification);</li>
 * <li>the order of a multipath route's next hops: the kernel notifies IPv6 siblings in another
 *     order than it dumps them, and a fast path hashes over them as a set;</li>
 * <li>with {@code ipv6 = false} (the ipv6 feature disabled), the kernel's IPv6 objects: the FPM must
 *     then hold none, so any IPv6 object it holds is a difference (nexthop objects excepted: the
 *     base sync holds those of both families);</li>
 * <li>nexthop objects: {@code unbalanced_time} of a resilient group, the kernel's count of how long
 *     it has been unbalanced; routes through one: with {@code nexthop_compat_mode} 0 the next hops
 *     the FPM resolves {@code nhid} to, which ip does not write (the nexthops table compares them),
 *     and {@code dev lo} that ip writes for a route through a blackhole nexthop (compat mode 1).
 *     With compat mode 1, the next hops ip writes are the kernel's own resolution: the FPM's must be
 *     equal.</li>
 * </ul>
 * Route fields iproute2 derives at print time do not occur in what the tests create; a field the
 * FPM cannot write ({@code tos}, {@code expires}) would show as a difference, by design.
 */
public final class KernelL3Comparison {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FORWARDABLE_STATES = Set.of("PERMANENT", "NOARP", "REACHABLE", "STALE", "DELAY",
            "PROBE");

    /**
     * One namespace as iproute2 prints it, and its {@code net.ipv4.nexthop_compat_mode} (per
     * namespace: 1 when ip writes the next hops of a route through a nexthop object).
     */
    public record KernelView(JsonNode links, JsonNode addresses, JsonNode routes4, JsonNode routes6, JsonNode neighbours,
                             JsonNode rules4, JsonNode rules6, JsonNode nexthops, boolean nexthopCompat) {

        public static KernelView of(Namespace ns) throws Exception {
            return new KernelView(read(ns, "-j", "-d", "link", "show"), read(ns, "-j", "addr", "show"),
                    read(ns, "-4", "-j", "route", "show", "table", "all"),
                    read(ns, "-6", "-j", "route", "show", "table", "all"),
                    read(ns, "-j", "neigh", "show", "nud", "all"), read(ns, "-4", "-j", "rule", "show"),
                    read(ns, "-6", "-j", "rule", "show"), read(ns, "-j", "nexthop", "show"),
                    !"0".equals(ns.sysctl("net.ipv4.nexthop_compat_mode")));
        }

        private static JsonNode read(Namespace ns, String... args) throws Exception {
            String out = ns.ip(args).trim();
            return out.isEmpty() ? JSON.createArrayNode() : JSON.readTree(out);
        }
    }

    private KernelL3Comparison() {
    }

    /** The vrf's object of the dump, or an empty one. */
    public static JsonNode vrf(JsonNode dump, int vrfid) {
        for (JsonNode v : dump.path("vrfs")) {
            if (v.path("vrfid").asInt(-1) == vrfid) {
                return v;
            }
        }
        ObjectNode empty = JsonNodeFactory.instance.objectNode();
        for (String table : new String[] {"links", "routes", "neighbours", "rules"}) {
            empty.putArray(table);
        }
        return empty;
    }

    /** Every difference between the kernel and the FPM's vrf, "vrf 3 routes: kernel only: {...}" lines. */
    public static List<String> differences(int vrfid, KernelView kernel, JsonNode fpmVrf, boolean ipv6) {
        List<String> diffs = new ArrayList<>();
        for (String d : KernelLinkComparison.differences(kernel.links(), fpmVrf.path("links"))) {
            diffs.add("vrf " + vrfid + " links: " + d);
        }
        compare(diffs, vrfid, "addresses", kernelAddresses(kernel.addresses(), ipv6), fpmAddresses(fpmVrf));
        List<JsonNode> routes = new ArrayList<>();
        kernel.routes4().forEach(routes::add);
        if (ipv6) {
            kernel.routes6().forEach(routes::add);
        }
        compare(diffs, vrfid, "routes", canonicalAll(deadWithoutLinkdown(kernelRoutes(routes))),
                canonicalAll(deadWithoutLinkdown(fpmRoutes(without(fpmVrf.path("routes"), "fp_stale"),
                        kernel.nexthopCompat()))));
        List<JsonNode> nexthops = new ArrayList<>();
        for (JsonNode n : kernel.nexthops()) {
            ObjectNode c = n.deepCopy();
            if (c.has("resilient_args")) {
                ((ObjectNode) c.get("resilient_args")).remove("unbalanced_time");
            }
            nexthops.add(c);
        }
        compare(diffs, vrfid, "nexthops", canonicalAll(nexthops),
                canonicalAll(without(fpmVrf.path("nexthops"), "fp_stale", "ifuid")));
        List<JsonNode> neighbours = new ArrayList<>();
        for (JsonNode n : kernel.neighbours()) {
            if (forwardable(n) && (ipv6 || !n.path("dst").asText().contains(":"))) {
                neighbours.add(n);
            }
        }
        compare(diffs, vrfid, "neighbours", canonicalAll(neighbours),
                canonicalAll(without(fpmVrf.path("neighbours"), "fp_stale", "ifuid")));
        List<JsonNode> rules = new ArrayList<>();
        without(kernel.rules4(), "iif_detached", "oif_detached").forEach(rules::add);
        if (ipv6) {
            without(kernel.rules6(), "iif_detached", "oif_detached").forEach(rules::add);
        }
        compare(diffs, vrfid, "rules", canonicalAll(rules), canonicalAll(without(fpmVrf.path("rules"), "fp_stale")));
        return diffs;
    }

    /**
     * A dead next hop's {@code linkdown} is not compared: the next hop forwards nothing either way,
     * and the kernel sets and clears that bit of a dead next hop without a notification (seed 1,
     * operation 1,000: {@code ip link set m11 up}, its multipath next hop stayed dead and lost
     * linkdown silently). Whether it is dead is compared.
     */
    private static List<JsonNode> deadWithoutLinkdown(List<JsonNode> routes) {
        List<JsonNode> list = new ArrayList<>();
        for (JsonNode r : routes) {
            ObjectNode c = r.deepCopy();
            dropLinkdownIfDead(c);
            for (JsonNode hop : c.path("nexthops")) {
                dropLinkdownIfDead((ObjectNode) hop);
            }
            list.add(c);
        }
        return list;
    }

    private static void dropLinkdownIfDead(ObjectNode hop) {
        JsonNode flags = hop.path("flags");
        boolean dead = false;
        for (JsonNode f : flags) {
            dead |= "dead".equals(f.asText());
        }
        if (dead) {
            ArrayNode kept = hop.putArray("flags");
            for (JsonNode f : flags) {
                if (!"linkdown".equals(f.asText())) {
                    kept.add(f);
                }
            }
        }
    }

    /**
     * A route through a blackhole nexthop object is written by ip (compat mode 1) with {@code dev lo},
     * the device the kernel gives every blackhole: not a next hop, and not something FPC carries.
     */
    private static List<JsonNode> kernelRoutes(List<JsonNode> routes) {
        List<JsonNode> list = new ArrayList<>();
        for (JsonNode r : routes) {
            if (r.has("nhid") && "blackhole".equals(r.path("type").asText())) {
                ObjectNode c = r.deepCopy();
                c.remove("dev");
                list.add(c);
            } else {
                list.add(r);
            }
        }
        return list;
    }

    /**
     * With compat mode 0, ip writes a route through a nexthop object with its {@code nhid} only:
     * the next hops the FPM resolves it to are then compared through the nexthops table, not here.
     */
    private static List<JsonNode> fpmRoutes(ArrayNode routes, boolean compat) {
        List<JsonNode> list = new ArrayList<>();
        for (JsonNode r : routes) {
            if (!compat && r.has("nhid")) {
                ObjectNode c = r.deepCopy();
                c.remove(List.of("gateway", "via", "dev", "nexthops"));
                c.putArray("flags");
                list.add(c);
            } else {
                list.add(r);
            }
        }
        return list;
    }

    private static boolean forwardable(JsonNode neighbour) {
        boolean valid = false;
        for (JsonNode s : neighbour.path("state")) {
            valid |= FORWARDABLE_STATES.contains(s.asText());
        }
        String dst = neighbour.path("dst").asText();
        int firstOctet = dst.contains(":") ? -1 : Integer.parseInt(dst.substring(0, dst.indexOf('.')));
        boolean multicast = dst.contains(":") ? dst.toLowerCase().startsWith("ff") : firstOctet >= 224;
        // 0.0.0.0/8 is a broadcast type to the kernel (inet_addr_type): an entry it makes for such a
        // next hop (on lo, silently) has ndm_type RTN_BROADCAST, which iproute2 does not print
        boolean zeronet = firstOctet == 0;
        return valid && !multicast && !zeronet && !"ff:ff:ff:ff:ff:ff".equals(neighbour.path("lladdr").asText());
    }

    /** "ifname {address}" per address of each link. */
    private static List<String> kernelAddresses(JsonNode links, boolean ipv6) {
        List<String> list = new ArrayList<>();
        for (JsonNode link : links) {
            for (JsonNode a : link.path("addr_info")) {
                if (ipv6 || !"inet6".equals(a.path("family").asText())) {
                    list.add(link.path("ifname").asText() + " " + canonical(a));
                }
            }
        }
        list.sort(null);
        return list;
    }

    private static List<String> fpmAddresses(JsonNode fpmVrf) {
        List<String> list = new ArrayList<>();
        for (JsonNode link : fpmVrf.path("links")) {
            for (JsonNode a : without(link.path("addr_info"), "fp_stale")) {
                list.add(link.path("ifname").asText() + " " + canonical(a));
            }
        }
        list.sort(null);
        return list;
    }

    private static ArrayNode without(JsonNode array, String... fields) {
        ArrayNode copy = JsonNodeFactory.instance.arrayNode();
        for (JsonNode o : array) {
            ObjectNode c = o.deepCopy();
            c.remove(List.of(fields));
            copy.add(c);
        }
        return copy;
    }

    private static List<String> canonicalAll(Iterable<JsonNode> objects) {
        List<String> list = new ArrayList<>();
        for (JsonNode o : objects) {
            list.add(canonical(o));
        }
        list.sort(null);
        return list;
    }

    /** Keys sorted at every level; the next hops of a multipath route sorted too (a set to the kernel). */
    public static String canonical(JsonNode node) {
        try {
            return JSON.writeValueAsString(sorted(node, ""));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object sorted(JsonNode node, String field) {
        if (node.isObject()) {
            Map<String, Object> map = new TreeMap<>();
            node.fields().forEachRemaining(e -> map.put(e.getKey(), sorted(e.getValue(), e.getKey())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(n -> list.add(sorted(n, "")));
            if (field.equals("nexthops")) {
                list.sort((a, b) -> String.valueOf(a).compareTo(String.valueOf(b)));
            }
            return list;
        }
        return JSON.convertValue(node, Object.class);
    }

    /** Multiset difference of two sorted lists, both ways. */
    private static void compare(List<String> diffs, int vrfid, String table, List<String> kernel, List<String> fpm) {
        String prefix = "vrf " + vrfid + " " + table + ": ";
        int k = 0;
        int f = 0;
        while (k < kernel.size() || f < fpm.size()) {
            int order = k == kernel.size() ? 1 : f == fpm.size() ? -1 : kernel.get(k).compareTo(fpm.get(f));
            if (order == 0) {
                k++;
                f++;
            } else if (order < 0) {
                diffs.add(prefix + "kernel only: " + kernel.get(k++));
            } else {
                diffs.add(prefix + "fpm only:    " + fpm.get(f++));
            }
        }
    }
}
