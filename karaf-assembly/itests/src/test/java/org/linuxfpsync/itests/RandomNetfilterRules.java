package org.linuxfpsync.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Random netfilter changes in one namespace, as lines a shell would run: {@code nft <command>} (an
 * inet filter table with a base chain, user chains, jumps and a set, an ip NAT table, a bridge
 * table: rules added, inserted at the head, chains flushed and deleted, elements added and removed,
 * tables deleted) and, when the kernel has legacy x_tables, {@code iptables-legacy ...} and
 * {@code ip6tables-legacy ...} (filter, nat and mangle rules, user chains). A generator of its own,
 * with its own random numbers, so that the other generators of the differential test draw the same
 * lines as without it. Lines the kernel refuses (a chain deleted while a rule jumps to it, a rule
 * deleted from an empty chain) are part of the game.
 */
final class RandomNetfilterRules {
    private final SplittableRandom random;
    private final boolean legacy;

    RandomNetfilterRules(long seed, int ns, boolean legacy) {
        this.random = new SplittableRandom(seed * 257 + ns + 31);
        this.legacy = legacy;
    }

    /** The next change. */
    String next() {
        if (legacy && random.nextInt(3) == 0) {
            return nextLegacy();
        }
        int chain = random.nextInt(3);
        // each change creates what it needs (nft's add is idempotent): few are refused
        String in = "nft add table inet f; add chain inet f in { type filter hook input priority 0; policy accept; };"
                + " add chain inet f c" + chain + ";";
        int dice = random.nextInt(40);
        if (dice == 0) {
            return "nft delete table " + List.of("inet f", "ip n", "bridge b").get(random.nextInt(3));
        }
        return switch (dice % 11) {
            case 0 -> in + " add rule inet f in tcp dport " + (1 + random.nextInt(2000)) + " accept";
            case 1 -> in + " insert rule inet f in ip saddr 10." + random.nextInt(4) + ".0." + random.nextInt(255)
                    + " counter drop";
            case 2 -> in + " add rule inet f in jump c" + chain;
            case 3 -> in + " add rule inet f c" + chain + " udp dport " + random.nextInt(65536) + " return";
            case 4 -> in + " add set inet f s { type ipv4_addr; }; add element inet f s { 10.9.0."
                    + random.nextInt(16) + " }";
            case 5 -> "nft delete element inet f s { 10.9.0." + random.nextInt(16) + " }";
            case 6 -> "nft flush chain inet f " + (random.nextBoolean() ? "in" : "c" + chain);
            case 7 -> "nft delete chain inet f c" + chain; // refused while a rule jumps to it
            case 8 -> "nft add table ip n; add chain ip n post { type nat hook postrouting priority 100; };"
                    + " add rule ip n post oifname \"eth" + random.nextInt(3) + "\" masquerade";
            case 9 -> "nft add table bridge b; add chain bridge b fwd { type filter hook forward priority 0; };"
                    + " add rule bridge b fwd ether type arp accept";
            default -> in + " add rule inet f in ip saddr @s accept";
        };
    }

    private String nextLegacy() {
        int chain = random.nextInt(2);
        return switch (random.nextInt(10)) {
            case 0 -> "iptables-legacy -A INPUT -p tcp --dport " + (1 + random.nextInt(2000)) + " -j ACCEPT";
            case 1 -> "iptables-legacy -I INPUT 1 -s 10." + random.nextInt(4) + ".0." + random.nextInt(255)
                    + " -j DROP";
            case 2 -> "iptables-legacy -D INPUT 1";
            case 3 -> "iptables-legacy -N x" + chain; // refused when it exists
            case 4 -> "iptables-legacy -A x" + chain + " -p udp --sport " + random.nextInt(65536) + " -j RETURN";
            case 5 -> "iptables-legacy -A FORWARD -j x" + chain;
            case 6 -> "iptables-legacy -F " + (random.nextBoolean() ? "FORWARD" : "x" + chain);
            case 7 -> "iptables-legacy -t nat -A POSTROUTING -o eth" + random.nextInt(3) + " -j MASQUERADE";
            case 8 -> "ip6tables-legacy -A INPUT -s fd0" + random.nextInt(4) + "::/64 -j DROP";
            default -> "iptables-legacy -t mangle " + (random.nextBoolean() ? "-F" : "-A PREROUTING -p udp --dport "
                    + random.nextInt(65536) + " -j ACCEPT");
        };
    }

    /**
     * Runs the lines in the namespace, one process each ({@code nft -f -} for nft: one transaction).
     *
     * @return how many the kernel refused
     */
    static int apply(TestNamespace ns, List<String> lines) throws IOException, InterruptedException {
        int refused = 0;
        for (String line : lines) {
            ProcessBuilder pb;
            if (line.startsWith("nft ")) {
                pb = new ProcessBuilder("ip", "netns", "exec", ns.name, "nft", "-f", "-");
            } else {
                List<String> command = new java.util.ArrayList<>(List.of("ip", "netns", "exec", ns.name));
                command.addAll(List.of(line.split(" ")));
                pb = new ProcessBuilder(command);
            }
            Process p = pb.redirectErrorStream(true).start();
            try (var in = p.getOutputStream()) {
                if (line.startsWith("nft ")) {
                    in.write((line.substring(4) + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + line);
            }
            if (p.exitValue() != 0) {
                refused++;
            }
        }
        return refused;
    }

    /** Whether the kernel has legacy ip_tables: asked in a namespace not followed yet, which it leaves as is. */
    static boolean legacyIn(TestNamespace ns) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ip", "netns", "exec", ns.name, "iptables-legacy", "-t", "filter", "-S")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        boolean ok = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        System.out.println("KernelDifferentialIT: legacy x_tables rules " + (ok ? "drawn"
                : "not drawn, iptables-legacy fails here: " + out));
        return ok;
    }
}
