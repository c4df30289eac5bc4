package org.linuxfpsync.cmgr.internal;

import org.linuxfpsync.netlink.codec.Rtnetlink;

/**
 * What the kernel changes in the routes without notifying them when a link changes or an
 * address goes, and so what a route sync must do to follow (net/ipv4/fib_semantics.c
 * fib_sync_down_dev, fib_sync_down_addr, fib_disable_ip; net/ipv6/route.c fib6_ifdown,
 * rt6_remove_prefsrc):
 * <ul>
 * <li>a link deleted (NETDEV_UNREGISTER): IPv4 flushes every route with a next hop through it,
 *     multipath ones whole; IPv6 deletes each route (each multipath sibling) through it, with a
 *     notification unless {@code net.ipv6.route.skip_notify_on_dev_down}: the siblings left of a
 *     multipath route are not named;</li>
 * <li>a link down, its carrier or MTU changed: IPv4 flushes the routes through it but the local
 *     ones (down) or marks their next hops linkdown (carrier); IPv6 deletes or marks them and
 *     lowers route MTUs; up again clears marks of the multipath routes left. Which routes, and
 *     how they now look, only the kernel says: a dump of the routes through that device
 *     ({@code RTM_GETROUTE} with {@code RTA_OIF} under {@code NETLINK_GET_STRICT_CHK});</li>
 * <li>an address deleted: IPv4 flushes the routes that have it as preferred source (when no other
 *     device has it) and, with the device's last address, the routes through the device; IPv6
 *     clears it from the routes that had it as preferred source. A dump of the devices of those
 *     routes and of the address's device says what is left.</li>
 * </ul>
 * When no route depends on the device or address, nothing changed: no dump at all.
 */
final class SilentRouteChanges {
    /** What a route sync does after a link or address event. */
    enum Reaction {
        /** No route depends on what changed. */
        NOTHING,
        /** The kernel deleted every route through the device: delete them, no dump. */
        DELETE_THROUGH_DEVICE,
        /** Dump the routes through the device(s) and compare them with those held. */
        DUMP_DEVICES,
        /** The index cannot tell which routes changed: a refresh of the whole table. */
        REFRESH_ALL
    }

    private SilentRouteChanges() {
    }

    /**
     * A link changed or went.
     *
     * @param change             what the link message said
     * @param routesThrough      the routes with a next hop through the link (single-path, multipath
     *                           and shared keys)
     * @param multipathThrough   whether one of them is a multipath route
     * @param kernelFiltersDumps whether this kernel filters route dumps by device
     */
    static Reaction linkEvent(int family, ForwardingLinks.Change change, int routesThrough, boolean multipathThrough,
                              boolean kernelFiltersDumps) {
        if (change == ForwardingLinks.Change.NONE || routesThrough == 0) {
            return Reaction.NOTHING;
        }
        if (change == ForwardingLinks.Change.DELETED) {
            // A dump by a device gone fails (ENODEV). IPv4 kills a multipath route with one next hop
            // through it; IPv6 keeps its other siblings, which no notification names.
            return family == Rtnetlink.AF_INET6 && multipathThrough ? Reaction.REFRESH_ALL
                    : Reaction.DELETE_THROUGH_DEVICE;
        }
        return kernelFiltersDumps ? Reaction.DUMP_DEVICES : Reaction.REFRESH_ALL;
    }

    /**
     * An address of the family was deleted.
     *
     * @param routesThroughDevice the routes with a next hop through the address's device
     * @param sourceDevicesKnown  false when a route that has the address as preferred source leaves
     *                            by a nexthop object (its devices are not indexed)
     * @param routesFromAddress   the routes that have the address as preferred source
     */
    static Reaction addressDeleted(int routesThroughDevice, boolean sourceDevicesKnown, int routesFromAddress,
                                   boolean kernelFiltersDumps) {
        if (routesThroughDevice == 0 && routesFromAddress == 0) {
            return Reaction.NOTHING;
        }
        if (!sourceDevicesKnown || !kernelFiltersDumps) {
            return Reaction.REFRESH_ALL;
        }
        return Reaction.DUMP_DEVICES;
    }
}
