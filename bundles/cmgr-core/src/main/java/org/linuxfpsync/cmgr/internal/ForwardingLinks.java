package org.linuxfpsync.cmgr.internal;

import org.linuxfpsync.netlink.codec.LinkMessage;
import org.linuxfpsync.netlink.codec.NetlinkFormatException;
import org.linuxfpsync.netlink.codec.NlMsg;
import org.linuxfpsync.netlink.codec.Rtnetlink;

/**
 * The state of each link that routes and nexthop objects depend on (IFF_UP, IFF_RUNNING,
 * IFF_LOWER_UP, MTU), as one socket heard it: the kernel flushes or changes routes and nexthops
 * silently when it changes, so a change heard here asks for a dump of them.
 */
final class ForwardingLinks {
    /** IFF_UP, IFF_RUNNING, IFF_LOWER_UP: the flags whose change changes routes and nexthops. */
    private static final int RELEVANT_FLAGS = 0x1 | 0x40 | 0x10000;

    private static final long ABSENT = -1L;

    private final LinkMessage link = new LinkMessage();
    /**
     * ifindex (the key) to (relevant flags, MTU) as last heard: a key set, so that a link message
     * allocates nothing (every socket that hears links keeps one).
     */
    private final KeySet links = new KeySet(1);

    /** What a link message says of the routes and nexthops through the link. */
    enum Change {
        /** Nothing forwarding depends on (a dump's link, a new link, promiscuity...). */
        NONE,
        /** Its UP, RUNNING or LOWER_UP flag or its MTU changed. */
        CHANGED,
        /** It went away. */
        DELETED
    }

    /** The ifindex of the last message {@link #change} read. */
    private int ifindex;

    /**
     * Notes an RTM_NEWLINK or RTM_DELLINK; true when a notification says that a known link changed
     * what forwarding depends on, or went (a new link has nothing through it yet; a dump's links
     * come before the dump's objects).
     */
    boolean changed(NlMsg message, boolean fromDump) throws NetlinkFormatException {
        return change(message, fromDump) != Change.NONE;
    }

    /** As {@link #changed}, telling a link gone from one changed; {@link #ifindex()} says which. */
    Change change(NlMsg message, boolean fromDump) throws NetlinkFormatException {
        boolean deleted = message.type() == Rtnetlink.RTM_DELLINK;
        // A deletion's header says all (its ifindex): its attributes are not read.
        if (deleted) {
            link.wrapHeader(message);
        } else {
            link.wrap(message);
        }
        if (link.family() != Rtnetlink.AF_UNSPEC) {
            return Change.NONE; // AF_BRIDGE: a bridge port's state, not the device
        }
        ifindex = link.ifindex();
        links.key[0] = ifindex;
        long before = links.get(ABSENT);
        long now = 0;
        if (deleted) {
            links.remove();
        } else {
            now = ((long) (link.flags() & RELEVANT_FLAGS) << 32) | (link.mtu() & 0xffffffffL);
            links.put(now);
        }
        if (fromDump || before == ABSENT) {
            return Change.NONE;
        }
        return deleted ? Change.DELETED : before == now ? Change.NONE : Change.CHANGED;
    }

    int ifindex() {
        return ifindex;
    }

    /** Forgets every link: a dump that lists them follows. */
    void clear() {
        links.clear();
    }
}
