package org.linuxfpsync.itests;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The tunnel part of {@link RandomKernelOperations}: devices of the link kinds the kernel has
 * (probed: {@link KernelProbe#linkKind}) created with varied parameters and changed, each kind as
 * {@code ip link add … type X} takes it. A tunnel's lower device, when it has one, is {@code lo},
 * which is never deleted: the kernel keeps the ifindex of a deleted lower device in the tunnel's
 * parameters, which neither ip nor the FPM can name. Endpoints are in the namespace's own subnets
 * (10.ns.210/211, 2001:db8:ns:d2/d3::), so that two tunnels sometimes have the same ones: the kernel
 * refuses the second (EEXIST), as it would in production.
 */
final class RandomTunnels {
    /** Every kind the generator can draw, each probed before it is. */
    static final List<String> KINDS = List.of("gre", "gretap", "ip6gre", "ip6gretap", "erspan", "ip6erspan", "ipip",
            "sit", "ip6tnl", "vti", "vti6", "xfrm");

    private final SplittableRandom random;
    private final int ns;
    private final List<String> kinds;
    /** Each tunnel created, by name: its kind. */
    private final Map<String, String> kindOf = new LinkedHashMap<>();

    RandomTunnels(SplittableRandom random, int ns, List<String> kinds) {
        this.random = random;
        this.ns = ns;
        this.kinds = List.copyOf(kinds);
    }

    boolean drawn() {
        return !kinds.isEmpty();
    }

    boolean isEmpty() {
        return kindOf.isEmpty();
    }

    /** {@code link add <name> type <kind> …} of a kind the kernel has. */
    String add(String name) {
        String kind = kinds.get(random.nextInt(kinds.size()));
        kindOf.put(name, kind);
        return "link add " + name + " type " + kind + parameters(kind);
    }

    /** A tunnel is gone (deleted by the generator). */
    void forget(String name) {
        kindOf.remove(name);
    }

    /** One parameter of a tunnel changed, the device up first (a change while down is not notified). */
    List<String> change(List<String> names) {
        String t = names.get(random.nextInt(names.size()));
        String kind = kindOf.get(t);
        String change;
        switch (kind) {
            case "ip6gre", "ip6gretap", "ip6erspan", "ip6tnl" -> change = "hoplimit " + (1 + random.nextInt(255));
            case "vti", "vti6" -> change = "okey " + (1 + random.nextInt(8));
            case "xfrm" -> change = "if_id " + (1 + random.nextInt(8));
            default -> change = "ttl " + (1 + random.nextInt(255));
        }
        return List.of("ip link set " + t + " up", "ip link set " + t + " type " + kind + " " + change);
    }

    List<String> names() {
        return List.copyOf(kindOf.keySet());
    }

    private String parameters(String kind) {
        boolean v6 = kind.startsWith("ip6") || kind.equals("vti6");
        if (kind.equals("xfrm")) {
            return " dev lo if_id " + (1 + random.nextInt(8));
        }
        if (!kind.contains("erspan") && !kind.startsWith("vti") && kind.contains("gre") && random.nextInt(10) == 0) {
            return " external";
        }
        StringBuilder p = new StringBuilder();
        p.append(" local ").append(v6 ? "2001:db8:" + ns + ":d2::1" : "10." + ns + ".210.1");
        p.append(" remote ").append(v6 ? "2001:db8:" + ns + ":d3::" + Integer.toHexString(1 + random.nextInt(12))
                : "10." + ns + ".211." + (1 + random.nextInt(12)));
        if (random.nextInt(4) == 0) {
            p.append(" dev lo");
        }
        switch (kind) {
            case "gre", "gretap", "ip6gre", "ip6gretap" -> greOptions(p, v6);
            case "erspan", "ip6erspan" -> erspanOptions(p);
            case "vti", "vti6" -> p.append(" ikey ").append(1 + random.nextInt(8)).append(" okey ")
                    .append(1 + random.nextInt(8));
            case "ip6tnl" -> p.append(" mode ").append(new String[] {"ip6ip6", "ipip6", "any"}[random.nextInt(3)])
                    .append(" hoplimit ").append(1 + random.nextInt(255));
            default -> p.append(" ttl ").append(1 + random.nextInt(255));
        }
        return p.toString();
    }

    private void greOptions(StringBuilder p, boolean v6) {
        int keys = random.nextInt(3);
        if (keys == 1) {
            p.append(" key ").append(1 + random.nextInt(1000));
        } else if (keys == 2) {
            p.append(" ikey ").append(1 + random.nextInt(1000)).append(" okey ").append(1 + random.nextInt(1000));
        }
        if (random.nextInt(4) == 0) {
            p.append(random.nextBoolean() ? " seq" : " iseq");
        }
        if (random.nextInt(4) == 0) {
            p.append(random.nextBoolean() ? " csum" : " ocsum");
        }
        if (v6) {
            p.append(" hoplimit ").append(1 + random.nextInt(255));
            if (random.nextInt(3) == 0) {
                p.append(random.nextBoolean() ? " encaplimit none" : " encaplimit " + random.nextInt(8));
            }
            if (random.nextInt(3) == 0) {
                p.append(random.nextBoolean() ? " tclass inherit" : " tclass 0x" + Integer.toHexString(4 * random.nextInt(64)));
            }
            if (random.nextInt(3) == 0) {
                p.append(" flowlabel 0x").append(Integer.toHexString(random.nextInt(0x100000)));
            }
        } else if (random.nextInt(4) == 0) {
            // no path MTU discovery needs an inherited TTL
            p.append(" nopmtudisc").append(random.nextBoolean() ? " ignore-df" : "");
        } else {
            p.append(" ttl ").append(1 + random.nextInt(255));
            if (random.nextInt(3) == 0) {
                p.append(" tos 0x").append(Integer.toHexString(4 * (1 + random.nextInt(16))));
            }
        }
        if (random.nextInt(5) == 0) {
            p.append(" fwmark 0x").append(Integer.toHexString(1 + random.nextInt(0xff)));
        }
    }

    private void erspanOptions(StringBuilder p) {
        p.append(" seq key ").append(1 + random.nextInt(1000));
        if (random.nextBoolean()) {
            p.append(" erspan_ver 1 erspan ").append(random.nextInt(1024));
        } else {
            p.append(" erspan_ver 2 erspan_dir ").append(random.nextBoolean() ? "ingress" : "egress")
                    .append(" erspan_hwid 0x").append(Integer.toHexString(random.nextInt(64)));
        }
    }
}
