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

    /** Every open channel, listening and command, in creation order. */
    List<ChannelStats> channels();
}
