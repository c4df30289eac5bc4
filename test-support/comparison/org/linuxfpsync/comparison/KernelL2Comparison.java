package org.linuxfpsync.comparison;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Compares the FPM's L2 objects of one vrf with iproute2's view of the namespace, field by field in
 * iproute2's names (docs/fpm-dump.md "L2"): {@code ip -j -d link}'s {@code linkinfo.info_data},
 * {@code info_slave_data} and {@code link} for the fields FPC carries, {@code bridge -j fdb show} for
 * the entries the cache manager owns, and {@code bridge -j vlan show}.
 *
 * <p>What is left out, and why:
 * <ul>
 * <li>info_data and info_slave_data fields FPC does not carry (STP timers and ids, multicast
 *     snooping timers, vxlan checksums and port range...): only the {@link #CARRIED} fields are
 *     compared, each present on both sides or on neither, with the same value;</li>
 * <li>{@code link} of a veth (its peer): FPC does not carry it; of a tunnel (its lower device, or
 *     {@code null}): the tunnel's own {@code info_data.link} is compared;</li>
 * <li>FDB entries of tables no feature owns: the unicast and multicast address lists of devices
 *     ({@code self} on anything but a vxlan device), which the kernel changes without notification
 *     and no fast path forwards with;</li>
 * <li>info_data and info_slave_data of a link that is down: the kernel notifies a parameter changed
 *     then ({@code ip link set X type vxlan|bridge_slave ...}) only when the link comes up
 *     ({@code netdev_state_change}, docs/l2-sync.md), and {@code link set X up} may be refused (a
 *     vxlan whose local address the namespace does not have), so that a change the generator made
 *     after it is silent (differential seed 4, operations 3,800 and 7,900);</li>
 * <li>the port ({@code ifname}) of a bridge's local entry (permanent, of the bridge's table): the
 *     kernel moves the entry of an address the bridge and a port share between them silently
 *     ({@code fdb_delete_local} when the bridge's address changes or a port leaves; differential
 *     seed 4, operation 9,400). Either way the entry means "for this host";</li>
 * <li>a bridge's ageing_time while its kernel STP is in a topology change (below, and
 *     docs/l2-sync.md; differential seed 5, operation 4,100);</li>
 * <li>our own fields: {@code ifuid}, {@code fp_stale}.</li>
 * </ul>
 */
public final class KernelL2Comparison {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The info_data fields of gre, gretap and erspan (ip/link_gre.c) FPC carries: all ip writes. */
    private static final List<String> GRE4 = List.of("external", "remote", "local", "link", "ttl", "tos", "pmtudisc",
            "ignore_df", "ikey", "okey", "iseq", "oseq", "icsum", "ocsum", "fwmark", "erspan_index", "erspan_ver",
            "erspan_dir", "erspan_hwid", "encap");
    /** The info_data fields of ip6gre, ip6gretap and ip6erspan (ip/link_gre6.c) FPC carries: all ip writes. */
    private static final List<String> GRE6 = List.of("external", "remote", "local", "link", "ttl",
            "ip6_tnl_f_ign_encap_limit", "encap_limit", "ip6_tnl_f_use_orig_tclass", "tclass",
            "ip6_tnl_f_use_orig_flowlabel", "flowlabel", "ip6_tnl_f_rcv_dscp_copy", "ikey", "okey", "iseq", "oseq",
            "icsum", "ocsum", "ip6_tnl_f_allow_local_remote", "ip6_tnl_f_use_orig_fwmark", "fwmark", "erspan_index",
            "erspan_ver", "erspan_dir", "erspan_hwid", "encap");

    /** The info_data fields of ipip and sit (ip/link_iptnl.c) FPC carries: all ip writes. */
    private static final List<String> IPTNL = List.of("external", "proto", "remote", "local", "link", "ttl", "tos",
            "pmtudisc", "isatap", "prefix", "prefixlen", "relay_prefix", "relay_prefixlen", "fwmark", "encap");
    /** The info_data fields of ip6tnl (ip/link_ip6tnl.c) FPC carries: all ip writes. */
    private static final List<String> IP6TNL = List.of("external", "proto", "remote", "local", "link", "ttl",
            "ip6_tnl_f_ign_encap_limit", "encap_limit", "ip6_tnl_f_use_orig_tclass", "tclass",
            "ip6_tnl_f_use_orig_flowlabel", "flowlabel", "ip6_tnl_f_rcv_dscp_copy", "ip6_tnl_f_mip6_dev",
            "ip6_tnl_f_allow_local_remote", "ip6_tnl_f_use_orig_fwmark", "fwmark", "encap");
    /** The info_data fields of vti and vti6 (ip/link_vti.c, link_vti6.c) FPC carries: all ip writes. */
    private static final List<String> VTI = List.of("remote", "local", "link", "ikey", "okey", "fwmark");

    /** The fields of info_data (by info_kind) and info_slave_data (by info_slave_kind) FPC carries. */
    public static final Map<String, List<String>> CARRIED = Map.ofEntries(
            Map.entry("vxlan", List.of("external", "id", "group", "remote", "group6", "remote6", "local", "local6",
                    "link", "port", "learning", "tos", "ttl")),
            Map.entry("macvlan", List.of("mode", "nopromisc", "nodst", "macaddr_count", "macaddr_data")),
            Map.entry("macvtap", List.of("mode", "nopromisc", "nodst", "macaddr_count", "macaddr_data")),
            Map.entry("bridge", List.of("forward_delay", "ageing_time", "stp_state", "vlan_filtering", "vlan_protocol",
                    "vlan_default_pvid", "group_fwd_mask", "mcast_snooping")),
            Map.entry("slave bridge", List.of("state", "priority", "cost", "hairpin", "learning", "flood", "proxy_arp",
                    "mcast_flood", "bcast_flood", "neigh_suppress", "isolated")),
            Map.entry("vlan", List.of("protocol", "id", "flags")),
            Map.entry("bond", List.of("mode", "active_slave", "xmit_hash_policy")),
            Map.entry("slave bond", List.of("state", "mii_status", "ad_aggregator_id", "ad_actor_oper_port_state",
                    "ad_partner_oper_port_state")),
            Map.entry("gre", GRE4), Map.entry("gretap", GRE4), Map.entry("erspan", GRE4),
            Map.entry("ip6gre", GRE6), Map.entry("ip6gretap", GRE6), Map.entry("ip6erspan", GRE6),
            Map.entry("ipip", IPTNL), Map.entry("sit", IPTNL), Map.entry("ip6tnl", IP6TNL),
            Map.entry("vti", VTI), Map.entry("vti6", VTI), Map.entry("xfrm", List.of("external", "if_id")));
    /** Kinds whose {@code link} (IFLA_LINK) is their lower device, which FPC carries. */
    private static final Set<String> LOWER_DEVICE_KINDS = Set.of("macvlan", "macvtap", "vlan");

    /** One namespace as iproute2 prints it. */
    public record KernelView(JsonNode links, JsonNode fdb, JsonNode vlans) {

        public static KernelView of(Namespace ns) throws Exception {
            return of(ns, read(ns.ip("-j", "-d", "link", "show")));
        }

        /** With the links already read ({@code ip -j -d link show}) in the same poll. */
        public static KernelView of(Namespace ns, JsonNode links) throws Exception {
            return new KernelView(links, read(ns.bridge("-j", "fdb", "show")),
                    read(ns.bridge("-j", "vlan", "show")));
        }

        private static JsonNode read(String out) throws Exception {
            return out.isBlank() ? JSON.createArrayNode() : JSON.readTree(out);
        }
    }

    private KernelL2Comparison() {
    }

    /** Every difference, one readable line each; empty when the FPM's vrf equals the kernel. */
    public static List<String> differences(KernelView kernel, JsonNode fpmVrf) {
        List<String> diffs = new ArrayList<>();
        Map<String, JsonNode> fpmLinks = new HashMap<>();
        for (JsonNode l : fpmVrf.path("links")) {
            fpmLinks.put(l.path("ifname").asText(), l);
        }
        Set<String> vxlans = new HashSet<>();
        for (JsonNode k : kernel.links()) {
            String name = k.path("ifname").asText();
            JsonNode info = k.path("linkinfo");
            String kind = info.path("info_kind").asText(null);
            if ("vxlan".equals(kind)) {
                vxlans.add(name);
            }
            JsonNode f = fpmLinks.get(name);
            if (f == null) {
                continue; // KernelLinkComparison reports it
            }
            if (kind != null && LOWER_DEVICE_KINDS.contains(kind)) {
                same(diffs, name + " link", k.path("link"), f.path("link"));
            }
            if (isUp(k)) {
                compareFields(diffs, name + " info_data", carried(kind), info.path("info_data"),
                        f.path("linkinfo").path("info_data"));
                String slave = info.path("info_slave_kind").asText(null);
                compareFields(diffs, name + " info_slave_data", slave == null ? null : carried("slave " + slave),
                        info.path("info_slave_data"), f.path("linkinfo").path("info_slave_data"));
            }
        }
        List<String> kernelFdb = new ArrayList<>();
        for (JsonNode e : kernel.fdb()) {
            boolean ofBridge = e.has("master");
            boolean ofVxlan = vxlans.contains(e.path("ifname").asText()) && e.path("flags").toString().contains("\"self\"");
            if (ofBridge || ofVxlan) {
                kernelFdb.add(KernelL3Comparison.canonical(localEntryWithoutPort(e)));
            }
        }
        List<String> fpmFdb = new ArrayList<>();
        for (JsonNode e : fpmVrf.path("fdb")) {
            fpmFdb.add(KernelL3Comparison.canonical(localEntryWithoutPort(without(e, "ifuid", "fp_stale"))));
        }
        multiset(diffs, "fdb", kernelFdb, fpmFdb);
        List<String> kernelVlans = new ArrayList<>();
        kernel.vlans().forEach(p -> kernelVlans.add(KernelL3Comparison.canonical(p)));
        List<String> fpmVlans = new ArrayList<>();
        for (JsonNode p : fpmVrf.path("bridge_vlans")) {
            ObjectNode port = without(p, "ifuid");
            ArrayNode vlans = port.putArray("vlans");
            p.path("vlans").forEach(v -> vlans.add(without(v, "fp_stale")));
            fpmVlans.add(KernelL3Comparison.canonical(port));
        }
        multiset(diffs, "vlans", kernelVlans, fpmVlans);
        return diffs;
    }

    private static List<String> carried(String kind) {
        return kind == null ? null : CARRIED.get(kind);
    }

    private static void compareFields(List<String> diffs, String what, List<String> fields, JsonNode kernel,
                                      JsonNode fpm) {
        if (fields == null) {
            if (!fpm.isMissingNode()) {
                diffs.add(what + ": the FPM writes " + fpm + " for a kind it does not carry");
            }
            return;
        }
        for (String field : fields) {
            if (field.equals("ageing_time") && inTopologyChange(kernel, fpm)) {
                continue;
            }
            same(diffs, what + "." + field, kernel.path(field), fpm.path(field));
        }
    }

    /**
     * A bridge running the kernel's STP in a topology change reports twice its forward delay as
     * its ageing time (__br_set_topology_change), and its own again when the change ends, both
     * silently: either side may hold one or the other.
     */
    private static boolean inTopologyChange(JsonNode kernel, JsonNode fpm) {
        if (kernel.path("stp_state").asInt() == 0) {
            return false;
        }
        long shortAgeing = 2 * kernel.path("forward_delay").asLong();
        return kernel.path("ageing_time").asLong() == shortAgeing || fpm.path("ageing_time").asLong() == shortAgeing;
    }

    private static void same(List<String> diffs, String what, JsonNode kernel, JsonNode fpm) {
        JsonNode k = sortedIfMacList(kernel);
        JsonNode f = sortedIfMacList(fpm);
        if (!k.equals(f)) {
            diffs.add(what + ": kernel=" + (kernel.isMissingNode() ? "absent" : kernel) + " fpm="
                    + (fpm.isMissingNode() ? "absent" : fpm));
        }
    }

    /** macaddr_data is the kernel's hash order: a set. */
    private static JsonNode sortedIfMacList(JsonNode n) {
        if (!n.isArray()) {
            return n;
        }
        List<String> items = new ArrayList<>();
        n.forEach(i -> items.add(i.asText()));
        items.sort(null);
        ArrayNode sorted = JSON.createArrayNode();
        items.forEach(sorted::add);
        return sorted;
    }

    private static ObjectNode without(JsonNode object, String... fields) {
        ObjectNode copy = object.deepCopy();
        copy.remove(List.of(fields));
        return copy;
    }

    private static void multiset(List<String> diffs, String table, List<String> kernel, List<String> fpm) {
        List<String> fpmLeft = new ArrayList<>(fpm);
        for (String k : kernel) {
            if (!fpmLeft.remove(k)) {
                diffs.add(table + ": kernel only: " + k);
            }
        }
        for (String f : fpmLeft) {
            diffs.add(table + ": fpm only:    " + f);
        }
    }

    private static boolean isUp(JsonNode kernelLink) {
        for (JsonNode flag : kernelLink.path("flags")) {
            if ("UP".equals(flag.asText())) {
                return true;
            }
        }
        return false;
    }

    /** A bridge's local entry without its port (see above); any other entry as it is. */
    private static JsonNode localEntryWithoutPort(JsonNode entry) {
        boolean local = entry.has("master") && "permanent".equals(entry.path("state").asText());
        return local ? without(entry, "ifname") : entry;
    }
}
