package org.linuxfpsync.itests;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random IPsec security policies in one namespace, as lines of {@code ip -batch}
 * ({@code "ip xfrm policy ..."}): added (IPv4 and IPv6 selectors, some with a protocol and a port,
 * every direction, priorities, marks, tunnel and transport templates of ESP and AH, optional ones
 * where the kernel allows them, block policies), updated, deleted by their selector, flushed now and
 * then. A generator of its own, with its own random numbers, so that {@link RandomKernelOperations}
 * draws the same lines as without it. Lines the kernel refuses (a policy already there, one
 * deleted twice) are part of the game, as there.
 */
final class RandomXfrmPolicies {
    private static final String[] DIRECTIONS = {"in", "out", "fwd"};

    private final SplittableRandom random;
    private final int ns;
    /** What identifies each policy added: its selector, direction and mark (a delete names all three). */
    private final List<String> keys = new ArrayList<>();

    RandomXfrmPolicies(long seed, int ns) {
        this.random = new SplittableRandom(seed * 131 + ns + 17);
        this.ns = ns;
    }

    /** The next change, {@code "ip xfrm policy ..."}. */
    String next() {
        int dice = random.nextInt(40);
        if (dice == 0) {
            keys.clear();
            return "ip xfrm policy flush";
        }
        if (dice < 9 && !keys.isEmpty()) {
            return "ip xfrm policy delete " + keys.remove(random.nextInt(keys.size()));
        }
        if (dice < 17 && !keys.isEmpty()) {
            String key = keys.get(random.nextInt(keys.size()));
            return "ip xfrm policy update " + key + attributes(key.contains(":"), key.contains("dir out"));
        }
        boolean v6 = random.nextInt(4) == 0;
        String dir = DIRECTIONS[random.nextInt(DIRECTIONS.length)];
        String key = selector(v6) + " dir " + dir
                + (random.nextInt(4) == 0 ? " mark 0x" + Integer.toHexString(1 + random.nextInt(15)) + " mask 0xff" : "");
        if (!keys.contains(key)) {
            keys.add(key);
        }
        return "ip xfrm policy add " + key + attributes(v6, dir.equals("out"));
    }

    private String selector(boolean v6) {
        int a = random.nextInt(6);
        int b = random.nextInt(6);
        String s = v6 ? "src fd0" + ns + ":" + a + "::/64 dst fd1" + ns + ":" + b + "::/64"
                : "src 10." + ns + "." + a + ".0/24 dst 10." + (100 + ns) + "." + b + ".0/24";
        switch (random.nextInt(5)) {
            case 0:
                return s + " proto tcp dport " + (random.nextBoolean() ? "443" : "80");
            case 1:
                return s + " proto udp sport 53";
            default:
                return s;
        }
    }

    /** A priority, then a block action or a template. */
    private String attributes(boolean v6, boolean out) {
        StringBuilder s = new StringBuilder(" priority ").append(random.nextInt(4) * 100);
        int kind = random.nextInt(6);
        if (kind == 0) {
            return s.append(" action block").toString();
        }
        String proto = random.nextInt(4) == 0 ? "ah" : "esp";
        if (kind == 1) {
            return s.append(" tmpl proto ").append(proto).append(" mode transport").toString();
        }
        String peer = v6 ? "2001:db8::" + (1 + random.nextInt(4)) : "198.51.100." + (1 + random.nextInt(4));
        String self = v6 ? "2001:db8::ff" : "192.0.2.1";
        s.append(" tmpl src ").append(self).append(" dst ").append(peer).append(" proto ").append(proto)
                .append(" mode tunnel reqid ").append(1 + random.nextInt(9));
        // an optional tunnel template: only inbound (the kernel refuses it outbound)
        if (!out && random.nextInt(3) == 0) {
            s.append(" level use");
        }
        return s.toString();
    }
}
