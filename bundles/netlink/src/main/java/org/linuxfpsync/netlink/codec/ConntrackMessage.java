package org.linuxfpsync.netlink.codec;

import java.nio.ByteBuffer;
import org.linuxfpsync.netlink.NetlinkFamily;

/**
 * A reusable, allocation-free decoder of conntrack entries ({@code IPCTNL_MSG_CT_NEW},
 * {@code IPCTNL_MSG_CT_DELETE} and dump replies of NFNL_SUBSYS_CTNETLINK): {@code struct
 * nfgenmsg} followed by CTA_* attributes ({@code linux/netfilter/nfnetlink_conntrack.h}).
 * Conntrack attributes are in network byte order. The original and reply directions are nests:
 *
 * <pre>
 *   CTA_TUPLE_ORIG / CTA_TUPLE_REPLY
 *       CTA_TUPLE_IP     { CTA_IP_V4_SRC, CTA_IP_V4_DST | CTA_IP_V6_SRC, CTA_IP_V6_DST }
 *       CTA_TUPLE_PROTO  { CTA_PROTO_NUM (u8), CTA_PROTO_SRC_PORT, CTA_PROTO_DST_PORT (be16),
 *                          CTA_PROTO_ICMP_ID (be16), CTA_PROTO_ICMP_TYPE, _CODE (u8), ICMPV6 alike }
 *       CTA_TUPLE_ZONE   (be16)
 *   CTA_PROTOINFO { CTA_PROTOINFO_TCP { CTA_PROTOINFO_TCP_STATE (u8), _WSCALE_ORIGINAL, _WSCALE_REPLY (u8),
 *                                       _FLAGS_ORIGINAL, _FLAGS_REPLY (struct nf_ct_tcp_flags: flags, mask) } }
 *   CTA_HELP      { CTA_HELP_NAME (NUL-terminated string) }
 *   CTA_LABELS    (the label bits, written only when one is set)
 * </pre>
 *
 * NAT is visible as a reply tuple that is not the mirror of the original one ({@link #natted()}).
 */
public final class ConntrackMessage extends AttributeMessage {
    private static final int INDEXED_TYPES = 32;

    private static final AttributeRules RULES = new AttributeRules(INDEXED_TYPES)
            .any(Nfnetlink.CTA_TUPLE_ORIG, "CTA_TUPLE_ORIG")
            .any(Nfnetlink.CTA_TUPLE_REPLY, "CTA_TUPLE_REPLY")
            .exact(Nfnetlink.CTA_STATUS, "CTA_STATUS", 4)
            .exact(Nfnetlink.CTA_TIMEOUT, "CTA_TIMEOUT", 4)
            .exact(Nfnetlink.CTA_MARK, "CTA_MARK", 4)
            .exact(Nfnetlink.CTA_USE, "CTA_USE", 4)
            .exact(Nfnetlink.CTA_ID, "CTA_ID", 4)
            .any(Nfnetlink.CTA_TUPLE_MASTER, "CTA_TUPLE_MASTER")
            .exact(Nfnetlink.CTA_SECMARK, "CTA_SECMARK", 4)
            .exact(Nfnetlink.CTA_ZONE, "CTA_ZONE", 2)
            .exact(Nfnetlink.CTA_MARK_MASK, "CTA_MARK_MASK", 4)
            .any(Nfnetlink.CTA_PROTOINFO, "CTA_PROTOINFO")
            .any(Nfnetlink.CTA_HELP, "CTA_HELP")
            .any(Nfnetlink.CTA_LABELS, "CTA_LABELS");

    /** {@code NF_CT_LABELS_MAX_SIZE}: 128 label bits. */
    public static final int LABELS_MAX_BYTES = 16;
    /** {@code NF_CT_HELPER_NAME_LEN}, NUL included. */
    public static final int HELPER_NAME_MAX_BYTES = 16;

    private static final AttributeRules PROTOINFO_RULES = new AttributeRules(4)
            .any(Nfnetlink.CTA_PROTOINFO_TCP, "CTA_PROTOINFO_TCP");

    private static final AttributeRules TCP_RULES = new AttributeRules(8)
            .exact(Nfnetlink.CTA_PROTOINFO_TCP_STATE, "CTA_PROTOINFO_TCP_STATE", 1)
            .exact(Nfnetlink.CTA_PROTOINFO_TCP_WSCALE_ORIGINAL, "CTA_PROTOINFO_TCP_WSCALE_ORIGINAL", 1)
            .exact(Nfnetlink.CTA_PROTOINFO_TCP_WSCALE_REPLY, "CTA_PROTOINFO_TCP_WSCALE_REPLY", 1)
            .exact(Nfnetlink.CTA_PROTOINFO_TCP_FLAGS_ORIGINAL, "CTA_PROTOINFO_TCP_FLAGS_ORIGINAL", 2)
            .exact(Nfnetlink.CTA_PROTOINFO_TCP_FLAGS_REPLY, "CTA_PROTOINFO_TCP_FLAGS_REPLY", 2);

    private static final AttributeRules HELP_RULES = new AttributeRules(4)
            .string(Nfnetlink.CTA_HELP_NAME, "CTA_HELP_NAME", HELPER_NAME_MAX_BYTES, "NF_CT_HELPER_NAME_LEN");

    private static final AttributeRules TUPLE_RULES = new AttributeRules(8)
            .any(Nfnetlink.CTA_TUPLE_IP, "CTA_TUPLE_IP")
            .any(Nfnetlink.CTA_TUPLE_PROTO, "CTA_TUPLE_PROTO")
            .exact(Nfnetlink.CTA_TUPLE_ZONE, "CTA_TUPLE_ZONE", 2);

    private static final AttributeRules IP_RULES = new AttributeRules(8)
            .exact(Nfnetlink.CTA_IP_V4_SRC, "CTA_IP_V4_SRC", 4)
            .exact(Nfnetlink.CTA_IP_V4_DST, "CTA_IP_V4_DST", 4)
            .exact(Nfnetlink.CTA_IP_V6_SRC, "CTA_IP_V6_SRC", 16)
            .exact(Nfnetlink.CTA_IP_V6_DST, "CTA_IP_V6_DST", 16);

    private static final AttributeRules PROTO_RULES = new AttributeRules(16)
            .exact(Nfnetlink.CTA_PROTO_NUM, "CTA_PROTO_NUM", 1)
            .exact(Nfnetlink.CTA_PROTO_SRC_PORT, "CTA_PROTO_SRC_PORT", 2)
            .exact(Nfnetlink.CTA_PROTO_DST_PORT, "CTA_PROTO_DST_PORT", 2)
            .exact(Nfnetlink.CTA_PROTO_ICMP_ID, "CTA_PROTO_ICMP_ID", 2)
            .exact(Nfnetlink.CTA_PROTO_ICMP_TYPE, "CTA_PROTO_ICMP_TYPE", 1)
            .exact(Nfnetlink.CTA_PROTO_ICMP_CODE, "CTA_PROTO_ICMP_CODE", 1)
            .exact(Nfnetlink.CTA_PROTO_ICMPV6_ID, "CTA_PROTO_ICMPV6_ID", 2)
            .exact(Nfnetlink.CTA_PROTO_ICMPV6_TYPE, "CTA_PROTO_ICMPV6_TYPE", 1)
            .exact(Nfnetlink.CTA_PROTO_ICMPV6_CODE, "CTA_PROTO_ICMPV6_CODE", 1);

    private final AttributeWalker tupleWalker = new AttributeWalker();
    private final AttributeWalker innerWalker = new AttributeWalker();
    private final Tuple original = new Tuple("CTA_TUPLE_ORIG");
    private final Tuple reply = new Tuple("CTA_TUPLE_REPLY");
    private final TcpInfo tcp = new TcpInfo();
    private int helperOffset;
    private int helperLength;

    public ConntrackMessage() {
        super(RULES, INDEXED_TYPES);
    }

    /**
     * Decodes {@code msg}.
     *
     * @throws IllegalArgumentException when {@code msg} is not a conntrack entry message (check the type first)
     * @throws NetlinkFormatException   when it does not parse as {@code nfnetlink_conntrack.h} says
     */
    public ConntrackMessage wrap(NlMsg msg) throws NetlinkFormatException {
        int type = msg.type();
        if (Nfnetlink.subsystem(type) != Nfnetlink.NFNL_SUBSYS_CTNETLINK
                || Nfnetlink.message(type) > Nfnetlink.IPCTNL_MSG_CT_GET_CTRZERO) {
            throw new IllegalArgumentException("not a conntrack entry message: "
                    + MessageTypeNames.name(NetlinkFamily.NETFILTER, type));
        }
        begin(msg, MessageTypeNames.name(NetlinkFamily.NETFILTER, type), NfGenMessage.NFGENMSG_LENGTH, "nfgenmsg");
        original.clear();
        reply.clear();
        tcp.clear();
        helperOffset = -1;
        helperLength = 0;
        indexAttributes(msg, NfGenMessage.NFGENMSG_LENGTH, -1);
        return this;
    }

    @Override
    void checkAttribute(AttributeWalker attribute) throws NetlinkFormatException {
        if (attribute.type() == Nfnetlink.CTA_TUPLE_ORIG) {
            original.parse(attribute);
        } else if (attribute.type() == Nfnetlink.CTA_TUPLE_REPLY) {
            reply.parse(attribute);
        } else if (attribute.type() == Nfnetlink.CTA_PROTOINFO) {
            parseProtoinfo(attribute);
        } else if (attribute.type() == Nfnetlink.CTA_HELP) {
            parseHelp(attribute);
        } else if (attribute.type() == Nfnetlink.CTA_LABELS && attribute.payloadLength() > LABELS_MAX_BYTES) {
            throw new NetlinkFormatException("CTA_LABELS of " + scopeName() + ": " + attribute.payloadLength()
                    + " bytes, more than the kernel's " + LABELS_MAX_BYTES);
        }
    }

    private void parseProtoinfo(AttributeWalker attribute) throws NetlinkFormatException {
        tupleWalker.resetToNested(attribute, "CTA_PROTOINFO");
        while (tupleWalker.next()) {
            PROTOINFO_RULES.check(tupleWalker, "CTA_PROTOINFO", -1);
            if (tupleWalker.type() != Nfnetlink.CTA_PROTOINFO_TCP) {
                continue; // DCCP, SCTP: not carried
            }
            innerWalker.resetToNested(tupleWalker, "CTA_PROTOINFO_TCP");
            ByteBuffer b = innerWalker.buffer();
            tcp.present = true;
            while (innerWalker.next()) {
                TCP_RULES.check(innerWalker, "CTA_PROTOINFO_TCP", -1);
                int value = b.get(innerWalker.payloadOffset()) & 0xff; // the flags byte of nf_ct_tcp_flags first
                switch (innerWalker.type()) {
                    case Nfnetlink.CTA_PROTOINFO_TCP_STATE -> tcp.state = value;
                    case Nfnetlink.CTA_PROTOINFO_TCP_WSCALE_ORIGINAL -> tcp.wscaleOriginal = value;
                    case Nfnetlink.CTA_PROTOINFO_TCP_WSCALE_REPLY -> tcp.wscaleReply = value;
                    case Nfnetlink.CTA_PROTOINFO_TCP_FLAGS_ORIGINAL -> tcp.flagsOriginal = value;
                    case Nfnetlink.CTA_PROTOINFO_TCP_FLAGS_REPLY -> tcp.flagsReply = value;
                    default -> { }
                }
            }
        }
    }

    private void parseHelp(AttributeWalker attribute) throws NetlinkFormatException {
        tupleWalker.resetToNested(attribute, "CTA_HELP");
        while (tupleWalker.next()) {
            HELP_RULES.check(tupleWalker, "CTA_HELP", -1);
            if (tupleWalker.type() == Nfnetlink.CTA_HELP_NAME) {
                helperOffset = tupleWalker.payloadOffset();
                int length = 0;
                ByteBuffer b = tupleWalker.buffer();
                while (length < tupleWalker.payloadLength() && b.get(helperOffset + length) != 0) {
                    length++;
                }
                helperLength = length;
            }
        }
    }

    /** CTA_PROTOINFO_TCP: its {@link TcpInfo#present()} is false for a flow of another protocol. */
    public TcpInfo tcp() {
        return tcp;
    }

    /** CTA_HELP_NAME without its NUL, or null when the flow has no helper (a new String: rare). */
    public String helper() {
        if (helperOffset < 0 || helperLength == 0) {
            return null;
        }
        byte[] name = new byte[helperLength];
        buffer().get(helperOffset, name);
        return new String(name, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Copies CTA_LABELS into {@code dst}; returns its length, 0 when the flow has no label set. */
    public int copyLabels(byte[] dst) {
        return has(Nfnetlink.CTA_LABELS) ? copyAttribute(Nfnetlink.CTA_LABELS, dst) : 0;
    }

    /** The TCP state of a flow (CTA_PROTOINFO_TCP), valid with its message; -1 for what is absent. */
    public static final class TcpInfo {
        private boolean present;
        private int state;
        private int wscaleOriginal;
        private int wscaleReply;
        private int flagsOriginal;
        private int flagsReply;

        private void clear() {
            present = false;
            state = -1;
            wscaleOriginal = -1;
            wscaleReply = -1;
            flagsOriginal = -1;
            flagsReply = -1;
        }

        public boolean present() {
            return present;
        }

        /** CTA_PROTOINFO_TCP_STATE: TCP_CONNTRACK_*. */
        public int state() {
            return state;
        }

        public int wscaleOriginal() {
            return wscaleOriginal;
        }

        public int wscaleReply() {
            return wscaleReply;
        }

        /** The flags byte of CTA_PROTOINFO_TCP_FLAGS_ORIGINAL (IP_CT_TCP_FLAG_*). */
        public int flagsOriginal() {
            return flagsOriginal;
        }

        public int flagsReply() {
            return flagsReply;
        }
    }

    /** {@code nfgen_family}: the layer 3 protocol (AF_INET, AF_INET6). */
    public int family() {
        return buffer().get(header()) & 0xff;
    }

    /** The original direction. */
    public Tuple original() {
        return original;
    }

    /** The reply direction: with NAT, not the mirror of {@link #original()}. */
    public Tuple reply() {
        return reply;
    }

    /** CTA_STATUS (IPS_* bits), or 0 when absent. */
    public int status() {
        return be32(Nfnetlink.CTA_STATUS, 0);
    }

    /** CTA_TIMEOUT in seconds, or -1 when absent. */
    public long timeout() {
        return has(Nfnetlink.CTA_TIMEOUT) ? Integer.toUnsignedLong(be32(Nfnetlink.CTA_TIMEOUT, 0)) : -1;
    }

    /** CTA_MARK, or 0 when absent. */
    public int mark() {
        return be32(Nfnetlink.CTA_MARK, 0);
    }

    /** CTA_ID (the entry's id, stable for its life), unsigned, or -1 when absent. */
    public long id() {
        return has(Nfnetlink.CTA_ID) ? Integer.toUnsignedLong(be32(Nfnetlink.CTA_ID, 0)) : -1;
    }

    /** CTA_ZONE, or 0 when absent. */
    public int zone() {
        return be16(Nfnetlink.CTA_ZONE, 0);
    }

    /**
     * Whether the entry is translated: the reply tuple is not the original one reversed
     * (reply source = original destination, and so on for the ports). Both tuples must be present.
     */
    public boolean natted() {
        if (!original.present || !reply.present) {
            return false;
        }
        ByteBuffer b = buffer();
        return !Bytes.rangesEqual(b, reply.srcOffset, reply.addressLength, original.dstOffset, original.addressLength)
                || !Bytes.rangesEqual(b, reply.dstOffset, reply.addressLength, original.srcOffset, original.addressLength)
                || reply.srcPort() != original.dstPort() || reply.dstPort() != original.srcPort();
    }

    /** One direction of a conntrack entry (CTA_TUPLE_ORIG or CTA_TUPLE_REPLY), valid with its message. */
    public final class Tuple {
        private final String name;
        private boolean present;
        private int family;
        private int addressLength;
        private int srcOffset;
        private int dstOffset;
        private int protocol;
        private int srcPortOffset;
        private int dstPortOffset;
        private int icmpIdOffset;
        private int icmpType;
        private int icmpCode;
        private int zone;

        private Tuple(String name) {
            this.name = name;
        }

        private void clear() {
            present = false;
            family = Rtnetlink.AF_UNSPEC;
            addressLength = 0;
            srcOffset = -1;
            dstOffset = -1;
            protocol = -1;
            srcPortOffset = -1;
            dstPortOffset = -1;
            icmpIdOffset = -1;
            icmpType = -1;
            icmpCode = -1;
            zone = 0;
        }

        private void parse(AttributeWalker attribute) throws NetlinkFormatException {
            clear();
            tupleWalker.resetToNested(attribute, name);
            while (tupleWalker.next()) {
                TUPLE_RULES.check(tupleWalker, name, -1);
                switch (tupleWalker.type()) {
                    case Nfnetlink.CTA_TUPLE_IP:
                        parseIp();
                        break;
                    case Nfnetlink.CTA_TUPLE_PROTO:
                        parseProto();
                        break;
                    case Nfnetlink.CTA_TUPLE_ZONE:
                        zone = NetworkOrder.int16(tupleWalker.buffer(), tupleWalker.payloadOffset());
                        break;
                    default:
                        break;
                }
            }
            if ((srcOffset < 0) != (dstOffset < 0)) {
                throw new NetlinkFormatException("CTA_TUPLE_IP in " + name + " of " + scopeName()
                        + ": a source without a destination or the reverse");
            }
            present = true;
        }

        private void parseIp() throws NetlinkFormatException {
            innerWalker.resetToNested(tupleWalker, "CTA_TUPLE_IP");
            while (innerWalker.next()) {
                IP_RULES.check(innerWalker, "CTA_TUPLE_IP", -1);
                int type = innerWalker.type();
                if (type >= Nfnetlink.CTA_IP_V4_SRC && type <= Nfnetlink.CTA_IP_V6_DST) {
                    int typeFamily = type <= Nfnetlink.CTA_IP_V4_DST ? Rtnetlink.AF_INET : Rtnetlink.AF_INET6;
                    if (family != Rtnetlink.AF_UNSPEC && family != typeFamily) {
                        throw new NetlinkFormatException("CTA_TUPLE_IP in " + name + " of " + scopeName()
                                + ": IPv4 and IPv6 addresses mixed");
                    }
                    family = typeFamily;
                    addressLength = innerWalker.payloadLength();
                    if (type == Nfnetlink.CTA_IP_V4_SRC || type == Nfnetlink.CTA_IP_V6_SRC) {
                        srcOffset = innerWalker.payloadOffset();
                    } else {
                        dstOffset = innerWalker.payloadOffset();
                    }
                }
            }
        }

        private void parseProto() throws NetlinkFormatException {
            innerWalker.resetToNested(tupleWalker, "CTA_TUPLE_PROTO");
            ByteBuffer b = innerWalker.buffer();
            while (innerWalker.next()) {
                PROTO_RULES.check(innerWalker, "CTA_TUPLE_PROTO", -1);
                int offset = innerWalker.payloadOffset();
                switch (innerWalker.type()) {
                    case Nfnetlink.CTA_PROTO_NUM:
                        protocol = b.get(offset) & 0xff;
                        break;
                    case Nfnetlink.CTA_PROTO_SRC_PORT:
                        srcPortOffset = offset;
                        break;
                    case Nfnetlink.CTA_PROTO_DST_PORT:
                        dstPortOffset = offset;
                        break;
                    case Nfnetlink.CTA_PROTO_ICMP_ID:
                    case Nfnetlink.CTA_PROTO_ICMPV6_ID:
                        icmpIdOffset = offset;
                        break;
                    case Nfnetlink.CTA_PROTO_ICMP_TYPE:
                    case Nfnetlink.CTA_PROTO_ICMPV6_TYPE:
                        icmpType = b.get(offset) & 0xff;
                        break;
                    case Nfnetlink.CTA_PROTO_ICMP_CODE:
                    case Nfnetlink.CTA_PROTO_ICMPV6_CODE:
                        icmpCode = b.get(offset) & 0xff;
                        break;
                    default:
                        break;
                }
            }
        }

        /** Whether the message has this direction at all. */
        public boolean present() {
            return present;
        }

        /** AF_INET or AF_INET6 from the address attributes; AF_UNSPEC without CTA_TUPLE_IP. */
        public int family() {
            return family;
        }

        public int copySrc(byte[] dst) {
            return srcOffset < 0 ? 0 : Bytes.copy(buffer(), srcOffset, addressLength, dst);
        }

        public int copyDst(byte[] dst) {
            return dstOffset < 0 ? 0 : Bytes.copy(buffer(), dstOffset, addressLength, dst);
        }

        /** CTA_PROTO_NUM (IPPROTO_*), or -1 when absent. */
        public int protocol() {
            return protocol;
        }

        /** CTA_PROTO_SRC_PORT (TCP, UDP, SCTP...), or -1 when absent. */
        public int srcPort() {
            return srcPortOffset < 0 ? -1 : NetworkOrder.int16(buffer(), srcPortOffset);
        }

        public int dstPort() {
            return dstPortOffset < 0 ? -1 : NetworkOrder.int16(buffer(), dstPortOffset);
        }

        /** CTA_PROTO_ICMP_ID / ICMPV6_ID, or -1 when absent. */
        public int icmpId() {
            return icmpIdOffset < 0 ? -1 : NetworkOrder.int16(buffer(), icmpIdOffset);
        }

        public int icmpType() {
            return icmpType;
        }

        public int icmpCode() {
            return icmpCode;
        }

        /** CTA_TUPLE_ZONE, or 0 when absent. */
        public int zone() {
            return zone;
        }
    }
}
