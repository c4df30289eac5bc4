package org.linuxfpsync.netlink;

/**
 * One dump a subscriber needs to converge, sent on the family's command channel with
 * {@code NLM_F_REQUEST | NLM_F_DUMP}.
 *
 * @param messageType the request type, e.g. {@code RTM_GETLINK}
 * @param payload     the family header that follows the nlmsghdr (e.g. a zeroed 16-byte
 *                    {@code struct ifinfomsg}), without padding; it is copied
 * @param onRefresh   false for a dump a {@link ResyncReason#REFRESH} leaves out: state the
 *                    subscriber keeps from notifications (a route sync's view of the links), which
 *                    only a replay, after events may have been lost, must read again
 */
public record DumpRequest(int messageType, byte[] payload, boolean onRefresh) {
    public DumpRequest {
        if (messageType < 0 || messageType > 0xffff) {
            throw new IllegalArgumentException("netlink message type out of range: " + messageType);
        }
        payload = payload.clone();
    }

    /** A dump run for every reason. */
    public DumpRequest(int messageType, byte[] payload) {
        this(messageType, payload, true);
    }
}
