package org.linuxfpsync.cmgr.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.linuxfpsync.cmgr.internal.RouteDependencies.RouteKey;

/** The index of the routes that depend on each device and preferred source. */
class RouteDependenciesTest {
    private static final byte[] SOURCE = {10, 1, 0, 1};
    private final RouteDependencies index = new RouteDependencies(2);

    private void multipath(long[] key, int... devices) {
        index.track(key, 0, null);
        for (int rank = 0; rank < devices.length; rank++) {
            index.trackNexthop(key, rank, devices[rank]);
        }
    }

    @Test
    void countsTheRoutesThroughEachDeviceSinglePathAndMultipath() {
        index.track(new long[] {1, 1}, 3, null);
        index.track(new long[] {1, 2}, 3, null);
        multipath(new long[] {1, 3}, 3, 4);

        assertThat(index.routesThrough(3)).isEqualTo(3);
        assertThat(index.routesThrough(4)).isEqualTo(1);
        assertThat(index.routesThrough(5)).isZero();
        assertThat(index.multipathThrough(4)).isTrue();
        assertThat(index.multipathThrough(5)).isFalse();
        List<RouteKey> through4 = new ArrayList<>();
        index.forEachMultipathThrough(4, through4::add);
        assertThat(through4).containsExactly(new RouteKey(1, 3, 0, 0));

        index.untrack(new long[] {1, 3}, 0, 2, false);
        index.untrack(new long[] {1, 1}, 3, 0, false);
        assertThat(index.routesThrough(3)).isEqualTo(1);
        assertThat(index.routesThrough(4)).isZero();
        assertThat(index.multipathThrough(4)).isFalse();
    }

    @Test
    void tellsTheDevicesOfTheRoutesFromASourceOrThatItCannot() {
        index.track(new long[] {1, 1}, 3, SOURCE.clone());
        index.track(new long[] {1, 2}, 0, SOURCE.clone());
        index.trackNexthop(new long[] {1, 2}, 0, 5);
        index.trackNexthop(new long[] {1, 2}, 1, 6);
        List<Integer> devices = new ArrayList<>();

        assertThat(index.devicesOfRoutesFrom(new byte[] {10, 1, 0, 1}, 4, devices::add)).isTrue();
        assertThat(devices).containsExactlyInAnyOrder(3, 5, 6);

        devices.clear();
        assertThat(index.devicesOfRoutesFrom(new byte[] {10, 1, 0, 2}, 4, devices::add)).isTrue();
        assertThat(devices).isEmpty();

        // A route through a nexthop object: no device here.
        index.track(new long[] {1, 3}, 0, SOURCE.clone());
        assertThat(index.devicesOfRoutesFrom(SOURCE, 4, devices::add)).isFalse();

        index.untrack(new long[] {1, 3}, 0, 0, true);
        assertThat(index.devicesOfRoutesFrom(SOURCE, 4, devices::add)).isTrue();
    }

    @Test
    void aRebuildAfterAFullDumpKeepsWhatTheKeySetStillHolds() {
        KeySet keys = new KeySet(2);
        keys.key[0] = 1;
        keys.key[1] = 1;
        keys.put(3); // single-path through 3
        index.track(new long[] {1, 1}, 3, null);
        index.track(new long[] {1, 9}, 7, null); // swept by the dump
        multipath(new long[] {1, 2}, 3, 4); // swept too
        multipath(new long[] {1, 5}, 8, 9); // still there

        index.rebuild(keys, k -> k.k1() == 5 ? 2 : 0, k -> false, v -> (int) v, v -> false);

        assertThat(index.routesThrough(3)).isEqualTo(1);
        assertThat(index.routesThrough(7)).isZero();
        assertThat(index.routesThrough(4)).isZero();
        assertThat(index.routesThrough(8)).isEqualTo(1);
        assertThat(index.multipathThrough(3)).isFalse();
        assertThat(index.multipathThrough(9)).isTrue();
    }
}
