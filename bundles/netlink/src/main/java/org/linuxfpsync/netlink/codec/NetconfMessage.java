package org.linuxfpsync.netlink.codec;

import org.linuxfpsync.netlink.NetlinkFamily;

/**
 * A reusable, allocation-free decoder of {@code RTM_NEWNETCONF} / {@code RTM_DELNETCONF}
 * (per-device IP settings: forwarding, rp_filter...): {@code struct netconfmsg} (one byte,
 * padded to 4 by NLMSG_ALIGN) followed by NETCONFA_* attributes ({@code linux/netconf.h}), all
 * signed 32-bit. NETCONFA_IFINDEX is a device, or NETCONFA_IFINDEX_ALL ({@code conf/all}) or
 * NETCONFA_IFINDEX_DEFAULT ({@code conf/default}).
 */
public final class NetconfMessage extends AttributeMessage {
    /** {@code sizeof(struct netconfmsg)}. */
    public static final int NETCONFMSG_LENGTH = 1;
    private static final int INDEXED_TYPES = 16;

    private static final AttributeRules RULES = new AttributeRules(INDEXED_TYPES)
            .exact(Rtnetlink.NETCONFA_IFINDEX, "NETCONFA_IFINDEX", 4)
            .exact(Rtnetlink.NETCONFA_FORWARDING, "NETCONFA_FORWARDING", 4)
            .exact(Rtnetlink.NETCONFA_RP_FILTER, "NETCONFA_RP_FILTER", 4)
            .exact(Rtnetlink.NETCONFA_MC_FORWARDING, "NETCONFA_MC_FORWARDING", 4)
            .exact(Rtnetlink.NETCONFA_PROXY_NEIGH, "NETCONFA_PROXY_NEIGH", 4)
            .exact(Rtnetlink.NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN, "NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN", 4)
            .exact(Rtnetlink.NETCONFA_INPUT, "NETCONFA_INPUT", 4)
            .exact(Rtnetlink.NETCONFA_BC_FORWARDING, "NETCONFA_BC_FORWARDING", 4);

    public NetconfMessage() {
        super(RULES, INDEXED_TYPES);
    }

    /**
     * Decodes {@code msg}.
     *
     * @throws IllegalArgumentException when {@code msg} is not a netconf message (check the type first)
     * @throws NetlinkFormatException   when it does not parse as {@code linux/netconf.h} says
     */
    public NetconfMessage wrap(NlMsg msg) throws NetlinkFormatException {
        int type = msg.type();
        if (type < Rtnetlink.RTM_NEWNETCONF || type > Rtnetlink.RTM_GETNETCONF) {
            throw new IllegalArgumentException("not a netconf message: " + MessageTypeNames.name(NetlinkFamily.ROUTE, type));
        }
        begin(msg, MessageTypeNames.name(NetlinkFamily.ROUTE, type), NETCONFMSG_LENGTH, "netconfmsg");
        indexAttributes(msg, NETCONFMSG_LENGTH, -1);
        return this;
    }

    /** {@code ncm_family}: AF_INET, AF_INET6, AF_MPLS. */
    public int family() {
        return buffer().get(header()) & 0xff;
    }

    /** NETCONFA_IFINDEX: a device, NETCONFA_IFINDEX_ALL or NETCONFA_IFINDEX_DEFAULT; 0 when absent. */
    public int ifindex() {
        return u32(Rtnetlink.NETCONFA_IFINDEX, 0);
    }

    /** NETCONFA_FORWARDING, or -1 when absent (a notification carries only what changed). */
    public int forwarding() {
        return u32(Rtnetlink.NETCONFA_FORWARDING, -1);
    }

    /** NETCONFA_RP_FILTER (0 off, 1 strict, 2 loose), or -1 when absent. */
    public int rpFilter() {
        return u32(Rtnetlink.NETCONFA_RP_FILTER, -1);
    }

    public int mcForwarding() {
        return u32(Rtnetlink.NETCONFA_MC_FORWARDING, -1);
    }

    public int proxyNeigh() {
        return u32(Rtnetlink.NETCONFA_PROXY_NEIGH, -1);
    }

    public int ignoreRoutesWithLinkdown() {
        return u32(Rtnetlink.NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN, -1);
    }

    /** NETCONFA_INPUT (MPLS input enabled), or -1 when absent. */
    public int input() {
        return u32(Rtnetlink.NETCONFA_INPUT, -1);
    }
}
