package org.linuxfpsync.fpc.codec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * Turns a byte stream that arrives in arbitrary pieces into whole frames. Used on both ends of a
 * connection: fill it ({@link #readFrom} or {@link #append}), then call {@link #next} until it
 * returns false. A frame handed out by {@code next} stays valid until the next fill, which may
 * move the buffered bytes.
 *
 * <p>Once a header is found broken (wrong version, impossible length) the assembler refuses
 * everything that follows with the same exception: frame boundaries are lost for good, so the
 * connection must close. Not thread-safe.
 *
 * <p>The buffer is direct: a socket read lands in it, not in a temporary buffer copied from.
 */
public final class FrameAssembler {
    private static final int DEFAULT_CAPACITY = 64 * 1024;
    /** Free space wanted before a read, so reads are never a few bytes at a time. */
    private static final int MIN_READ = 4096;

    private ByteBuffer buf;
    /** Buffered bytes are [readPos, buf.position()). */
    private int readPos;
    private FpcFormatException broken;

    public FrameAssembler() {
        this(DEFAULT_CAPACITY);
    }

    public FrameAssembler(int initialCapacity) {
        this.buf = ByteBuffer.allocateDirect(Math.max(initialCapacity, FpcFrame.HEADER_SIZE));
    }

    /**
     * Reads once from {@code channel} into free space.
     *
     * @return what {@link ReadableByteChannel#read} returned: bytes read, 0, or -1 at end of stream
     */
    public int readFrom(ReadableByteChannel channel) throws IOException {
        makeRoom(MIN_READ);
        return channel.read(buf);
    }

    public void append(byte[] src, int off, int len) {
        makeRoom(len);
        buf.put(src, off, len);
    }

    public void append(ByteBuffer src) {
        makeRoom(src.remaining());
        buf.put(src);
    }

    /**
     * Wraps {@code reader} over the next whole frame and consumes it.
     *
     * @return false when no whole frame is buffered yet
     * @throws FpcFormatException (stream broken) when the next header is invalid; every later call
     *                            throws it again
     */
    public boolean next(FrameReader reader) throws FpcFormatException {
        if (broken != null) {
            throw broken;
        }
        int length;
        try {
            length = reader.wrap(buf, readPos, buf.position() - readPos);
        } catch (FpcFormatException e) {
            broken = e;
            throw e;
        }
        if (length == FrameReader.NEED_MORE) {
            return false;
        }
        readPos += length;
        return true;
    }

    /** Bytes buffered and not yet handed out as frames. */
    public int buffered() {
        return buf.position() - readPos;
    }

    /** Forgets everything, including a broken stream: for a new connection. */
    public void reset() {
        buf.clear();
        readPos = 0;
        broken = null;
    }

    private void makeRoom(int incoming) {
        int pending = buf.position() - readPos;
        if (pending == 0 && readPos > 0) {
            buf.clear();
            readPos = 0;
        }
        // Room for the rest of the frame being assembled, so a large frame arrives without copying twice.
        long needed = Math.max((long) pending + incoming, pendingFrameLength());
        if (readPos + needed <= buf.capacity()) {
            return;
        }
        if (needed <= buf.capacity()) {
            buf.limit(buf.position()).position(readPos);
            buf.compact();
            readPos = 0;
            return;
        }
        long capacity = Math.max(needed, 2L * buf.capacity());
        if (capacity > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("cannot buffer " + needed + " bytes");
        }
        ByteBuffer bigger = ByteBuffer.allocateDirect((int) capacity);
        bigger.put(0, buf, readPos, pending);
        bigger.position(pending);
        buf = bigger;
        readPos = 0;
    }

    /** The announced length of the frame at readPos, clamped to the legal range; 0 if unknown. */
    private int pendingFrameLength() {
        if (buf.position() - readPos < FpcFrame.OFFSET_SEQ) {
            return 0;
        }
        long length = Integer.toUnsignedLong(buf.getInt(readPos + FpcFrame.OFFSET_LENGTH));
        return (int) Math.min(length, FpcFrame.MAX_LENGTH);
    }
}
