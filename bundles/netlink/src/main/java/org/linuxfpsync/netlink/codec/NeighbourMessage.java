package org.linuxfpsync.netlink.codec;

import org.linuxfpsync.netlink.NetlinkFamily;

/**
 * A reusable, allocation-free decoder of {@code RTM_NEWNEIGH} / {@code RTM_DELNEIGH}:
 * {@code struct ndmsg} followed by NDA_* attributes ({@code linux/neighbour.h}). Covers ARP and
 * NDP entries (AF_INET, AF_INET6) and bridge FDB entries (AF_BRIDGE, where NDA_DST is the
 * VXLAN remote, of either IP length).
 *
 * <pre>
 *   struct ndmsg {                  // 12 bytes
 *       __u8 ndm_family; __u8 ndm_pad1; __u16 ndm_pad2;
 *       __s32 ndm_ifindex;
 *       __u16 ndm_state;            // NUD_*
 *       __u8  ndm_flags;            // NTF_*
 *       __u8  ndm_type;
 *   };
 * </pre>
 */
public final class NeighbourMessage extends AttributeMessage {
    /** {@code sizeof(struct ndmsg)}. */
    public static final int NDMSG_LENGTH = 12;
    private static final int INDEXED_TYPES = 32;

    private static final AttributeRules RULES = new AttributeRules(INDEXED_TYPES)
            .address(Rtnetlink.NDA_DST, "NDA_DST")
            .atMost(Rtnetlink.NDA_LLADDR, "NDA_LLADDR", LinkMessage.MAX_ADDR_LEN, "MAX_ADDR_LEN")
            .exact(Rtnetlink.NDA_CACHEINFO, "NDA_CACHEINFO", 16)
            .exact(Rtnetlink.NDA_PROBES, "NDA_PROBES", 4)
            .exact(Rtnetlink.NDA_VLAN, "NDA_VLAN", 2)
            .exact(Rtnetlink.NDA_PORT, "NDA_PORT", 2)
            .exact(Rtnetlink.NDA_VNI, "NDA_VNI", 4)
            .exact(Rtnetlink.NDA_IFINDEX, "NDA_IFINDEX", 4)
            .exact(Rtnetlink.NDA_MASTER, "NDA_MASTER", 4)
            .exact(Rtnetlink.NDA_LINK_NETNSID, "NDA_LINK_NETNSID", 4)
            .exact(Rtnetlink.NDA_SRC_VNI, "NDA_SRC_VNI", 4)
            .exact(Rtnetlink.NDA_PROTOCOL, "NDA_PROTOCOL", 1)
            .exact(Rtnetlink.NDA_NH_ID, "NDA_NH_ID", 4)
            .exact(Rtnetlink.NDA_FLAGS_EXT, "NDA_FLAGS_EXT", 4);

    public NeighbourMessage() {
        super(RULES, INDEXED_TYPES);
    }

    /**
     * Decodes {@code msg}.
     *
     * @throws IllegalArgumentException when {@code msg} is not a neighbour message (check the type first)
     * @throws NetlinkFormatException   when it does not parse as {@code linux/neighbour.h} says
     */
    public NeighbourMessage wrap(NlMsg msg) throws NetlinkFormatException {
        int type = msg.type();
        if (type < Rtnetlink.RTM_NEWNEIGH || type > Rtnetlink.RTM_GETNEIGH) {
            throw new IllegalArgumentException("not a neighbour message: " + MessageTypeNames.name(NetlinkFamily.ROUTE, type));
        }
        begin(msg, MessageTypeNames.name(NetlinkFamily.ROUTE, type), NDMSG_LENGTH, "ndmsg");
        int family = family();
        // An FDB entry's NDA_DST is a VXLAN remote of either family: its length is checked below.
        indexAttributes(msg, NDMSG_LENGTH, family == Rtnetlink.AF_BRIDGE ? -1 : Bytes.inetAddressLength(family));
        return this;
    }

    @Override
    void checkAttribute(AttributeWalker attribute) throws NetlinkFormatException {
        if (attribute.type() == Rtnetlink.NDA_DST && family() == Rtnetlink.AF_BRIDGE
                && attribute.payloadLength() != 4 && attribute.payloadLength() != 16) {
            throw error(Rtnetlink.NDA_DST, attribute.payloadLength() + " bytes, need 4 or 16");
        }
    }

    /** {@code ndm_family}: AF_INET (ARP), AF_INET6 (NDP), AF_BRIDGE (FDB). */
    public int family() {
        return buffer().get(header()) & 0xff;
    }

    public int ifindex() {
        return buffer().getInt(header() + 4);
    }

    /** {@code ndm_state}: NUD_* bits. */
    public int state() {
        return buffer().getShort(header() + 8) & 0xffff;
    }

    /** {@code ndm_flags}: NTF_* bits. */
    public int flags() {
        return buffer().get(header() + 10) & 0xff;
    }

    /** {@code ndm_type}: RTN_* of the destination. */
    public int type() {
        return buffer().get(header() + 11) & 0xff;
    }

    /** Copies NDA_DST (the IP address) to {@code dst}; returns its length, 0 when absent. */
    public int copyDst(byte[] dst) {
        return copyAttribute(Rtnetlink.NDA_DST, dst);
    }

    /** Length of NDA_LLADDR (6 for Ethernet), 0 when absent (an incomplete entry). */
    public int lladdrLength() {
        return has(Rtnetlink.NDA_LLADDR) ? attributeLength(Rtnetlink.NDA_LLADDR) : 0;
    }

    /** Copies NDA_LLADDR to {@code dst}; returns its length, 0 when absent. */
    public int copyLladdr(byte[] dst) {
        return copyAttribute(Rtnetlink.NDA_LLADDR, dst);
    }

    /** NDA_VLAN (FDB), or -1 when absent. */
    public int vlan() {
        return u16(Rtnetlink.NDA_VLAN, -1);
    }

    /** NDA_MASTER (the bridge of an FDB entry), or 0 when absent. */
    public int master() {
        return u32(Rtnetlink.NDA_MASTER, 0);
    }

    /** NDA_VNI, or -1 when absent. */
    public int vni() {
        return u32(Rtnetlink.NDA_VNI, -1);
    }

    /** NDA_PORT (VXLAN destination port, network byte order on the wire), or -1 when absent. */
    public int port() {
        return be16(Rtnetlink.NDA_PORT, -1);
    }

    /** NDA_IFINDEX (the VXLAN remote's outgoing device), or 0 when absent. */
    public int remoteIfindex() {
        return u32(Rtnetlink.NDA_IFINDEX, 0);
    }

    /** NDA_PROBES, or -1 when absent. */
    public int probes() {
        return u32(Rtnetlink.NDA_PROBES, -1);
    }

    /** NDA_NH_ID, or 0 when absent. */
    public int nexthopId() {
        return u32(Rtnetlink.NDA_NH_ID, 0);
    }
}
