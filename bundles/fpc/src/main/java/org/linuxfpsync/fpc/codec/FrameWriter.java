package org.linuxfpsync.fpc.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes one FPC frame at a time: {@link #begin}, TLVs, {@link #finish}. Reusable: the next
 * {@code begin} starts over at index 0 of the same buffer, so a frame returned by {@code finish}
 * must be sent (or copied) before the writer is used again. Not thread-safe: one writer per thread.
 *
 * <p>A writer that owns its buffer grows it up to {@link FpcFrame#MAX_LENGTH}; a writer given a
 * buffer (for instance a direct one) never reallocates and refuses frames that do not fit it.
 */
public final class FrameWriter {
    private static final int INITIAL_CAPACITY = 4096;

    private final boolean owned;
    private ByteBuffer buf;
    /**
     * {@link #buf}'s array when it has one at offset 0 (always when owned), else null: the frame's
     * bytes are then stored directly, big-endian. A ByteBuffer's absolute put goes through
     * ScopedMemoryAccess (about 500 bytes of bytecode inlined per put): C2 compiled a route's
     * ROUTE_ADD, a dozen puts, into 50 KB of code in 0.2 s, and until then C1's code made each put
     * a chain of calls (issue #23, JFR of the 1,000,000-route startup).
     */
    private byte[] bytes;
    private int pos;
    private int type = -1;
    /** Offset of the open nested TLV's header, or -1. */
    private int nestedAt = -1;

    /** A writer over a heap buffer of its own, grown on demand up to 1 MiB. */
    public FrameWriter() {
        this.owned = true;
        this.buf = ByteBuffer.allocate(INITIAL_CAPACITY);
        this.bytes = buf.array();
    }

    /** A writer over {@code target}, from its index 0; sets the buffer's byte order to big-endian. */
    public FrameWriter(ByteBuffer target) {
        if (target.isReadOnly()) {
            throw new IllegalArgumentException("FrameWriter needs a writable buffer");
        }
        if (target.capacity() < FpcFrame.HEADER_SIZE) {
            throw new IllegalArgumentException("buffer of " + target.capacity()
                    + " bytes cannot hold the " + FpcFrame.HEADER_SIZE + "-byte header");
        }
        this.owned = false;
        this.buf = target.order(ByteOrder.BIG_ENDIAN);
        this.bytes = target.hasArray() && target.arrayOffset() == 0 ? target.array() : null;
    }

    /** Starts a frame; anything written since the previous {@code begin} is discarded. */
    public FrameWriter begin(int messageType, int seq) {
        checkRange("message type", messageType, 0xffff);
        buf.clear();
        pos = 0;
        type = messageType;
        nestedAt = -1;
        u8(FpcFrame.OFFSET_VERSION, FpcFrame.VERSION);
        u8(FpcFrame.OFFSET_FLAGS, 0);
        u16(FpcFrame.OFFSET_TYPE, messageType);
        u32(FpcFrame.OFFSET_LENGTH, 0);
        u32(FpcFrame.OFFSET_SEQ, seq);
        pos = FpcFrame.HEADER_SIZE;
        return this;
    }

    public FrameWriter putU8(int tlv, int value) {
        checkValue(tlv, "u8", value, 0xff);
        tlvHeader(tlv, 1);
        u8(pos++, value);
        return this;
    }

    public FrameWriter putU16(int tlv, int value) {
        checkValue(tlv, "u16", value, 0xffff);
        tlvHeader(tlv, 2);
        u16(pos, value);
        pos += 2;
        return this;
    }

    /** Writes the 32 bits of {@code value}; an unsigned quantity above 2^31 is passed as its int cast. */
    public FrameWriter putU32(int tlv, int value) {
        tlvHeader(tlv, 4);
        u32(pos, value);
        pos += 4;
        return this;
    }

    public FrameWriter putU64(int tlv, long value) {
        tlvHeader(tlv, 8);
        u32(pos, (int) (value >>> 32));
        u32(pos + 4, (int) value);
        pos += 8;
        return this;
    }

    public FrameWriter putBytes(int tlv, byte[] src, int off, int len) {
        if (off < 0 || len < 0 || off > src.length - len) {
            throw new IndexOutOfBoundsException("range [" + off + ", " + off + "+" + len + ") outside an array of "
                    + src.length);
        }
        tlvHeader(tlv, len);
        if (bytes != null) {
            System.arraycopy(src, off, bytes, pos, len);
        } else {
            buf.put(pos, src, off, len);
        }
        pos += len;
        return this;
    }

    public FrameWriter putBytes(int tlv, byte[] src) {
        return putBytes(tlv, src, 0, src.length);
    }

    /** An IP address: 4 bytes (IPv4) or 16 bytes (IPv6), network order. */
    public FrameWriter putAddress(int tlv, byte[] address) {
        if (address.length != 4 && address.length != 16) {
            throw new IllegalArgumentException("TLV " + tlv + ": an address is 4 or 16 bytes, not " + address.length);
        }
        return putBytes(tlv, address, 0, address.length);
    }

    public FrameWriter putAddress(int tlv, java.net.InetAddress address) {
        return putAddress(tlv, address.getAddress());
    }

    /**
     * Opens a nested TLV: the TLVs written until {@link #endNested()} form its value. Nested TLVs
     * never contain nested TLVs (docs/fpc-protocol.md §2).
     */
    public FrameWriter beginNested(int tlv) {
        if (nestedAt >= 0) {
            throw new IllegalStateException("TLV " + tlv + ": nested TLVs cannot contain nested TLVs");
        }
        int at = pos;
        tlvHeader(tlv, 0);
        nestedAt = at;
        return this;
    }

    /** Closes the nested TLV opened by {@link #beginNested}: its length becomes what was written in it. */
    public FrameWriter endNested() {
        if (nestedAt < 0) {
            throw new IllegalStateException("endNested() without beginNested()");
        }
        int valueLength = pos - nestedAt - FpcFrame.TLV_HEADER_SIZE;
        if (valueLength > FpcFrame.MAX_TLV_VALUE) {
            throw new IllegalStateException("nested TLV " + (buf.getShort(nestedAt) & 0xffff) + ": " + valueLength
                    + " bytes exceed the TLV limit of " + FpcFrame.MAX_TLV_VALUE);
        }
        u16(nestedAt + 2, valueLength);
        nestedAt = -1;
        return this;
    }

    /** UTF-8, no terminating NUL; a NUL inside the string is refused (receivers reject it). */
    public FrameWriter putString(int tlv, String s) {
        if (s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("TLV " + tlv + ": FPC strings cannot contain NUL");
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        return putBytes(tlv, utf8, 0, utf8.length);
    }

    /** Bytes written so far in the current frame, header included. */
    public int length() {
        return pos;
    }

    /**
     * Completes the frame: fills its length and returns the writer's buffer with position 0 and
     * limit at the frame's end. The buffer is reused by the next {@link #begin}.
     */
    public ByteBuffer finish() {
        if (type < 0) {
            throw new IllegalStateException("finish() without begin()");
        }
        if (nestedAt >= 0) {
            throw new IllegalStateException("finish() inside a nested TLV: call endNested() first");
        }
        u32(FpcFrame.OFFSET_LENGTH, pos);
        type = -1;
        buf.limit(pos).position(0);
        return buf;
    }

    private void tlvHeader(int tlv, int valueLength) {
        if (type < 0) {
            throw new IllegalStateException("TLV " + tlv + " written outside a frame: call begin() first");
        }
        checkRange("TLV type", tlv, 0xffff);
        if (valueLength > FpcFrame.MAX_TLV_VALUE) {
            throw new IllegalArgumentException("TLV " + tlv + ": a value of " + valueLength
                    + " bytes exceeds the TLV limit of " + FpcFrame.MAX_TLV_VALUE);
        }
        ensure(FpcFrame.TLV_HEADER_SIZE + valueLength, tlv);
        u16(pos, tlv);
        u16(pos + 2, valueLength);
        pos += FpcFrame.TLV_HEADER_SIZE;
    }

    private void ensure(int more, int tlv) {
        long needed = (long) pos + more;
        if (needed > FpcFrame.MAX_LENGTH) {
            throw new IllegalStateException(String.format(
                    "FPC frame %s would exceed the %d-byte limit: %d bytes written, TLV %d needs %d more",
                    FpcSchema.messageName(type), FpcFrame.MAX_LENGTH, pos, tlv, more));
        }
        if (needed <= buf.capacity()) {
            return;
        }
        if (!owned) {
            throw new IllegalStateException(String.format(
                    "FPC frame %s does not fit the given %d-byte buffer: %d bytes written, TLV %d needs %d more",
                    FpcSchema.messageName(type), buf.capacity(), pos, tlv, more));
        }
        int capacity = (int) Math.min(FpcFrame.MAX_LENGTH, Math.max(needed, 2L * buf.capacity()));
        ByteBuffer bigger = ByteBuffer.allocate(capacity);
        bigger.put(0, buf, 0, pos);
        buf = bigger;
        bytes = bigger.array();
    }

    /** Big-endian, into {@link #bytes} when the buffer has an array, else through the buffer. */
    private void u8(int at, int value) {
        byte[] b = bytes;
        if (b != null) {
            b[at] = (byte) value;
        } else {
            buf.put(at, (byte) value);
        }
    }

    private void u16(int at, int value) {
        byte[] b = bytes;
        if (b != null) {
            b[at] = (byte) (value >>> 8);
            b[at + 1] = (byte) value;
        } else {
            buf.putShort(at, (short) value);
        }
    }

    private void u32(int at, int value) {
        byte[] b = bytes;
        if (b != null) {
            b[at] = (byte) (value >>> 24);
            b[at + 1] = (byte) (value >>> 16);
            b[at + 2] = (byte) (value >>> 8);
            b[at + 3] = (byte) value;
        } else {
            buf.putInt(at, value);
        }
    }

    /** Like {@link #checkRange}, building the message only on failure: the hot path allocates nothing. */
    private static void checkValue(int tlv, String form, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(form + " value of TLV " + tlv + " out of range 0.." + max + ": "
                    + value);
        }
    }

    private static void checkRange(String what, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(what + " out of range 0.." + max + ": " + value);
        }
    }
}
