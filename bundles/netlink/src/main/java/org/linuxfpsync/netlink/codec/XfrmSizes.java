package org.linuxfpsync.netlink.codec;

/**
 * {@code sizeof} the structures of {@code linux/xfrm.h} that SA and policy messages carry (x86-64
 * and every other ABI the kernel supports: the structures are padded alike). Apart from
 * {@link Xfrm} because the headers define them by layout, not by a value a test could grep.
 */
final class XfrmSizes {
    static final int XFRM_USERSA_INFO_LENGTH = 224;
    static final int XFRM_USERSA_ID_LENGTH = 24;
    /** {@code sizeof(struct xfrm_algo)}: name[64] and alg_key_len (bits), before the key. */
    static final int XFRM_ALGO_LENGTH = 68;
    /** {@code sizeof(struct xfrm_algo_auth)} and {@code xfrm_algo_aead}: one more u32 before the key. */
    static final int XFRM_ALGO_AUTH_LENGTH = 72;
    static final int XFRM_USERPOLICY_INFO_LENGTH = 168;
    static final int XFRM_USERPOLICY_ID_LENGTH = 64;
    static final int XFRM_USER_TMPL_LENGTH = 64;
    /** {@code struct xfrm_user_migrate}: four addresses, proto, mode, reserved, reqid, two families. */
    static final int XFRM_USER_MIGRATE_LENGTH = 76;
    /** {@code struct xfrm_usersa_flush}: one u8, the protocol. */
    static final int XFRM_USERSA_FLUSH_LENGTH = 1;

    private XfrmSizes() {
    }
}
