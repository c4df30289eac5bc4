package org.linuxfpsync.netlink;

import java.util.List;

/**
 * Shared netlink transport. One listening and one command socket per (family, vrf), shared by
 * all subscribers; one reader thread per (family, vrf) delivers to them.
 */
public interface NetlinkService {

    /**
     * Joins the groups, then runs the spec's dumps on the command channel while events are held
     * in the listening socket, then delivers events: the dump/event race cannot lose a change.
     *
     * @throws NetlinkException when the namespace does not exist or a socket cannot be opened;
     *                          the message is one line an operator can act on
     */
    Subscription subscribe(SubscriptionSpec spec, NetlinkListener listener) throws NetlinkException;

    /**
     * As {@link #subscribe}, but returns once the subscription is handed to its channel's reader
     * thread, which joins the groups and runs the initial dump meanwhile; {@link
     * Subscription#awaitInitialDump} waits for that dump. A caller can so start dumps on other
     * channels while a long one runs (a vrf's IPv4 routes, a million maybe, beside its features).
     *
     * @throws NetlinkException as {@link #subscribe}: the namespace or a socket could not be opened
     */
    default Subscription subscribeWithoutWaiting(SubscriptionSpec spec, NetlinkListener listener)
            throws NetlinkException {
        // Additive SPI change: a transport that can only wait has dumped by the time it returns.
        return subscribe(spec, listener);
    }

    /**
     * The id the namespace of {@code in} gives the namespace of {@code peer} ({@code RTM_GETNSID}): what
     * a link message of {@code in} carries in {@code IFLA_LINK_NETNSID} when its lower device is in
     * {@code peer}.
     *
     * @return the id, or -1 ({@code NETNSA_NSID_NOT_ASSIGNED}) when {@code in} has given {@code peer} none
     * @throws NetlinkException when a namespace cannot be opened or the kernel refuses
     */
    default int netnsid(Vrf in, Vrf peer) throws NetlinkException {
        // Additive SPI change: a transport that cannot ask names no namespace.
        throw new NetlinkException("this netlink transport cannot ask for namespace ids");
    }

    /**
     * The value of a sysctl of the namespace of {@code vrf}, as {@code sysctl -n} prints it without its
     * newline: {@code /proc/sys/<key, dots as slashes>} read from a thread inside that namespace (the
     * {@code net.*} tree is per namespace).
     *
     * @param key a sysctl name, {@code net.netfilter.nf_conntrack_events}
     * @throws NetlinkException when the namespace or the file cannot be opened (a module not loaded)
     */
    default String sysctl(Vrf vrf, String key) throws NetlinkException {
        // Additive SPI change: a transport that cannot enter namespaces reads none.
        throw new NetlinkException("this netlink transport cannot read sysctls");
    }

    /**
     * About how many routes of {@code addressFamily} the namespace of {@code vrf} holds now, or -1
     * when unknown: a size hint for a table about to be filled by a dump (rtnetlink's dump has no
     * count), never a count to rely on. IPv4: the largest "Prefixes" of /proc/net/fib_triestat (a
     * walk of the kernel's tries, about 45 ms of kernel time at a million routes); IPv6: the route
     * entries of /proc/net/rt6_stats (a counter).
     */
    default long routeCountHint(Vrf vrf, int addressFamily) {
        return -1; // additive SPI change: a transport that cannot enter namespaces knows none
    }

    /**
     * Runs {@code hook} on each reader thread every time it is about to wait for the kernel (a
     * receive with nothing queued, a park): whatever the thread produced from the messages it
     * delivered should leave now, and may be held until then. The cache manager flushes the FPC
     * frames held there, so that a dump chunk or a burst of notifications costs one write. A hook
     * must be quick and must not block; one that throws is logged and the others still run.
     */
    default void addBeforeWaitHook(Runnable hook) {
        // Additive SPI change: a transport without reader threads of its own never waits.
    }

    /** Removes a hook added with {@link #addBeforeWaitHook} (the same instance). */
    default void removeBeforeWaitHook(Runnable hook) {
    }

    /**
     * The legacy x_tables tables the namespace of {@code vrf} has, for {@code nfproto} (NFPROTO_IPV4,
     * NFPROTO_IPV6: those instantiated there; NFPROTO_BRIDGE: those whose module the kernel has). Reading
     * another would instantiate it, or load its module.
     *
     * @throws NetlinkException when the namespace cannot be entered
     */
    default List<String> xtableNames(Vrf vrf, int nfproto) throws NetlinkException {
        // Additive SPI change: a transport that cannot enter namespaces reads no x_tables.
        throw new NetlinkException("this netlink transport cannot read x_tables");
    }

    /**
     * {@link #xtableNames(Vrf, int)} of several families at once, in the same order: one entry into the
     * namespace of {@code vrf} for all of them (the x_tables poll reads the names of IPv4 and IPv6 each
     * period, for the netfilter and nat features together; docs/netfilter-sync.md).
     *
     * @throws NetlinkException when the namespace cannot be entered
     */
    default List<List<String>> xtableNames(Vrf vrf, int[] nfprotos) throws NetlinkException {
        List<List<String>> names = new java.util.ArrayList<>(nfprotos.length);
        for (int nfproto : nfprotos) {
            names.add(xtableNames(vrf, nfproto));
        }
        return names;
    }

    /**
     * One legacy x_tables table of the namespace of {@code vrf}: the replies of GET_INFO and GET_ENTRIES
     * (IPT_SO_, IP6T_SO_, EBT_SO_), concatenated as {@code XtTable.decode} takes them. The kernel
     * instantiates a table the namespace lacks when it is asked for: ask for those {@link #xtableNames} lists.
     *
     * @return null when the namespace has no such table
     * @throws NetlinkException when the namespace cannot be entered or the kernel refuses
     */
    default byte[] xtable(Vrf vrf, int nfproto, String table) throws NetlinkException {
        throw new NetlinkException("this netlink transport cannot read x_tables");
    }

    /**
     * Delivers process starts and ends ({@code PROC_EVENT_EXEC}, {@code PROC_EVENT_EXIT}) of the
     * whole machine from the proc connector, {@code netlink-connector-proc-listen-0}: one socket
     * shared by every watcher, opened by the first and closed with the last. The connector exists
     * only in the initial network namespace (and answers only to the initial pid and user
     * namespaces): elsewhere the watch is {@link ProcessWatch#available() unavailable}, says why, and
     * the channel stays listed with that reason while it is watched.
     */
    default ProcessWatch watchProcesses(ProcessListener listener) {
        // Additive SPI change: a transport without the connector delivers nothing.
        return ProcessWatch.unavailable("this netlink transport cannot watch processes");
    }

    /** Every open channel, listening and command, in creation order. */
    List<ChannelStats> channels();
}
