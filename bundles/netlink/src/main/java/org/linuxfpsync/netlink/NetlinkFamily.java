package org.linuxfpsync.netlink;

/** The netlink protocols the cache manager listens to, with the name used in channel names. */
public enum NetlinkFamily {
    ROUTE(0, "route", false),
    /** Dumps only (packet_diag...): no listening socket, only {@code netlink-sock-diag-cmd-<vr>}. */
    SOCK_DIAG(4, "sock-diag", true),
    XFRM(6, "xfrm", false),
    AUDIT(9, "audit", false),
    NETFILTER(12, "netfilter", false),
    /**
     * The process events connector ({@link NetlinkService#watchProcesses}): one socket, in the
     * initial network namespace only, {@code netlink-connector-proc-listen-0}.
     */
    CONNECTOR(11, "connector", false);

    /** The {@code NETLINK_*} protocol number of {@code <linux/netlink.h>}. */
    public final int protocol;
    /** As in the manual's {@code show netlink}: {@code netlink-<name>-listen-<vr>}. */
    public final String channelName;
    /** Whether the family is used for requests and dumps only: its channel has no listening socket. */
    public final boolean commandOnly;

    NetlinkFamily(int protocol, String channelName, boolean commandOnly) {
        this.protocol = protocol;
        this.channelName = channelName;
        this.commandOnly = commandOnly;
    }
}
