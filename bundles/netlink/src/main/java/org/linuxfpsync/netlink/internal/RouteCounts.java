package org.linuxfpsync.netlink.internal;

/**
 * How many routes a namespace holds, from its /proc/net files: a size hint for a table about to be
 * filled by a dump ({@code NetlinkService.routeCountHint}), -1 when the text says nothing.
 */
final class RouteCounts {
    private RouteCounts() {
    }

    /**
     * /proc/net/fib_triestat: the largest "Prefixes:" of its tables. Until policy rules are added
     * the main and local tables are one trie, printed twice: a sum would count it twice. Several
     * large tables are then undercounted, which only lets the table grow.
     */
    static long ipv4(String fibTriestat) {
        long most = -1;
        for (String line : fibTriestat.split("\n")) {
            String t = line.strip();
            if (t.startsWith("Prefixes:")) {
                try {
                    most = Math.max(most, Long.parseLong(t.substring("Prefixes:".length()).strip()));
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return most;
    }

    /**
     * /proc/net/rt6_stats: seven hexadecimal counters (fib nodes, route nodes, route allocations,
     * route entries, cached routes, dst entries, discarded routes); the fourth.
     */
    static long ipv6(String rt6Stats) {
        String[] fields = rt6Stats.strip().split("\\s+");
        if (fields.length < 4) {
            return -1;
        }
        try {
            return Long.parseLong(fields[3], 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
