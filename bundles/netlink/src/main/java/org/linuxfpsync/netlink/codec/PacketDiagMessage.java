package org.linuxfpsync.netlink.codec;

/**
 * A reusable, allocation-free decoder of the packet socket dump ({@code SOCK_DIAG_BY_FAMILY}
 * replies to a {@code packet_diag_req}, {@code linux/packet_diag.h}): {@code struct
 * packet_diag_msg} then PACKET_DIAG_* attributes, among which PACKET_DIAG_FILTER, the socket's
 * classic BPF program (an array of 8-byte {@code struct sock_filter}), which is what a BPF
 * (tap) feature mirrors. Request with {@link NetlinkRequests#packetDiagDump(int)}.
 *
 * <pre>
 *   struct packet_diag_msg { __u8 pdiag_family, pdiag_type; __u16 pdiag_num; __u32 pdiag_ino; __u32 pdiag_cookie[2]; };
 *   struct packet_diag_info { __u32 pdi_index, pdi_version, pdi_reserve, pdi_copy_thresh, pdi_tstamp, pdi_flags; };
 *   struct packet_diag_mclist { __u32 pdmc_index, pdmc_count; __u16 pdmc_type, pdmc_alen; __u8 pdmc_addr[32]; };
 *   struct sock_filter { __u16 code; __u8 jt; __u8 jf; __u32 k; };
 * </pre>
 */
public final class PacketDiagMessage extends AttributeMessage {
    /** {@code sizeof(struct packet_diag_msg)}. */
    public static final int PACKET_DIAG_MSG_LENGTH = 16;
    /** {@code sizeof(struct packet_diag_req)}. */
    public static final int PACKET_DIAG_REQ_LENGTH = 20;
    /** {@code sizeof(struct sock_filter)}. */
    public static final int SOCK_FILTER_LENGTH = 8;
    /** {@code sizeof(struct packet_diag_mclist)}: u32 index, u32 count, u16 type, u16 alen, u8 addr[MAX_ADDR_LEN = 32]. */
    public static final int PACKET_DIAG_MCLIST_LENGTH = 44;
    private static final int INDEXED_TYPES = 16;

    private static final AttributeRules RULES = new AttributeRules(INDEXED_TYPES)
            .exact(SockDiag.PACKET_DIAG_INFO, "PACKET_DIAG_INFO", 24)
            .multipleOf(SockDiag.PACKET_DIAG_MCLIST, "PACKET_DIAG_MCLIST", PACKET_DIAG_MCLIST_LENGTH)
            .exact(SockDiag.PACKET_DIAG_RX_RING, "PACKET_DIAG_RX_RING", 28)
            .exact(SockDiag.PACKET_DIAG_TX_RING, "PACKET_DIAG_TX_RING", 28)
            .exact(SockDiag.PACKET_DIAG_FANOUT, "PACKET_DIAG_FANOUT", 4)
            .exact(SockDiag.PACKET_DIAG_UID, "PACKET_DIAG_UID", 4)
            .multipleOf(SockDiag.PACKET_DIAG_MEMINFO, "PACKET_DIAG_MEMINFO", 4)
            .multipleOf(SockDiag.PACKET_DIAG_FILTER, "PACKET_DIAG_FILTER", SOCK_FILTER_LENGTH);

    public PacketDiagMessage() {
        super(RULES, INDEXED_TYPES);
    }

    /**
     * Decodes {@code msg}.
     *
     * @throws IllegalArgumentException when {@code msg} is not a SOCK_DIAG_BY_FAMILY reply
     * @throws NetlinkFormatException   when it does not parse as {@code linux/packet_diag.h} says,
     *                                  or is the dump of another address family
     */
    public PacketDiagMessage wrap(NlMsg msg) throws NetlinkFormatException {
        if (msg.type() != SockDiag.SOCK_DIAG_BY_FAMILY) {
            throw new IllegalArgumentException("not a sock_diag reply: type " + msg.type());
        }
        begin(msg, "SOCK_DIAG_BY_FAMILY", PACKET_DIAG_MSG_LENGTH, "packet_diag_msg");
        if (family() != Rtnetlink.AF_PACKET) {
            throw new NetlinkFormatException("packet_diag_msg in SOCK_DIAG_BY_FAMILY: pdiag_family " + family()
                    + ", need AF_PACKET (17)");
        }
        indexAttributes(msg, PACKET_DIAG_MSG_LENGTH, -1);
        return this;
    }

    @Override
    void checkAttribute(AttributeWalker attribute) throws NetlinkFormatException {
        if (attribute.type() == SockDiag.PACKET_DIAG_FILTER
                && attribute.payloadLength() / SOCK_FILTER_LENGTH > SockDiag.BPF_MAXINSNS) {
            throw error(SockDiag.PACKET_DIAG_FILTER, attribute.payloadLength() / SOCK_FILTER_LENGTH
                    + " instructions, more than BPF_MAXINSNS (" + SockDiag.BPF_MAXINSNS + ")");
        }
    }

    /** {@code pdiag_family}: AF_PACKET. */
    public int family() {
        return buffer().get(header()) & 0xff;
    }

    /** {@code pdiag_type}: SOCK_RAW (3) or SOCK_DGRAM (2). */
    public int socketType() {
        return buffer().get(header() + 1) & 0xff;
    }

    /** {@code pdiag_num}: the protocol the socket was bound to (ETH_P_ALL = 3...), in host order. */
    public int protocol() {
        return buffer().getShort(header() + 2) & 0xffff;
    }

    /** {@code pdiag_ino}: the socket's inode, which identifies it (with the cookie). */
    public long inode() {
        return Integer.toUnsignedLong(buffer().getInt(header() + 4));
    }

    /** {@code pdiag_cookie} as one 64-bit value (cookie[1] high, cookie[0] low). */
    public long cookie() {
        return Integer.toUnsignedLong(buffer().getInt(header() + 12)) << 32
                | Integer.toUnsignedLong(buffer().getInt(header() + 8));
    }

    /** {@code pdi_index}: the ifindex the socket is bound to (0: all), or -1 without PACKET_DIAG_INFO. */
    public int boundIfindex() {
        return info(0);
    }

    /** {@code pdi_version}: TPACKET_V1..V3, or -1 without PACKET_DIAG_INFO. */
    public int tpacketVersion() {
        return info(4);
    }

    /** {@code pdi_flags}: PDI_RUNNING, PDI_AUXDATA..., or -1 without PACKET_DIAG_INFO. */
    public int infoFlags() {
        return info(20);
    }

    private int info(int field) {
        return has(SockDiag.PACKET_DIAG_INFO) ? buffer().getInt(attributeOffset(SockDiag.PACKET_DIAG_INFO) + field) : -1;
    }

    /** PACKET_DIAG_UID: the owner's uid, or -1 when absent. */
    public long uid() {
        return has(SockDiag.PACKET_DIAG_UID) ? Integer.toUnsignedLong(u32(SockDiag.PACKET_DIAG_UID, 0)) : -1;
    }

    /** PACKET_DIAG_FANOUT (id | type << 16), or -1 when absent. */
    public int fanout() {
        return u32(SockDiag.PACKET_DIAG_FANOUT, -1);
    }

    /** Entries of PACKET_DIAG_MCLIST (the socket's memberships: PACKET_ADD_MEMBERSHIP), 0 when absent. */
    public int membershipCount() {
        return has(SockDiag.PACKET_DIAG_MCLIST) ? attributeLength(SockDiag.PACKET_DIAG_MCLIST) / PACKET_DIAG_MCLIST_LENGTH : 0;
    }

    /** {@code pdmc_type} of membership {@code index}: PACKET_MR_MULTICAST, PACKET_MR_PROMISC... */
    public int membershipType(int index) {
        return buffer().getShort(membership(index) + 8) & 0xffff;
    }

    /** {@code pdmc_index} of membership {@code index}: the interface it applies to. */
    public int membershipIfindex(int index) {
        return buffer().getInt(membership(index));
    }

    private int membership(int index) {
        if (index < 0 || index >= membershipCount()) {
            throw new IndexOutOfBoundsException("membership " + index + " of " + membershipCount());
        }
        return attributeOffset(SockDiag.PACKET_DIAG_MCLIST) + index * PACKET_DIAG_MCLIST_LENGTH;
    }

    /**
     * Whether PACKET_DIAG_FILTER is present but empty: the kernel hides the program from a requester
     * without CAP_NET_ADMIN in the socket's namespace ({@code sock_diag_put_filterinfo}).
     */
    public boolean filterHidden() {
        return hasFilter() && attributeLength(SockDiag.PACKET_DIAG_FILTER) == 0;
    }

    /** Whether the socket has a filter: PACKET_DIAG_FILTER present (it is absent without one). */
    public boolean hasFilter() {
        return has(SockDiag.PACKET_DIAG_FILTER);
    }

    /** Number of classic BPF instructions in PACKET_DIAG_FILTER, 0 when absent. */
    public int filterLength() {
        return hasFilter() ? attributeLength(SockDiag.PACKET_DIAG_FILTER) / SOCK_FILTER_LENGTH : 0;
    }

    private int instruction(int index) {
        if (index < 0 || index >= filterLength()) {
            throw new IndexOutOfBoundsException("instruction " + index + " of a " + filterLength() + "-instruction filter");
        }
        return attributeOffset(SockDiag.PACKET_DIAG_FILTER) + index * SOCK_FILTER_LENGTH;
    }

    /** {@code sock_filter.code} of instruction {@code index} (BPF_LD | BPF_H | BPF_ABS...). */
    public int filterCode(int index) {
        return buffer().getShort(instruction(index)) & 0xffff;
    }

    public int filterJumpTrue(int index) {
        return buffer().get(instruction(index) + 2) & 0xff;
    }

    public int filterJumpFalse(int index) {
        return buffer().get(instruction(index) + 3) & 0xff;
    }

    public int filterK(int index) {
        return buffer().getInt(instruction(index) + 4);
    }
}
