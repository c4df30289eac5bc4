package org.linuxfpsync.featuresync;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.linuxfpsync.netlink.DumpRequest;
import org.linuxfpsync.netlink.NetlinkFamily;
import org.linuxfpsync.netlink.SubscriptionSpec;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.LinkMessage;
import org.linuxfpsync.netlink.codec.NetlinkRequests;
import org.linuxfpsync.netlink.codec.Rtnetlink;

/**
 * The rtnetlink subscription of an L2 feature in one vrf: the groups, messages and dumps of the
 * kernel objects it reads, in the order the dumps must run (links before the FDB entries of the
 * devices they describe).
 *
 * <p>Always on the vrf's default route channel, the one of the core's interfaces: FPC objects belong
 * to their interface and the FPM refuses one whose IF_CREATE it has not seen. On one reader thread,
 * the core's link subscriber (subscribed first) gets every link event before the features do, so an
 * IF_CREATE always precedes the objects of its interface.
 */
public final class RouteSubscription {
    private final Vrf vrf;
    private final Set<Integer> groups = new LinkedHashSet<>();
    private final Set<Integer> types = new LinkedHashSet<>();
    private final List<DumpRequest> dumps = new ArrayList<>();

    private RouteSubscription(Vrf vrf) {
        this.vrf = vrf;
    }

    public static RouteSubscription in(Vrf vrf) {
        return new RouteSubscription(vrf);
    }

    /** Every link (RTM_NEWLINK/RTM_DELLINK of AF_UNSPEC, with IFLA_LINKINFO), dumped. */
    public RouteSubscription links() {
        linkEvents();
        dumps.add(new DumpRequest(Rtnetlink.RTM_GETLINK, NetlinkRequests.ifinfomsgDump(Rtnetlink.AF_UNSPEC)));
        return this;
    }

    /**
     * The bridge's view of its ports and of itself (AF_BRIDGE link messages: IFLA_PROTINFO port state,
     * IFLA_AF_SPEC VLANs), dumped with {@code IFLA_EXT_MASK = RTEXT_FILTER_BRVLAN} so that the dump
     * carries every VLAN, as {@code bridge vlan show} asks. The kernel's notifications carry them
     * compressed into ranges (RTEXT_FILTER_BRVLAN_COMPRESSED).
     */
    public RouteSubscription bridgeLinks() {
        linkEvents();
        dumps.add(new DumpRequest(Rtnetlink.RTM_GETLINK, bridgeLinkDump()));
        return this;
    }

    /** The forwarding databases (RTM_NEWNEIGH/RTM_DELNEIGH of AF_BRIDGE), dumped. */
    public RouteSubscription bridgeFdb() {
        groups.add(Rtnetlink.RTNLGRP_NEIGH);
        types.add(Rtnetlink.RTM_NEWNEIGH);
        types.add(Rtnetlink.RTM_DELNEIGH);
        dumps.add(new DumpRequest(Rtnetlink.RTM_GETNEIGH, NetlinkRequests.ndmsgDump(Rtnetlink.AF_BRIDGE)));
        return this;
    }

    /**
     * Link deletions (RTM_DELLINK, with the RTM_NEWLINKs of the same group), not dumped: for objects
     * the kernel changes silently when an interface goes.
     */
    public RouteSubscription linkEvents() {
        groups.add(Rtnetlink.RTNLGRP_LINK);
        types.add(Rtnetlink.RTM_NEWLINK);
        types.add(Rtnetlink.RTM_DELLINK);
        return this;
    }

    /**
     * The IPv4 and IPv6 multicast forwarding caches (RTM_NEWROUTE/RTM_DELROUTE of RTNL_FAMILY_IPMR
     * and RTNL_FAMILY_IP6MR, every multicast table), each dumped when the kernel has it. A kernel
     * without a family's multicast routing answers its dump with every unicast route of every family
     * (rtnetlink falls back to PF_UNSPEC): that dump is left out. With neither, the links are dumped
     * instead, a small dump that keeps the replays (GR_BEGIN, GR_END) of an empty table going.
     */
    public RouteSubscription mroutes(boolean ipv4, boolean ipv6) {
        groups.add(Rtnetlink.RTNLGRP_IPV4_MROUTE);
        groups.add(Rtnetlink.RTNLGRP_IPV6_MROUTE);
        types.add(Rtnetlink.RTM_NEWROUTE);
        types.add(Rtnetlink.RTM_DELROUTE);
        if (ipv4) {
            dumps.add(new DumpRequest(Rtnetlink.RTM_GETROUTE, NetlinkRequests.rtmsgDump(Rtnetlink.RTNL_FAMILY_IPMR)));
        }
        if (ipv6) {
            dumps.add(new DumpRequest(Rtnetlink.RTM_GETROUTE, NetlinkRequests.rtmsgDump(Rtnetlink.RTNL_FAMILY_IP6MR)));
        }
        if (dumps.isEmpty()) {
            links();
        }
        return this;
    }

    public SubscriptionSpec spec() {
        return new SubscriptionSpec(NetlinkFamily.ROUTE, vrf, groups.stream().mapToInt(Integer::intValue).toArray(),
                types.stream().mapToInt(Integer::intValue).toArray(), dumps);
    }

    /** {@code struct ifinfomsg} of AF_BRIDGE followed by IFLA_EXT_MASK (u32 RTEXT_FILTER_BRVLAN). */
    static byte[] bridgeLinkDump() {
        ByteBuffer b = ByteBuffer.allocate(LinkMessage.IFINFOMSG_LENGTH + 8).order(ByteOrder.nativeOrder());
        b.put(NetlinkRequests.ifinfomsgDump(Rtnetlink.AF_BRIDGE));
        b.putShort((short) 8).putShort((short) Rtnetlink.IFLA_EXT_MASK).putInt(Rtnetlink.RTEXT_FILTER_BRVLAN);
        return b.array();
    }
}
