package org.linuxfpsync.netlink;

import java.util.List;

/**
 * What a subscriber wants from one family in one namespace.
 *
 * @param family       the netlink protocol
 * @param vrf          the namespace, whose vrfid names the channels ({@code netlink-route-listen-0})
 * @param groups       multicast groups to join, as group numbers ({@code RTNLGRP_LINK} = 1), not bit masks
 * @param messageTypes the message types delivered to this subscriber (events and dump replies);
 *                     other types are counted by the channel but not delivered
 * @param dumps        the dumps that make the subscriber converge, replayed in order at start,
 *                     on {@link Subscription#resync}, and after an overflow (ENOBUFS)
 */
public record SubscriptionSpec(NetlinkFamily family, Vrf vrf, int[] groups, int[] messageTypes,
                               List<DumpRequest> dumps) {
    public SubscriptionSpec {
        groups = groups.clone();
        messageTypes = messageTypes.clone();
        dumps = List.copyOf(dumps);
    }
}
