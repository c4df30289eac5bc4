package org.linuxfpsync.itests;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Random kernel changes in one namespace, as lines of {@code ip -batch} ({@code "ip ..."}) and
 * {@code bridge -batch} ({@code "bridge ..."}), to be run in their order: links (veth pairs,
 * bridges, macvlans and macvtaps of every mode, vxlans with varied parameters) created, deleted, set
 * up and down, enslaved to bridges and released, their MTU changed; IPv4 and IPv6 addresses; routes of
 * several tables and types, multipath with weights, metrics, MTU, preferred sources, replaced, appended
 * (IPv6 siblings) and deleted, a next hop at a time too; neighbours of several states; policy rules of
 * both families; nexthop objects (single, blackhole, IPv6, fdb; groups, resilient ones), routes
 * through them ({@code nhid}) and their failovers. L2: bridge attributes (ageing, STP, forward delay, VLAN filtering, group forward mask,
 * snooping), port attributes and flags, bridge VLANs of ports and of the bridge itself, static,
 * permanent and dynamic FDB entries of bridges, VXLAN FDB entries (default destinations appended, a
 * remote per MAC, multicast MACs, deleted), VXLAN and MACVLAN parameters changed, source MACs of
 * macvlans in mode source; tunnels of the kinds the kernel has ({@link RandomTunnels}), created and
 * changed.
 *
 * <p>Seeded: the same seed on kernels alike gives the same lines. The generator keeps a rough model
 * of what it created so that most lines are valid; a line the kernel refuses (a gateway no longer
 * reachable, a route already there) is part of the game: {@code ip -force -batch} and
 * {@code bridge -force -batch} go on. On a kernel without bridge VLAN filtering
 * ({@link KernelProbe#bridgeVlanFiltering}), which refuses every VLAN operation of a bridge, none is
 * drawn: no {@code vlan_filtering}, no {@code bridge vlan}, no FDB entry of a VLAN.
 *
 * <p>Addresses are drawn from 16 subnets per family on any link, so that two links sometimes
 * share a subnet: the kernel then holds prefix routes that differ by their interface only.
 *
 * <p>What the generator avoids on purpose (docs/l2-sync.md):
 * <ul>
 * <li>a link parameter changed while the link is down, which the kernel does not notify
 *     ({@code netdev_state_change}): the change is preceded by {@code link set X up};</li>
 * <li>a loop of bridges (both ends of a veth pair in bridges already connected, hairpin on a veth
 *     port): a broadcast storm would take the machine's CPU, not test anything more;</li>
 * <li>{@code bridge fdb replace} of one remote of an all-zeros or multicast MAC, and two remotes of
 *     one MAC that differ by VNI or port only: known limits of FPC's FDB key (the VNI and port of a
 *     remote are a function of its address here);</li>
 * <li>a VXLAN remote via a device that can be deleted (the kernel keeps its ifindex, {@code viaIf
 *     "if3"}, which the FPM cannot name): the remotes with a via are via {@code lo}.</li>
 * </ul>
 */
final class RandomKernelOperations {
    private static final String[] PROTOCOLS = {"static", "bgp", "ospf", "zebra", "99"};
    private static final String[] TABLES = {"main", "main", "100", "200", "1000"};
    private static final String[] NUD = {"permanent", "reachable", "stale", "noarp"};
    private static final String[] MACVLAN_MODES = {"private", "vepa", "bridge", "passthru", "source"};
    private static final String[] VXLAN_PORTS = {"4789", "4789", "4790", "8472"};
    /** In centiseconds, as ip takes them: 10 s to 5 min (0 would make every learned entry stale at once). */
    private static final String[] AGEING = {"1000", "3000", "12000", "30000"};
    private static final String[] ON_OFF = {"on", "off"};
    private static final String[] PORT_FLAGS = {"learning", "flood", "mcast_flood", "bcast_flood", "neigh_suppress",
        "isolated"};

    private final SplittableRandom random;
    /** Whether the kernel has bridge VLAN filtering: without, no bridge VLAN operation is drawn. */
    private final boolean bridgeVlans;
    /** 1 or 2: keeps the namespaces' addresses apart (they are not connected anyway). */
    private final int ns;
    /** Every link name created, veth peers included; lo excluded. */
    private final List<String> links = new ArrayList<>();
    private final List<String> veths = new ArrayList<>();
    private final List<String> bridges = new ArrayList<>();
    private final List<String> vxlans = new ArrayList<>();
    /** macvlans and macvtaps. */
    private final List<String> macvlans = new ArrayList<>();
    /** The lower device (a veth) of each macvlan, macvtap and vxlan that has one: they go with it. */
    private final Map<String, String> lowerOf = new HashMap<>();
    /** The bridge each port was last enslaved to (a port the kernel refused may be here: never fewer). */
    private final Map<String, String> bridgeOf = new HashMap<>();
    private final List<String> v4 = new ArrayList<>();
    private final List<String> v6 = new ArrayList<>();
    /** "dst|table" of routes added, for deletions. */
    private final List<String> routes = new ArrayList<>();
    /** IDs of single nexthop objects (1..24) and of groups (100..111) added. */
    private final List<Integer> nexthops = new ArrayList<>();
    private final List<Integer> groups = new ArrayList<>();
    /** The IPv6 ones among the single nexthops: what an IPv6 route can use (an IPv4 one can use both). */
    private final List<Integer> nexthops6 = new ArrayList<>();
    /** "dst dev link" of neighbours added. */
    private final List<String> neighbours = new ArrayList<>();
    /** "selector pref n" of rules added. */
    private final List<String> rules = new ArrayList<>();
    /** "MAC dev X master|self" of bridge FDB entries added, "MAC dev X dst IP" of VXLAN ones. */
    private final List<String> fdb = new ArrayList<>();
    /** Lines that must follow the last one (a change after the {@code up} that makes the kernel notify it). */
    private final Deque<String> pending = new ArrayDeque<>();
    private final RandomTunnels tunnels;
    private int nextLink;

    RandomKernelOperations(long seed, int ns, boolean bridgeVlans) {
        this(seed, ns, bridgeVlans, List.of());
    }

    /**
     * @param tunnelKinds the tunnel link kinds the kernel has ({@link KernelProbe#linkKind}): only
     *                    these are drawn; with none, the lines are those of a generator without tunnels
     */
    RandomKernelOperations(long seed, int ns, boolean bridgeVlans, List<String> tunnelKinds) {
        this.random = new SplittableRandom(seed * 31 + ns);
        this.ns = ns;
        this.bridgeVlans = bridgeVlans;
        this.tunnels = new RandomTunnels(random, ns, tunnelKinds);
    }

    /** The next change, {@code "ip ..."} or {@code "bridge ..."}; a few kinds need links, so the first ones create them. */
    String next() {
        if (!pending.isEmpty()) {
            return pending.poll();
        }
        if (links.size() < 4) {
            return "ip " + addLink();
        }
        int dice = random.nextInt(150);
        if (dice >= 130) {
            return "ip " + nexthop(dice - 130);
        }
        if (dice >= 100) {
            return l2(dice - 100);
        }
        return "ip " + l3(dice);
    }

    private String l3(int dice) {
        if (dice < 8) {
            return links.size() < 14 ? addLink() : deleteLink();
        } else if (dice < 11) {
            return deleteLink();
        } else if (dice < 24) {
            return "link set " + any(links) + (random.nextInt(3) == 0 ? " down" : " up");
        } else if (dice < 27) {
            return "link set " + any(links) + " mtu " + (1280 + random.nextInt(221));
        } else if (dice < 30) {
            return bridges.isEmpty() || veths.isEmpty() ? addLink() : enslave();
        } else if (dice < 40) {
            return address(true);
        } else if (dice < 47) {
            return address(false);
        } else if (dice < 63) {
            return route4();
        } else if (dice < 76) {
            return route6();
        } else if (dice < 84) {
            return deleteRoute();
        } else if (dice < 93) {
            return neighbour();
        } else {
            return rule();
        }
    }

    /** One of 30 L2 changes, each kind needing its devices (created first when there are none). */
    private String l2(int dice) {
        if (dice < 4) {
            return bridges.isEmpty() ? "ip " + addBridge() : bridgeAttribute();
        } else if (dice < 8) {
            return bridgeOf.isEmpty() ? enslaveOrAdd() : portAttribute();
        } else if (dice < 11) {
            return bridgeVlans ? bridgeVlan() : bridgeOf.isEmpty() ? enslaveOrAdd() : bridgeFdb();
        } else if (dice < 18) {
            return bridgeOf.isEmpty() ? enslaveOrAdd() : bridgeFdb();
        } else if (dice < 24) {
            return vxlans.isEmpty() ? "ip " + addVxlan() : vxlanFdb();
        } else if (dice < 26) {
            return vxlans.isEmpty() ? "ip " + addVxlan() : vxlanChange();
        } else if (dice < 29) {
            return macvlans.isEmpty() ? "ip " + addMacvlan() : macvlanChange();
        }
        // the generator draws the same numbers as without tunnels when the kernel has none
        return tunnels.drawn() ? tunnel() : enslaveOrAdd();
    }

    private String addLink() {
        int kind = veths.isEmpty() ? 0 : random.nextInt(20);
        if (kind < 10) {
            int n = nextLink++;
            String a = "e" + n;
            String b = "e" + n + "p";
            links.add(a);
            links.add(b);
            veths.add(a);
            veths.add(b);
            return "link add " + a + " type veth peer name " + b;
        } else if (kind < 13) {
            return addBridge();
        } else if (kind < 16) {
            return addMacvlan();
        }
        return addVxlan();
    }

    /** A tunnel created (the first ones, then one in three), or one of its parameters changed. */
    private String tunnel() {
        if (tunnels.isEmpty() || random.nextInt(3) == 0) {
            String t = "g" + nextLink++;
            links.add(t);
            return "ip " + tunnels.add(t);
        }
        List<String> lines = tunnels.change(tunnels.names());
        pending.addAll(lines.subList(1, lines.size()));
        return lines.get(0);
    }

    private String addBridge() {
        String br = "b" + nextLink++;
        links.add(br);
        bridges.add(br);
        String[] options = {"", "", " ageing_time " + any(AGEING), " stp_state 1 forward_delay 200",
            " mcast_snooping 0", bridgeVlans ? " vlan_filtering 1" : "", " group_fwd_mask 0x4000"};
        return "link add " + br + " type bridge" + any(options);
    }

    /** A macvlan or macvtap of any mode on a veth (refused on a bridge port: the kernel allows one upper). */
    private String addMacvlan() {
        if (veths.isEmpty()) {
            return addLink();
        }
        int n = nextLink++;
        boolean tap = random.nextInt(4) == 0;
        String m = (tap ? "t" : "m") + n;
        String lower = any(veths);
        links.add(m);
        macvlans.add(m);
        lowerOf.put(m, lower);
        String mode = any(MACVLAN_MODES);
        String flag = mode.equals("passthru") && random.nextBoolean() ? " nopromisc"
                : mode.equals("source") && random.nextInt(3) == 0 ? " nodst" : "";
        return "link add " + m + " link " + lower + " type " + (tap ? "macvtap" : "macvlan") + " mode " + mode + flag;
    }

    /** A vxlan: external, or a VNI with local, remote or group (IPv4 or IPv6), TTL, TOS, learning, underlay. */
    private String addVxlan() {
        int n = nextLink++;
        String x = "x" + n;
        links.add(x);
        vxlans.add(x);
        StringBuilder line = new StringBuilder("link add ").append(x).append(" type vxlan");
        if (random.nextInt(8) == 0) {
            return line.append(" external dstport ").append(any(VXLAN_PORTS)).toString();
        }
        line.append(" id ").append(100 + n).append(" dstport ").append(any(VXLAN_PORTS));
        boolean ipv6 = random.nextInt(4) == 0;
        if (random.nextBoolean()) {
            line.append(" local ").append(ipv6 ? "2001:db8:" + ns + ":c8::1" : "10." + ns + ".200.1");
        }
        String lower = veths.isEmpty() || random.nextInt(3) != 0 ? null : any(veths);
        int shape = random.nextInt(5);
        if (shape < 3) {
            line.append(" remote ").append(vxlanRemote(ipv6, 201));
        } else if (shape < 4 && lower != null) {
            line.append(" group ").append(ipv6 ? "ff05::" + ns + ":" + (1 + random.nextInt(8))
                    : "239." + ns + ".1." + (1 + random.nextInt(8)));
        }
        if (lower != null) {
            line.append(" dev ").append(lower);
            lowerOf.put(x, lower);
        }
        if (random.nextInt(3) == 0) {
            line.append(" ttl ").append(1 + random.nextInt(255));
        }
        if (random.nextInt(6) == 0) {
            line.append(" tos 0x").append(Integer.toHexString(4 * (1 + random.nextInt(16))));
        }
        line.append(random.nextBoolean() ? " nolearning" : random.nextBoolean() ? " learning" : "");
        return line.toString();
    }

    /** An address of 12 per family in the subnet {@code octet} (201: the devices' remotes; 202: the FDB's). */
    private String vxlanRemote(boolean ipv6, int octet) {
        int host = 1 + random.nextInt(12);
        return ipv6 ? "2001:db8:" + ns + ":" + Integer.toHexString(octet) + "::" + Integer.toHexString(host)
                : "10." + ns + "." + octet + "." + host;
    }

    private String deleteLink() {
        String link = any(links);
        List<String> gone = new ArrayList<>(List.of(link));
        // A veth takes its peer with it, and the macvlans and vxlans on either.
        if (veths.contains(link)) {
            gone.add(link.endsWith("p") ? link.substring(0, link.length() - 1) : link + "p");
        }
        for (Map.Entry<String, String> e : lowerOf.entrySet()) {
            if (gone.contains(e.getValue()) && !gone.contains(e.getKey())) {
                gone.add(e.getKey());
            }
        }
        for (String l : gone) {
            links.remove(l);
            veths.remove(l);
            bridges.remove(l);
            vxlans.remove(l);
            macvlans.remove(l);
            lowerOf.remove(l);
            bridgeOf.remove(l);
            tunnels.forget(l);
        }
        // A bridge releases its ports.
        bridgeOf.values().removeIf(gone::contains);
        return "link del " + link;
    }

    private String enslaveOrAdd() {
        return "ip " + (bridges.isEmpty() || veths.isEmpty() ? addLink() : enslave());
    }

    /**
     * A veth (or a vxlan) enslaved to a bridge or released. A veth whose peer is a port of a bridge
     * connected to this one already (the same bridge included) would close a loop: it is released
     * instead.
     */
    private String enslave() {
        String port = !vxlans.isEmpty() && random.nextInt(4) == 0 ? any(vxlans) : any(veths);
        if (random.nextInt(4) == 0) {
            bridgeOf.remove(port);
            return "link set " + port + " nomaster";
        }
        String bridge = any(bridges);
        bridgeOf.remove(port);
        if (veths.contains(port)) {
            String peerBridge = bridgeOf.get(peer(port));
            if (peerBridge != null && connected(peerBridge, bridge)) {
                return "link set " + port + " nomaster";
            }
        }
        bridgeOf.put(port, bridge);
        return "link set " + port + " master " + bridge;
    }

    private static String peer(String veth) {
        return veth.endsWith("p") ? veth.substring(0, veth.length() - 1) : veth + "p";
    }

    /** Whether two bridges are one or joined by veth pairs whose both ends are their ports, at any depth. */
    private boolean connected(String from, String to) {
        Set<String> seen = new HashSet<>(List.of(from));
        Deque<String> todo = new ArrayDeque<>(List.of(from));
        while (!todo.isEmpty()) {
            String b = todo.poll();
            if (b.equals(to)) {
                return true;
            }
            for (Map.Entry<String, String> e : bridgeOf.entrySet()) {
                String other = veths.contains(e.getKey()) && e.getValue().equals(b) ? bridgeOf.get(peer(e.getKey()))
                        : null;
                if (other != null && seen.add(other)) {
                    todo.add(other);
                }
            }
        }
        return false;
    }

    /** A bridge's parameter, the bridge up first (a down device's change is not notified). */
    private String bridgeAttribute() {
        String br = any(bridges);
        String[] attributes = {"ageing_time " + any(AGEING), "stp_state " + random.nextInt(2),
            "forward_delay " + (200 * (1 + random.nextInt(4))), "group_fwd_mask " + any(new String[] {"0", "0x4000",
                "0x8", "0x4008"}), "mcast_snooping " + random.nextInt(2),
            bridgeVlans ? "vlan_filtering " + random.nextInt(2) : "mcast_snooping " + random.nextInt(2),
            "vlan_default_pvid " + (1 + random.nextInt(4)), "vlan_protocol " + any(new String[] {"802.1Q", "802.1ad"}),
            "priority " + random.nextInt(65536)};
        pending.add("ip link set " + br + " type bridge " + any(attributes));
        return "ip link set " + br + " up";
    }

    /** A port's cost, priority, state or flags, with bridge (always notified) or ip (the port up first). */
    private String portAttribute() {
        String port = any(new ArrayList<>(bridgeOf.keySet()));
        int what = random.nextInt(10);
        if (what < 6) {
            String attribute = what == 0 ? "cost " + (1 + random.nextInt(100)) : what == 1 ? "priority "
                    + random.nextInt(64) : what == 2 ? "state " + random.nextInt(5) : any(PORT_FLAGS) + " " + any(ON_OFF);
            return "bridge link set dev " + port + " " + attribute;
        }
        String attribute = what == 6 ? "cost " + (1 + random.nextInt(100)) : what == 7 ? "proxy_arp " + any(ON_OFF)
                : any(PORT_FLAGS) + " " + any(ON_OFF);
        if (what == 9 && vxlans.contains(port)) {
            // hairpin on a veth port could send a frame back and forth between two bridges for ever
            attribute = "hairpin " + any(ON_OFF);
        }
        pending.add("ip link set " + port + " type bridge_slave " + attribute);
        return "ip link set " + port + " up";
    }

    /** VLANs of a port or of a bridge itself ({@code self}). */
    private String bridgeVlan() {
        boolean self = !bridges.isEmpty() && (bridgeOf.isEmpty() || random.nextInt(3) == 0);
        if (!self && bridgeOf.isEmpty()) {
            return enslaveOrAdd();
        }
        String dev = self ? any(bridges) + " self" : any(new ArrayList<>(bridgeOf.keySet()));
        int vid = 1 + random.nextInt(10);
        String vids = random.nextInt(5) == 0 ? vid + "-" + (vid + 1 + random.nextInt(4)) : Integer.toString(vid);
        if (random.nextInt(3) == 0) {
            return "bridge vlan del vid " + vids + " dev " + dev;
        }
        return "bridge vlan add vid " + vids + (random.nextInt(3) == 0 ? " pvid" : "")
                + (random.nextInt(3) == 0 ? " untagged" : "") + " dev " + dev;
    }

    /** Static, permanent, dynamic and externally learned entries of a bridge's table, the bridge's own, deleted. */
    private String bridgeFdb() {
        List<String> own = new ArrayList<>();
        for (String e : fdb) {
            if (!e.contains(" dst ")) {
                own.add(e);
            }
        }
        int what = random.nextInt(20);
        if (what < 5 && !own.isEmpty()) {
            String e = any(own);
            fdb.remove(e);
            return "bridge fdb del " + e;
        }
        if (what == 5) {
            return "bridge fdb flush dev " + any(bridges.isEmpty() ? veths : bridges);
        }
        String mac = "02:bb:0" + ns + ":00:00:" + String.format("%02x", random.nextInt(24));
        String entry;
        if (what < 8 && !bridges.isEmpty()) {
            entry = mac + " dev " + any(bridges) + " self";
        } else {
            entry = mac + " dev " + any(new ArrayList<>(bridgeOf.keySet())) + " master";
        }
        fdb.add(entry);
        String state = any(new String[] {"", " static", " static", " dynamic", " extern_learn"});
        return "bridge fdb " + (random.nextInt(4) == 0 ? "replace " : "add ") + entry + state
                + (random.nextInt(8) == 0 && bridgeVlans ? " vlan " + (1 + random.nextInt(10)) : "");
    }

    /**
     * A VXLAN device's own table: remotes appended to the all-zeros (default) and multicast MACs, a
     * remote per unicast MAC (added, replaced), entries deleted. A remote's VNI, port and via are a
     * function of its address: two remotes of one MAC that differ by them only are one FPC key.
     */
    private String vxlanFdb() {
        List<String> own = new ArrayList<>();
        for (String e : fdb) {
            if (e.contains(" dst ")) {
                own.add(e);
            }
        }
        String x = any(vxlans);
        int what = random.nextInt(20);
        if (what < 6 && !own.isEmpty()) {
            String e = any(own);
            fdb.remove(e);
            // without dst: every remote of the MAC
            return "bridge fdb del " + (random.nextInt(4) == 0 ? e.substring(0, e.indexOf(" dst ")) : e);
        }
        String dst = vxlanRemote(random.nextInt(5) == 0, 202);
        int host = Integer.parseInt(dst.substring(dst.lastIndexOf(dst.contains(":") ? ':' : '.') + 1), 16);
        String options = host % 3 == 0 ? " vni " + (5000 + host) + " port 4790" : host % 4 == 0 ? " via lo" : "";
        String mac;
        String verb = "append ";
        if (what < 13) {
            mac = "00:00:00:00:00:00";
        } else if (what < 15) {
            mac = "01:00:5e:00:00:0" + (1 + random.nextInt(4));
        } else {
            mac = "02:cc:0" + ns + ":00:00:" + String.format("%02x", random.nextInt(12));
            // replace only a unicast MAC's single remote (a default destination's: a known limit)
            verb = random.nextInt(3) == 0 ? "replace " : "add ";
        }
        String entry = mac + " dev " + x + " dst " + dst;
        fdb.add(entry);
        return "bridge fdb " + verb + entry + options;
    }

    /** A vxlan's parameter, the device up first. */
    private String vxlanChange() {
        String x = any(vxlans);
        String[] changes = {"ttl " + (1 + random.nextInt(255)), "ttl inherit", "tos 0x" + Integer.toHexString(
                4 * (1 + random.nextInt(16))), "tos inherit", "learning", "nolearning", "remote " + vxlanRemote(
                random.nextInt(4) == 0, 201), "local 10." + ns + ".200." + (1 + random.nextInt(2)), "ageing 300"};
        pending.add("ip link set " + x + " type vxlan " + any(changes));
        return "ip link set " + x + " up";
    }

    /** A macvlan's mode, flags or source MACs, the device up first. */
    private String macvlanChange() {
        String m = any(macvlans);
        String type = m.startsWith("t") ? "macvtap" : "macvlan";
        String mac = "02:dd:0" + ns + ":00:00:0" + random.nextInt(8);
        String[] changes = {"mode " + any(MACVLAN_MODES), "mode source nodst", "macaddr add " + mac, "macaddr add " + mac,
            "macaddr del " + mac, "macaddr flush", "macaddr set " + mac + " 02:dd:0" + ns + ":00:00:0f"};
        pending.add("ip link set " + m + " type " + type + " " + any(changes));
        return "ip link set " + m + " up";
    }

    private String address(boolean ipv4) {
        List<String> known = ipv4 ? v4 : v6;
        if (!known.isEmpty() && random.nextInt(4) == 0) {
            String a = any(known);
            known.remove(a);
            return "addr del " + a;
        }
        int subnet = random.nextInt(16);
        int host = 1 + random.nextInt(20);
        String a = ipv4 ? "10." + ns + "." + subnet + "." + host + "/24 dev " + any(links)
                : "2001:db8:" + ns + ":" + subnet + "::" + Integer.toHexString(host) + "/64 dev " + any(links);
        known.add(a);
        return "addr add " + a + (ipv4 || random.nextInt(5) == 0 ? "" : " nodad");
    }

    private String route4() {
        String dst;
        int shape = random.nextInt(10);
        if (shape < 6) {
            dst = "172." + (16 + ns) + "." + random.nextInt(64) + ".0/24";
        } else if (shape < 9) {
            dst = "198.51." + ns + "." + random.nextInt(64);
        } else {
            dst = "default";
        }
        String table = any(TABLES);
        StringBuilder line = new StringBuilder("route ").append(random.nextInt(4) == 0 ? "replace " : "add ");
        // ip takes nothing after the next hops: a word there ends the whole -batch (exit, not a refusal)
        StringBuilder multipath = new StringBuilder();
        int type = random.nextInt(20);
        if (type == 0) {
            line.append("blackhole ").append(dst);
        } else if (type == 1) {
            line.append("unreachable ").append(dst);
        } else if (type == 2) {
            line.append("prohibit ").append(dst);
        } else if (type == 3) {
            line.append("throw ").append(dst);
        } else if (type == 4) {
            line.append("local ").append("192.0.2.").append(random.nextInt(32)).append(" dev ").append(any(links));
            table = random.nextBoolean() ? "local" : "100";
            dst = null;
        } else if (type == 5) {
            line.append("multicast 239.").append(ns).append('.').append(random.nextInt(32)).append(".0/24 dev ")
                    .append(any(links));
            dst = null;
        } else if (type < 10) {
            line.append(dst);
            int hops = 2 + random.nextInt(2);
            for (int i = 0; i < hops; i++) {
                multipath.append(" nexthop via ").append(gateway4()).append(" weight ").append(1 + random.nextInt(5));
            }
        } else if (type < 14) {
            line.append(dst).append(" dev ").append(any(links));
        } else {
            line.append(dst).append(" via ").append(gateway4());
        }
        line.append(" table ").append(table);
        attributes(line, true);
        line.append(multipath);
        if (dst != null) {
            routes.add(dst + "|" + table);
        }
        return line.toString();
    }

    private String route6() {
        String dst;
        int shape = random.nextInt(10);
        if (shape < 6) {
            dst = "2001:db8:f" + ns + ":" + Integer.toHexString(random.nextInt(64)) + "::/64";
        } else if (shape < 9) {
            dst = "2001:db8:e" + ns + "::" + Integer.toHexString(1 + random.nextInt(64));
        } else {
            dst = "::/0";
        }
        String table = any(TABLES);
        int type = random.nextInt(20);
        StringBuilder line = new StringBuilder("route ");
        StringBuilder multipath = new StringBuilder();
        if (type < 3) {
            // IPv6 multipath routes are siblings: append adds one, "del ... via" removes one.
            line.append("append ").append(dst).append(" via ").append(gateway6());
        } else {
            line.append(random.nextInt(4) == 0 ? "replace " : "add ");
            if (type == 3) {
                line.append("blackhole ").append(dst);
            } else if (type == 4) {
                line.append("unreachable ").append(dst);
            } else if (type == 5) {
                line.append("prohibit ").append(dst);
            } else if (type < 10) {
                line.append(dst);
                int hops = 2 + random.nextInt(2);
                for (int i = 0; i < hops; i++) {
                    multipath.append(" nexthop via ").append(gateway6()).append(" dev ").append(any(links))
                            .append(" weight ").append(1 + random.nextInt(5));
                }
            } else if (type < 14) {
                line.append(dst).append(" dev ").append(any(links));
            } else {
                line.append(dst).append(" via ").append(gateway6()).append(" dev ").append(any(links));
            }
        }
        line.append(" table ").append(table);
        attributes(line, false);
        line.append(multipath);
        routes.add(dst + "|" + table);
        return line.toString();
    }

    private void attributes(StringBuilder line, boolean ipv4) {
        if (random.nextInt(3) == 0) {
            line.append(" metric ").append(new int[] {10, 20, 100, 1024}[random.nextInt(4)]);
        }
        if (random.nextInt(6) == 0) {
            line.append(" mtu ").append(1280 + random.nextInt(221));
        }
        if (random.nextInt(5) == 0) {
            line.append(" proto ").append(any(PROTOCOLS));
        }
        List<String> local = ipv4 ? v4 : v6;
        if (!local.isEmpty() && random.nextInt(8) == 0) {
            String a = any(local);
            line.append(" src ").append(a, 0, a.indexOf('/'));
        }
    }

    private String deleteRoute() {
        if (routes.isEmpty()) {
            return route4();
        }
        String r = any(routes);
        String[] parts = r.split("\\|");
        boolean ipv6 = parts[0].contains(":");
        if (ipv6 && random.nextInt(3) == 0) {
            return "route del " + parts[0] + " via " + gateway6() + " table " + parts[1];
        }
        routes.remove(r);
        return "route del " + parts[0] + " table " + parts[1];
    }

    /**
     * One of 20 nexthop object changes: a single nexthop added or replaced (gateway, onlink, device
     * only, blackhole, IPv6, fdb), a group (weights; resilient with buckets and timers), a deletion,
     * a route through one ({@code nhid}), a failover (a single nexthop replaced by another gateway).
     */
    private String nexthop(int dice) {
        if (dice < 5 || nexthops.isEmpty()) {
            return singleNexthop(1 + random.nextInt(24));
        } else if (dice < 9) {
            int id = 100 + random.nextInt(12);
            List<Integer> members = new ArrayList<>(nexthops);
            java.util.Collections.shuffle(members, new java.util.Random(random.nextLong()));
            StringBuilder line = new StringBuilder("nexthop ").append(random.nextBoolean() ? "replace" : "add")
                    .append(" id ").append(id).append(" group ");
            int count = Math.min(members.size(), 1 + random.nextInt(3));
            for (int i = 0; i < count; i++) {
                line.append(i == 0 ? "" : "/").append(members.get(i));
                if (random.nextInt(3) == 0) {
                    line.append(',').append(2 + random.nextInt(4));
                }
            }
            if (random.nextInt(3) == 0) {
                line.append(" type resilient buckets ").append(any(new String[] {"8", "16", "32"}));
                if (random.nextBoolean()) {
                    line.append(" idle_timer ").append(random.nextInt(200));
                }
                if (random.nextBoolean()) {
                    line.append(" unbalanced_timer ").append(random.nextInt(200));
                }
            }
            if (!groups.contains(id)) {
                groups.add(id);
            }
            return line.toString();
        } else if (dice < 10) {
            List<Integer> all = new ArrayList<>(nexthops);
            all.addAll(groups);
            Integer id = any(all);
            nexthops.remove(id);
            nexthops6.remove(id);
            groups.remove(id);
            return "nexthop del id " + id;
        } else if (dice < 17) {
            List<Integer> all = new ArrayList<>(nexthops);
            all.addAll(groups);
            boolean ipv6 = !nexthops6.isEmpty() && random.nextInt(4) == 0;
            if (ipv6) {
                all = nexthops6;
            }
            String dst = ipv6 ? "2001:db8:d" + ns + ":" + Integer.toHexString(random.nextInt(32)) + "::/64"
                    : "172." + (24 + ns) + "." + random.nextInt(32) + ".0/24";
            String table = any(TABLES);
            routes.add(dst + "|" + table);
            return "route " + (random.nextBoolean() ? "replace " : "add ") + dst + " nhid " + any(all) + " table "
                    + table + (random.nextInt(3) == 0 ? " metric " + (10 * (1 + random.nextInt(3))) : "");
        }
        // a failover: one member's gateway replaced, the routes through it (and its groups) follow
        String dev = any(veths.isEmpty() ? links : veths);
        return withCarrier(dev, "nexthop replace id " + any(nexthops) + " via " + gateway4() + " dev " + dev + " onlink");
    }

    private String singleNexthop(int id) {
        StringBuilder line = new StringBuilder("nexthop ").append(random.nextBoolean() ? "replace" : "add")
                .append(" id ").append(id);
        nexthops6.remove((Integer) id);
        int shape = random.nextInt(10);
        // veths mostly: a nexthop needs its device up with a carrier; onlink mostly: a gateway need not be reachable
        String dev = veths.isEmpty() || random.nextInt(4) == 0 ? any(links) : any(veths);
        if (shape < 5) {
            line.append(" via ").append(gateway4()).append(" dev ").append(dev)
                    .append(random.nextInt(6) != 0 ? " onlink" : "");
        } else if (shape < 7) {
            line.append(" dev ").append(dev);
        } else if (shape < 8) {
            line.append(" blackhole");
        } else if (shape < 9) {
            line.append(" via ").append(gateway6()).append(" dev ").append(dev)
                    .append(random.nextBoolean() ? " onlink" : "");
            if (!nexthops6.contains(id)) {
                nexthops6.add(id);
            }
        } else {
            line.append(" via ").append(gateway4()).append(" fdb");
        }
        if (random.nextInt(5) == 0) {
            line.append(" proto ").append(any(PROTOCOLS));
        }
        if (!nexthops.contains(id)) {
            nexthops.add(id);
        }
        return shape < 9 ? withCarrier(dev, line.toString()) : line.toString();
    }

    /**
     * {@code nexthopLine} after its device is up with a carrier (both ends of a veth up): the
     * kernel refuses a nexthop on a device without one, and removes it when the carrier goes.
     */
    private String withCarrier(String dev, String nexthopLine) {
        if (!veths.contains(dev)) {
            return nexthopLine;
        }
        pending.add("ip link set " + peer(dev) + " up");
        pending.add("ip " + nexthopLine);
        return "link set " + dev + " up";
    }

    private String neighbour() {
        if (!neighbours.isEmpty() && random.nextInt(4) == 0) {
            String n = any(neighbours);
            neighbours.remove(n);
            return "neigh del " + n;
        }
        boolean ipv4 = random.nextBoolean();
        String dst = ipv4 ? gateway4() : gateway6();
        String n = dst + " dev " + any(links);
        neighbours.add(n);
        StringBuilder mac = new StringBuilder("02");
        for (int i = 0; i < 5; i++) {
            mac.append(':').append(String.format("%02x", random.nextInt(256)));
        }
        return "neigh replace " + n + " lladdr " + mac + " nud " + any(NUD) + (!ipv4 && random.nextInt(4) == 0
                ? " router" : "");
    }

    private String rule() {
        boolean ipv4 = random.nextBoolean();
        if (!rules.isEmpty() && random.nextInt(3) == 0) {
            String r = any(rules);
            rules.remove(r);
            return "rule del " + r;
        }
        String prefix = ipv4 ? "10." + ns + "." + random.nextInt(16) + ".0/24"
                : "2001:db8:" + ns + ":" + random.nextInt(16) + "::/64";
        StringBuilder selector = new StringBuilder();
        if (random.nextInt(5) == 0) {
            selector.append("not ");
        }
        selector.append(random.nextBoolean() ? "from " : "to ").append(prefix);
        if (random.nextInt(4) == 0) {
            selector.append(" iif ").append(random.nextBoolean() ? any(links) : "gone" + random.nextInt(3));
        }
        if (random.nextInt(4) == 0) {
            selector.append(" oif ").append(any(links));
        }
        if (random.nextInt(4) == 0) {
            selector.append(" fwmark 0x").append(Integer.toHexString(1 + random.nextInt(255)))
                    .append(random.nextBoolean() ? "/0xff" : "");
        }
        if (ipv4 && random.nextInt(6) == 0) {
            selector.append(" tos 0x10");
        }
        selector.append(" pref ").append(1000 + random.nextInt(100));
        rules.add(selector.toString());
        int action = random.nextInt(10);
        String what = action < 6 ? "table " + any(TABLES) : action < 7 ? "goto 32766" : action < 8 ? "blackhole"
                : action < 9 ? "unreachable" : "prohibit";
        return "rule add " + selector + " " + what;
    }

    private String gateway4() {
        return "10." + ns + "." + random.nextInt(16) + "." + (1 + random.nextInt(40));
    }

    private String gateway6() {
        return "2001:db8:" + ns + ":" + random.nextInt(16) + "::" + Integer.toHexString(1 + random.nextInt(40));
    }

    private <T> T any(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private <T> T any(T[] array) {
        return array[random.nextInt(array.length)];
    }
}
