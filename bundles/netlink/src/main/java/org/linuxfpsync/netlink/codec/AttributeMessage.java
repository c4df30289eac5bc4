package org.linuxfpsync.netlink.codec;

import java.nio.ByteBuffer;

/**
 * The common part of the decoders: a message is a fixed family header followed by attributes,
 * all read in place. {@code wrap} (in each subclass) checks the header's length, walks every
 * attribute once, checks its size against the uapi definition ({@link AttributeRules}) and
 * indexes it by type; the accessors then read the buffer directly. Nothing is allocated on that
 * path. The view is valid only while the buffer holds the message, like {@link NlMsg}.
 */
public abstract class AttributeMessage {
    private final AttributeRules rules;
    private final AttributeIndex index;
    private final AttributeWalker attributes = new AttributeWalker();
    private ByteBuffer buffer;
    private int header = -1;
    private int messageType = -1;
    private String scope = "message";

    AttributeMessage(AttributeRules rules, int indexedTypes) {
        this.rules = rules;
        this.index = new AttributeIndex(indexedTypes);
    }

    /**
     * Points the view at {@code msg} after checking that its payload holds the family header.
     *
     * @param scope      the message's name for error messages ({@code RTM_NEWROUTE}); a shared constant
     * @param headerName the family header as the uapi names it ({@code rtmsg})
     */
    final void begin(NlMsg msg, String scope, int headerLength, String headerName) throws NetlinkFormatException {
        if (msg.payloadLength() < headerLength) {
            throw new NetlinkFormatException("truncated " + headerName + " in " + scope + ": " + msg.payloadLength()
                    + " bytes, need " + headerLength);
        }
        this.buffer = msg.buffer();
        this.header = msg.payloadOffset();
        this.messageType = msg.type();
        this.scope = scope;
        index.clear();
    }

    /**
     * Walks, checks and indexes every attribute after the (NLMSG_ALIGN'ed) family header.
     *
     * @param addressLength the length address attributes must have for the message's family, or -1
     */
    final void indexAttributes(NlMsg msg, int headerLength, int addressLength) throws NetlinkFormatException {
        indexAttributes(msg, headerLength, addressLength, rules);
    }

    /** As {@link #indexAttributes(NlMsg, int, int)} with the rules of one message kind (nftables objects). */
    final void indexAttributes(NlMsg msg, int headerLength, int addressLength, AttributeRules kindRules)
            throws NetlinkFormatException {
        attributes.reset(msg, headerLength, scope);
        while (attributes.next()) {
            kindRules.check(attributes, scope, addressLength);
            index.put(attributes);
            checkAttribute(attributes);
        }
    }

    /** Deeper checks of one top-level attribute (its nest, its embedded structure); none by default. */
    void checkAttribute(AttributeWalker attribute) throws NetlinkFormatException {
    }

    /** The error for a bad attribute, in the same one-line form as the size checks. */
    final NetlinkFormatException error(int type, String detail) {
        return rules.error(type, scope, detail);
    }

    final AttributeRules rules() {
        return rules;
    }

    final String scopeName() {
        return scope;
    }

    /** Offset of the family header in {@link #buffer()}. */
    final int header() {
        return header;
    }

    /** {@code nlmsg_type} of the wrapped message. */
    public int messageType() {
        return messageType;
    }

    public ByteBuffer buffer() {
        return buffer;
    }

    /** Whether the top-level attribute {@code type} is present. */
    public boolean has(int type) {
        return index.has(type);
    }

    /** Payload offset of the top-level attribute {@code type} in {@link #buffer()}, or -1 if absent. */
    public int attributeOffset(int type) {
        return index.offset(type);
    }

    /** Payload length of the top-level attribute {@code type}, or -1 if absent. */
    public int attributeLength(int type) {
        return index.length(type);
    }

    // ---- typed reads of attributes whose size the rules fixed

    final int u8(int type, int absent) {
        return has(type) ? buffer.get(index.offset(type)) & 0xff : absent;
    }

    final int u16(int type, int absent) {
        return has(type) ? buffer.getShort(index.offset(type)) & 0xffff : absent;
    }

    final int u32(int type, int absent) {
        return has(type) ? buffer.getInt(index.offset(type)) : absent;
    }

    final long u64(int type, long absent) {
        return has(type) ? buffer.getLong(index.offset(type)) : absent;
    }

    /** A 16-bit value in network byte order (NLA_F_NET_BYTEORDER attributes, ports). */
    final int be16(int type, int absent) {
        return has(type) ? NetworkOrder.int16(buffer, index.offset(type)) : absent;
    }

    final int be32(int type, int absent) {
        return has(type) ? NetworkOrder.int32(buffer, index.offset(type)) : absent;
    }

    final long be64(int type, long absent) {
        return has(type) ? NetworkOrder.int64(buffer, index.offset(type)) : absent;
    }

    /** A NUL-terminated string attribute as a new String, or null if absent (allocates). */
    final String string(int type) {
        if (!has(type)) {
            return null;
        }
        int offset = index.offset(type);
        return Bytes.string(buffer, offset, Bytes.cStringLength(buffer, offset, index.length(type)));
    }

    /** Whether the string attribute is present and equal to {@code s}, without allocating. */
    final boolean stringEquals(int type, String s) {
        if (!has(type)) {
            return false;
        }
        int offset = index.offset(type);
        return Bytes.equalsString(buffer, offset, Bytes.cStringLength(buffer, offset, index.length(type)), s);
    }

    /**
     * Copies the payload of attribute {@code type} to the start of {@code dst}.
     *
     * @return the number of bytes copied, 0 when absent
     * @throws IndexOutOfBoundsException when {@code dst} is too short
     */
    public int copyAttribute(int type, byte[] dst) {
        return has(type) ? Bytes.copy(buffer, index.offset(type), index.length(type), dst) : 0;
    }
}
