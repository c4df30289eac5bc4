package org.linuxfpsync.netlink.codec;

import org.linuxfpsync.netlink.NetlinkFamily;

/**
 * A reusable, allocation-free decoder of {@code RTM_NEWLINK} / {@code RTM_DELLINK} (and the
 * GET/SET requests of the same layout): {@code struct ifinfomsg} followed by IFLA_* attributes.
 *
 * <pre>
 *   struct ifinfomsg {            // 16 bytes, host byte order
 *       unsigned char  ifi_family;
 *       unsigned char  __ifi_pad;
 *       unsigned short ifi_type;   // ARPHRD_*
 *       int            ifi_index;
 *       unsigned       ifi_flags;  // IFF_*
 *       unsigned       ifi_change;
 *   };
 * </pre>
 *
 * <p>{@link #wrap} validates the message and indexes every top-level attribute by type (last
 * one wins, as in the kernel's {@code nla_parse}), plus {@code IFLA_INFO_KIND},
 * {@code IFLA_INFO_SLAVE_KIND}, {@code IFLA_INFO_DATA} and {@code IFLA_INFO_SLAVE_DATA} in the
 * {@code IFLA_LINKINFO} nest. Accessors read the buffer in place; only {@link #ifname()},
 * {@link #kind()} and {@link #slaveKind()} allocate (a String). Like {@link NlMsg}, the view is
 * valid only while the buffer holds that message.
 */
public final class LinkMessage extends AttributeMessage {
    /** {@code sizeof(struct ifinfomsg)}. */
    public static final int IFINFOMSG_LENGTH = 16;
    /** {@code MAX_ADDR_LEN} of {@code linux/netdevice.h}: the longest link-layer address. */
    public static final int MAX_ADDR_LEN = 32;

    /** Attribute types indexed by {@link #has}; the kernel defines fewer than 70 today. */
    private static final int INDEXED_TYPES = 128;

    private static final AttributeRules RULES = new AttributeRules(INDEXED_TYPES)
            .string(Rtnetlink.IFLA_IFNAME, "IFLA_IFNAME", Rtnetlink.IFNAMSIZ, "IFNAMSIZ")
            .exact(Rtnetlink.IFLA_MTU, "IFLA_MTU", 4)
            .exact(Rtnetlink.IFLA_LINK, "IFLA_LINK", 4)
            .exact(Rtnetlink.IFLA_MASTER, "IFLA_MASTER", 4)
            .exact(Rtnetlink.IFLA_LINK_NETNSID, "IFLA_LINK_NETNSID", 4)
            .exact(Rtnetlink.IFLA_OPERSTATE, "IFLA_OPERSTATE", 1)
            .atMost(Rtnetlink.IFLA_ADDRESS, "IFLA_ADDRESS", MAX_ADDR_LEN, "MAX_ADDR_LEN")
            .any(Rtnetlink.IFLA_LINKINFO, "IFLA_LINKINFO");

    private final AttributeWalker linkInfo = new AttributeWalker();
    private int kindOffset;
    private int kindLength;
    private int slaveKindOffset;
    private int slaveKindLength;
    private int infoDataOffset;
    private int infoDataLength;
    private int slaveDataOffset;
    private int slaveDataLength;

    public LinkMessage() {
        super(RULES, INDEXED_TYPES);
    }

    /**
     * Decodes {@code msg}.
     *
     * @throws IllegalArgumentException when {@code msg} is not a link message (check the type first)
     * @throws NetlinkFormatException   when the message does not parse as {@code linux/if_link.h} says
     */
    public LinkMessage wrap(NlMsg msg) throws NetlinkFormatException {
        wrapHeader(msg);
        indexAttributes(msg, IFINFOMSG_LENGTH, -1);
        return this;
    }

    /**
     * Points the view at the {@code ifinfomsg} header of {@code msg} alone (family, type, ifindex,
     * flags): no attribute is read, and every attribute reads as absent. For a deletion, which names
     * its link by ifindex and whose attributes change nothing: the dozen listeners of a link event
     * then skip walking its attributes (issue #23).
     *
     * @throws IllegalArgumentException when {@code msg} is not a link message (check the type first)
     * @throws NetlinkFormatException   when the payload is shorter than {@code ifinfomsg}
     */
    public LinkMessage wrapHeader(NlMsg msg) throws NetlinkFormatException {
        int type = msg.type();
        if (type < Rtnetlink.RTM_NEWLINK || type > Rtnetlink.RTM_SETLINK) {
            throw new IllegalArgumentException("not a link message: " + typeName(type));
        }
        begin(msg, typeName(type), IFINFOMSG_LENGTH, "ifinfomsg");
        clearLinkInfo();
        return this;
    }

    private static String typeName(int type) {
        return MessageTypeNames.name(NetlinkFamily.ROUTE, type);
    }

    @Override
    void checkAttribute(AttributeWalker attribute) throws NetlinkFormatException {
        if (attribute.type() == Rtnetlink.IFLA_LINKINFO) {
            indexLinkInfo(attribute);
        }
    }

    private void clearLinkInfo() {
        kindOffset = -1;
        kindLength = 0;
        slaveKindOffset = -1;
        slaveKindLength = 0;
        infoDataOffset = -1;
        infoDataLength = 0;
        slaveDataOffset = -1;
        slaveDataLength = 0;
    }

    private void indexLinkInfo(AttributeWalker attribute) throws NetlinkFormatException {
        // A later IFLA_LINKINFO replaces an earlier one entirely, as it would in nla_parse.
        clearLinkInfo();
        linkInfo.resetToNested(attribute, "IFLA_LINKINFO");
        while (linkInfo.next()) {
            switch (linkInfo.type()) {
                case Rtnetlink.IFLA_INFO_KIND:
                    kindOffset = linkInfo.payloadOffset();
                    kindLength = Bytes.cStringLength(buffer(), kindOffset, linkInfo.payloadLength());
                    break;
                case Rtnetlink.IFLA_INFO_SLAVE_KIND:
                    slaveKindOffset = linkInfo.payloadOffset();
                    slaveKindLength = Bytes.cStringLength(buffer(), slaveKindOffset, linkInfo.payloadLength());
                    break;
                case Rtnetlink.IFLA_INFO_DATA:
                    infoDataOffset = linkInfo.payloadOffset();
                    infoDataLength = linkInfo.payloadLength();
                    break;
                case Rtnetlink.IFLA_INFO_SLAVE_DATA:
                    slaveDataOffset = linkInfo.payloadOffset();
                    slaveDataLength = linkInfo.payloadLength();
                    break;
                default:
                    break;
            }
        }
    }

    /** {@code ifi_family}: AF_UNSPEC for links, AF_BRIDGE for bridge port events. */
    public int family() {
        return buffer().get(header()) & 0xff;
    }

    /** {@code ifi_type}: ARPHRD_*. */
    public int arphrd() {
        return buffer().getShort(header() + 2) & 0xffff;
    }

    public int ifindex() {
        return buffer().getInt(header() + 4);
    }

    /** {@code ifi_flags}: IFF_*. */
    public int flags() {
        return buffer().getInt(header() + 8);
    }

    /** {@code ifi_change}: IFF_* bits that changed (0xffffffff from a full notification). */
    public int change() {
        return buffer().getInt(header() + 12);
    }

    /** IFLA_MTU, or -1 if absent. */
    public int mtu() {
        return u32(Rtnetlink.IFLA_MTU, -1);
    }

    /** IFLA_MASTER (ifindex of the bridge, bond or VRF), or 0 if absent. */
    public int master() {
        return u32(Rtnetlink.IFLA_MASTER, 0);
    }

    /** IFLA_LINK (ifindex of the lower device, or of the veth peer), or 0 if absent. */
    public int link() {
        return u32(Rtnetlink.IFLA_LINK, 0);
    }

    /**
     * IFLA_LINK_NETNSID: the id this namespace gives the namespace of the lower device (IFLA_LINK, or
     * the lower device of a tunnel's own attributes), or -1 when absent (the lower device is here).
     */
    public int linkNetnsid() {
        return u32(Rtnetlink.IFLA_LINK_NETNSID, -1);
    }

    /** IFLA_OPERSTATE (IF_OPER_*), or -1 if absent. */
    public int operstate() {
        return u8(Rtnetlink.IFLA_OPERSTATE, -1);
    }

    /** IFLA_IFNAME, or null if absent. */
    public String ifname() {
        return string(Rtnetlink.IFLA_IFNAME);
    }

    /** Whether IFLA_IFNAME is present and equal to {@code name}, without allocating. */
    public boolean ifnameEquals(String name) {
        return stringEquals(Rtnetlink.IFLA_IFNAME, name);
    }

    /** Length of IFLA_ADDRESS (6 for Ethernet), or 0 if absent. */
    public int addressLength() {
        return has(Rtnetlink.IFLA_ADDRESS) ? attributeLength(Rtnetlink.IFLA_ADDRESS) : 0;
    }

    /**
     * Copies IFLA_ADDRESS to the start of {@code dst}.
     *
     * @return the number of bytes copied, {@link #addressLength()}
     * @throws IndexOutOfBoundsException when {@code dst} is shorter than the address
     */
    public int copyAddress(byte[] dst) {
        return copyAttribute(Rtnetlink.IFLA_ADDRESS, dst);
    }

    /** IFLA_INFO_KIND in IFLA_LINKINFO ({@code "veth"}, {@code "bridge"}), or null if absent. */
    public String kind() {
        return kindOffset < 0 ? null : Bytes.string(buffer(), kindOffset, kindLength);
    }

    /** Whether IFLA_INFO_KIND is present and equal to {@code kind}, without allocating. */
    public boolean kindEquals(String kind) {
        return kindOffset >= 0 && Bytes.equalsString(buffer(), kindOffset, kindLength, kind);
    }

    /** IFLA_INFO_SLAVE_KIND in IFLA_LINKINFO (the master's kind, e.g. {@code "bridge"}), or null. */
    public String slaveKind() {
        return slaveKindOffset < 0 ? null : Bytes.string(buffer(), slaveKindOffset, slaveKindLength);
    }

    /** Whether IFLA_INFO_SLAVE_KIND is present and equal to {@code kind}, without allocating. */
    public boolean slaveKindEquals(String kind) {
        return slaveKindOffset >= 0 && Bytes.equalsString(buffer(), slaveKindOffset, slaveKindLength, kind);
    }

    /** Payload offset of IFLA_INFO_DATA (kind-specific attributes, e.g. IFLA_VXLAN_*), or -1. */
    public int infoDataOffset() {
        return infoDataOffset;
    }

    public int infoDataLength() {
        return infoDataLength;
    }

    /** Payload offset of IFLA_INFO_SLAVE_DATA (e.g. IFLA_BRPORT_*), or -1. */
    public int slaveDataOffset() {
        return slaveDataOffset;
    }

    public int slaveDataLength() {
        return slaveDataLength;
    }
}
