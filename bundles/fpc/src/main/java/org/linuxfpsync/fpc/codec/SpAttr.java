package org.linuxfpsync.fpc.codec;

import static org.linuxfpsync.fpc.codec.TlvForm.NESTED;
import static org.linuxfpsync.fpc.codec.TlvForm.U32;
import static org.linuxfpsync.fpc.codec.TlvForm.U8;
import static org.linuxfpsync.fpc.codec.TlvSpec.key;
import static org.linuxfpsync.fpc.codec.TlvSpec.opt;
import static org.linuxfpsync.fpc.codec.TlvSpec.req;

import java.util.List;

import org.linuxfpsync.fpc.codec.MessageSpec.Role;

/**
 * The object family of table {@code ipsec-sp}, declared once, here: its code and message types, the constants of
 * its TLVs, and its {@code SCHEMA}, which {@link FpcSchema} registers.
 *
 * <p>TLVs of SP_ADD and SP_DEL (an IPsec security policy, XFRM_MSG_NEWPOLICY). The key is the kernel's policy index,
 * which every policy message carries. Layout: docs/fpc-protocol.md, {@link FpcSchema}.
 */
public final class SpAttr {
    /** The family (GR_BEGIN and FLUSH FAMILY): the high byte of its message types. */
    public static final int FAMILY_IPSEC_SP = 0x10;
    /** A policy, created or replaced. */
    public static final int SP_ADD = 0x1000;
    /** The policy is gone. */
    public static final int SP_DEL = 0x1001;

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

    static final TlvList TLVS = new TlvList("SP", "SpAttr",
            "TLVs of SP_ADD and SP_DEL (an IPsec security policy, `XFRM_MSG_NEWPOLICY`). The key is the kernel's "
            + "policy index, which every policy message carries.", List.of(
            key(VRFID, "VRFID", U32, "the vrf"),
            key(INDEX, "INDEX", U32, "the kernel's policy index"),
            req(DIR, "DIR", U8, "`XFRM_POLICY_*`: 0 in, 1 out, 2 fwd"),
            opt(ACTION, "ACTION", U8, "0 allow, 1 block"),
            opt(PRIORITY, "PRIORITY", U32, "lower wins"),
            req(SELECTOR, "SELECTOR", NESTED, "the traffic matched (table SELECTOR)").withNested(SelectorAttr.TLVS),
            opt(TMPL, "TMPL", NESTED,
                    "one transform to apply (table TMPL below); repeated, in order")
                    .withNested(SpTemplateAttr.TLVS).asRepeated(),
            opt(MARK, "MARK", U32, ""),
            opt(MARK_MASK, "MARK_MASK", U32, ""),
            opt(IF_ID, "IF_ID", U32, "`XFRMA_IF_ID`"),
            opt(FLAGS, "FLAGS", U8, "`XFRM_POLICY_*` flags: 0x1 localok, 0x2 icmp")));

    static final ObjectFamily SCHEMA = new ObjectFamily(FAMILY_IPSEC_SP, "ipsec-sp",
            "IPsec security policies",
            "ipsec 0x100", TLVS, List.of(
                new MessageSpec(SP_ADD, "SP_ADD", Role.ADD, "a policy, created or replaced", TLVS),
                new MessageSpec(SP_DEL, "SP_DEL", Role.DEL, "the policy is gone", TLVS)));

    private SpAttr() {
    }
}
