package org.linuxfpsync.netlink;

/**
 * One dump a subscriber needs to converge, sent on the family's command channel with
 * {@code NLM_F_REQUEST | NLM_F_DUMP}.
 *
 * @param messageType the request type, e.g. {@code RTM_GETLINK}
 * @param payload     the family header that follows the nlmsghdr (e.g. a zeroed 16-byte
 *                    {@code struct ifinfomsg}), without padding; it is copied
 */
public record DumpRequest(int messageType, byte[] payload) {
    public DumpRequest {
        if (messageType < 0 || messageType > 0xffff) {
            throw new IllegalArgumentException("netlink message type out of range: " + messageType);
        }
        payload = payload.clone();
    }
}
