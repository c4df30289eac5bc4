package org.linuxfpsync.fpc.codec;

/**
 * TLVs of SP_ADD and SP_DEL (an IPsec security policy, XFRM_MSG_NEWPOLICY). The key is the kernel's policy index, which
 * every policy message carries. Layout: docs/fpc-protocol.md, {@link FpcSchema}.
 */
public final class SpAttr {
    /** u32 (key): the vrf. */
    public static final int VRFID = 1;
    /** u32 (key): the kernel's policy index. */
    public static final int INDEX = 2;
    /** u8 (required): XFRM_POLICY_*: 0 in, 1 out, 2 fwd. */
    public static final int DIR = 3;
    /** u8 (optional): 0 allow, 1 block. */
    public static final int ACTION = 4;
    /** u32 (optional): lower wins. */
    public static final int PRIORITY = 5;
    /** nested (required): the traffic matched (table SELECTOR). */
    public static final int SELECTOR = 6;
    /** nested (optional, repeated): one transform to apply (table TMPL below); repeated, in order. */
    public static final int TMPL = 7;
    /** u32 (optional). */
    public static final int MARK = 8;
    /** u32 (optional). */
    public static final int MARK_MASK = 9;
    /** u32 (optional): XFRMA_IF_ID. */
    public static final int IF_ID = 10;
    /** u8 (optional): XFRM_POLICY_* flags: 0x1 localok, 0x2 icmp. */
    public static final int FLAGS = 11;

    private SpAttr() {
    }
}
