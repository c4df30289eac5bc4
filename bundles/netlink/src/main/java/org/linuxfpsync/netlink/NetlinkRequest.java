package org.linuxfpsync.netlink;

/**
 * One request that is not a dump, sent on the family's command channel with
 * {@code NLM_F_REQUEST | NLM_F_ACK}: its answer (for a GET, the object) is delivered to the
 * subscriber, then the kernel's acknowledgement ends it.
 *
 * @param messageType the request type, e.g. {@code XFRM_MSG_GETAE}
 * @param payload     the family header and attributes that follow the nlmsghdr, without padding; copied
 */
public record NetlinkRequest(int messageType, byte[] payload) implements FollowUp {
    public NetlinkRequest {
        if (messageType < 0 || messageType > 0xffff) {
            throw new IllegalArgumentException("netlink message type out of range: " + messageType);
        }
        payload = payload.clone();
    }
}
