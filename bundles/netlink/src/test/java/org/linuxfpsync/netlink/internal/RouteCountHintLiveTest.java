package org.linuxfpsync.netlink.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.Rtnetlink;

/** {@code routeCountHint} read inside a test namespace: what the kernel holds, not the host's table. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RouteCountHintLiveTest extends NamespaceLiveTest {

    @BeforeEach
    void startTransport() {
        startService(Map.of());
    }

    @Test
    void the_hint_follows_the_routes_the_namespace_holds_in_each_family() {
        Vrf vrf = new Vrf(7, ns.name());
        ns.ip("link", "add", "h0", "type", "veth", "peer", "name", "h1");
        ns.ip("link", "set", "h0", "up");
        ns.ip("link", "set", "h1", "up");
        ns.ip("addr", "add", "10.0.0.1/8", "dev", "h0");
        ns.ip("-6", "addr", "add", "2001:db8::1/64", "dev", "h0", "nodad");
        long v4Before = service.routeCountHint(vrf, Rtnetlink.AF_INET);
        long v6Before = service.routeCountHint(vrf, Rtnetlink.AF_INET6);
        assertThat(v4Before).as("the address's local, broadcast and prefix routes").isBetween(1L, 20L);
        assertThat(v6Before).isBetween(1L, 20L);

        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            lines.add("route add 20.0." + (i >> 8) + "." + (i & 0xff) + "/32 via 10.0.0.2");
            lines.add("route add 2001:db8:1::" + Integer.toHexString(i + 1) + "/128 via 2001:db8::2");
        }
        ns.ipBatch(lines);
        assertThat(service.routeCountHint(vrf, Rtnetlink.AF_INET)).isEqualTo(v4Before + 2_000);
        // IPv6 link-local routes come with addrconf, whenever it runs: a few more, never fewer.
        assertThat(service.routeCountHint(vrf, Rtnetlink.AF_INET6)).isBetween(v6Before + 2_000, v6Before + 2_010);
        assertThat(service.routeCountHint(vrf, Rtnetlink.AF_BRIDGE)).as("no count for another family").isEqualTo(-1);
    }
}
