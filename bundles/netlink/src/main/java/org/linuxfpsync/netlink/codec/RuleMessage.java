package org.linuxfpsync.netlink.codec;

import org.linuxfpsync.netlink.NetlinkFamily;

/**
 * A reusable, allocation-free decoder of {@code RTM_NEWRULE} / {@code RTM_DELRULE} (policy
 * routing rules): {@code struct fib_rule_hdr} followed by FRA_* attributes ({@code linux/fib_rules.h}).
 *
 * <pre>
 *   struct fib_rule_hdr {           // 12 bytes
 *       __u8 family, dst_len, src_len, tos;
 *       __u8 table;                 // 8 bits: FRA_TABLE carries ids above 255
 *       __u8 res1, res2;
 *       __u8 action;                // FR_ACT_*
 *       __u32 flags;                // FIB_RULE_*
 *   };
 * </pre>
 */
public final class RuleMessage extends FibHeaderMessage {
    /** {@code sizeof(struct fib_rule_hdr)}. */
    public static final int FIB_RULE_HDR_LENGTH = 12;
    private static final int INDEXED_TYPES = 32;

    private static final AttributeRules RULES = new AttributeRules(INDEXED_TYPES)
            .address(Rtnetlink.FRA_DST, "FRA_DST")
            .address(Rtnetlink.FRA_SRC, "FRA_SRC")
            .string(Rtnetlink.FRA_IIFNAME, "FRA_IIFNAME", Rtnetlink.IFNAMSIZ, "IFNAMSIZ")
            .exact(Rtnetlink.FRA_GOTO, "FRA_GOTO", 4)
            .exact(Rtnetlink.FRA_PRIORITY, "FRA_PRIORITY", 4)
            .exact(Rtnetlink.FRA_FWMARK, "FRA_FWMARK", 4)
            .exact(Rtnetlink.FRA_FLOW, "FRA_FLOW", 4)
            .exact(Rtnetlink.FRA_TUN_ID, "FRA_TUN_ID", 8)
            .exact(Rtnetlink.FRA_SUPPRESS_IFGROUP, "FRA_SUPPRESS_IFGROUP", 4)
            .exact(Rtnetlink.FRA_SUPPRESS_PREFIXLEN, "FRA_SUPPRESS_PREFIXLEN", 4)
            .exact(Rtnetlink.FRA_TABLE, "FRA_TABLE", 4)
            .exact(Rtnetlink.FRA_FWMASK, "FRA_FWMASK", 4)
            .string(Rtnetlink.FRA_OIFNAME, "FRA_OIFNAME", Rtnetlink.IFNAMSIZ, "IFNAMSIZ")
            .exact(Rtnetlink.FRA_L3MDEV, "FRA_L3MDEV", 1)
            .exact(Rtnetlink.FRA_UID_RANGE, "FRA_UID_RANGE", 8)
            .exact(Rtnetlink.FRA_PROTOCOL, "FRA_PROTOCOL", 1)
            .exact(Rtnetlink.FRA_IP_PROTO, "FRA_IP_PROTO", 1)
            .exact(Rtnetlink.FRA_SPORT_RANGE, "FRA_SPORT_RANGE", 4)
            .exact(Rtnetlink.FRA_DPORT_RANGE, "FRA_DPORT_RANGE", 4);

    public RuleMessage() {
        super(RULES, INDEXED_TYPES);
    }

    /**
     * Decodes {@code msg}.
     *
     * @throws IllegalArgumentException when {@code msg} is not a rule message (check the type first)
     * @throws NetlinkFormatException   when it does not parse as {@code linux/fib_rules.h} says
     */
    public RuleMessage wrap(NlMsg msg) throws NetlinkFormatException {
        int type = msg.type();
        if (type < Rtnetlink.RTM_NEWRULE || type > Rtnetlink.RTM_GETRULE) {
            throw new IllegalArgumentException("not a rule message: " + MessageTypeNames.name(NetlinkFamily.ROUTE, type));
        }
        begin(msg, MessageTypeNames.name(NetlinkFamily.ROUTE, type), FIB_RULE_HDR_LENGTH, "fib_rule_hdr");
        indexAttributes(msg, FIB_RULE_HDR_LENGTH, Bytes.inetAddressLength(family()));
        return this;
    }

    /** {@code action}: FR_ACT_TO_TBL, FR_ACT_GOTO, FR_ACT_BLACKHOLE... */
    public int action() {
        return buffer().get(header() + 7) & 0xff;
    }

    /** {@code flags}: FIB_RULE_INVERT... */
    public int flags() {
        return buffer().getInt(header() + 8);
    }

    /** FRA_PRIORITY (the rule's preference), unsigned, or -1 when absent. */
    public long priority() {
        return has(Rtnetlink.FRA_PRIORITY) ? Integer.toUnsignedLong(u32(Rtnetlink.FRA_PRIORITY, 0)) : -1;
    }

    /** FRA_FWMARK, or 0 when absent. */
    public int fwmark() {
        return u32(Rtnetlink.FRA_FWMARK, 0);
    }

    /** FRA_FWMASK, or 0 when absent (the kernel then matches the whole mark if one is set). */
    public int fwmask() {
        return u32(Rtnetlink.FRA_FWMASK, 0);
    }

    /** FRA_GOTO (target rule priority of FR_ACT_GOTO), or -1 when absent. */
    public int gotoTarget() {
        return u32(Rtnetlink.FRA_GOTO, -1);
    }

    /** FRA_L3MDEV: 1 when the rule looks the table up from the VRF device, else 0. */
    public int l3mdev() {
        return u8(Rtnetlink.FRA_L3MDEV, 0);
    }

    /** FRA_PROTOCOL (RTPROT_* of the rule's originator), or 0 when absent. */
    public int protocol() {
        return u8(Rtnetlink.FRA_PROTOCOL, 0);
    }

    public int copyDst(byte[] dst) {
        return copyAttribute(Rtnetlink.FRA_DST, dst);
    }

    public int copySrc(byte[] dst) {
        return copyAttribute(Rtnetlink.FRA_SRC, dst);
    }

    /** FRA_IIFNAME, or null (allocates). */
    public String iifname() {
        return string(Rtnetlink.FRA_IIFNAME);
    }

    public boolean iifnameEquals(String name) {
        return stringEquals(Rtnetlink.FRA_IIFNAME, name);
    }

    /** FRA_OIFNAME, or null (allocates). */
    public String oifname() {
        return string(Rtnetlink.FRA_OIFNAME);
    }

    public boolean oifnameEquals(String name) {
        return stringEquals(Rtnetlink.FRA_OIFNAME, name);
    }
}
