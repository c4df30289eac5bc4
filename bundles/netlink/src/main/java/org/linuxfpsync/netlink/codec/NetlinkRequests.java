package org.linuxfpsync.netlink.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Builders of request messages: an {@code nlmsghdr} followed by a family header, in host byte
 * order. Requests go to the kernel (port id 0); the kernel fills in our port id itself, so the
 * header's {@code nlmsg_pid} is 0.
 */
public final class NetlinkRequests {
    /** {@code NLM_F_REQUEST | NLM_F_DUMP}. */
    public static final int DUMP_FLAGS = Rtnetlink.NLM_F_REQUEST | Rtnetlink.NLM_F_DUMP;

    private NetlinkRequests() {
    }

    /**
     * Writes a dump request ({@code NLM_F_REQUEST | NLM_F_DUMP}, pid 0) at {@code offset}.
     *
     * @param payload the family header, e.g. {@link #ifinfomsgDump(int)}
     * @return {@code nlmsg_len}: the number of bytes to send
     */
    public static int writeDumpRequest(ByteBuffer dst, int offset, int messageType, int seq, byte[] payload) {
        return writeRequest(dst, offset, messageType, DUMP_FLAGS, seq, payload);
    }

    /**
     * Writes a request message at {@code offset}; the payload is copied as is and the padding up
     * to {@code NLMSG_ALIGN} is zeroed where the buffer has room for it.
     *
     * @return {@code nlmsg_len}: the number of bytes to send
     * @throws IllegalArgumentException when the buffer is not in host byte order or too small
     */
    public static int writeRequest(ByteBuffer dst, int offset, int messageType, int flags, int seq, byte[] payload) {
        if (dst.order() != ByteOrder.nativeOrder()) {
            throw new IllegalArgumentException("netlink buffers must be in host byte order (" + ByteOrder.nativeOrder() + ")");
        }
        if (messageType < 0 || messageType > 0xffff || flags < 0 || flags > 0xffff) {
            throw new IllegalArgumentException("nlmsg_type " + messageType + " or nlmsg_flags " + flags + " out of u16 range");
        }
        int length = NlMsg.HEADER_LENGTH + payload.length;
        if (offset < 0 || offset + length > dst.capacity()) {
            throw new IllegalArgumentException("request of " + length + " bytes does not fit at offset " + offset
                    + " of a " + dst.capacity() + "-byte buffer");
        }
        dst.putInt(offset, length);
        dst.putShort(offset + 4, (short) messageType);
        dst.putShort(offset + 6, (short) flags);
        dst.putInt(offset + 8, seq);
        dst.putInt(offset + 12, 0);
        dst.put(offset + NlMsg.HEADER_LENGTH, payload);
        int padded = Math.min(NlMsg.align(length), dst.capacity() - offset);
        for (int i = offset + length; i < offset + padded; i++) {
            dst.put(i, (byte) 0);
        }
        return length;
    }

    /** A zeroed {@code struct ifinfomsg} (16 bytes) with {@code ifi_family}: the RTM_GETLINK dump header. */
    public static byte[] ifinfomsgDump(int family) {
        return familyHeader(family, LinkMessage.IFINFOMSG_LENGTH);
    }

    /** A zeroed {@code struct ifaddrmsg} (8 bytes) with {@code ifa_family}: the RTM_GETADDR dump header. */
    public static byte[] ifaddrmsgDump(int family) {
        return familyHeader(family, 8);
    }

    /** A zeroed {@code struct rtmsg} (12 bytes) with {@code rtm_family}: the RTM_GETROUTE dump header. */
    public static byte[] rtmsgDump(int family) {
        return familyHeader(family, 12);
    }

    /**
     * A zeroed {@code struct rtmsg} with {@code rtm_family} followed by RTA_OIF {@code ifindex}: the
     * RTM_GETROUTE dump of the routes with a next hop through that device (the kernel filters only
     * under NETLINK_GET_STRICT_CHK).
     */
    public static byte[] rtmsgDumpByOif(int family, int ifindex) {
        byte[] request = new byte[12 + 8];
        request[0] = (byte) family;
        ByteBuffer attribute = ByteBuffer.wrap(request, 12, 8).order(ByteOrder.nativeOrder());
        attribute.putShort((short) 8).putShort((short) Rtnetlink.RTA_OIF).putInt(ifindex);
        return request;
    }

    /** A zeroed {@code struct ndmsg} (12 bytes) with {@code ndm_family}: the RTM_GETNEIGH dump header. */
    public static byte[] ndmsgDump(int family) {
        return familyHeader(family, 12);
    }

    /** A zeroed {@code struct fib_rule_hdr} (12 bytes) with {@code family}: the RTM_GETRULE dump header. */
    public static byte[] fibRuleHdrDump(int family) {
        return familyHeader(family, RuleMessage.FIB_RULE_HDR_LENGTH);
    }

    /** A zeroed {@code struct nhmsg} (8 bytes) with {@code nh_family}: the RTM_GETNEXTHOP dump header. */
    public static byte[] nhmsgDump(int family) {
        return familyHeader(family, NexthopMessage.NHMSG_LENGTH);
    }

    /** {@code struct netconfmsg} (1 byte) with {@code ncm_family}: the RTM_GETNETCONF dump header. */
    public static byte[] netconfmsgDump(int family) {
        return familyHeader(family, NetconfMessage.NETCONFMSG_LENGTH);
    }

    /**
     * {@code struct nfgenmsg} (4 bytes, version NFNETLINK_V0) with {@code nfgen_family}: the header
     * of conntrack ({@code IPCTNL_MSG_CT_GET}) and nftables ({@code NFT_MSG_GETTABLE}...) dumps.
     */
    public static byte[] nfgenmsgDump(int family) {
        return familyHeader(family, NfGenMessage.NFGENMSG_LENGTH);
    }

    /**
     * {@code struct packet_diag_req} (20 bytes) for a dump of every packet socket
     * (SOCK_DIAG_BY_FAMILY): sdiag_family AF_PACKET, any protocol, any inode, the cookie
     * ignored (all ones, INET_DIAG_NOCOOKIE), and {@code show} (PACKET_SHOW_* bits) saying which
     * attributes to add: e.g. {@code PACKET_SHOW_INFO | PACKET_SHOW_FILTER}.
     */
    public static byte[] packetDiagDump(int show) {
        ByteBuffer req = ByteBuffer.allocate(PacketDiagMessage.PACKET_DIAG_REQ_LENGTH).order(ByteOrder.nativeOrder());
        req.put((byte) Rtnetlink.AF_PACKET).put((byte) 0).putShort((short) 0).putInt(0).putInt(show).putInt(-1).putInt(-1);
        return req.array();
    }

    /** Every one of these headers starts with an unsigned char family; the rest is zero. */
    private static byte[] familyHeader(int family, int length) {
        if (family < 0 || family > 0xff) {
            throw new IllegalArgumentException("address family out of u8 range: " + family);
        }
        byte[] header = new byte[length];
        header[0] = (byte) family;
        return header;
    }
}
