package org.linuxfpsync.fpc.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A flyweight view of one received FPC frame: {@link #wrap} it over bytes, read the header, walk
 * the TLVs with {@link #nextTlv()} and the typed getters. Nothing is allocated except by
 * {@link #string()} and {@link #bytes()}. Reads never move the buffer's position or limit.
 * Not thread-safe: one reader per thread, reused frame after frame.
 *
 * <p>Every getter checks the current TLV's length exactly (a u32 must be 4 bytes) and throws
 * {@link FpcFormatException} otherwise: a receiver never guesses.
 */
public final class FrameReader {
    /** {@link #wrap} result: the bytes available do not hold a whole frame yet. */
    public static final int NEED_MORE = 0;

    private ByteBuffer buf;
    private boolean bigEndian;
    private int start;
    private int end;
    private int nextTlv;
    private int tlvStart = -1;
    private int tlvType = -1;
    private int tlvLength;
    private CharsetDecoder utf8;
    /** Where the TLV walk starts and ends: the frame's TLVs, or a nested TLV's value. */
    private int walkStart;
    private int walkEnd;
    /** The frame's walk position saved by {@link #enterNested()}, or -1 outside a nested TLV. */
    private int outerNext = -1;

    /**
     * Wraps the frame that begins at {@code offset}, of which {@code available} bytes are present.
     * The header is validated as soon as its first 8 bytes are there, so a corrupt stream is
     * detected without waiting for a length that will never come.
     *
     * @return the frame's length when all of it is available, else {@link #NEED_MORE}
     * @throws FpcFormatException (stream broken) for a version other than 1 or a length outside
     *                            12 .. 1 MiB
     */
    public int wrap(ByteBuffer buffer, int offset, int available) throws FpcFormatException {
        this.buf = null;
        this.tlvType = -1;
        if (available < 1) {
            return NEED_MORE;
        }
        int version = buffer.get(offset) & 0xff;
        if (version != FpcFrame.VERSION) {
            throw FpcFormatException.streamBroken(
                    "unsupported frame version " + version + " (expected " + FpcFrame.VERSION + ")");
        }
        if (available < FpcFrame.OFFSET_SEQ) {
            return NEED_MORE;
        }
        boolean be = buffer.order() == ByteOrder.BIG_ENDIAN;
        long length = Integer.toUnsignedLong(int32(buffer, be, offset + FpcFrame.OFFSET_LENGTH));
        if (length < FpcFrame.HEADER_SIZE) {
            throw FpcFormatException.streamBroken(
                    "frame length " + length + " is below the " + FpcFrame.HEADER_SIZE + "-byte header");
        }
        if (length > FpcFrame.MAX_LENGTH) {
            throw FpcFormatException.streamBroken(
                    "frame length " + length + " exceeds the " + FpcFrame.MAX_LENGTH + "-byte limit");
        }
        if (available < length) {
            return NEED_MORE;
        }
        this.buf = buffer;
        this.bigEndian = be;
        this.start = offset;
        this.end = offset + (int) length;
        rewindTlvs();
        return (int) length;
    }

    /**
     * Wraps exactly one whole frame occupying {@code buffer}'s position to limit (a datagram, a
     * file, a test vector): missing or trailing bytes are errors here.
     */
    public FrameReader wrapFrame(ByteBuffer buffer) throws FpcFormatException {
        int available = buffer.remaining();
        if (available >= 1 && available < FpcFrame.HEADER_SIZE) {
            wrap(buffer, buffer.position(), available); // a wrong version or length is the better message
            throw FpcFormatException.streamBroken(
                    "truncated header: " + available + " of " + FpcFrame.HEADER_SIZE + " bytes");
        }
        if (available == 0) {
            throw FpcFormatException.streamBroken("truncated header: 0 of " + FpcFrame.HEADER_SIZE + " bytes");
        }
        int length = wrap(buffer, buffer.position(), available);
        if (length == NEED_MORE) {
            long announced = Integer.toUnsignedLong(
                    int32(buffer, buffer.order() == ByteOrder.BIG_ENDIAN, buffer.position() + FpcFrame.OFFSET_LENGTH));
            throw FpcFormatException.streamBroken("truncated frame: " + available + " of " + announced + " bytes");
        }
        if (length != available) {
            this.buf = null;
            throw FpcFormatException.streamBroken(
                    (available - length) + " trailing bytes after a " + length + "-byte frame");
        }
        return this;
    }

    public int version() {
        return u8At(start + FpcFrame.OFFSET_VERSION);
    }

    public int flags() {
        return u8At(start + FpcFrame.OFFSET_FLAGS);
    }

    public int type() {
        return u16At(start + FpcFrame.OFFSET_TYPE);
    }

    public int length() {
        checkWrapped();
        return end - start;
    }

    /** The sender's sequence number (32 bits; {@link Integer#toUnsignedLong} for display). */
    public int seq() {
        checkWrapped();
        return int32(buf, bigEndian, start + FpcFrame.OFFSET_SEQ);
    }

    /** The buffer the frame lives in; the frame is [{@link #offset()}, offset + {@link #length()}). */
    public ByteBuffer buffer() {
        checkWrapped();
        return buf;
    }

    public int offset() {
        checkWrapped();
        return start;
    }

    /** Restarts the TLV walk at the frame's first TLV (leaving a nested TLV if in one). */
    public void rewindTlvs() {
        checkWrapped();
        walkStart = start + FpcFrame.HEADER_SIZE;
        walkEnd = end;
        outerNext = -1;
        nextTlv = walkStart;
        tlvStart = -1;
        tlvType = -1;
        tlvLength = 0;
    }

    /**
     * Moves to the next TLV.
     *
     * @return false after the last one
     * @throws FpcFormatException when a TLV header is cut by the frame's end or its value overruns it
     */
    public boolean nextTlv() throws FpcFormatException {
        checkWrapped();
        int p = nextTlv;
        if (p >= walkEnd) {
            tlvStart = -1;
            tlvType = -1;
            return false;
        }
        int left = walkEnd - p;
        if (left < FpcFrame.TLV_HEADER_SIZE) {
            tlvType = -1;
            throw FpcFormatException.badFrame("truncated TLV header at offset " + (p - start) + ": "
                    + left + " of " + FpcFrame.TLV_HEADER_SIZE + " bytes");
        }
        int t = u16At(p);
        int l = u16At(p + 2);
        if (l > left - FpcFrame.TLV_HEADER_SIZE) {
            tlvType = -1;
            throw FpcFormatException.badFrame("TLV " + t + " at offset " + (p - start)
                    + " overruns " + (outerNext < 0 ? "the frame" : "its nested TLV") + ": value of " + l + " bytes, "
                    + (left - FpcFrame.TLV_HEADER_SIZE) + " left");
        }
        tlvStart = p;
        tlvType = t;
        tlvLength = l;
        nextTlv = p + FpcFrame.TLV_HEADER_SIZE + l;
        return true;
    }

    /**
     * Walks the current TLV's value as a list of TLVs, until {@link #exitNested()}: {@link #nextTlv()}
     * and the getters then read the nested TLVs.
     *
     * @throws IllegalStateException when already inside a nested TLV (FPC nests one level only)
     */
    public void enterNested() {
        checkTlv();
        if (outerNext >= 0) {
            throw new IllegalStateException("TLV " + tlvType + ": nested TLVs cannot contain nested TLVs");
        }
        outerNext = nextTlv;
        walkStart = valueAt();
        walkEnd = walkStart + tlvLength;
        nextTlv = walkStart;
        tlvStart = -1;
        tlvType = -1;
    }

    /** Back to the frame's TLVs, after the nested TLV entered last. */
    public void exitNested() {
        checkWrapped();
        if (outerNext < 0) {
            throw new IllegalStateException("exitNested() outside a nested TLV");
        }
        nextTlv = outerNext;
        outerNext = -1;
        walkStart = start + FpcFrame.HEADER_SIZE;
        walkEnd = end;
        tlvStart = -1;
        tlvType = -1;
    }

    /** True between {@link #enterNested()} and {@link #exitNested()}. */
    public boolean inNested() {
        return outerNext >= 0;
    }

    public int tlvType() {
        checkTlv();
        return tlvType;
    }

    /** Length of the current TLV's value (header excluded). */
    public int tlvLength() {
        checkTlv();
        return tlvLength;
    }

    /** Offset of the current TLV's header from the start of the frame. */
    public int tlvOffset() {
        checkTlv();
        return tlvStart - start;
    }

    public int u8() throws FpcFormatException {
        checkSize(1, "u8");
        return u8At(valueAt());
    }

    public int u16() throws FpcFormatException {
        checkSize(2, "u16");
        return u16At(valueAt());
    }

    /** The 32 bits; {@link Integer#toUnsignedLong} gives the unsigned value. */
    public int u32() throws FpcFormatException {
        checkSize(4, "u32");
        return int32(buf, bigEndian, valueAt());
    }

    public long u64() throws FpcFormatException {
        checkSize(8, "u64");
        long v = buf.getLong(valueAt());
        return bigEndian ? v : Long.reverseBytes(v);
    }

    /** The value as UTF-8 text; invalid UTF-8 or a NUL byte is a format error. */
    public String string() throws FpcFormatException {
        checkTlv();
        int v = valueAt();
        for (int i = 0; i < tlvLength; i++) {
            if (buf.get(v + i) == 0) {
                throw FpcFormatException.badFrame("TLV " + tlvType + ": string contains a NUL byte at " + i);
            }
        }
        if (utf8 == null) {
            utf8 = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }
        try {
            CharBuffer chars = utf8.reset().decode(buf.duplicate().limit(v + tlvLength).position(v));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw FpcFormatException.badFrame("TLV " + tlvType + ": string is not valid UTF-8");
        }
    }

    /** An IP address: a copy of a 4-byte (IPv4) or 16-byte (IPv6) value. */
    public byte[] address() throws FpcFormatException {
        checkTlv();
        if (tlvLength != 4 && tlvLength != 16) {
            throw FpcFormatException.badFrame("TLV " + tlvType + ": an address needs 4 or 16 bytes, got "
                    + tlvLength);
        }
        return bytes();
    }

    /** A copy of the value. */
    public byte[] bytes() {
        checkTlv();
        byte[] copy = new byte[tlvLength];
        buf.get(valueAt(), copy, 0, tlvLength);
        return copy;
    }

    /**
     * Copies the value into {@code dst} without allocating.
     *
     * @return the number of bytes copied (the value's length)
     * @throws FpcFormatException when the value is longer than {@code dst}
     */
    public int copyBytes(byte[] dst) throws FpcFormatException {
        checkTlv();
        if (tlvLength > dst.length) {
            throw FpcFormatException.badFrame("TLV " + tlvType + ": " + tlvLength
                    + " bytes exceed the " + dst.length + " expected");
        }
        buf.get(valueAt(), dst, 0, tlvLength);
        return tlvLength;
    }

    /** "IF_CREATE seq 7, 60 bytes": for logs. */
    public String describe() {
        checkWrapped();
        return FpcSchema.messageName(type()) + " seq " + Integer.toUnsignedString(seq()) + ", " + length() + " bytes";
    }

    private int valueAt() {
        return tlvStart + FpcFrame.TLV_HEADER_SIZE;
    }

    private void checkSize(int size, String kind) throws FpcFormatException {
        checkTlv();
        if (tlvLength != size) {
            throw FpcFormatException.badFrame("TLV " + tlvType + ": a " + kind + " needs " + size
                    + " bytes, got " + tlvLength);
        }
    }

    private void checkTlv() {
        checkWrapped();
        if (tlvType < 0) {
            throw new IllegalStateException("no current TLV: nextTlv() must return true first");
        }
    }

    private void checkWrapped() {
        if (buf == null) {
            throw new IllegalStateException("no frame wrapped");
        }
    }

    private int u8At(int index) {
        checkWrapped();
        return buf.get(index) & 0xff;
    }

    /** One 16-bit read, not two byte reads (two TLV header fields per TLV: the FPM's check walks millions). */
    private int u16At(int index) {
        checkWrapped();
        short v = buf.getShort(index);
        return (bigEndian ? v : Short.reverseBytes(v)) & 0xffff;
    }

    private static int int32(ByteBuffer b, boolean bigEndian, int index) {
        int v = b.getInt(index);
        return bigEndian ? v : Integer.reverseBytes(v);
    }
}
