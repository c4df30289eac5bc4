package org.linuxfpsync.netlink;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

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
 * @param channel      which channel pair of the family: {@code ""} for the family's default pair
 *                     ({@code netlink-xfrm-listen-0}), or a name that gets a socket pair of its own
 *                     ({@code "conntrack"}: {@code netlink-netfilter-conntrack-listen-0}), so that
 *                     a flood of one kind of event cannot overflow the buffer of another; lower
 *                     case letters, digits and inner dashes, at most 24 characters
 * @param receiveBuffer how the channel's listening socket sizes its receive buffer: the service's
 *                     settings ({@link ReceiveBufferPolicy#SERVICE}), or a channel's own, such as
 *                     conntrack's, full from the start (the channel's first subscriber decides)
 */
public record SubscriptionSpec(NetlinkFamily family, Vrf vrf, int[] groups, int[] messageTypes,
                               List<DumpRequest> dumps, String channel, ReceiveBufferPolicy receiveBuffer) {
    private static final Pattern CHANNEL = Pattern.compile("|[a-z0-9]+(-[a-z0-9]+)*");
    private static final int MAX_CHANNEL_LENGTH = 24;

    public SubscriptionSpec {
        groups = groups.clone();
        messageTypes = messageTypes.clone();
        dumps = List.copyOf(dumps);
        Objects.requireNonNull(channel, "channel");
        if (channel.length() > MAX_CHANNEL_LENGTH || !CHANNEL.matcher(channel).matches()
                || channel.equals("listen") || channel.equals("cmd")) {
            throw new IllegalArgumentException("not a channel name (lower case letters, digits, inner dashes, at most "
                    + MAX_CHANNEL_LENGTH + " characters, not listen or cmd): '" + channel + "'");
        }
        Objects.requireNonNull(receiveBuffer, "receiveBuffer");
    }

    /** With the service's receive buffer settings, as most channels. */
    public SubscriptionSpec(NetlinkFamily family, Vrf vrf, int[] groups, int[] messageTypes, List<DumpRequest> dumps,
                            String channel) {
        this(family, vrf, groups, messageTypes, dumps, channel, ReceiveBufferPolicy.SERVICE);
    }

    /** On the family's default channel pair ({@code channel = ""}). */
    public SubscriptionSpec(NetlinkFamily family, Vrf vrf, int[] groups, int[] messageTypes, List<DumpRequest> dumps) {
        this(family, vrf, groups, messageTypes, dumps, "");
    }

    /** The same subscription on the channel pair named {@code channel}. */
    public SubscriptionSpec onChannel(String channel) {
        return new SubscriptionSpec(family, vrf, groups, messageTypes, dumps, channel, receiveBuffer);
    }

    /** The same subscription, its channel's receive buffer sized by {@code policy}. */
    public SubscriptionSpec withReceiveBuffer(ReceiveBufferPolicy policy) {
        return new SubscriptionSpec(family, vrf, groups, messageTypes, dumps, channel, policy);
    }
}
