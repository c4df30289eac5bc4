package org.linuxfpsync.netlink.codec;

import java.nio.ByteBuffer;

/**
 * A reusable cursor over the {@code struct nlattr} list of a message or of a nest. Nothing is
 * allocated while walking: {@link #next} only moves offsets over the buffer.
 *
 * <pre>
 *   struct nlattr { __u16 nla_len; __u16 nla_type; }   followed by the payload, NLA_ALIGN'ed
 * </pre>
 *
 * <p>The walk is strict where the kernel's {@code nla_ok()} merely stops: an attribute whose
 * {@code nla_len} is below the 4-byte header, or runs past the enclosing message or nest, or
 * a tail too short for a header, is a {@link NetlinkFormatException}. Silently stopping would
 * hide a truncated datagram behind a message that merely looks smaller.
 */
public final class AttributeWalker {
    private ByteBuffer buffer;
    private String scope = "message";
    private int next;
    private int end;
    private int offset = -1;
    private int length;
    private int rawType;

    /**
     * Starts a walk over {@code [start, end)} of {@code buffer}.
     *
     * @param scope what encloses the attributes, used in error messages only, e.g.
     *              {@code "RTM_NEWLINK"} or {@code "IFLA_LINKINFO"} (pass a constant: no allocation)
     */
    public AttributeWalker reset(ByteBuffer buffer, int start, int end, String scope) {
        if (start < 0 || end < start || end > buffer.limit()) {
            throw new IndexOutOfBoundsException("attribute range [" + start + ", " + end
                    + ") outside buffer limit " + buffer.limit());
        }
        this.buffer = buffer;
        this.scope = scope;
        this.next = start;
        this.end = end;
        this.offset = -1;
        this.length = 0;
        this.rawType = 0;
        return this;
    }

    /**
     * Walks the attributes that follow a fixed family header in {@code msg}. The caller checks
     * first that the payload holds the family header: a shorter message simply has no attribute.
     */
    public AttributeWalker reset(NlMsg msg, int familyHeaderLength, String scope) {
        int start = msg.payloadOffset() + NlMsg.align(familyHeaderLength);
        int end = msg.offset() + msg.length();
        return reset(msg.buffer(), Math.min(start, end), end, scope);
    }

    /** Walks the attributes nested in the current attribute. */
    public AttributeWalker resetToNested(AttributeWalker parent, String scope) {
        return reset(parent.buffer, parent.payloadOffset(), parent.payloadOffset() + parent.payloadLength(), scope);
    }

    /**
     * Moves to the next attribute.
     *
     * @return false when the range is exhausted
     * @throws NetlinkFormatException when the next attribute does not fit the range
     */
    public boolean next() throws NetlinkFormatException {
        int left = end - next;
        if (left == 0) {
            offset = -1;
            return false;
        }
        if (left < Rtnetlink.NLA_HDRLEN) {
            throw new NetlinkFormatException("truncated nlattr in " + scope + ": " + left
                    + " bytes left, need 4");
        }
        int len = buffer.getShort(next) & 0xffff;
        int type = buffer.getShort(next + 2) & 0xffff;
        if (len < Rtnetlink.NLA_HDRLEN) {
            throw new NetlinkFormatException("nlattr type " + (type & Rtnetlink.NLA_TYPE_MASK) + " in " + scope
                    + ": nla_len " + len + " < 4");
        }
        if (len > left) {
            throw new NetlinkFormatException("nlattr type " + (type & Rtnetlink.NLA_TYPE_MASK) + " in " + scope
                    + ": nla_len " + len + " > " + left + " bytes left");
        }
        offset = next;
        length = len;
        rawType = type;
        // The last attribute's padding may be cut off by an unaligned message length
        // (user-space senders do that): the next walk step simply ends there.
        next = Math.min(next + NlMsg.align(len), end);
        return true;
    }

    /** {@code nla_type} without the NLA_F_NESTED / NLA_F_NET_BYTEORDER flags. */
    public int type() {
        return rawType & Rtnetlink.NLA_TYPE_MASK;
    }

    public boolean isNested() {
        return (rawType & Rtnetlink.NLA_F_NESTED) != 0;
    }

    public boolean isNetByteOrder() {
        return (rawType & Rtnetlink.NLA_F_NET_BYTEORDER) != 0;
    }

    public ByteBuffer buffer() {
        return buffer;
    }

    /** Offset of the current attribute's header in {@link #buffer()}. */
    public int offset() {
        return offset;
    }

    /** {@code nla_len}: header and payload, without padding. */
    public int length() {
        return length;
    }

    public int payloadOffset() {
        return offset + Rtnetlink.NLA_HDRLEN;
    }

    public int payloadLength() {
        return length - Rtnetlink.NLA_HDRLEN;
    }

    /** The payload as a u8; the payload must be exactly 1 byte. */
    public int u8() throws NetlinkFormatException {
        requirePayload(1);
        return buffer.get(payloadOffset()) & 0xff;
    }

    /** The payload as a host-order u16; the payload must be exactly 2 bytes. */
    public int u16() throws NetlinkFormatException {
        requirePayload(2);
        return buffer.getShort(payloadOffset()) & 0xffff;
    }

    /** The payload as a host-order 32-bit value; the payload must be exactly 4 bytes. */
    public int int32() throws NetlinkFormatException {
        requirePayload(4);
        return buffer.getInt(payloadOffset());
    }

    /** The payload as a host-order 64-bit value; the payload must be exactly 8 bytes. */
    public long int64() throws NetlinkFormatException {
        requirePayload(8);
        return buffer.getLong(payloadOffset());
    }

    private void requirePayload(int size) throws NetlinkFormatException {
        if (payloadLength() != size) {
            throw new NetlinkFormatException("nlattr type " + type() + " in " + scope + ": "
                    + payloadLength() + " bytes, need " + size);
        }
    }
}
