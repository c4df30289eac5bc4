package org.linuxfpsync.itests;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random kernel changes in one namespace, as lines of {@code ip -batch}: links (veth pairs,
 * bridges, macvlans, vxlans) created, deleted, set up and down, enslaved, their MTU changed; IPv4
 * and IPv6 addresses; routes of several tables and types, multipath with weights, metrics, MTU,
 * preferred sources, replaced, appended (IPv6 siblings) and deleted, a next hop at a time too;
 * neighbours of several states; policy rules of both families.
 *
 * <p>Seeded: the same seed gives the same lines. The generator keeps a rough model of what it
 * created so that most lines are valid; a line the kernel refuses (a gateway no longer reachable,
 * a route already there) is part of the game: {@code ip -force -batch} goes on.
 *
 * <p>Addresses are drawn from 16 subnets per family on any link, so that two links sometimes
 * share a subnet: the kernel then holds prefix routes that differ by their interface only.
 */
final class RandomKernelOperations {
    private static final String[] PROTOCOLS = {"static", "bgp", "ospf", "zebra", "99"};
    private static final String[] TABLES = {"main", "main", "100", "200", "1000"};
    private static final String[] NUD = {"permanent", "reachable", "stale", "noarp"};

    private final SplittableRandom random;
    /** 1 or 2: keeps the namespaces' addresses apart (they are not connected anyway). */
    private final int ns;
    /** Every link name created, veth peers included; lo excluded. */
    private final List<String> links = new ArrayList<>();
    private final List<String> veths = new ArrayList<>();
    private final List<String> bridges = new ArrayList<>();
    private final List<String> v4 = new ArrayList<>();
    private final List<String> v6 = new ArrayList<>();
    /** "dst|table" of routes added, for deletions. */
    private final List<String> routes = new ArrayList<>();
    /** "dst dev link" of neighbours added. */
    private final List<String> neighbours = new ArrayList<>();
    /** "selector pref n" of rules added. */
    private final List<String> rules = new ArrayList<>();
    private int nextLink;

    RandomKernelOperations(long seed, int ns) {
        this.random = new SplittableRandom(seed * 31 + ns);
        this.ns = ns;
    }

    /** The next change; a few kinds need links, so the first ones create them. */
    String next() {
        if (links.size() < 4) {
            return addLink();
        }
        int dice = random.nextInt(100);
        if (dice < 8) {
            return links.size() < 14 ? addLink() : deleteLink();
        } else if (dice < 11) {
            return deleteLink();
        } else if (dice < 24) {
            return "link set " + any(links) + (random.nextInt(3) == 0 ? " down" : " up");
        } else if (dice < 27) {
            return "link set " + any(links) + " mtu " + (1280 + random.nextInt(221));
        } else if (dice < 30) {
            if (bridges.isEmpty() || veths.isEmpty()) {
                return addLink();
            }
            return "link set " + any(veths) + (random.nextInt(3) == 0 ? " nomaster" : " master " + any(bridges));
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

    private String addLink() {
        int n = nextLink++;
        int kind = veths.isEmpty() ? 0 : random.nextInt(10);
        if (kind < 6) {
            String a = "e" + n;
            String b = "e" + n + "p";
            links.add(a);
            links.add(b);
            veths.add(a);
            veths.add(b);
            return "link add " + a + " type veth peer name " + b;
        } else if (kind < 8) {
            String br = "b" + n;
            links.add(br);
            bridges.add(br);
            return "link add " + br + " type bridge";
        } else if (kind < 9) {
            String m = "m" + n;
            links.add(m);
            return "link add " + m + " link " + any(veths) + " type macvlan mode bridge";
        }
        String x = "x" + n;
        links.add(x);
        return "link add " + x + " type vxlan id " + (100 + n) + " dstport 4789";
    }

    private String deleteLink() {
        String link = any(links);
        links.remove(link);
        veths.remove(link);
        bridges.remove(link);
        // A veth takes its peer with it; the model forgets it too.
        String peer = link.endsWith("p") ? link.substring(0, link.length() - 1) : link + "p";
        if (link.startsWith("e")) {
            links.remove(peer);
            veths.remove(peer);
        }
        return "link del " + link;
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
                line.append(" nexthop via ").append(gateway4()).append(" weight ").append(1 + random.nextInt(5));
            }
        } else if (type < 14) {
            line.append(dst).append(" dev ").append(any(links));
        } else {
            line.append(dst).append(" via ").append(gateway4());
        }
        line.append(" table ").append(table);
        attributes(line, true);
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
                    line.append(" nexthop via ").append(gateway6()).append(" dev ").append(any(links))
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
