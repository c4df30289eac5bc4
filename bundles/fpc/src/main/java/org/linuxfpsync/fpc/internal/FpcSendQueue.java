package org.linuxfpsync.fpc.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.linuxfpsync.fpc.FpcQueueStats;

/**
 * The client's send path and the manual's {@code show queue} counters. A frame is written straight
 * to the non-blocking socket when nothing waits before it; what the socket does not take is
 * copied into a bounded queue that the connector thread drains when the socket becomes writable.
 * A full queue blocks the producer (backpressure towards the netlink readers) until there is room
 * or the session ends.
 *
 * <p>A thread that {@linkplain #flush flushes} (a netlink reader, before it waits for the kernel)
 * has its frames held in one buffer and written together, several per write, at its next flush or
 * when the buffer is full: a dump chunk or a burst of notifications then costs one write here and
 * one read in the FPM, not one per frame. Other threads' frames first push out what is held.
 *
 * <p>One lock guards the socket writes, the held frames, the queue and the counters. Producers are
 * a handful of netlink reader threads and a write to a non-blocking socket is short, so the lock is
 * cheap, and it makes frame order on the wire the order in which {@code send} was entered (held
 * frames included: they are one buffer for every thread), which a finer scheme would have to prove.
 */
final class FpcSendQueue {
    /** A write to the socket failed; already counted in {@code errors}. */
    static final class WriteFailedException extends IOException {
        private static final long serialVersionUID = 1L;

        WriteFailedException(String message) {
            super(message);
        }
    }

    /** Bytes waiting for the socket: {@code frames} whole frames (several when a held batch is queued). */
    private record Pending(ByteBuffer bytes, int frames, long enqueuedNanos) {
    }

    /** Held frames are written once they reach this many bytes, without waiting for the flush. */
    static final int HELD_BYTES = 64 * 1024;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final int capacity;
    /** Frames held for a write together (see the class comment), in send order. */
    private final ByteBuffer held = ByteBuffer.allocateDirect(HELD_BYTES);
    private int heldFrames;
    /** Whether frames may be held at all ({@link #holdFrames}). */
    private boolean holding;
    /** Threads that flush: their frames may be held until they do. */
    private final ThreadLocal<Boolean> flushes = ThreadLocal.withInitial(() -> Boolean.FALSE);
    /** Frames in {@link #queue}: the capacity counts frames, not entries. */
    private int framesInQueue;
    /** Asks the connector thread to watch for writability (wakes its selector). */
    private final Runnable armWriter;

    private WritableByteChannel channel;
    private long generation;
    private String failure;

    private long sent;
    private long directly;
    private long highestInQueue;
    private long hasBlocked;
    private long partiallySent;
    private long errors;
    private boolean evArmed;
    private long droppedNoSession;
    /** Bytes of the frames in {@link #queue}, for show queue. */
    private long bytesInQueue;

    FpcSendQueue(int capacity, Runnable armWriter) {
        this.capacity = capacity;
        this.armWriter = armWriter;
    }

    /** A session is up on {@code ch}: frames flow from now on. */
    void open(WritableByteChannel ch) {
        lock.lock();
        try {
            channel = ch;
            failure = null;
            generation++;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The session is over: whatever waits is discarded (the next session replays the state) and
     * blocked producers return.
     *
     * @return the number of frames discarded
     */
    int close() {
        lock.lock();
        try {
            int discarded = framesInQueue + heldFrames;
            clearWaiting();
            channel = null;
            evArmed = false;
            generation++;
            notFull.signalAll();
            return discarded;
        } finally {
            lock.unlock();
        }
    }

    /** Why a producer's write failed during the session, or null. */
    String failure() {
        lock.lock();
        try {
            return failure;
        } finally {
            lock.unlock();
        }
    }

    boolean send(ByteBuffer frame) {
        lock.lock();
        try {
            if (channel == null) {
                droppedNoSession++;
                return false;
            }
            if (holding && flushes.get() && frame.remaining() <= HELD_BYTES) {
                while (frame.remaining() > held.remaining()) {
                    // Full: what is held goes to the socket or the queue, then backpressure as for any frame.
                    writeHeld();
                    if (!awaitRoom()) {
                        droppedNoSession++;
                        return false;
                    }
                }
                held.put(frame);
                heldFrames++;
                return true;
            }
            writeHeld();
            return put(frame);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes (or queues) every frame held, whichever thread sent it; from now on, while holding is
     * on, the calling thread's frames are held until its next flush, or until they fill the buffer.
     * A thread that calls this once must call it again before each wait, or its last frames wait
     * with it: holding is turned on only by whoever guarantees that. Never blocks.
     */
    void flush() {
        lock.lock();
        try {
            flushes.set(Boolean.TRUE);
            writeHeld();
        } finally {
            lock.unlock();
        }
    }

    /** On: frames of threads that flush may be held. Off: what is held is written, and nothing is held any more. */
    void holdFrames(boolean on) {
        lock.lock();
        try {
            holding = on;
            writeHeld();
        } finally {
            lock.unlock();
        }
    }

    /** Frames held now, not yet written (tests). */
    int heldFrames() {
        lock.lock();
        try {
            return heldFrames;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Puts the held frames on their way: written, or queued behind what waits, even beyond the
     * queue's capacity (by one buffer at most per producer): never blocks, since another thread
     * could otherwise add to the held frames, or overtake them, while this one waited for room.
     */
    private void writeHeld() {
        if (heldFrames == 0 || channel == null) {
            return;
        }
        held.flip();
        int frames = heldFrames;
        heldFrames = 0;
        if (queue.isEmpty()) {
            writeOrQueue(held, frames);
        } else {
            enqueue(held, frames);
        }
        held.clear();
    }

    /** One frame: written, or queued behind what waits (blocking while the queue is full). */
    private boolean put(ByteBuffer frame) {
        if (channel == null) {
            droppedNoSession++; // the held frames' write failed
            return false;
        }
        if (queue.isEmpty()) {
            return writeOrQueue(frame, 1);
        }
        if (!awaitRoom()) {
            droppedNoSession++;
            return false;
        }
        if (queue.isEmpty()) {
            // The connector drained everything while we waited: the socket may take it now.
            return writeOrQueue(frame, 1);
        }
        enqueue(frame, 1);
        return true;
    }

    /** Waits while the queue is full; false when the session ended meanwhile. */
    private boolean awaitRoom() {
        long myGeneration = generation;
        boolean counted = false;
        while (framesInQueue >= capacity) {
            if (!counted) {
                hasBlocked++;
                counted = true;
            }
            notFull.awaitUninterruptibly();
            if (generation != myGeneration) {
                return false;
            }
        }
        return channel != null;
    }

    private boolean writeOrQueue(ByteBuffer bytes, int frames) {
        int length = bytes.remaining();
        int written;
        try {
            written = channel.write(bytes);
        } catch (IOException e) {
            fail("write failed: " + e.getMessage());
            return false;
        }
        if (written == length) {
            sent += frames;
            directly += frames;
            return true;
        }
        if (written > 0) {
            partiallySent++;
        }
        enqueue(bytes, frames);
        return true;
    }

    private void enqueue(ByteBuffer rest, int frames) {
        ByteBuffer copy = ByteBuffer.allocate(rest.remaining());
        copy.put(rest).flip();
        boolean wasEmpty = queue.isEmpty();
        queue.addLast(new Pending(copy, frames, System.nanoTime()));
        framesInQueue += frames;
        bytesInQueue += copy.remaining();
        if (wasEmpty) {
            // The connector watches for writability only while something waits: tell it.
            armWriter.run();
        }
        highestInQueue = Math.max(highestInQueue, framesInQueue);
    }

    /** Forgets what waits: queued and held frames. */
    private void clearWaiting() {
        queue.clear();
        framesInQueue = 0;
        bytesInQueue = 0;
        held.clear();
        heldFrames = 0;
    }

    private void fail(String reason) {
        errors++;
        failure = reason;
        channel = null;
        clearWaiting();
        generation++;
        notFull.signalAll();
        armWriter.run();
    }

    /**
     * Writes queued frames until the socket stops taking them (connector thread).
     *
     * @return true when the queue is empty afterwards
     */
    boolean drain() throws IOException {
        lock.lock();
        try {
            while (channel != null && !queue.isEmpty()) {
                ByteBuffer head = queue.peekFirst().bytes();
                int before = head.remaining();
                int written;
                try {
                    written = channel.write(head);
                } catch (IOException e) {
                    errors++;
                    throw new WriteFailedException("write failed: " + e.getMessage());
                }
                bytesInQueue -= Math.max(0, written);
                if (head.hasRemaining()) {
                    if (written > 0 && written < before) {
                        partiallySent++;
                    }
                    return false;
                }
                Pending done = queue.removeFirst();
                sent += done.frames();
                framesInQueue -= done.frames();
                notFull.signalAll();
            }
            return queue.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    boolean hasPending() {
        lock.lock();
        try {
            return !queue.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    void evArmed(boolean armed) {
        lock.lock();
        try {
            evArmed = armed;
        } finally {
            lock.unlock();
        }
    }

    /** Counts a lost session or a refused write found outside {@link #send}/{@link #drain}. */
    void countError() {
        lock.lock();
        try {
            errors++;
        } finally {
            lock.unlock();
        }
    }

    FpcQueueStats stats() {
        lock.lock();
        try {
            Pending oldest = queue.peekFirst();
            long age = oldest == null ? 0 : Math.max(1, System.nanoTime() - oldest.enqueuedNanos());
            return new FpcQueueStats(sent, directly, framesInQueue, highestInQueue, hasBlocked, partiallySent,
                    errors, evArmed ? 1 : 0, droppedNoSession, age, capacity, bytesInQueue);
        } finally {
            lock.unlock();
        }
    }
}
