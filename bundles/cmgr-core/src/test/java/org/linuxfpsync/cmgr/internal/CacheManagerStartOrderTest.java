package org.linuxfpsync.cmgr.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.linuxfpsync.cmgr.VrfState;
import org.linuxfpsync.cmgr.spi.VrfListener;
import org.linuxfpsync.fpc.testing.RecordingFpc;
import org.linuxfpsync.netlink.Vrf;

/**
 * The order in which a vrf starts (issue #23, startup): the interfaces, then the nexthop objects,
 * then the IPv4 routes that may name them, whose dump runs on their own channel while the rest of
 * IPv4 and the features start; the vrf counts as synced once the routes are sent.
 */
class CacheManagerStartOrderTest {
    private final FakeNetlink netlink = new FakeNetlink();
    private final CacheManagerImpl cacheManager = new CacheManagerImpl(netlink, new RecordingFpc(RecordingFpc.Format.COMPACT),
            (pid, revision, newest) -> false);
    private final List<String> heard = new ArrayList<>();

    @AfterEach
    void stop() {
        cacheManager.deactivate();
    }

    @Test
    void theFeaturesStartWhileTheIpv4RoutesAreDumpedAfterTheInterfacesAndNexthopObjects() {
        cacheManager.addVrfListener(new VrfListener() {
            @Override
            public void vrfFollowed(Vrf vrf) {
                heard.add("followed " + vrf.vrfid() + ", routes awaited " + routes().initialDumpAwaited
                        + ", nexthops awaited " + netlink.of(NexthopSync.class).get(0).initialDumpAwaited
                        + ", links awaited " + netlink.of(LinkSync.class).get(0).initialDumpAwaited);
            }

            @Override
            public void vrfReleased(Vrf vrf) {
                heard.add("released " + vrf.vrfid());
            }
        });

        cacheManager.activate(CacheManagerSessionTest.config("0"), Map.of());

        assertThat(heard).containsExactly("followed 0, routes awaited false, nexthops awaited true, links awaited true");
        assertThat(routes().initialDumpAwaited).isTrue();
        assertThat(cacheManager.vrfs()).extracting(VrfState::lastError).containsExactly((String) null);
        // The nexthop objects before the routes that may name them; the addresses, neighbours and
        // rules, on the other channel, while the routes are dumped.
        assertThat(netlink.subscriptions).extracting(s -> s.listener.getClass().getSimpleName()).containsExactly(
                "LinkSync", "NexthopSync", "RouteSync", "AddressSync", "NeighbourSync", "RuleSync");
    }

    @Test
    void aRouteDumpThatFailsReleasesTheFeaturesAndLeavesTheVrfToBeRetried() {
        netlink.failingInitialDump = RouteSync.class;
        cacheManager.addVrfListener(new VrfListener() {
            @Override
            public void vrfFollowed(Vrf vrf) {
                heard.add("followed " + vrf.vrfid());
            }

            @Override
            public void vrfReleased(Vrf vrf) {
                heard.add("released " + vrf.vrfid());
            }
        });

        cacheManager.activate(CacheManagerSessionTest.config("0"), Map.of());

        assertThat(heard).containsExactly("followed 0", "released 0");
        assertThat(netlink.subscriptions).allMatch(s -> s.closed);
        assertThat(cacheManager.vrfs()).singleElement().satisfies(v -> {
            assertThat(v.synced()).isFalse();
            assertThat(v.lastError()).isEqualTo("initial dump failed (test)");
        });
    }

    private FakeNetlink.FakeSubscription routes() {
        return netlink.of(RouteSync.class).get(0);
    }
}
