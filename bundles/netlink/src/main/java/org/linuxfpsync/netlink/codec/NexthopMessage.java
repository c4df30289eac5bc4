package org.linuxfpsync.netlink.codec;

import org.linuxfpsync.netlink.NetlinkFamily;

/**
 * A reusable, allocation-free decoder of {@code RTM_NEWNEXTHOP} / {@code RTM_DELNEXTHOP} (nexthop
 * objects, {@code ip nexthop}): {@code struct nhmsg} followed by NHA_* attributes
 * ({@code linux/nexthop.h}).
 *
 * <pre>
 *   struct nhmsg {                  // 8 bytes
 *       unsigned char nh_family;    // AF_INET, AF_INET6; AF_UNSPEC for groups
 *       unsigned char nh_scope;     // RT_SCOPE_*, return only
 *       unsigned char nh_protocol;  // RTPROT_* of the installer
 *       unsigned char resvd;
 *       unsigned int  nh_flags;     // RTNH_F_*
 *   };
 *   struct nexthop_grp {            // NHA_GROUP: an array of these
 *       __u32 id;
 *       __u8  weight;               // weight - 1, low byte
 *       __u8  resvd1;               // weight_high since Linux 6.12 (16-bit weights), 0 before
 *       __u16 resvd2;
 *   };
 * </pre>
 *
 * A single nexthop has NHA_OIF and NHA_GATEWAY (or NHA_BLACKHOLE), a group NHA_GROUP and
 * NHA_GROUP_TYPE, a resilient group the NHA_RES_GROUP nest as well. {@link #wrap} checks every
 * attribute, the group array and the resilient nest; the accessors then read in place.
 */
public final class NexthopMessage extends AttributeMessage {
    /** {@code sizeof(struct nhmsg)}. */
    public static final int NHMSG_LENGTH = 8;
    /** {@code sizeof(struct nexthop_grp)}. */
    public static final int NEXTHOP_GRP_LENGTH = 8;
    private static final int INDEXED_TYPES = 32;
    private static final int RES_GROUP_TYPES = 8;

    private static final AttributeRules RULES = new AttributeRules(INDEXED_TYPES)
            .exact(Rtnetlink.NHA_ID, "NHA_ID", 4)
            .multipleOf(Rtnetlink.NHA_GROUP, "NHA_GROUP", NEXTHOP_GRP_LENGTH)
            .exact(Rtnetlink.NHA_GROUP_TYPE, "NHA_GROUP_TYPE", 2)
            .exact(Rtnetlink.NHA_BLACKHOLE, "NHA_BLACKHOLE", 0)
            .exact(Rtnetlink.NHA_OIF, "NHA_OIF", 4)
            .address(Rtnetlink.NHA_GATEWAY, "NHA_GATEWAY")
            .exact(Rtnetlink.NHA_ENCAP_TYPE, "NHA_ENCAP_TYPE", 2)
            .any(Rtnetlink.NHA_ENCAP, "NHA_ENCAP")
            .exact(Rtnetlink.NHA_GROUPS, "NHA_GROUPS", 0)
            .exact(Rtnetlink.NHA_MASTER, "NHA_MASTER", 4)
            .exact(Rtnetlink.NHA_FDB, "NHA_FDB", 0)
            .any(Rtnetlink.NHA_RES_GROUP, "NHA_RES_GROUP")
            .any(Rtnetlink.NHA_RES_BUCKET, "NHA_RES_BUCKET");

    private static final AttributeRules RES_GROUP_RULES = new AttributeRules(RES_GROUP_TYPES)
            .exact(Rtnetlink.NHA_RES_GROUP_BUCKETS, "NHA_RES_GROUP_BUCKETS", 2)
            .exact(Rtnetlink.NHA_RES_GROUP_IDLE_TIMER, "NHA_RES_GROUP_IDLE_TIMER", 4)
            .exact(Rtnetlink.NHA_RES_GROUP_UNBALANCED_TIMER, "NHA_RES_GROUP_UNBALANCED_TIMER", 4)
            .exact(Rtnetlink.NHA_RES_GROUP_UNBALANCED_TIME, "NHA_RES_GROUP_UNBALANCED_TIME", 8);

    private final AttributeWalker nested = new AttributeWalker();
    private final AttributeIndex resGroup = new AttributeIndex(RES_GROUP_TYPES);

    public NexthopMessage() {
        super(RULES, INDEXED_TYPES);
    }

    /**
     * Decodes {@code msg}.
     *
     * @throws IllegalArgumentException when {@code msg} is not a nexthop message (check the type first)
     * @throws NetlinkFormatException   when it does not parse as {@code linux/nexthop.h} says
     */
    public NexthopMessage wrap(NlMsg msg) throws NetlinkFormatException {
        int type = msg.type();
        if (type < Rtnetlink.RTM_NEWNEXTHOP || type > Rtnetlink.RTM_GETNEXTHOP) {
            throw new IllegalArgumentException("not a nexthop message: " + MessageTypeNames.name(NetlinkFamily.ROUTE, type));
        }
        begin(msg, MessageTypeNames.name(NetlinkFamily.ROUTE, type), NHMSG_LENGTH, "nhmsg");
        resGroup.clear();
        indexAttributes(msg, NHMSG_LENGTH, Bytes.inetAddressLength(family()));
        return this;
    }

    @Override
    void checkAttribute(AttributeWalker attribute) throws NetlinkFormatException {
        if (attribute.type() == Rtnetlink.NHA_RES_GROUP) {
            resGroup.clear();
            nested.resetToNested(attribute, "NHA_RES_GROUP");
            while (nested.next()) {
                RES_GROUP_RULES.check(nested, "NHA_RES_GROUP", -1);
                resGroup.put(nested);
            }
        }
    }

    /** {@code nh_family}: AF_INET, AF_INET6, or AF_UNSPEC (groups, and blackholes made without a family). */
    public int family() {
        return buffer().get(header()) & 0xff;
    }

    /** {@code nh_scope}: RT_SCOPE_LINK for a gateway, RT_SCOPE_HOST for a device only. */
    public int scope() {
        return buffer().get(header() + 1) & 0xff;
    }

    /** {@code nh_protocol}: RTPROT_* of whoever installed the nexthop. */
    public int protocol() {
        return buffer().get(header() + 2) & 0xff;
    }

    /** {@code nh_flags}: RTNH_F_ONLINK, RTNH_F_DEAD, RTNH_F_LINKDOWN... */
    public int flags() {
        return buffer().getInt(header() + 4);
    }

    /** NHA_ID, or 0 when absent (never in a kernel notification). */
    public int id() {
        return u32(Rtnetlink.NHA_ID, 0);
    }

    /** NHA_GROUP present: the nexthop is a group of others. */
    public boolean isGroup() {
        return has(Rtnetlink.NHA_GROUP);
    }

    /** NHA_GROUP_TYPE: NEXTHOP_GRP_TYPE_MPATH (also when absent) or NEXTHOP_GRP_TYPE_RES. */
    public int groupType() {
        return u16(Rtnetlink.NHA_GROUP_TYPE, Rtnetlink.NEXTHOP_GRP_TYPE_MPATH);
    }

    /** The number of members of NHA_GROUP; 0 for a single nexthop. */
    public int memberCount() {
        return has(Rtnetlink.NHA_GROUP) ? attributeLength(Rtnetlink.NHA_GROUP) / NEXTHOP_GRP_LENGTH : 0;
    }

    /** The nexthop id of member {@code i} of NHA_GROUP. */
    public int memberId(int i) {
        return buffer().getInt(member(i));
    }

    /** The weight of member {@code i} as ip prints it: 1 + (weight_high &lt;&lt; 8 | weight). */
    public int memberWeight(int i) {
        int offset = member(i);
        return 1 + ((buffer().get(offset + 5) & 0xff) << 8 | (buffer().get(offset + 4) & 0xff));
    }

    private int member(int i) {
        if (i < 0 || i >= memberCount()) {
            throw new IndexOutOfBoundsException("member " + i + " of " + memberCount());
        }
        return attributeOffset(Rtnetlink.NHA_GROUP) + i * NEXTHOP_GRP_LENGTH;
    }

    /** NHA_BLACKHOLE: the nexthop drops packets. */
    public boolean blackhole() {
        return has(Rtnetlink.NHA_BLACKHOLE);
    }

    /** NHA_FDB: the nexthop (or group) is for bridge FDB entries (vxlan), not for routes. */
    public boolean fdb() {
        return has(Rtnetlink.NHA_FDB);
    }

    /** NHA_OIF, or 0 when absent. */
    public int oif() {
        return u32(Rtnetlink.NHA_OIF, 0);
    }

    /** Copies NHA_GATEWAY to {@code dst}; returns its length (4 or 16), 0 when absent. */
    public int copyGateway(byte[] dst) {
        return copyAttribute(Rtnetlink.NHA_GATEWAY, dst);
    }

    /** NHA_ENCAP_TYPE (LWTUNNEL_ENCAP_*), or -1 when absent. */
    public int encapType() {
        return u16(Rtnetlink.NHA_ENCAP_TYPE, -1);
    }

    /** NHA_RES_GROUP present: a resilient group's parameters. */
    public boolean isResilient() {
        return has(Rtnetlink.NHA_RES_GROUP);
    }

    /** NHA_RES_GROUP_BUCKETS, or -1 when absent. */
    public int buckets() {
        return resGroup.has(Rtnetlink.NHA_RES_GROUP_BUCKETS)
                ? buffer().getShort(resGroup.offset(Rtnetlink.NHA_RES_GROUP_BUCKETS)) & 0xffff : -1;
    }

    /** NHA_RES_GROUP_IDLE_TIMER in clock ticks (USER_HZ, 100 a second), or -1 when absent. */
    public long idleTimer() {
        return resGroupU32(Rtnetlink.NHA_RES_GROUP_IDLE_TIMER);
    }

    /** NHA_RES_GROUP_UNBALANCED_TIMER in clock ticks, or -1 when absent. */
    public long unbalancedTimer() {
        return resGroupU32(Rtnetlink.NHA_RES_GROUP_UNBALANCED_TIMER);
    }

    /** NHA_RES_GROUP_UNBALANCED_TIME: ticks the group has been unbalanced, or -1 when absent. */
    public long unbalancedTime() {
        return resGroup.has(Rtnetlink.NHA_RES_GROUP_UNBALANCED_TIME)
                ? buffer().getLong(resGroup.offset(Rtnetlink.NHA_RES_GROUP_UNBALANCED_TIME)) : -1;
    }

    private long resGroupU32(int type) {
        return resGroup.has(type) ? Integer.toUnsignedLong(buffer().getInt(resGroup.offset(type))) : -1;
    }
}
