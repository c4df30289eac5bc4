package org.linuxfpsync.cmgr.internal;

import org.linuxfpsync.netlink.codec.LinkMessage;
import org.linuxfpsync.netlink.codec.NetlinkFormatException;
import org.linuxfpsync.netlink.codec.NlMsg;
import org.linuxfpsync.netlink.codec.Rtnetlink;

/**
 * The state of each link that routes and nexthop objects depend on (IFF_UP, IFF_RUNNING,
 * IFF_LOWER_UP, MTU), as the links' reader heard it ({@link LinkRelay}): the kernel flushes or
 * changes routes and nexthops silently when it changes, so a change heard here is told to them.
 * One thread.
 */
final class ForwardingLinks {
    /** IFF_UP, IFF_RUNNING, IFF_LOWER_UP: the flags whose change changes routes and nexthops. */
    private static final int RELEVANT_FLAGS = 0x1 | 0x40 | 0x10000;

    private static final long ABSENT = -1L;

    private final LinkMessage link = new LinkMessage();
    /**
     * ifindex (the key) to (relevant flags, MTU) as last heard: a key set, so that a link message
     * allocates nothing.
     */
    private final KeySet links = new KeySet(1);

    /** What a link message says of the routes and nexthops through the link. */
    enum Change {
        /** Nothing forwarding depends on (a new link, promiscuity...). */
        NONE,
        /** Its UP, RUNNING or LOWER_UP flag or its MTU changed. */
        CHANGED,
        /** It went away. */
        DELETED
    }

    /** The ifindex of the last message {@link #change} read. */
    private int ifindex;

    /**
     * Notes an RTM_NEWLINK or RTM_DELLINK (decoded here); {@link #ifindex()} says which link.
     * AF_BRIDGE messages (a bridge port's state, not the device) change nothing.
     */
    Change change(NlMsg message) throws NetlinkFormatException {
        boolean deleted = message.type() == Rtnetlink.RTM_DELLINK;
        // A deletion's header says all (its ifindex): its attributes are not read.
        if (deleted) {
            link.wrapHeader(message);
        } else {
            link.wrap(message);
        }
        if (link.family() != Rtnetlink.AF_UNSPEC) {
            return Change.NONE;
        }
        ifindex = link.ifindex();
        return noted(deleted, ifindex, link.flags(), deleted ? 0 : link.mtu());
    }

    /**
     * Notes a link's state (from a notification or a dump alike) or its deletion: CHANGED when a
     * known link's relevant flags or MTU differ from what was noted, DELETED when a known link goes;
     * a link not known yet (new, or first dumped) has nothing through it here.
     */
    Change noted(boolean deleted, int ifindex, int flags, int mtu) {
        links.key[0] = ifindex;
        long before = links.get(ABSENT);
        long now = 0;
        if (deleted) {
            links.remove();
        } else {
            now = ((long) (flags & RELEVANT_FLAGS) << 32) | (mtu & 0xffffffffL);
            links.put(now);
        }
        if (before == ABSENT) {
            return Change.NONE;
        }
        return deleted ? Change.DELETED : before == now ? Change.NONE : Change.CHANGED;
    }

    /** Forgets a link; true when it was known. */
    boolean forget(int ifindex) {
        links.key[0] = ifindex;
        return links.remove();
    }

    int ifindex() {
        return ifindex;
    }

    /** Forgets every link. */
    void clear() {
        links.clear();
    }
}
