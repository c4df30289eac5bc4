package org.linuxfpsync.netlink.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.linuxfpsync.netlink.NetlinkListener;
import org.linuxfpsync.netlink.ResyncReason;
import org.linuxfpsync.netlink.codec.NetlinkFormatException;
import org.linuxfpsync.netlink.codec.NlMsg;
import org.linuxfpsync.netlink.codec.Rtnetlink;
import org.linuxfpsync.netlink.codec.RouteMessage;

/**
 * What a route sync feature does with its subscription: applies RTM_NEWROUTE / RTM_DELROUTE to
 * a table, and on every dump marks what it has, refreshes what the dump reports and sweeps the
 * rest. Routes are keyed as {@code ip -j route show table all} prints them (see {@link #key}), so
 * that the test can compare the two as sets of readable strings.
 */
final class RouteTableSubscriber implements NetlinkListener {
    private static final String[] TYPE_NAMES = {"unspec", "unicast", "local", "broadcast", "anycast", "multicast",
        "blackhole", "unreachable", "prohibit", "throw", "nat", "xresolve"};

    final Set<String> routes = ConcurrentHashMap.newKeySet();
    private final Map<Integer, String> devices;
    private final RouteMessage route = new RouteMessage();
    private final byte[] address = new byte[16];
    private Set<String> unseen;
    volatile int dumps;
    volatile int overflowDumps;

    /** @param devices ifindex to name in the namespace, as {@code ip} prints {@code dev} */
    RouteTableSubscriber(Map<Integer, String> devices) {
        this.devices = devices;
    }

    @Override
    public void dumpStarted(ResyncReason reason) {
        unseen = new HashSet<>(routes);
        if (reason == ResyncReason.OVERFLOW) {
            overflowDumps++;
        }
    }

    @Override
    public void message(NlMsg message, boolean fromDump) {
        try {
            route.wrap(message);
        } catch (NetlinkFormatException e) {
            throw new AssertionError(e.getMessage(), e);
        }
        if ((route.flags() & Rtnetlink.RTM_F_CLONED) != 0) {
            return; // a cached exception, not a route of the table
        }
        String key = key();
        if (message.type() == Rtnetlink.RTM_NEWROUTE) {
            routes.add(key);
            if (fromDump) {
                unseen.remove(key);
            }
        } else {
            routes.remove(key);
        }
    }

    @Override
    public void dumpFinished(boolean complete) {
        if (complete) {
            routes.removeAll(unseen); // the sweep: gone while we were not listening
        }
        unseen = null;
        dumps++;
    }

    /** {@code table=<id> type=<name> dst=<prefix or default> dev=<name> gateway=<address>}. */
    private String key() {
        int bits = route.family() == Rtnetlink.AF_INET6 ? 128 : 32;
        String dst;
        int length = route.copyDst(address);
        if (length == 0 && route.dstPrefixLength() == 0) {
            dst = "default";
        } else {
            dst = format(length) + (route.dstPrefixLength() == bits ? "" : "/" + route.dstPrefixLength());
        }
        int type = route.type();
        String gateway = route.copyGateway(address) > 0 ? format(route.attributeLength(Rtnetlink.RTA_GATEWAY)) : "";
        String dev = route.oif() == 0 ? "" : devices.getOrDefault(route.oif(), "if" + route.oif());
        return "table=" + route.table() + " type=" + (type < TYPE_NAMES.length ? TYPE_NAMES[type] : type)
                + " dst=" + dst + " dev=" + dev + " gateway=" + gateway;
    }

    private String format(int length) {
        byte[] bytes = new byte[length];
        System.arraycopy(address, 0, bytes, 0, length);
        try {
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
