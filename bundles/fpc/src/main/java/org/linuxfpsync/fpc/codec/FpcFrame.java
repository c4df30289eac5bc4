package org.linuxfpsync.fpc.codec;

/**
 * Layout constants of an FPC frame (docs/fpc-protocol.md, "Framing"). All integers on the wire
 * are big-endian.
 *
 * <pre>
 * 0  u8  version   ({@link #VERSION})
 * 1  u8  flags     (0; reserved, receivers ignore unknown bits)
 * 2  u16 type      ({@link FpcMessageType}; high byte = object family)
 * 4  u32 length    (whole frame including this header; {@link #HEADER_SIZE} .. {@link #MAX_LENGTH})
 * 8  u32 seq       (sender's counter, echoed in ERROR)
 * </pre>
 */
public final class FpcFrame {
    /** The framing version carried in every header; a different value means the stream cannot be read. */
    public static final int VERSION = 1;
    public static final int HEADER_SIZE = 12;
    /** 1 MiB: large enough for any object, small enough that a corrupt length is caught at once. */
    public static final int MAX_LENGTH = 1 << 20;
    /** A TLV header: u16 type, u16 length of the value. */
    public static final int TLV_HEADER_SIZE = 4;
    /** The largest value a TLV can carry (its length field is a u16). */
    public static final int MAX_TLV_VALUE = 0xffff;

    public static final int OFFSET_VERSION = 0;
    public static final int OFFSET_FLAGS = 1;
    public static final int OFFSET_TYPE = 2;
    public static final int OFFSET_LENGTH = 4;
    public static final int OFFSET_SEQ = 8;

    private FpcFrame() {
    }
}
