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
 * @param fullBufferFromStart the channel's listening socket starts with the largest receive buffer
 *                     ({@code receiveBufferMaxBytes}) instead of growing to it on overflow: for events
 *                     that come at the rate of traffic (conntrack), whose first burst would
 *                     overflow the smaller buffer while it grows (the channel's first subscriber decides)
 * @param receiveBufferMaxBytes the largest receive buffer of the channel's listening socket, in place of
 *                     the service's {@code receiveBufferMaxBytes} (0: the service's): for one channel whose
 *                     bursts need more than the others' (conntrack); the kernel reports twice as much
 *                     and caps it at {@link #MAX_RECEIVE_BUFFER_BYTES} (the channel's first subscriber decides)
 */
public record SubscriptionSpec(NetlinkFamily family, Vrf vrf, int[] groups, int[] messageTypes,
                               List<DumpRequest> dumps, String channel, boolean fullBufferFromStart,
                               int receiveBufferMaxBytes) {
    private static final Pattern CHANNEL = Pattern.compile("|[a-z0-9]+(-[a-z0-9]+)*");
    private static final int MAX_CHANNEL_LENGTH = 24;
    /** The kernel's cap of SO_RCVBUFFORCE (INT_MAX / 2; it reports twice that). */
    public static final int MAX_RECEIVE_BUFFER_BYTES = Integer.MAX_VALUE / 2;
    /** The smallest receive buffer a channel may ask for (the service's own lower bound too). */
    public static final int MIN_RECEIVE_BUFFER_BYTES = 4096;

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
        if (receiveBufferMaxBytes != 0 && (receiveBufferMaxBytes < MIN_RECEIVE_BUFFER_BYTES
                || receiveBufferMaxBytes > MAX_RECEIVE_BUFFER_BYTES)) {
            throw new IllegalArgumentException("receiveBufferMaxBytes = " + receiveBufferMaxBytes + " is outside "
                    + MIN_RECEIVE_BUFFER_BYTES + ".." + MAX_RECEIVE_BUFFER_BYTES + " (0: the service's)");
        }
    }

    /** With the service's largest receive buffer. */
    public SubscriptionSpec(NetlinkFamily family, Vrf vrf, int[] groups, int[] messageTypes, List<DumpRequest> dumps,
                            String channel, boolean fullBufferFromStart) {
        this(family, vrf, groups, messageTypes, dumps, channel, fullBufferFromStart, 0);
    }

    /** With the buffer growing from {@code receiveBufferBytes}, as most channels. */
    public SubscriptionSpec(NetlinkFamily family, Vrf vrf, int[] groups, int[] messageTypes, List<DumpRequest> dumps,
                            String channel) {
        this(family, vrf, groups, messageTypes, dumps, channel, false);
    }

    /** On the family's default channel pair ({@code channel = ""}). */
    public SubscriptionSpec(NetlinkFamily family, Vrf vrf, int[] groups, int[] messageTypes, List<DumpRequest> dumps) {
        this(family, vrf, groups, messageTypes, dumps, "");
    }

    /** The same subscription on the channel pair named {@code channel}. */
    public SubscriptionSpec onChannel(String channel) {
        return new SubscriptionSpec(family, vrf, groups, messageTypes, dumps, channel, fullBufferFromStart,
                receiveBufferMaxBytes);
    }

    /** The same subscription, its channel starting with the largest receive buffer. */
    public SubscriptionSpec withFullBufferFromStart() {
        return new SubscriptionSpec(family, vrf, groups, messageTypes, dumps, channel, true, receiveBufferMaxBytes);
    }

    /** The same subscription, its channel's largest receive buffer {@code bytes} (0: the service's). */
    public SubscriptionSpec withReceiveBufferMaxBytes(int bytes) {
        return new SubscriptionSpec(family, vrf, groups, messageTypes, dumps, channel, fullBufferFromStart, bytes);
    }
}
