package org.linuxfpsync.netlink.codec;

/**
 * The part {@code struct rtmsg} and {@code struct fib_rule_hdr} share: the kernel lays the rule
 * header out like the route header's first five bytes (family, dst_len, src_len, tos, table), and
 * gives both the same 32-bit table attribute, RTA_TABLE = FRA_TABLE = 15, for ids above 255.
 */
public abstract class FibHeaderMessage extends AttributeMessage {
    /** RTA_TABLE and FRA_TABLE: the same number in both headers. */
    private static final int TABLE_ATTRIBUTE = Rtnetlink.RTA_TABLE;

    FibHeaderMessage(AttributeRules rules, int indexedTypes) {
        super(rules, indexedTypes);
    }

    /** {@code rtm_family} / {@code family}: AF_INET, AF_INET6, AF_MPLS... */
    public int family() {
        return buffer().get(header()) & 0xff;
    }

    /** {@code rtm_dst_len} / {@code dst_len}: the destination prefix length (0 for a default route). */
    public int dstPrefixLength() {
        return buffer().get(header() + 1) & 0xff;
    }

    public int srcPrefixLength() {
        return buffer().get(header() + 2) & 0xff;
    }

    public int tos() {
        return buffer().get(header() + 3) & 0xff;
    }

    /** The routing table: RTA_TABLE / FRA_TABLE (32 bits) when present, else the header's 8-bit table. */
    public int table() {
        return has(TABLE_ATTRIBUTE) ? u32(TABLE_ATTRIBUTE, 0) : buffer().get(header() + 4) & 0xff;
    }
}
