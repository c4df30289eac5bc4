package org.linuxfpsync.featuresync;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.linuxfpsync.netlink.codec.NetlinkFormatException;

/**
 * Walks the netlink attributes of a byte range (struct nlattr: u16 length, u16 type, payload padded
 * to 4 bytes, in the host's order), for the nested attributes of nftables messages that the codec's
 * flyweights leave to the caller (a set's elements). Bounds are checked: a length that leaves the
 * range is a {@link NetlinkFormatException}.
 */
final class NftAttributes {
    private static final int NLA_HEADER = 4;
    private static final int NLA_TYPE_MASK = 0x3fff;

    private final ByteBuffer buffer;
    private final int end;
    private int next;
    private int type;
    private int payload;
    private int payloadLength;
    private int start;

    NftAttributes(byte[] bytes, int from, int to) {
        this.buffer = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
        this.next = from;
        this.end = to;
    }

    /** Moves to the next attribute; false at the end of the range. */
    boolean next() throws NetlinkFormatException {
        if (next + NLA_HEADER > end) {
            return false;
        }
        int length = buffer.getShort(next) & 0xffff;
        if (length < NLA_HEADER || next + length > end) {
            throw new NetlinkFormatException("nested attribute of " + length + " bytes at offset " + next
                    + " leaves its " + (end - next) + " bytes");
        }
        start = next;
        type = buffer.getShort(next + 2) & NLA_TYPE_MASK;
        payload = next + NLA_HEADER;
        payloadLength = length - NLA_HEADER;
        next += (length + 3) & ~3;
        return true;
    }

    int type() {
        return type;
    }

    int payload() {
        return payload;
    }

    int payloadLength() {
        return payloadLength;
    }

    /** Offset of the current attribute's header. */
    int start() {
        return start;
    }

    /** The current attribute's header and payload, unpadded. */
    int length() {
        return NLA_HEADER + payloadLength;
    }

    /** Big-endian u32 payload (NFTA_SET_ELEM_FLAGS). */
    int be32() throws NetlinkFormatException {
        if (payloadLength != 4) {
            throw new NetlinkFormatException("attribute " + type + " of " + payloadLength + " bytes, 4 expected");
        }
        byte[] b = buffer.array();
        return (b[payload] & 0xff) << 24 | (b[payload + 1] & 0xff) << 16 | (b[payload + 2] & 0xff) << 8
                | (b[payload + 3] & 0xff);
    }
}
