package org.linuxfpsync.cmgr.internal;

import java.util.List;
import java.util.function.IntFunction;

import org.linuxfpsync.fpc.codec.AddressAttr;
import org.linuxfpsync.fpc.codec.NeighbourAttr;
import org.linuxfpsync.fpc.codec.NexthopObjectAttr;
import org.linuxfpsync.fpc.codec.RouteAttr;
import org.linuxfpsync.fpc.codec.RuleAttr;
import org.linuxfpsync.netlink.DumpRequest;
import org.linuxfpsync.netlink.NetlinkFamily;
import org.linuxfpsync.netlink.SubscriptionSpec;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.NetlinkRequests;
import org.linuxfpsync.netlink.codec.Rtnetlink;

/**
 * The kinds of L3 objects: the netlink groups, messages and dump of each, per address family,
 * the FPC family they fill, and the channel they are read on (routes alone: a route flood must not
 * resync the interfaces; the others beside the interfaces they belong to).
 *
 * <p>The routes' socket also hears address and nexthop object deletions: the kernel changes routes
 * silently when those happen, and only on the routes' own socket do these events come in the
 * kernel's order with the route notifications (see RouteSync). Link changes, which do the same,
 * come from the links' reader ({@link LinkRelay}), after what the routes' socket holds: a link
 * event no longer wakes the routes' reader.
 */
enum L3ObjectKind {
    ADDRESSES("addresses", Rtnetlink.RTNLGRP_IPV4_IFADDR, Rtnetlink.RTNLGRP_IPV6_IFADDR, Rtnetlink.RTM_NEWADDR,
            Rtnetlink.RTM_DELADDR, Rtnetlink.RTM_GETADDR, NetlinkRequests::ifaddrmsgDump,
            AddressAttr.FAMILY_ADDRESSES, ""),
    /** The neighbour group carries both families (and the FDB): each sync keeps its own. */
    NEIGHBOURS("neighbours", Rtnetlink.RTNLGRP_NEIGH, Rtnetlink.RTNLGRP_NEIGH, Rtnetlink.RTM_NEWNEIGH,
            Rtnetlink.RTM_DELNEIGH, Rtnetlink.RTM_GETNEIGH, NetlinkRequests::ndmsgDump,
            NeighbourAttr.FAMILY_NEIGHBOURS, ""),
    RULES("rules", Rtnetlink.RTNLGRP_IPV4_RULE, Rtnetlink.RTNLGRP_IPV6_RULE, Rtnetlink.RTM_NEWRULE,
            Rtnetlink.RTM_DELRULE, Rtnetlink.RTM_GETRULE, NetlinkRequests::fibRuleHdrDump,
            RuleAttr.FAMILY_RULES, ""),
    /**
     * Nexthop objects of every address family (and groups, which have none), synced by the base
     * (IPv4) sync only; on the routes' channel, subscribed before the routes, so that its dump
     * runs first.
     */
    NEXTHOPS("nexthops", Rtnetlink.RTNLGRP_NEXTHOP, Rtnetlink.RTNLGRP_NEXTHOP, Rtnetlink.RTM_NEWNEXTHOP,
            Rtnetlink.RTM_DELNEXTHOP, Rtnetlink.RTM_GETNEXTHOP, family -> NetlinkRequests.nhmsgDump(Rtnetlink.AF_UNSPEC),
            NexthopObjectAttr.FAMILY_NEXTHOPS, "routes"),
    ROUTES("routes", Rtnetlink.RTNLGRP_IPV4_ROUTE, Rtnetlink.RTNLGRP_IPV6_ROUTE, Rtnetlink.RTM_NEWROUTE,
            Rtnetlink.RTM_DELROUTE, Rtnetlink.RTM_GETROUTE, NetlinkRequests::rtmsgDump,
            RouteAttr.FAMILY_ROUTES, "routes");

    final String plural;
    final int fpcFamily;
    private final int groupIpv4;
    private final int groupIpv6;
    private final int newType;
    private final int delType;
    private final int getType;
    private final IntFunction<byte[]> dumpHeader;
    private final String channel;

    L3ObjectKind(String plural, int groupIpv4, int groupIpv6, int newType, int delType, int getType,
                 IntFunction<byte[]> dumpHeader, int fpcFamily, String channel) {
        this.plural = plural;
        this.groupIpv4 = groupIpv4;
        this.groupIpv6 = groupIpv6;
        this.newType = newType;
        this.delType = delType;
        this.getType = getType;
        this.dumpHeader = dumpHeader;
        this.fpcFamily = fpcFamily;
        this.channel = channel;
    }

    /** The subscription of this kind of object of {@code addressFamily} in {@code vrf}. */
    SubscriptionSpec subscription(Vrf vrf, int addressFamily) {
        int group = addressFamily == Rtnetlink.AF_INET ? groupIpv4 : groupIpv6;
        DumpRequest dump = new DumpRequest(getType, dumpHeader.apply(addressFamily));
        if (this != ROUTES) {
            return new SubscriptionSpec(NetlinkFamily.ROUTE, vrf, new int[] {group}, new int[] {newType, delType},
                    List.of(dump), channel);
        }
        // A nexthop object's deletion deletes the routes through it without notifying them.
        int addresses = addressFamily == Rtnetlink.AF_INET ? ADDRESSES.groupIpv4 : ADDRESSES.groupIpv6;
        return new SubscriptionSpec(NetlinkFamily.ROUTE, vrf, new int[] {group, addresses, Rtnetlink.RTNLGRP_NEXTHOP},
                new int[] {newType, delType, Rtnetlink.RTM_DELADDR, Rtnetlink.RTM_DELNEXTHOP}, List.of(dump), channel);
    }
}
