package org.linuxfpsync.cmgr.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.LongToIntFunction;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * Which routes of one family in one vrf depend on each device and on each preferred source
 * address (as zebra keeps them): a link or address event then costs what the kernel changed, not
 * a dump of the whole table. Kept beside the {@link KeySet} of {@link RouteSync}, whose value word
 * says a route's output interface, whether it is multipath and whether it has a preferred source:
 * <ul>
 * <li>per device, a count of the routes with a next hop through it (single-path by their output
 *     interface, multipath by each next hop's), in a {@link KeySet} of one word;</li>
 * <li>the device of each next hop of each multipath route, in a {@link KeySet} keyed by the
 *     route's key words and the next hop's rank: nothing is allocated for a route without a
 *     preferred source, multipath or not;</li>
 * <li>the preferred source and device of each route that has one, in a map: those routes are few
 *     (the kernel's own for each address, routes given a source), and an entry costs objects.</li>
 * </ul>
 * The keys several kernel routes share are left to RouteSync's own map of them. Reader thread only.
 */
final class RouteDependencies {
    private static final long ABSENT = -1L;

    /** ifindex: the number of routes with a next hop through it. */
    private final KeySet byDevice = new KeySet(1);
    /** The words of a route's key. */
    private final int width;
    /** (route key words, rank of a next hop): the next hop's device, for each multipath route. */
    private final KeySet nexthops;
    /** The preferred source of each route that has one, and its output interface (0: multipath or nexthop object). */
    private final Map<RouteKey, Source> sources = new HashMap<>();

    /** The key words of a route in its {@link KeySet} (two for IPv4, four for IPv6; the others 0). */
    record RouteKey(long k0, long k1, long k2, long k3) {
        static RouteKey of(long[] key) {
            return new RouteKey(key[0], key[1], key.length > 2 ? key[2] : 0, key.length > 3 ? key[3] : 0);
        }

        void copyTo(long[] key) {
            key[0] = k0;
            key[1] = k1;
            if (key.length > 2) {
                key[2] = k2;
                key[3] = k3;
            }
        }
    }

    private record Source(byte[] address, int oif) {
    }

    /** @param width the words of a route's key in its {@link KeySet} */
    RouteDependencies(int width) {
        this.width = width;
        this.nexthops = new KeySet(width + 1);
    }

    /** Routes with a next hop through {@code ifindex}, shared keys left out. */
    /**
     * Routes through nexthop objects: their devices are the objects', not indexed here. The kernel
     * removes an object silently when its link goes down, and its routes with it (remove_nexthop
     * unlinks the object before it flushes the routes): while there are such routes, a link change
     * is a refresh, as the index cannot tell.
     */
    private int objectRoutes;
    /**
     * Bumped when a device gains its first route or loses its last one, or routes through nexthop
     * objects appear or all go: when the links the routes depend on may have changed (LinkInterest).
     */
    private long changes;

    int objectRoutes() {
        return objectRoutes;
    }

    /** A route through a nexthop object is stored ({@code delta} 1) or goes (-1). */
    void countObjectRoute(int delta) {
        int before = objectRoutes;
        objectRoutes = Math.max(0, objectRoutes + delta);
        if ((before == 0) != (objectRoutes == 0)) {
            changes++;
        }
    }

    /** See {@link #changes}. */
    long changes() {
        return changes;
    }

    /** Each device some route goes through (a single-path route's or a multipath next hop's). */
    void forEachDevice(IntConsumer action) {
        byDevice.forEach(n -> action.accept((int) byDevice.key[0]));
    }

    int routesThrough(int ifindex) {
        byDevice.key[0] = ifindex & 0xffffffffL;
        return (int) byDevice.get(0);
    }

    /** Whether a multipath route has a next hop through {@code ifindex}. */
    boolean multipathThrough(int ifindex) {
        boolean[] found = {false};
        nexthops.forEach(device -> found[0] |= device == ifindex);
        return found[0];
    }

    /** Each multipath route with a next hop through {@code ifindex}: its key, once. */
    void forEachMultipathThrough(int ifindex, Consumer<RouteKey> action) {
        Set<RouteKey> routes = new HashSet<>();
        nexthops.forEach(device -> {
            if (device == ifindex) {
                routes.add(routeKeyOf(nexthops.key));
            }
        });
        routes.forEach(action);
    }

    /** The route key in the first words of {@code words}. */
    private RouteKey routeKeyOf(long[] words) {
        return new RouteKey(words[0], words[1], width > 2 ? words[2] : 0, width > 3 ? words[3] : 0);
    }

    /** The devices of the next hops of the multipath route of {@code key}, from the first, or null. */
    private int[] nexthopDevices(RouteKey key) {
        List<Integer> devices = new ArrayList<>(4);
        long[] words = nexthops.key;
        words[0] = key.k0();
        words[1] = key.k1();
        if (width > 2) {
            words[2] = key.k2();
            words[3] = key.k3();
        }
        for (int rank = 0; ; rank++) {
            nexthops.key[width] = rank;
            long device = nexthops.get(ABSENT);
            if (device == ABSENT) {
                break;
            }
            devices.add((int) device);
        }
        return devices.isEmpty() ? null : devices.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The devices whose routes hold {@code address} (of {@code length} bytes) as preferred source:
     * each single-path one's output interface, each multipath one's next hops'. False when one of
     * them leaves by a nexthop object (no device known here): only a full refresh finds it.
     */
    boolean devicesOfRoutesFrom(byte[] address, int length, IntConsumer device) {
        for (Map.Entry<RouteKey, Source> e : sources.entrySet()) {
            Source s = e.getValue();
            if (!Arrays.equals(s.address, 0, s.address.length, address, 0, length)) {
                continue;
            }
            if (s.oif != 0) {
                device.accept(s.oif);
                continue;
            }
            int[] oifs = nexthopDevices(e.getKey());
            if (oifs == null) {
                return false;
            }
            for (int oif : oifs) {
                device.accept(oif);
            }
        }
        return true;
    }

    /**
     * A route stored under {@code key} with {@code oif} (0: multipath, blackhole or nexthop object)
     * and its preferred source when it has one; a multipath route's next hops follow, by
     * {@link #trackNexthop}.
     */
    void track(long[] key, int oif, byte[] prefsrc) {
        if (oif != 0) {
            count(oif, 1);
        }
        if (prefsrc != null) {
            sources.put(RouteKey.of(key), new Source(prefsrc, oif));
        }
    }

    /** The next hop of {@code rank} (from 0) of the multipath route of {@code key} goes through {@code device}. */
    void trackNexthop(long[] key, int rank, int device) {
        System.arraycopy(key, 0, nexthops.key, 0, width);
        nexthops.key[width] = rank;
        if (nexthops.put(device & 0xffffffffL)) {
            count(device, 1);
        }
    }

    /**
     * The route of {@code key} with {@code oif} goes (or is replaced): its counts and entries go.
     *
     * @param nexthopCount its next hops when multipath (its value word says so), else 0
     * @param sourced      whether it has a preferred source (its value word says so)
     */
    void untrack(long[] key, int oif, int nexthopCount, boolean sourced) {
        if (oif != 0) {
            count(oif, -1);
        }
        if (nexthopCount > 0) {
            System.arraycopy(key, 0, nexthops.key, 0, width);
            for (int rank = 0; rank < nexthopCount; rank++) {
                nexthops.key[width] = rank;
                long device = nexthops.get(ABSENT);
                if (device != ABSENT) {
                    nexthops.remove();
                    count((int) device, -1);
                }
            }
        }
        if (sourced) {
            sources.remove(RouteKey.of(key));
        }
    }

    /** Forgets everything: {@link #track} rebuilds it. */
    void clear() {
        changes++;
        byDevice.clear();
        nexthops.clear();
        sources.clear();
        objectRoutes = 0;
    }

    /**
     * After a full dump and its sweep: keeps the next hops of the multipath routes that still have
     * them ({@code nexthopCount} of a route key: 0 when swept or no longer multipath) and the sources
     * of the routes {@code stillSourced}, and recounts the devices from them and from the
     * single-path routes {@code keys} holds ({@code singleOif} of each value, 0 for none).
     */
    void rebuild(KeySet keys, ToIntFunction<RouteKey> nexthopCount, Predicate<RouteKey> stillSourced,
                 LongToIntFunction singleOif, java.util.function.LongPredicate throughObject) {
        changes++;
        byDevice.clear();
        objectRoutes = 0;
        keys.forEachValue(value -> {
            if (throughObject.test(value)) {
                objectRoutes++;
            }
        });
        sources.keySet().removeIf(k -> !stillSourced.test(k));
        KeySet kept = new KeySet(width + 1);
        nexthops.forEach(device -> {
            long rank = nexthops.key[width];
            if (rank < nexthopCount.applyAsInt(routeKeyOf(nexthops.key))) {
                System.arraycopy(nexthops.key, 0, kept.key, 0, width + 1);
                kept.put(device);
            }
        });
        nexthops.clear();
        kept.forEach(device -> {
            System.arraycopy(kept.key, 0, nexthops.key, 0, width + 1);
            nexthops.put(device);
            count((int) device, 1);
        });
        keys.forEachValue(value -> {
            int oif = singleOif.applyAsInt(value);
            if (oif != 0) {
                count(oif, 1);
            }
        });
    }

    private void count(int ifindex, int delta) {
        byDevice.key[0] = ifindex & 0xffffffffL;
        long before = byDevice.get(0);
        long n = before + delta;
        if (n <= 0) {
            if (byDevice.remove()) {
                changes++;
            }
        } else {
            byDevice.put(n);
            if (before == 0) {
                changes++;
            }
        }
    }
}
