package org.linuxfpsync.netlink.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.linuxfpsync.netlink.NetlinkFamily;

/**
 * The entry point of the property and fuzz tests: walks a datagram and decodes every message the
 * way a subscriber would (link messages through {@link LinkMessage}, every accessor called; other
 * messages through a generic attribute walk). Only NetlinkFormatException may come out.
 */
final class DecodeEverything {
    private final DatagramWalker datagram = new DatagramWalker();
    private final LinkMessage link = new LinkMessage();
    private final AttributeWalker attributes = new AttributeWalker();
    private final AttributeWalker nested = new AttributeWalker();
    private final byte[] address = new byte[LinkMessage.MAX_ADDR_LEN];

    static ByteBuffer direct(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length).order(ByteOrder.nativeOrder());
        buffer.put(0, bytes);
        return buffer;
    }

    /** @return the number of messages decoded */
    int decode(ByteBuffer buffer, int length) throws NetlinkFormatException {
        int messages = 0;
        datagram.reset(buffer, 0, length);
        while (datagram.next()) {
            NlMsg msg = datagram.message();
            messages++;
            MessageTypeNames.name(NetlinkFamily.ROUTE, msg.type());
            if (msg.type() >= Rtnetlink.RTM_NEWLINK && msg.type() <= Rtnetlink.RTM_SETLINK) {
                decodeLink(msg);
            } else if (msg.payloadLength() >= 16) {
                attributes.reset(msg, 16, "message");
                while (attributes.next()) {
                    if (attributes.isNested()) {
                        nested.resetToNested(attributes, "nest");
                        while (nested.next()) {
                            nested.type();
                        }
                    }
                }
            }
        }
        return messages;
    }

    private void decodeLink(NlMsg msg) throws NetlinkFormatException {
        link.wrap(msg);
        link.family();
        link.arphrd();
        link.ifindex();
        link.flags();
        link.change();
        link.mtu();
        link.master();
        link.link();
        link.operstate();
        link.ifname();
        link.ifnameEquals("eth0");
        link.copyAddress(address);
        link.kind();
        link.kindEquals("veth");
        link.slaveKind();
        link.slaveKindEquals("bridge");
        for (int type = 0; type < 130; type++) {
            link.has(type);
            link.attributeOffset(type);
            link.attributeLength(type);
        }
        if (link.infoDataOffset() >= 0) {
            attributes.reset(buffer(msg), link.infoDataOffset(), link.infoDataOffset() + link.infoDataLength(),
                    "IFLA_INFO_DATA");
            while (attributes.next()) {
                attributes.type();
            }
        }
    }

    private static ByteBuffer buffer(NlMsg msg) {
        return msg.buffer();
    }
}
