package org.linuxfpsync.fpm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * An IPv4 multipath route's own flags, as ip prints them: the kernel's route shows linkdown (and
 * dead) once every next hop has it (found by KernelDifferentialIT, seed 1, operation 800: a route
 * via e5p and m11 after both lost their carrier, "flags":["linkdown"] in the kernel, [] in the FPM).
 */
class MultipathRouteFlagsTest {
    private static final long DEAD = 0x1;
    private static final long ONLINK = 0x4;
    private static final long LINKDOWN = 0x10;

    private static Map<String, Object> hop(long flags) {
        return Map.of("FLAGS", flags);
    }

    @Test
    void everyNextHopLinkdownMakesTheRouteLinkdown() {
        assertThat(Iproute2Objects.multipathRouteFlags(List.of(hop(DEAD | LINKDOWN), hop(LINKDOWN))))
                .isEqualTo(LINKDOWN);
    }

    @Test
    void oneNextHopUpLeavesTheRouteWithoutFlags() {
        assertThat(Iproute2Objects.multipathRouteFlags(List.of(hop(DEAD | LINKDOWN), Map.of()))).isZero();
        assertThat(Iproute2Objects.multipathRouteFlags(List.of(hop(LINKDOWN), hop(ONLINK)))).isZero();
    }

    @Test
    void everyNextHopDeadMakesTheRouteDeadAndLinkdownButNotOnlink() {
        assertThat(Iproute2Objects.multipathRouteFlags(List.of(hop(DEAD | LINKDOWN | ONLINK), hop(DEAD | LINKDOWN))))
                .isEqualTo(DEAD | LINKDOWN);
    }
}
