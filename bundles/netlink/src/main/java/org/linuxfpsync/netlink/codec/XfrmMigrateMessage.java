package org.linuxfpsync.netlink.codec;

import org.linuxfpsync.netlink.NetlinkFamily;

/**
 * A decoder of {@code XFRM_MSG_MIGRATE} as {@code xfrm_send_migrate} writes it: the policy's
 * {@code struct xfrm_userpolicy_id} (selector, index, dir), then XFRMA_MIGRATE, an array of
 * {@code struct xfrm_user_migrate} (76 bytes: old and new destination and source, proto, mode,
 * reqid, old and new family), XFRMA_POLICY_TYPE and, optionally, XFRMA_KMADDRESS.
 */
public final class XfrmMigrateMessage extends XfrmMessage {
    private final XfrmSelector selector = new XfrmSelector();

    /**
     * Decodes {@code msg}.
     *
     * @throws IllegalArgumentException when {@code msg} is not XFRM_MSG_MIGRATE (check the type first)
     * @throws NetlinkFormatException   when it does not parse as {@code linux/xfrm.h} says, or migrates nothing
     */
    public XfrmMigrateMessage wrap(NlMsg msg) throws NetlinkFormatException {
        String name = MessageTypeNames.name(NetlinkFamily.XFRM, msg.type());
        if (msg.type() != Xfrm.XFRM_MSG_MIGRATE) {
            throw new IllegalArgumentException("not XFRM_MSG_MIGRATE: " + name);
        }
        begin(msg, name, XfrmSizes.XFRM_USERPOLICY_ID_LENGTH, "xfrm_userpolicy_id");
        indexAttributes(msg, XfrmSizes.XFRM_USERPOLICY_ID_LENGTH, -1);
        if (migrations() == 0) {
            throw error(Xfrm.XFRMA_MIGRATE, "absent or empty: the kernel sends at least one xfrm_user_migrate");
        }
        selector.reset(buffer(), header());
        return this;
    }

    /** The selector of the policy whose SAs move. */
    public XfrmSelector selector() {
        return selector;
    }

    /** The policy's {@code dir}. */
    public int direction() {
        return buffer().get(header() + 60) & 0xff;
    }

    /** How many (SA template) moves the message carries. */
    public int migrations() {
        return has(Xfrm.XFRMA_MIGRATE) ? attributeLength(Xfrm.XFRMA_MIGRATE) / XfrmSizes.XFRM_USER_MIGRATE_LENGTH : 0;
    }

    /** The protocol of move {@code i} (IPPROTO_ESP...). */
    public int proto(int i) {
        return buffer().get(migration(i) + 64) & 0xff;
    }

    /** The new address family of move {@code i}. */
    public int newFamily(int i) {
        return buffer().getShort(migration(i) + 74) & 0xffff;
    }

    private int migration(int i) {
        if (i < 0 || i >= migrations()) {
            throw new IndexOutOfBoundsException("migration " + i + " of " + migrations());
        }
        return attributeOffset(Xfrm.XFRMA_MIGRATE) + i * XfrmSizes.XFRM_USER_MIGRATE_LENGTH;
    }
}
