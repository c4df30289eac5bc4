package org.linuxfpsync.netlink;

/** The netlink protocols the cache manager listens to, with the name used in channel names. */
public enum NetlinkFamily {
    ROUTE(0, "route"),
    SOCK_DIAG(4, "sock-diag"),
    XFRM(6, "xfrm"),
    AUDIT(9, "audit"),
    NETFILTER(12, "netfilter");

    /** The {@code NETLINK_*} protocol number of {@code <linux/netlink.h>}. */
    public final int protocol;
    /** As in the seed's {@code show netlink}: {@code netlink-<name>-listen-<vr>}. */
    public final String channelName;

    NetlinkFamily(int protocol, String channelName) {
        this.protocol = protocol;
        this.channelName = channelName;
    }
}
