package org.linuxfpsync.fpm.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.linuxfpsync.fpc.codec.FpcFormatException;
import org.linuxfpsync.fpc.codec.FpcSchema;
import org.linuxfpsync.fpc.codec.FrameReader;
import org.linuxfpsync.fpc.codec.MessageSpec;
import org.linuxfpsync.fpc.codec.ObjectFamily;
import org.linuxfpsync.fpm.FpmObject;

/**
 * A table of a million rows without a million objects (issue #23: at a startup with 1,000,000
 * routes the FPM's JVM spent more CPU copying its table's objects from GC to GC than decoding
 * frames). A row is the bytes of its key and of the frame that last wrote it, in large shared
 * arrays; an open-addressing index of longs (row and hash half) finds it by its key's bytes; its
 * vrf and the write that set it (the replay mark, as in {@link ReplayTable}) are in arrays of
 * primitives. Nothing per row is
 * left for the collector to trace. Readers get objects decoded again from the frames: the dump and
 * the console, which are rare; the session thread applies frames without reading rows back.
 *
 * <p>For a family without amendments: a row is always the object of one frame. Every method holds
 * the table's lock (one writer, rare readers: it is not contended), except {@link #size} and the
 * decoding of {@link #rows}.
 */
final class PackedObjectTable implements ObjectTable {
    private static final int CHUNK_BYTES = 1 << 20;
    /** Live rows are rewritten into new arrays once this many bytes are dead and more than are live. */
    private static final long COMPACT_AFTER_BYTES = 16L << 20;

    private final String tableName;
    private final long compactAfterBytes;

    /**
     * The index: per slot, the high half of the key's hash beside row + 1 ({@link #entry}), 0 for an
     * empty slot; linear probing, at most half full. A probe compares the hash halves there, in the
     * index's own cache line, and reads a row's arrays only when they agree: a new key (a route at
     * startup) costs one random access, not one more per occupied slot passed (issue #23: the row's
     * hash read was a quarter of the session's CPU).
     *
     * <p>A key's home slot is the low bits of that high half, so the entry alone says where it
     * goes: the index is resized by one pass over it, each entry landing at the same slot or one
     * old capacity further, without reading a row. It grows at half full and halves below an
     * eighth full, down to {@link #MIN_SLOTS}: its size follows the table's, and a table of 100,000
     * routes probes 2 MiB, not the 16 MiB a million routes once needed (that probe, a cache and TLB
     * miss per route, was half of the session's CPU; issue #23).
     */
    private long[] slots;
    private int mask;
    /** The smallest index: 32 KiB. */
    static final int MIN_SLOTS = 1 << 12;

    /** Per row: the key's hash, where its bytes are (chunk << 32 | position), key and total length (0: a free row). */
    private long[] rowHash;
    private long[] rowAt;
    private int[] rowKeyLength;
    private int[] rowLength;
    private int[] rowVrf;
    /** The write that last set the row: the row is stale when its vrf's replay began after it. */
    private long[] rowWritten;
    private int rowsUsed;
    private int[] freeRows = new int[16];
    private int freeCount;

    private final List<byte[]> chunks = new ArrayList<>();
    private int chunkPosition = CHUNK_BYTES;
    private long liveBytes;
    private long deadBytes;

    private final Map<Integer, Long> replaying = new HashMap<>();
    private long writes;
    private volatile int size;
    private ByteOrder frameOrder = ByteOrder.BIG_ENDIAN;

    /** The key of a lookup by values, as bytes: reused under the lock. */
    private final PackedKey lookup = new PackedKey();

    /** @param expectedRows rows the row arrays are sized for at once (the index follows the table's size) */
    PackedObjectTable(ObjectFamily family, int expectedRows) {
        this(family, expectedRows, COMPACT_AFTER_BYTES);
    }

    /** @param compactAfterBytes dead bytes kept at least before the live rows are compacted */
    PackedObjectTable(ObjectFamily family, int expectedRows, long compactAfterBytes) {
        this.compactAfterBytes = compactAfterBytes;
        for (MessageSpec m : family.messages()) {
            if (m.role() == MessageSpec.Role.AMEND) {
                throw new IllegalArgumentException(family.name() + " has amendments (" + m.name()
                        + "): a row would not be one frame");
            }
        }
        this.tableName = family.name();
        slots = new long[MIN_SLOTS];
        mask = MIN_SLOTS - 1;
        int rows = Math.max(16, expectedRows);
        rowHash = new long[rows];
        rowAt = new long[rows];
        rowKeyLength = new int[rows];
        rowLength = new int[rows];
        rowVrf = new int[rows];
        rowWritten = new long[rows];
    }

    @Override
    public synchronized void put(FpmObject o, FrameReader frame) {
        lookup.of(o.key(), tableName);
        put(lookup, o.vrfid(), frame);
    }

    /**
     * Creates or replaces the row of the key {@code k} (as {@link ObjectDecoder#check} wrote it from
     * {@code frame}) with {@code frame}: a route applied without an object (issue #23).
     */
    synchronized void put(PackedKey k, int vrfid, FrameReader frame) {
        byte[] keyBytes = k.bytes();
        int keyLength = k.length();
        long hash = hash(keyBytes, keyLength);
        int slot = find(hash, keyBytes, keyLength);
        long written = ++writes;
        frameOrder = frame.buffer().order();
        int length = keyLength + frame.length();
        int row;
        if (slot >= 0) {
            row = rowOf(slots[slot]);
            if (rowLength[row] != length) {
                deadBytes += rowLength[row];
                liveBytes -= rowLength[row];
                store(row, keyBytes, keyLength, frame, length);
            } else {
                write(row, keyBytes, keyLength, frame); // the same size again (a replay): in place
            }
        } else {
            row = newRow();
            rowHash[row] = hash;
            store(row, keyBytes, keyLength, frame, length);
            slots[-slot - 1] = entry(hash, row);
            size++;
            if (size * 2 > slots.length) {
                resizeIndex(slots.length * 2);
            }
        }
        rowVrf[row] = vrfid;
        rowWritten[row] = written;
        compactIfWasteful();
    }

    @Override
    public synchronized FpmObject get(List<Object> k) {
        lookup.of(k, tableName);
        int slot = find(hash(lookup.bytes(), lookup.length()), lookup.bytes(), lookup.length());
        return slot < 0 ? null : decode(rowOf(slots[slot]), new ObjectDecoder());
    }

    @Override
    public boolean update(FpmObject o) {
        throw new UnsupportedOperationException(tableName + " has no amendments");
    }

    @Override
    public synchronized boolean remove(List<Object> k) {
        return remove(lookup.of(k, tableName));
    }

    /** Deletes the row of the key {@code k} (as {@link ObjectDecoder#check} wrote it); false when unknown. */
    synchronized boolean remove(PackedKey k) {
        int slot = find(hash(k.bytes(), k.length()), k.bytes(), k.length());
        if (slot < 0) {
            return false;
        }
        removeAt(slot);
        shrinkIndexIfSparse();
        compactIfWasteful();
        return true;
    }

    @Override
    public synchronized void beginReplay(int vrfid) {
        replaying.put(vrfid, ++writes);
    }

    @Override
    public synchronized int endReplay(int vrfid) {
        Long began = replaying.remove(vrfid);
        if (began == null) {
            return -1;
        }
        return removeRows(row -> rowVrf[row] == vrfid && rowWritten[row] < began);
    }

    @Override
    public synchronized int flush(int vrfid) {
        return removeRows(row -> rowVrf[row] == vrfid);
    }

    @Override
    public synchronized void removeValues(Predicate<FpmObject> which) {
        ObjectDecoder decoder = new ObjectDecoder();
        removeRows(row -> which.test(decode(row, decoder)));
    }

    /**
     * The frames are copied under the lock and decoded after it: a dump of a million routes holds up
     * the session thread for the copy only, not for a million decodings.
     */
    @Override
    public List<ReplayTable.Row<FpmObject>> rows() {
        List<byte[]> frames;
        boolean[] stale;
        ByteOrder order;
        synchronized (this) {
            frames = new ArrayList<>(size);
            stale = new boolean[size];
            order = frameOrder;
            for (int row = 0; row < rowsUsed; row++) {
                if (rowLength[row] != 0) {
                    Long began = replaying.get(rowVrf[row]);
                    stale[frames.size()] = began != null && rowWritten[row] < began;
                    frames.add(frameOf(row));
                }
            }
        }
        List<ReplayTable.Row<FpmObject>> snapshot = new ArrayList<>(frames.size());
        ObjectDecoder decoder = new ObjectDecoder();
        for (int i = 0; i < frames.size(); i++) {
            snapshot.add(new ReplayTable.Row<>(decode(frames.get(i), order, decoder), stale[i]));
        }
        return snapshot;
    }

    @Override
    public int size() {
        return size;
    }

    /** Bytes held by dead rows not yet compacted away (for the tests). */
    synchronized long deadBytes() {
        return deadBytes;
    }

    private interface RowTest {
        boolean test(int row);
    }

    private int removeRows(RowTest which) {
        int removed = 0;
        for (int row = 0; row < rowsUsed; row++) {
            if (rowLength[row] != 0 && which.test(row)) {
                removeAt(slotOf(row));
                removed++;
            }
        }
        shrinkIndexIfSparse();
        compactIfWasteful();
        return removed;
    }

    /** The slot of a row that is in the index. */
    private int slotOf(int row) {
        int i = home(rowHash[row]);
        while (rowOf(slots[i]) != row) {
            i = (i + 1) & mask;
        }
        return i;
    }

    /** The slot of the key, or -(the empty slot where it would go) - 1. */
    private int find(long hash, byte[] key, int keyLength) {
        int i = home(hash);
        long tag = hash & TAG;
        while (true) {
            long e = slots[i];
            if (e == 0) {
                return -i - 1;
            }
            int row = rowOf(e);
            if ((e & TAG) == tag && rowHash[row] == hash && rowKeyLength[row] == keyLength) {
                byte[] chunk = chunks.get((int) (rowAt[row] >>> 32));
                int at = (int) rowAt[row];
                if (Arrays.equals(chunk, at, at + keyLength, key, 0, keyLength)) {
                    return i;
                }
            }
            i = (i + 1) & mask;
        }
    }

    /** The high half of a hash, as an index entry holds it. */
    private static final long TAG = 0xffffffff00000000L;

    /** The index entry of {@code row}, whose key has {@code hash}: never 0. */
    private static long entry(long hash, int row) {
        return (hash & TAG) | ((row + 1) & 0xffffffffL);
    }

    private static int rowOf(long entry) {
        return (int) entry - 1;
    }

    /** The home slot of a key: the low bits of its hash's high half, which its index entry keeps too. */
    private int home(long hash) {
        return (int) (hash >>> 32) & mask;
    }

    /** Frees the row in {@code slot} and closes the gap in its probe sequence (backward shift, no tombstones). */
    private void removeAt(int slot) {
        int row = rowOf(slots[slot]);
        deadBytes += rowLength[row];
        liveBytes -= rowLength[row];
        rowLength[row] = 0;
        if (freeCount == freeRows.length) {
            freeRows = Arrays.copyOf(freeRows, freeCount * 2);
        }
        freeRows[freeCount++] = row;
        size--;
        int gap = slot;
        int j = slot;
        while (true) {
            j = (j + 1) & mask;
            long r = slots[j];
            if (r == 0) {
                break;
            }
            int h = home(r);
            // The entry at j stays when its home lies cyclically in (gap, j]: the gap is not on its probe path.
            boolean stays = gap <= j ? gap < h && h <= j : gap < h || h <= j;
            if (!stays) {
                slots[gap] = r;
                gap = j;
            }
        }
        slots[gap] = 0;
    }

    /** Halves the index while it is less than an eighth full (and above {@link #MIN_SLOTS}). */
    private void shrinkIndexIfSparse() {
        int capacity = slots.length;
        while (capacity > MIN_SLOTS && (long) size * 8 < capacity) {
            capacity /= 2;
        }
        if (capacity != slots.length) {
            resizeIndex(capacity);
        }
    }

    /** Moves every entry into an index of {@code capacity} slots (a power of two, more than twice the rows). */
    private void resizeIndex(int capacity) {
        long[] old = slots;
        slots = new long[capacity];
        mask = capacity - 1;
        for (long r : old) {
            if (r != 0) {
                int i = home(r);
                while (slots[i] != 0) {
                    i = (i + 1) & mask;
                }
                slots[i] = r;
            }
        }
    }

    /** Slots of the index (for the tests). */
    synchronized int indexCapacity() {
        return slots.length;
    }

    private int newRow() {
        if (freeCount > 0) {
            return freeRows[--freeCount];
        }
        if (rowsUsed == rowHash.length) {
            int n = rowsUsed * 2;
            rowHash = Arrays.copyOf(rowHash, n);
            rowAt = Arrays.copyOf(rowAt, n);
            rowKeyLength = Arrays.copyOf(rowKeyLength, n);
            rowLength = Arrays.copyOf(rowLength, n);
            rowVrf = Arrays.copyOf(rowVrf, n);
            rowWritten = Arrays.copyOf(rowWritten, n);
        }
        return rowsUsed++;
    }

    /** Gives the row new room of {@code length} bytes and writes the key and the frame there. */
    private void store(int row, byte[] key, int keyLength, FrameReader frame, int length) {
        rowAt[row] = allocate(length);
        rowKeyLength[row] = keyLength;
        rowLength[row] = length;
        liveBytes += length;
        write(row, key, keyLength, frame);
    }

    private void write(int row, byte[] key, int keyLength, FrameReader frame) {
        byte[] chunk = chunks.get((int) (rowAt[row] >>> 32));
        int at = (int) rowAt[row];
        System.arraycopy(key, 0, chunk, at, keyLength);
        frame.buffer().get(frame.offset(), chunk, at + keyLength, frame.length());
    }

    private long allocate(int length) {
        if (chunks.isEmpty() || chunkPosition + length > chunks.get(chunks.size() - 1).length) {
            chunks.add(new byte[Math.max(CHUNK_BYTES, length)]);
            chunkPosition = 0;
        }
        long at = ((long) (chunks.size() - 1) << 32) | chunkPosition;
        chunkPosition += length;
        return at;
    }

    /** Once dead rows hold more than the live ones: the live rows are copied into new arrays. */
    private void compactIfWasteful() {
        if (deadBytes < compactAfterBytes || deadBytes < liveBytes) {
            return;
        }
        List<byte[]> old = new ArrayList<>(chunks);
        chunks.clear();
        chunkPosition = CHUNK_BYTES;
        for (int row = 0; row < rowsUsed; row++) {
            if (rowLength[row] != 0) {
                byte[] from = old.get((int) (rowAt[row] >>> 32));
                int fromAt = (int) rowAt[row];
                long to = allocate(rowLength[row]);
                System.arraycopy(from, fromAt, chunks.get((int) (to >>> 32)), (int) to, rowLength[row]);
                rowAt[row] = to;
            }
        }
        deadBytes = 0;
    }

    /** The object of a row: its frame decoded again (it was valid when it was applied). */
    private FpmObject decode(int row, ObjectDecoder decoder) {
        return decode(frameOf(row), frameOrder, decoder);
    }

    /** A copy of the frame that last wrote the row. */
    private byte[] frameOf(int row) {
        byte[] chunk = chunks.get((int) (rowAt[row] >>> 32));
        int at = (int) rowAt[row] + rowKeyLength[row];
        return Arrays.copyOfRange(chunk, at, at + rowLength[row] - rowKeyLength[row]);
    }

    private FpmObject decode(byte[] bytes, ByteOrder order, ObjectDecoder decoder) {
        ByteBuffer frame = ByteBuffer.wrap(bytes).order(order);
        try {
            FrameReader reader = new FrameReader().wrapFrame(frame);
            return decoder.decode(reader, FpcSchema.message(reader.type()), tableName);
        } catch (FpcFormatException e) {
            throw new IllegalStateException("a stored " + tableName + " frame no longer decodes", e);
        }
    }

    /** Reads 8 bytes of a key at once. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /**
     * A multiply-and-rotate over the bytes, 8 at a time (a route's key is 69 bytes: byte by byte
     * it was a tenth of the session's CPU), then a finalizer that spreads them over the index's low bits.
     */
    private static long hash(byte[] bytes, int length) {
        long h = 0xcbf29ce484222325L ^ length;
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            h = Long.rotateLeft(h ^ (long) LONGS.get(bytes, i), 29) * 0x9e3779b97f4a7c15L;
        }
        for (; i < length; i++) {
            h = (h ^ (bytes[i] & 0xff)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }
}
