package org.linuxfpsync.fpc.codec;

import static org.linuxfpsync.fpc.codec.TlvForm.ADDRESS;
import static org.linuxfpsync.fpc.codec.TlvForm.STRING;
import static org.linuxfpsync.fpc.codec.TlvForm.U32;
import static org.linuxfpsync.fpc.codec.TlvForm.U8;
import static org.linuxfpsync.fpc.codec.TlvSpec.key;
import static org.linuxfpsync.fpc.codec.TlvSpec.key0;

import java.util.List;

import org.linuxfpsync.fpc.codec.MessageSpec.Role;

/**
 * The object family of table {@code rules}, declared once, here: its code and message types, the constants of its
 * TLVs, and its {@code SCHEMA}, which {@link FpcSchema} registers.
 *
 * <p>TLVs of RULE_ADD and RULE_DEL (RTM_NEWRULE). Every TLV is part of the key, as the kernel matches a rule to delete
 * on all of them. Layout: docs/fpc-protocol.md, {@link FpcSchema}.
 */
public final class RuleAttr {
    /** The family (GR_BEGIN and FLUSH FAMILY): the high byte of its message types. */
    public static final int FAMILY_RULES = 0x05;
    /** A policy routing rule. */
    public static final int RULE_ADD = 0x0500;
    /** The rule is gone. */
    public static final int RULE_DEL = 0x0501;

    /** u32 (key): the vrf. */
    public static final int VRFID = 1;
    /** u8 (key): address family: 2 AF_INET, 10 AF_INET6. */
    public static final int FAMILY = 2;
    /** u32 (key): FRA_PRIORITY. */
    public static final int PRIORITY = 3;
    /** u8 (key): FR_ACT_*: 1 to table, 2 goto, 3 nop, 6 blackhole, 7 unreachable, 8 prohibit. */
    public static final int ACTION = 4;
    /** u32 (key, 0 when absent): FRA_TABLE for action 1. */
    public static final int TABLE = 5;
    /** address (key, 0 when absent): FRA_SRC; absent: from all. */
    public static final int SRC = 6;
    /** u8 (key, 0 when absent): source prefix length. */
    public static final int SRC_LEN = 7;
    /** address (key, 0 when absent): FRA_DST. */
    public static final int DST = 8;
    /** u8 (key, 0 when absent): destination prefix length. */
    public static final int DST_LEN = 9;
    /** string (key, 0 when absent): FRA_IIFNAME, at most 15 bytes (rules name interfaces, which may not exist yet). */
    public static final int IIFNAME = 10;
    /** string (key, 0 when absent): FRA_OIFNAME, at most 15 bytes. */
    public static final int OIFNAME = 11;
    /** u32 (key, 0 when absent): FRA_FWMARK. */
    public static final int FWMARK = 12;
    /** u32 (key, 0 when absent): FRA_FWMASK. */
    public static final int FWMASK = 13;
    /** u8 (key, 0 when absent): frh_tos. */
    public static final int TOS = 14;
    /** u32 (key, 0 when absent): FIB_RULE_*: 0x2 invert. */
    public static final int FLAGS = 15;
    /** u32 (key, 0 when absent): FRA_GOTO: target priority of action 2. */
    public static final int GOTO = 16;

    static final TlvList TLVS = new TlvList("RULE", "RuleAttr",
            "TLVs of RULE_ADD and RULE_DEL (`RTM_NEWRULE`). Every TLV is part of the key, as the kernel matches "
            + "a rule to delete on all of them.", List.of(
            key(VRFID, "VRFID", U32, "the vrf"),
            key(FAMILY, "FAMILY", U8, "address family: 2 AF_INET, 10 AF_INET6"),
            key(PRIORITY, "PRIORITY", U32, "`FRA_PRIORITY`"),
            key(ACTION, "ACTION", U8,
                    "`FR_ACT_*`: 1 to table, 2 goto, 3 nop, 6 blackhole, 7 unreachable, 8 prohibit"),
            key0(TABLE, "TABLE", U32, "`FRA_TABLE` for action 1"),
            key0(SRC, "SRC", ADDRESS, "`FRA_SRC`; absent: from all"),
            key0(SRC_LEN, "SRC_LEN", U8, "source prefix length"),
            key0(DST, "DST", ADDRESS, "`FRA_DST`"),
            key0(DST_LEN, "DST_LEN", U8, "destination prefix length"),
            key0(IIFNAME, "IIFNAME", STRING,
                    "`FRA_IIFNAME`, at most 15 bytes (rules name interfaces, which may not exist yet)").withMax(15),
            key0(OIFNAME, "OIFNAME", STRING, "`FRA_OIFNAME`, at most 15 bytes").withMax(15),
            key0(FWMARK, "FWMARK", U32, "`FRA_FWMARK`"),
            key0(FWMASK, "FWMASK", U32, "`FRA_FWMASK`"),
            key0(TOS, "TOS", U8, "`frh_tos`"),
            key0(FLAGS, "FLAGS", U32, "`FIB_RULE_*`: 0x2 invert"),
            key0(GOTO, "GOTO", U32, "`FRA_GOTO`: target priority of action 2")));

    static final ObjectFamily SCHEMA = new ObjectFamily(FAMILY_RULES, "rules", "Policy rules",
            "base", TLVS, List.of(
                new MessageSpec(RULE_ADD, "RULE_ADD", Role.ADD, "a policy routing rule", TLVS),
                new MessageSpec(RULE_DEL, "RULE_DEL", Role.DEL, "the rule is gone", TLVS)));

    private RuleAttr() {
    }
}
