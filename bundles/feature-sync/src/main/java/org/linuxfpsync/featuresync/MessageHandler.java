package org.linuxfpsync.featuresync;

import java.util.ArrayList;
import java.util.List;

import org.linuxfpsync.netlink.FollowUp;
import org.linuxfpsync.netlink.codec.LinkMessage;
import org.linuxfpsync.netlink.codec.NetlinkFormatException;
import org.linuxfpsync.netlink.codec.NlMsg;
import org.linuxfpsync.netlink.codec.Rtnetlink;

/**
 * Translates the kernel messages of one feature in one vrf into FPC objects ({@link FamilyObjects}).
 * Called on the subscription's reader thread only.
 */
public interface MessageHandler {

    /**
     * One message of a type the subscription asked for, valid during the call only.
     *
     * @throws NetlinkFormatException when it is not as the uapi headers lay it out: the message is
     *                                counted as malformed and skipped, nothing synced is lost
     * @throws ObjectRefused          when it is well formed but cannot be described to the FPM: counted
     *                                under its reason; the handler withdrew what it had sent of it
     */
    void apply(NlMsg message, boolean fromDump) throws NetlinkFormatException, ObjectRefused;

    /**
     * Given once by its {@link ObjectSync}: {@code dumpRequest} asks for a full dump of the
     * subscription, later, on the reader thread (it never waits; requests merge). For objects the
     * kernel changes without a notification.
     */
    default void dumpRequester(Runnable dumpRequest) {
    }

    /**
     * Asked once the subscription's dumps have completed, before {@link #dumpFinished}: the dumps
     * that depend on what the dump reported (an nftables set's elements) and the requests whose
     * answers complete this dump (an SA's GETAE), inside the same replay window
     * ({@link org.linuxfpsync.netlink.NetlinkListener#followUps}). None by default.
     */
    default List<? extends FollowUp> followUps() {
        return List.of();
    }

    /** A full dump starts: every object the feature owns will be reported again. */
    default void dumpStarted() {
    }

    /** The dump ended; {@code complete} false when it was interrupted (another one follows). */
    default void dumpFinished(boolean complete) {
    }

    /**
     * The handlers of one subscription, each given every message, dump start and dump end in order
     * (devices before the objects that belong to them).
     */
    static MessageHandler all(MessageHandler... handlers) {
        List<MessageHandler> list = List.of(handlers);
        // Indexed, not a for-each over the list: the message path allocated an iterator per message
        // (issue #23; the bridge and VXLAN handlers hear every neighbour of the vrf).
        MessageHandler[] each = list.toArray(new MessageHandler[0]);
        return new MessageHandler() {
            @Override
            public void apply(NlMsg message, boolean fromDump) throws NetlinkFormatException, ObjectRefused {
                for (int i = 0; i < each.length; i++) {
                    each[i].apply(message, fromDump);
                }
            }

            @Override
            public void dumpRequester(Runnable dumpRequest) {
                list.forEach(h -> h.dumpRequester(dumpRequest));
            }

            @Override
            public List<FollowUp> followUps() {
                List<FollowUp> followUps = new ArrayList<>();
                list.forEach(h -> followUps.addAll(h.followUps()));
                return followUps;
            }

            @Override
            public void dumpStarted() {
                list.forEach(MessageHandler::dumpStarted);
            }

            @Override
            public void dumpFinished(boolean complete) {
                list.forEach(h -> h.dumpFinished(complete));
            }
        };
    }

    /**
     * Wraps {@code message} in {@code link} when it is a link message (RTM_NEWLINK, RTM_DELLINK) of
     * {@code family}: AF_UNSPEC for the devices, AF_BRIDGE for a bridge's view of its ports. Of a
     * deletion (RTM_DELLINK) the header alone is read ({@link LinkMessage#wrapHeader}): it names the
     * link by ifindex, and every handler of a link event would walk its attributes for nothing.
     *
     * @return false for any other message, which the handler ignores
     */
    static boolean linkOf(int family, NlMsg message, LinkMessage link) throws NetlinkFormatException {
        if (message.type() != Rtnetlink.RTM_NEWLINK && message.type() != Rtnetlink.RTM_DELLINK) {
            return false;
        }
        if (message.type() == Rtnetlink.RTM_DELLINK) {
            return link.wrapHeader(message).family() == family;
        }
        return link.wrap(message).family() == family;
    }
}
