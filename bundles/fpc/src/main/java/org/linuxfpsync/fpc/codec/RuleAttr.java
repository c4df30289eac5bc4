package org.linuxfpsync.fpc.codec;

/**
 * TLVs of RULE_ADD and RULE_DEL (RTM_NEWRULE). Every TLV is part of the key, as the kernel matches a rule to delete on
 * all of them. Layout: docs/fpc-protocol.md, {@link FpcSchema}.
 */
public final class RuleAttr {
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

    private RuleAttr() {
    }
}
