package org.linuxfpsync.sync.conntrack;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The TLVs last sent of every flow of a store, in one byte array: a flow's bytes are appended, and
 * overwritten in place when a change keeps their length (most do: a status bit, a TCP state); bytes
 * given up are counted as garbage, and the store compacts the arena ({@link Compaction}) once garbage
 * is the larger part. One array, not one per flow: nothing for the young collections to copy.
 * Not thread-safe.
 */
final class ByteArena {
    private static final int INITIAL_BYTES = 64 * 1024;
    /** Below this much garbage, compacting is not worth a walk over every flow. */
    static final int MIN_GARBAGE = 1024 * 1024;

    /** Eight bytes of a byte[] at once, for {@link #sameBytes}. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final int minGarbage;
    private byte[] bytes = new byte[INITIAL_BYTES];
    private int end;
    private int garbage;

    /** @param minGarbage garbage bytes below which no compaction is wanted ({@link #MIN_GARBAGE}) */
    ByteArena(int minGarbage) {
        this.minGarbage = minGarbage;
    }

    /** Appends {@code length} bytes of {@code src} from its index {@code from}; returns their offset. */
    int append(ByteBuffer src, int from, int length) {
        if (end + length > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, end + length));
        }
        int offset = end;
        src.get(from, bytes, offset, length);
        end += length;
        return offset;
    }

    /** Overwrites the bytes at {@code offset} with as many of {@code src} from {@code from}. */
    void overwrite(int offset, ByteBuffer src, int from, int length) {
        src.get(from, bytes, offset, length);
    }

    /**
     * Whether the {@code length} bytes at {@code offset} are those of {@code src} from {@code from}.
     * Every byte is compared, eight at a time, without a branch on where they differ: Arrays.equals'
     * mismatch search has branches (a difference in the last bytes, not in the first word) that the
     * first flows may never take; taking one later recompiled the whole inlined event path.
     */
    boolean sameBytes(int offset, ByteBuffer src, int from, int length) {
        if (src.hasArray()) {
            byte[] other = src.array();
            int at = src.arrayOffset() + from;
            long differs = 0;
            int i = 0;
            for (; i <= length - Long.BYTES; i += Long.BYTES) {
                differs |= (long) LONGS.get(bytes, offset + i) ^ (long) LONGS.get(other, at + i);
            }
            for (; i < length; i++) {
                differs |= bytes[offset + i] ^ other[at + i];
            }
            return differs == 0;
        }
        for (int i = 0; i < length; i++) {
            if (bytes[offset + i] != src.get(from + i)) {
                return false;
            }
        }
        return true;
    }

    /** The {@code length} bytes at some offset are no longer anyone's. */
    void release(int length) {
        garbage += length;
    }

    /** Bytes in use (appended, not released). */
    int live() {
        return end - garbage;
    }

    /** Garbage is most of the arena, and enough to be worth a compaction. */
    boolean wantsCompaction() {
        return garbage >= minGarbage && garbage > end - garbage;
    }

    void clear() {
        end = 0;
        garbage = 0;
    }

    /**
     * Starts a compaction in place: {@link Compaction#move} every live range in increasing offset
     * order, then {@link Compaction#finish}. The array keeps its size, as the store's table does:
     * a copy into a new array of twice the live bytes (the earlier way) allocated 15 MB of large
     * arrays over a flush of 150,000 flows, which the next burst grew back by doubling (another
     * 30 MB): large allocations that G1 counts towards starting a concurrent cycle.
     */
    Compaction compaction() {
        return new Compaction();
    }

    /** Slides the live ranges down to the start of the array, each to the offset {@link #move} returns. */
    final class Compaction {
        private int targetEnd;
        private int lastOffset = -1;

        private Compaction() {
        }

        /**
         * Moves the range down; returns its new offset.
         *
         * @throws IllegalStateException when ranges do not come in increasing offset order (a
         *                               range would overwrite one not yet moved)
         */
        int move(int offset, int length) {
            if (offset < lastOffset) {
                throw new IllegalStateException("compaction out of order: offset " + offset + " after " + lastOffset);
            }
            lastOffset = offset;
            System.arraycopy(bytes, offset, bytes, targetEnd, length);
            int moved = targetEnd;
            targetEnd += length;
            return moved;
        }

        void finish() {
            end = targetEnd;
            garbage = 0;
        }
    }

    /** The array's size (tests: it does not shrink). */
    int capacity() {
        return bytes.length;
    }
}
