package org.linuxfpsync.netlink.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RouteCountsTest {
    /** A namespace without policy rules: main and local are one trie, printed twice. */
    private static final String MERGED = """
            Basic info: size of leaf: 48 bytes, size of tnode: 40 bytes.
            Main:
            \tAver depth:     2.42
            \tMax depth:      3
            \tLeaves:         1000003
            \tPrefixes:       1000003
            \tInternal nodes: 5
            \t  1: 1  2: 3  3: 1
            \tPointers: 22
            Null ptrs: 11
            Total size: 2  kB
            Local:
            \tAver depth:     2.42
            \tMax depth:      3
            \tLeaves:         1000003
            \tPrefixes:       1000003
            \tInternal nodes: 5
            \tPointers: 22
            Null ptrs: 11
            Total size: 2  kB
            """;

    @Test
    void ipv4CountsTheLargestTableOnceNotTheMergedTrieTwice() {
        assertThat(RouteCounts.ipv4(MERGED)).isEqualTo(1_000_003);
        assertThat(RouteCounts.ipv4(MERGED.replace("Prefixes:       1000003\n\tInternal nodes: 5\n\tPointers",
                "Prefixes:       12\n\tInternal nodes: 5\n\tPointers"))).isEqualTo(1_000_003);
    }

    @Test
    void ipv4WithoutPrefixesOrWithGarbageIsUnknown() {
        assertThat(RouteCounts.ipv4("Basic info: size of leaf: 48 bytes\n")).isEqualTo(-1);
        assertThat(RouteCounts.ipv4("\tPrefixes:       many\n")).isEqualTo(-1);
    }

    @Test
    void ipv6IsTheFourthHexadecimalCounter() {
        assertThat(RouteCounts.ipv6("0009 0006 000a 0007 0000 0000 0000\n")).isEqualTo(7);
        assertThat(RouteCounts.ipv6("0009 0006 000a 186a3 0000 0000 0000")).isEqualTo(100_003);
        assertThat(RouteCounts.ipv6("0009 0006")).isEqualTo(-1);
        assertThat(RouteCounts.ipv6("0009 0006 000a zz 0000")).isEqualTo(-1);
    }
}
