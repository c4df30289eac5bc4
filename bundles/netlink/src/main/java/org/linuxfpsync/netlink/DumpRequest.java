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
 * @param strict      sent with NETLINK_GET_STRICT_CHK on: the kernel applies the filter attributes
 *                    of the payload (a route dump's RTA_OIF) and answers with NLM_F_DUMP_FILTERED;
 *                    without it, it ignores them and dumps everything
 */
public record DumpRequest(int messageType, byte[] payload, boolean onRefresh, boolean strict) implements FollowUp {
    public DumpRequest {
        if (messageType < 0 || messageType > 0xffff) {
            throw new IllegalArgumentException("netlink message type out of range: " + messageType);
        }
        payload = payload.clone();
    }

    /** A dump without filter. */
    public DumpRequest(int messageType, byte[] payload, boolean onRefresh) {
        this(messageType, payload, onRefresh, false);
    }

    /** A filtered dump, sent with NETLINK_GET_STRICT_CHK ({@link Subscription#dumpFiltered}). */
    public static DumpRequest filtered(int messageType, byte[] payload) {
        return new DumpRequest(messageType, payload, true, true);
    }

    /** Same type, payload and flags (a record compares arrays by reference). */
    public boolean sameAs(DumpRequest other) {
        return other != null && messageType == other.messageType && onRefresh == other.onRefresh
                && strict == other.strict && java.util.Arrays.equals(payload, other.payload);
    }

    /** A dump run for every reason. */
    public DumpRequest(int messageType, byte[] payload) {
        this(messageType, payload, true);
    }
}
