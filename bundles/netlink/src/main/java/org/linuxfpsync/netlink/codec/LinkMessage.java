package org.linuxfpsync.netlink.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
public final class LinkMessage {
    /** {@code sizeof(struct ifinfomsg)}. */
    public static final int IFINFOMSG_LENGTH = 16;
    /** {@code MAX_ADDR_LEN} of {@code linux/netdevice.h}: the longest link-layer address. */
    public static final int MAX_ADDR_LEN = 32;

    /** Attribute types indexed by {@link #has}; the kernel defines fewer than 70 today. */
    private static final int INDEXED_TYPES = 128;

    private final AttributeWalker attributes = new AttributeWalker();
    private final AttributeWalker linkInfo = new AttributeWalker();
    /** An attribute is present when its stamp equals the current generation: no clearing per message. */
    private final int[] stamp = new int[INDEXED_TYPES];
    private final int[] payloadOffset = new int[INDEXED_TYPES];
    private final int[] payloadLength = new int[INDEXED_TYPES];
    private int generation;

    private ByteBuffer buffer;
    private int header;
    private int messageType;
    private int kindOffset;
    private int kindLength;
    private int slaveKindOffset;
    private int slaveKindLength;
    private int infoDataOffset;
    private int infoDataLength;
    private int slaveDataOffset;
    private int slaveDataLength;

    /**
     * Decodes {@code msg}.
     *
     * @throws IllegalArgumentException when {@code msg} is not a link message (check the type first)
     * @throws NetlinkFormatException   when the message does not parse as {@code linux/if_link.h} says
     */
    public LinkMessage wrap(NlMsg msg) throws NetlinkFormatException {
        int type = msg.type();
        if (type < Rtnetlink.RTM_NEWLINK || type > Rtnetlink.RTM_SETLINK) {
            throw new IllegalArgumentException("not a link message: " + typeName(type));
        }
        String scope = typeName(type);
        if (msg.payloadLength() < IFINFOMSG_LENGTH) {
            throw new NetlinkFormatException("truncated ifinfomsg in " + scope + ": "
                    + msg.payloadLength() + " bytes, need 16");
        }
        nextGeneration();
        buffer = msg.buffer();
        header = msg.payloadOffset();
        messageType = type;
        kindOffset = -1;
        kindLength = 0;
        slaveKindOffset = -1;
        slaveKindLength = 0;
        infoDataOffset = -1;
        infoDataLength = 0;
        slaveDataOffset = -1;
        slaveDataLength = 0;

        attributes.reset(msg, IFINFOMSG_LENGTH, scope);
        while (attributes.next()) {
            int attr = attributes.type();
            validate(attributes, scope);
            if (attr < INDEXED_TYPES) {
                stamp[attr] = generation;
                payloadOffset[attr] = attributes.payloadOffset();
                payloadLength[attr] = attributes.payloadLength();
            }
            if (attr == Rtnetlink.IFLA_LINKINFO) {
                indexLinkInfo();
            }
        }
        return this;
    }

    private void nextGeneration() {
        generation++;
        if (generation == 0) {
            // Wrapped after 2^32 messages: stale stamps could now match, so forget them all.
            Arrays.fill(stamp, 0);
            generation = 1;
        }
    }

    private static String typeName(int type) {
        return MessageTypeNames.name(NetlinkFamily.ROUTE, type);
    }

    private void validate(AttributeWalker a, String scope) throws NetlinkFormatException {
        int length = a.payloadLength();
        switch (a.type()) {
            case Rtnetlink.IFLA_IFNAME:
                if (length > Rtnetlink.IFNAMSIZ) {
                    throw new NetlinkFormatException("IFLA_IFNAME in " + scope + ": " + length
                            + " bytes, longer than IFNAMSIZ (16)");
                }
                if (nulIndex(a.payloadOffset(), length) < 0) {
                    throw new NetlinkFormatException("IFLA_IFNAME in " + scope + ": not NUL-terminated ("
                            + length + " bytes)");
                }
                break;
            case Rtnetlink.IFLA_MTU:
            case Rtnetlink.IFLA_LINK:
            case Rtnetlink.IFLA_MASTER:
                if (length != 4) {
                    throw new NetlinkFormatException(iflaName(a.type()) + " in " + scope + ": " + length
                            + " bytes, need 4");
                }
                break;
            case Rtnetlink.IFLA_OPERSTATE:
                if (length != 1) {
                    throw new NetlinkFormatException("IFLA_OPERSTATE in " + scope + ": " + length
                            + " bytes, need 1");
                }
                break;
            case Rtnetlink.IFLA_ADDRESS:
                if (length > MAX_ADDR_LEN) {
                    throw new NetlinkFormatException("IFLA_ADDRESS in " + scope + ": " + length
                            + " bytes, longer than MAX_ADDR_LEN (32)");
                }
                break;
            default:
                break;
        }
    }

    private static String iflaName(int type) {
        switch (type) {
            case Rtnetlink.IFLA_MTU:
                return "IFLA_MTU";
            case Rtnetlink.IFLA_LINK:
                return "IFLA_LINK";
            default:
                return "IFLA_MASTER";
        }
    }

    private void indexLinkInfo() throws NetlinkFormatException {
        // A later IFLA_LINKINFO replaces an earlier one entirely, as it would in nla_parse.
        kindOffset = -1;
        kindLength = 0;
        slaveKindOffset = -1;
        slaveKindLength = 0;
        infoDataOffset = -1;
        infoDataLength = 0;
        slaveDataOffset = -1;
        slaveDataLength = 0;
        linkInfo.resetToNested(attributes, "IFLA_LINKINFO");
        while (linkInfo.next()) {
            switch (linkInfo.type()) {
                case Rtnetlink.IFLA_INFO_KIND:
                    kindOffset = linkInfo.payloadOffset();
                    kindLength = stringLength(kindOffset, linkInfo.payloadLength());
                    break;
                case Rtnetlink.IFLA_INFO_SLAVE_KIND:
                    slaveKindOffset = linkInfo.payloadOffset();
                    slaveKindLength = stringLength(slaveKindOffset, linkInfo.payloadLength());
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

    /** Index of the first NUL in the range, relative to {@code offset}, or -1. */
    private int nulIndex(int offset, int length) {
        for (int i = 0; i < length; i++) {
            if (buffer.get(offset + i) == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Kind strings are NUL-terminated when the kernel writes them; tolerate a missing NUL. */
    private int stringLength(int offset, int length) {
        int nul = nulIndex(offset, length);
        return nul < 0 ? length : nul;
    }

    /** The message type ({@code RTM_NEWLINK} .. {@code RTM_SETLINK}). */
    public int messageType() {
        return messageType;
    }

    /** {@code ifi_family}: AF_UNSPEC for links, AF_BRIDGE for bridge port events. */
    public int family() {
        return buffer.get(header) & 0xff;
    }

    /** {@code ifi_type}: ARPHRD_*. */
    public int arphrd() {
        return buffer.getShort(header + 2) & 0xffff;
    }

    public int ifindex() {
        return buffer.getInt(header + 4);
    }

    /** {@code ifi_flags}: IFF_*. */
    public int flags() {
        return buffer.getInt(header + 8);
    }

    /** {@code ifi_change}: IFF_* bits that changed (0xffffffff from a full notification). */
    public int change() {
        return buffer.getInt(header + 12);
    }

    /** Whether the top-level attribute {@code iflaType} is present (types below 128). */
    public boolean has(int iflaType) {
        return iflaType >= 0 && iflaType < INDEXED_TYPES && stamp[iflaType] == generation;
    }

    /** Offset of the payload of top-level attribute {@code iflaType} in the buffer, or -1 if absent. */
    public int attributeOffset(int iflaType) {
        return has(iflaType) ? payloadOffset[iflaType] : -1;
    }

    /** Payload length of top-level attribute {@code iflaType}, or -1 if absent. */
    public int attributeLength(int iflaType) {
        return has(iflaType) ? payloadLength[iflaType] : -1;
    }

    public ByteBuffer buffer() {
        return buffer;
    }

    /** IFLA_MTU, or -1 if absent. */
    public int mtu() {
        return has(Rtnetlink.IFLA_MTU) ? buffer.getInt(payloadOffset[Rtnetlink.IFLA_MTU]) : -1;
    }

    /** IFLA_MASTER (ifindex of the bridge, bond or VRF), or 0 if absent. */
    public int master() {
        return has(Rtnetlink.IFLA_MASTER) ? buffer.getInt(payloadOffset[Rtnetlink.IFLA_MASTER]) : 0;
    }

    /** IFLA_LINK (ifindex of the lower device, or of the veth peer), or 0 if absent. */
    public int link() {
        return has(Rtnetlink.IFLA_LINK) ? buffer.getInt(payloadOffset[Rtnetlink.IFLA_LINK]) : 0;
    }

    /** IFLA_OPERSTATE (IF_OPER_*), or -1 if absent. */
    public int operstate() {
        return has(Rtnetlink.IFLA_OPERSTATE) ? buffer.get(payloadOffset[Rtnetlink.IFLA_OPERSTATE]) & 0xff : -1;
    }

    /** IFLA_IFNAME, or null if absent. */
    public String ifname() {
        if (!has(Rtnetlink.IFLA_IFNAME)) {
            return null;
        }
        int offset = payloadOffset[Rtnetlink.IFLA_IFNAME];
        return string(offset, nulIndex(offset, payloadLength[Rtnetlink.IFLA_IFNAME]));
    }

    /** Whether IFLA_IFNAME is present and equal to {@code name}, without allocating. */
    public boolean ifnameEquals(String name) {
        if (!has(Rtnetlink.IFLA_IFNAME)) {
            return false;
        }
        int offset = payloadOffset[Rtnetlink.IFLA_IFNAME];
        return bytesEqual(offset, nulIndex(offset, payloadLength[Rtnetlink.IFLA_IFNAME]), name);
    }

    /** Length of IFLA_ADDRESS (6 for Ethernet), or 0 if absent. */
    public int addressLength() {
        return has(Rtnetlink.IFLA_ADDRESS) ? payloadLength[Rtnetlink.IFLA_ADDRESS] : 0;
    }

    /**
     * Copies IFLA_ADDRESS to the start of {@code dst}.
     *
     * @return the number of bytes copied, {@link #addressLength()}
     * @throws IndexOutOfBoundsException when {@code dst} is shorter than the address
     */
    public int copyAddress(byte[] dst) {
        int length = addressLength();
        if (dst.length < length) {
            throw new IndexOutOfBoundsException("address of " + length + " bytes does not fit " + dst.length);
        }
        if (length > 0) {
            buffer.get(payloadOffset[Rtnetlink.IFLA_ADDRESS], dst, 0, length);
        }
        return length;
    }

    /** IFLA_INFO_KIND in IFLA_LINKINFO ({@code "veth"}, {@code "bridge"}), or null if absent. */
    public String kind() {
        return kindOffset < 0 ? null : string(kindOffset, kindLength);
    }

    /** Whether IFLA_INFO_KIND is present and equal to {@code kind}, without allocating. */
    public boolean kindEquals(String kind) {
        return kindOffset >= 0 && bytesEqual(kindOffset, kindLength, kind);
    }

    /** IFLA_INFO_SLAVE_KIND in IFLA_LINKINFO (the master's kind, e.g. {@code "bridge"}), or null. */
    public String slaveKind() {
        return slaveKindOffset < 0 ? null : string(slaveKindOffset, slaveKindLength);
    }

    /** Whether IFLA_INFO_SLAVE_KIND is present and equal to {@code kind}, without allocating. */
    public boolean slaveKindEquals(String kind) {
        return slaveKindOffset >= 0 && bytesEqual(slaveKindOffset, slaveKindLength, kind);
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

    private String string(int offset, int length) {
        byte[] bytes = new byte[length];
        buffer.get(offset, bytes, 0, length);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private boolean bytesEqual(int offset, int length, String s) {
        if (s == null) {
            return false;
        }
        int n = s.length();
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                // Not ASCII: compare the UTF-8 form (rare: names are ASCII in practice).
                return string(offset, length).equals(s);
            }
        }
        if (n != length) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (buffer.get(offset + i) != (byte) s.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
