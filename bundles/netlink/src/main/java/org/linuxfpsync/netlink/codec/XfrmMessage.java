package org.linuxfpsync.netlink.codec;

import org.linuxfpsync.netlink.NetlinkFamily;

/**
 * What SA and policy messages share ({@code linux/xfrm.h}): the attribute sizes, the three
 * layouts of an object message (the full info for NEW/UPD/GET; the info then {@code hard} for
 * EXPIRE; the id, with the info in an attribute, for DEL), and the XFRMA_MARK and XFRMA_IF_ID
 * accessors.
 */
public abstract class XfrmMessage extends AttributeMessage {
    private static final int INDEXED_TYPES = 48;
    private static final AttributeRules RULES = new AttributeRules(INDEXED_TYPES)
            .atLeast(Xfrm.XFRMA_ALG_AUTH, "XFRMA_ALG_AUTH", XfrmSizes.XFRM_ALGO_LENGTH)
            .atLeast(Xfrm.XFRMA_ALG_CRYPT, "XFRMA_ALG_CRYPT", XfrmSizes.XFRM_ALGO_LENGTH)
            .atLeast(Xfrm.XFRMA_ALG_COMP, "XFRMA_ALG_COMP", XfrmSizes.XFRM_ALGO_LENGTH)
            .exact(Xfrm.XFRMA_ENCAP, "XFRMA_ENCAP", 24)
            .multipleOf(Xfrm.XFRMA_TMPL, "XFRMA_TMPL", XfrmSizes.XFRM_USER_TMPL_LENGTH)
            .exact(Xfrm.XFRMA_SA, "XFRMA_SA", XfrmSizes.XFRM_USERSA_INFO_LENGTH)
            .exact(Xfrm.XFRMA_POLICY, "XFRMA_POLICY", XfrmSizes.XFRM_USERPOLICY_INFO_LENGTH)
            .atLeast(Xfrm.XFRMA_SEC_CTX, "XFRMA_SEC_CTX", 8)
            .exact(Xfrm.XFRMA_LTIME_VAL, "XFRMA_LTIME_VAL", 32)
            .exact(Xfrm.XFRMA_REPLAY_VAL, "XFRMA_REPLAY_VAL", 12)
            .exact(Xfrm.XFRMA_REPLAY_THRESH, "XFRMA_REPLAY_THRESH", 4)
            .exact(Xfrm.XFRMA_ETIMER_THRESH, "XFRMA_ETIMER_THRESH", 4)
            .exact(Xfrm.XFRMA_SRCADDR, "XFRMA_SRCADDR", 16)
            .exact(Xfrm.XFRMA_COADDR, "XFRMA_COADDR", 16)
            .exact(Xfrm.XFRMA_LASTUSED, "XFRMA_LASTUSED", 8)
            .exact(Xfrm.XFRMA_POLICY_TYPE, "XFRMA_POLICY_TYPE", 6)
            .atLeast(Xfrm.XFRMA_ALG_AEAD, "XFRMA_ALG_AEAD", XfrmSizes.XFRM_ALGO_AUTH_LENGTH)
            .atLeast(Xfrm.XFRMA_ALG_AUTH_TRUNC, "XFRMA_ALG_AUTH_TRUNC", XfrmSizes.XFRM_ALGO_AUTH_LENGTH)
            .exact(Xfrm.XFRMA_MARK, "XFRMA_MARK", 8)
            .exact(Xfrm.XFRMA_TFCPAD, "XFRMA_TFCPAD", 4)
            .atLeast(Xfrm.XFRMA_REPLAY_ESN_VAL, "XFRMA_REPLAY_ESN_VAL", 24)
            .exact(Xfrm.XFRMA_SA_EXTRA_FLAGS, "XFRMA_SA_EXTRA_FLAGS", 4)
            .exact(Xfrm.XFRMA_PROTO, "XFRMA_PROTO", 1)
            .exact(Xfrm.XFRMA_OFFLOAD_DEV, "XFRMA_OFFLOAD_DEV", 8)
            .exact(Xfrm.XFRMA_SET_MARK, "XFRMA_SET_MARK", 4)
            .exact(Xfrm.XFRMA_SET_MARK_MASK, "XFRMA_SET_MARK_MASK", 4)
            .exact(Xfrm.XFRMA_IF_ID, "XFRMA_IF_ID", 4)
            .exact(Xfrm.XFRMA_MTIMER_THRESH, "XFRMA_MTIMER_THRESH", 4)
            .multipleOf(Xfrm.XFRMA_MIGRATE, "XFRMA_MIGRATE", XfrmSizes.XFRM_USER_MIGRATE_LENGTH)
            .exact(XfrmSaMessage.XFRMA_SA_DIR, "XFRMA_SA_DIR", 1);

    /** Where an object kind puts its info: {@code struct xfrm_usersa_info} or {@code xfrm_userpolicy_info}. */
    record Layout(String what, int[] infoTypes, int infoLength, String infoName, int expireType, String expireName,
                  int deleteType, int idLength, String idName, int infoAttribute) {
    }

    private Layout layout;
    private int info = -1;

    XfrmMessage() {
        super(RULES, INDEXED_TYPES);
    }

    /**
     * Checks and indexes {@code msg} as one of {@code layout}'s messages. The expire structures are
     * the info and a u8 {@code hard}, padded to the info's 8-byte alignment.
     */
    final void decode(NlMsg msg, Layout layout) throws NetlinkFormatException {
        int type = msg.type();
        String name = MessageTypeNames.name(NetlinkFamily.XFRM, type);
        int headerLength;
        String headerName;
        if (contains(layout.infoTypes(), type)) {
            headerLength = layout.infoLength();
            headerName = layout.infoName();
        } else if (type == layout.expireType()) {
            headerLength = layout.infoLength() + 8;
            headerName = layout.expireName();
        } else if (type == layout.deleteType()) {
            headerLength = layout.idLength();
            headerName = layout.idName();
        } else {
            throw new IllegalArgumentException("not " + layout.what() + " message: " + name);
        }
        this.layout = layout;
        begin(msg, name, headerLength, headerName);
        indexAttributes(msg, headerLength, -1);
        info = type == layout.deleteType() ? attributeOffset(layout.infoAttribute()) : header();
    }

    private static boolean contains(int[] types, int type) {
        for (int t : types) {
            if (t == type) {
                return true;
            }
        }
        return false;
    }

    /** Whether the full info is present (a delete without its info attribute has only the id). */
    public boolean hasInfo() {
        return info >= 0;
    }

    /** Offset of the info, or -1 (a delete without it). */
    final int info() {
        return info;
    }

    final int requireInfo() {
        if (info < 0) {
            throw new IllegalStateException(scopeName() + " without " + rules().name(layout.infoAttribute())
                    + ": only the id is known");
        }
        return info;
    }

    /** For the expire message: whether the hard lifetime expired (else the soft one). */
    public boolean hard() {
        if (messageType() != layout.expireType()) {
            throw new IllegalStateException("hard is a field of " + MessageTypeNames.name(NetlinkFamily.XFRM,
                    layout.expireType()) + " only, not " + scopeName());
        }
        return buffer().get(header() + layout.infoLength()) != 0;
    }

    /** XFRMA_MARK's value, or 0 when absent. */
    public int markValue() {
        return u32(Xfrm.XFRMA_MARK, 0);
    }

    /** XFRMA_MARK's mask, or 0 when absent. */
    public int markMask() {
        return has(Xfrm.XFRMA_MARK) ? buffer().getInt(attributeOffset(Xfrm.XFRMA_MARK) + 4) : 0;
    }

    /** XFRMA_IF_ID (the xfrm interface), or 0 when absent. */
    public int interfaceId() {
        return u32(Xfrm.XFRMA_IF_ID, 0);
    }
}
