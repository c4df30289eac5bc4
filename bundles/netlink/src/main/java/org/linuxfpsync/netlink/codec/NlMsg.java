package org.linuxfpsync.netlink.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A flyweight view of one netlink message ({@code struct nlmsghdr} and its payload) inside a
 * receive buffer. Nothing is copied: {@link #wrap} only records where the message is. The view
 * is valid until the buffer is reused for the next datagram.
 *
 * <p>Netlink is in host byte order; the buffer given to {@link #wrap} must be
 * {@link ByteOrder#nativeOrder()}.
 */
public final class NlMsg {
    /** {@code sizeof(struct nlmsghdr)}. */
    public static final int HEADER_LENGTH = 16;

    private ByteBuffer buffer;
    private int offset;
    private int length;

    /**
     * Points this view at the message starting at {@code offset}.
     *
     * @param available bytes of the datagram left from {@code offset}
     * @throws NetlinkFormatException when the header is truncated or its length does not fit
     */
    public NlMsg wrap(ByteBuffer buffer, int offset, int available) throws NetlinkFormatException {
        if (available < HEADER_LENGTH) {
            throw new NetlinkFormatException("truncated nlmsghdr: " + available + " bytes left, need 16");
        }
        int len = buffer.getInt(offset);
        if (len < HEADER_LENGTH || len > available) {
            throw new NetlinkFormatException("bad nlmsg_len " + Integer.toUnsignedString(len)
                    + " with " + available + " bytes left");
        }
        this.buffer = buffer;
        this.offset = offset;
        this.length = len;
        return this;
    }

    public ByteBuffer buffer() {
        return buffer;
    }

    /** Offset of the nlmsghdr in {@link #buffer()}. */
    public int offset() {
        return offset;
    }

    /** {@code nlmsg_len}: header and payload, without trailing alignment. */
    public int length() {
        return length;
    }

    /** {@code nlmsg_type}, unsigned. */
    public int type() {
        return buffer.getShort(offset + 4) & 0xffff;
    }

    /** {@code nlmsg_flags}, unsigned. */
    public int flags() {
        return buffer.getShort(offset + 6) & 0xffff;
    }

    public int seq() {
        return buffer.getInt(offset + 8);
    }

    /** {@code nlmsg_pid}: the port id of the sender's socket for requests, of ours for replies. */
    public int pid() {
        return buffer.getInt(offset + 12);
    }

    public int payloadOffset() {
        return offset + HEADER_LENGTH;
    }

    public int payloadLength() {
        return length - HEADER_LENGTH;
    }

    /** Offset of the next message in the same datagram ({@code NLMSG_ALIGN(nlmsg_len)}). */
    public int nextOffset() {
        return offset + align(length);
    }

    /** {@code NLMSG_ALIGN} / {@code NLA_ALIGN}: round up to 4 bytes. */
    public static int align(int len) {
        return (len + 3) & ~3;
    }
}
