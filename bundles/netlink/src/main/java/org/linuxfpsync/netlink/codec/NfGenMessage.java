package org.linuxfpsync.netlink.codec;

import org.linuxfpsync.netlink.NetlinkFamily;

/**
 * A reusable, allocation-free view of any NETLINK_NETFILTER message: {@code struct nfgenmsg}
 * followed by attributes whose meaning depends on the subsystem, indexed without size checks
 * (the subsystem's own decoder, {@link ConntrackMessage} or {@link NftMessage}, checks them).
 *
 * <pre>
 *   struct nfgenmsg {              // 4 bytes
 *       __u8   nfgen_family;        // NFPROTO_* (AF_INET, AF_INET6, NFPROTO_INET 1...)
 *       __u8   version;             // NFNETLINK_V0
 *       __be16 res_id;              // nftables: the ruleset generation (low 16 bits)
 *   };
 * </pre>
 */
public final class NfGenMessage extends AttributeMessage {
    /** {@code sizeof(struct nfgenmsg)}. */
    public static final int NFGENMSG_LENGTH = 4;
    private static final int INDEXED_TYPES = 32;

    public NfGenMessage() {
        super(new AttributeRules(INDEXED_TYPES), INDEXED_TYPES);
    }

    /** @throws NetlinkFormatException when the nfgenmsg or an attribute header is truncated */
    public NfGenMessage wrap(NlMsg msg) throws NetlinkFormatException {
        begin(msg, MessageTypeNames.name(NetlinkFamily.NETFILTER, msg.type()), NFGENMSG_LENGTH, "nfgenmsg");
        indexAttributes(msg, NFGENMSG_LENGTH, -1);
        return this;
    }

    /** {@code nfgen_family}. */
    public int family() {
        return buffer().get(header()) & 0xff;
    }

    public int version() {
        return buffer().get(header() + 1) & 0xff;
    }

    /** {@code res_id}, converted from network byte order. */
    public int resourceId() {
        return NetworkOrder.int16(buffer(), header() + 2);
    }

    /** {@code NFNL_SUBSYS_ID} of the message type: NFNL_SUBSYS_CTNETLINK, NFNL_SUBSYS_NFTABLES... */
    public int subsystem() {
        return Nfnetlink.subsystem(messageType());
    }

    /** {@code NFNL_MSG_TYPE}: the message within its subsystem (IPCTNL_MSG_CT_NEW, NFT_MSG_NEWTABLE...). */
    public int message() {
        return Nfnetlink.message(messageType());
    }
}
