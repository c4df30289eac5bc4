package org.linuxfpsync.netlink.codec;

import org.linuxfpsync.netlink.NetlinkFamily;

/**
 * A reusable, allocation-free decoder of {@code RTM_NEWADDR} / {@code RTM_DELADDR}:
 * {@code struct ifaddrmsg} followed by IFA_* attributes ({@code linux/if_addr.h}).
 *
 * <pre>
 *   struct ifaddrmsg {              // 8 bytes
 *       __u8  ifa_family;  __u8 ifa_prefixlen;  __u8 ifa_flags;  __u8 ifa_scope;
 *       __u32 ifa_index;
 *   };
 * </pre>
 *
 * Address attributes must have the family's length (4 for AF_INET, 16 for AF_INET6). For a
 * point-to-point link IFA_ADDRESS is the peer and IFA_LOCAL the local address; otherwise both
 * are the local address.
 */
public final class AddressMessage extends AttributeMessage {
    /** {@code sizeof(struct ifaddrmsg)}. */
    public static final int IFADDRMSG_LENGTH = 8;
    private static final int INDEXED_TYPES = 32;

    private static final AttributeRules RULES = new AttributeRules(INDEXED_TYPES)
            .address(Rtnetlink.IFA_ADDRESS, "IFA_ADDRESS")
            .address(Rtnetlink.IFA_LOCAL, "IFA_LOCAL")
            .string(Rtnetlink.IFA_LABEL, "IFA_LABEL", Rtnetlink.IFNAMSIZ, "IFNAMSIZ")
            .address(Rtnetlink.IFA_BROADCAST, "IFA_BROADCAST")
            .address(Rtnetlink.IFA_ANYCAST, "IFA_ANYCAST")
            .exact(Rtnetlink.IFA_CACHEINFO, "IFA_CACHEINFO", 16)
            .address(Rtnetlink.IFA_MULTICAST, "IFA_MULTICAST")
            .exact(Rtnetlink.IFA_FLAGS, "IFA_FLAGS", 4)
            .exact(Rtnetlink.IFA_RT_PRIORITY, "IFA_RT_PRIORITY", 4)
            .exact(Rtnetlink.IFA_TARGET_NETNSID, "IFA_TARGET_NETNSID", 4)
            .exact(Rtnetlink.IFA_PROTO, "IFA_PROTO", 1);

    public AddressMessage() {
        super(RULES, INDEXED_TYPES);
    }

    /**
     * Decodes {@code msg}.
     *
     * @throws IllegalArgumentException when {@code msg} is not an address message (check the type first)
     * @throws NetlinkFormatException   when it does not parse as {@code linux/if_addr.h} says
     */
    public AddressMessage wrap(NlMsg msg) throws NetlinkFormatException {
        int type = msg.type();
        if (type < Rtnetlink.RTM_NEWADDR || type > Rtnetlink.RTM_GETADDR) {
            throw new IllegalArgumentException("not an address message: " + MessageTypeNames.name(NetlinkFamily.ROUTE, type));
        }
        begin(msg, MessageTypeNames.name(NetlinkFamily.ROUTE, type), IFADDRMSG_LENGTH, "ifaddrmsg");
        indexAttributes(msg, IFADDRMSG_LENGTH, Bytes.inetAddressLength(family()));
        return this;
    }

    /** {@code ifa_family}: AF_INET or AF_INET6. */
    public int family() {
        return buffer().get(header()) & 0xff;
    }

    public int prefixLength() {
        return buffer().get(header() + 1) & 0xff;
    }

    /** IFA_FLAGS when present (32 bits), else the 8-bit {@code ifa_flags}, as the header says. */
    public int flags() {
        return has(Rtnetlink.IFA_FLAGS) ? u32(Rtnetlink.IFA_FLAGS, 0) : buffer().get(header() + 2) & 0xff;
    }

    /** {@code ifa_scope}: RT_SCOPE_*. */
    public int scope() {
        return buffer().get(header() + 3) & 0xff;
    }

    public int ifindex() {
        return buffer().getInt(header() + 4);
    }

    /** Copies IFA_ADDRESS to {@code dst}; returns its length (0 when absent). */
    public int copyAddress(byte[] dst) {
        return copyAttribute(Rtnetlink.IFA_ADDRESS, dst);
    }

    /** Copies IFA_LOCAL to {@code dst}; returns its length (0 when absent). */
    public int copyLocal(byte[] dst) {
        return copyAttribute(Rtnetlink.IFA_LOCAL, dst);
    }

    /** Copies IFA_BROADCAST to {@code dst}; returns its length (0 when absent). */
    public int copyBroadcast(byte[] dst) {
        return copyAttribute(Rtnetlink.IFA_BROADCAST, dst);
    }

    /** IFA_LABEL (the IPv4 alias label, {@code eth0:1}), or null (allocates). */
    public String label() {
        return string(Rtnetlink.IFA_LABEL);
    }

    public boolean labelEquals(String label) {
        return stringEquals(Rtnetlink.IFA_LABEL, label);
    }

    /** {@code ifa_cacheinfo.ifa_prefered} in seconds (0xffffffff: forever), or -1 when absent. */
    public long preferredLifetime() {
        return cacheinfo(0);
    }

    /** {@code ifa_cacheinfo.ifa_valid} in seconds (0xffffffff: forever), or -1 when absent. */
    public long validLifetime() {
        return cacheinfo(4);
    }

    private long cacheinfo(int field) {
        return has(Rtnetlink.IFA_CACHEINFO)
                ? Integer.toUnsignedLong(buffer().getInt(attributeOffset(Rtnetlink.IFA_CACHEINFO) + field)) : -1;
    }

    /** IFA_RT_PRIORITY (metric of the prefix route), or 0 when absent. */
    public int routePriority() {
        return u32(Rtnetlink.IFA_RT_PRIORITY, 0);
    }

    /** IFA_PROTO (IFAPROT_*), or 0 when absent. */
    public int protocol() {
        return u8(Rtnetlink.IFA_PROTO, 0);
    }
}
