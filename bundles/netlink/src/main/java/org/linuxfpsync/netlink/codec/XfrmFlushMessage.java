package org.linuxfpsync.netlink.codec;

import org.linuxfpsync.netlink.NetlinkFamily;

/**
 * A decoder of the two xfrm flush notifications ({@code xfrm_notify_sa_flush},
 * {@code xfrm_notify_policy_flush}): {@code XFRM_MSG_FLUSHSA} carries only
 * {@code struct xfrm_usersa_flush { __u8 proto; }}; {@code XFRM_MSG_FLUSHPOLICY} has no header and
 * an optional {@code XFRMA_POLICY_TYPE}.
 */
public final class XfrmFlushMessage extends XfrmMessage {
    /** {@code IPSEC_PROTO_ANY} of {@code linux/ipsec.h}: a flush of ESP, AH and IPcomp. */
    public static final int IPSEC_PROTO_ANY = 255;

    /**
     * Decodes {@code msg}.
     *
     * @throws IllegalArgumentException when {@code msg} is neither flush (check the type first)
     * @throws NetlinkFormatException   when it does not parse as {@code linux/xfrm.h} says
     */
    public XfrmFlushMessage wrap(NlMsg msg) throws NetlinkFormatException {
        String name = MessageTypeNames.name(NetlinkFamily.XFRM, msg.type());
        if (msg.type() == Xfrm.XFRM_MSG_FLUSHSA) {
            begin(msg, name, XfrmSizes.XFRM_USERSA_FLUSH_LENGTH, "xfrm_usersa_flush");
            indexAttributes(msg, XfrmSizes.XFRM_USERSA_FLUSH_LENGTH, -1);
        } else if (msg.type() == Xfrm.XFRM_MSG_FLUSHPOLICY) {
            begin(msg, name, 0, "nothing");
            indexAttributes(msg, 0, -1);
        } else {
            throw new IllegalArgumentException("not a flush message: " + name);
        }
        return this;
    }

    /** FLUSHSA's protocol: IPPROTO_ESP, _AH, _COMP, {@link #IPSEC_PROTO_ANY}, or 0 (every SA). */
    public int proto() {
        if (messageType() != Xfrm.XFRM_MSG_FLUSHSA) {
            throw new IllegalStateException("proto is a field of XFRM_MSG_FLUSHSA only");
        }
        return buffer().get(header()) & 0xff;
    }

    /** Whether an SA of protocol {@code saProto} is flushed: {@code xfrm_id_proto_match} of the kernel. */
    public boolean flushes(int saProto) {
        int proto = proto();
        return proto == 0 || saProto == proto || proto == IPSEC_PROTO_ANY
                && (saProto == Xfrm.IPPROTO_AH || saProto == Xfrm.IPPROTO_ESP || saProto == Xfrm.IPPROTO_COMP);
    }

    /** FLUSHPOLICY's XFRMA_POLICY_TYPE (XFRM_POLICY_TYPE_MAIN when absent). */
    public int policyType() {
        return u8(Xfrm.XFRMA_POLICY_TYPE, Xfrm.XFRM_POLICY_TYPE_MAIN);
    }
}
