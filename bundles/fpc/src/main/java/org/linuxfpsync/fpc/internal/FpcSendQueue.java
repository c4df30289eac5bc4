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
 * <p>One lock guards the socket writes, the queue and the counters. Producers are a handful of
 * netlink reader threads and a write to a non-blocking socket is short, so the lock is cheap, and
 * it makes frame order on the wire the order in which {@code send} was entered, which a finer
 * scheme would have to prove.
 */
final class FpcSendQueue {
    /** A write to the socket failed; already counted in {@code errors}. */
    static final class WriteFailedException extends IOException {
        private static final long serialVersionUID = 1L;

        WriteFailedException(String message) {
            super(message);
        }
    }

    private record Pending(ByteBuffer bytes, long enqueuedNanos) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final int capacity;
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
            int discarded = queue.size();
            queue.clear();
            bytesInQueue = 0;
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
            if (queue.isEmpty()) {
                return writeOrQueue(frame);
            }
            long myGeneration = generation;
            boolean counted = false;
            while (queue.size() >= capacity) {
                if (!counted) {
                    hasBlocked++;
                    counted = true;
                }
                notFull.awaitUninterruptibly();
                if (generation != myGeneration) {
                    droppedNoSession++;
                    return false;
                }
            }
            if (queue.isEmpty()) {
                // The connector drained everything while we waited: the socket may take it now.
                return writeOrQueue(frame);
            }
            enqueue(frame);
            return true;
        } finally {
            lock.unlock();
        }
    }

    private boolean writeOrQueue(ByteBuffer frame) {
        int length = frame.remaining();
        int written;
        try {
            written = channel.write(frame);
        } catch (IOException e) {
            fail("write failed: " + e.getMessage());
            return false;
        }
        if (written == length) {
            sent++;
            directly++;
            return true;
        }
        if (written > 0) {
            partiallySent++;
        }
        enqueue(frame);
        return true;
    }

    private void enqueue(ByteBuffer rest) {
        ByteBuffer copy = ByteBuffer.allocate(rest.remaining());
        copy.put(rest).flip();
        boolean wasEmpty = queue.isEmpty();
        queue.addLast(new Pending(copy, System.nanoTime()));
        bytesInQueue += copy.remaining();
        if (wasEmpty) {
            // The connector watches for writability only while something waits: tell it.
            armWriter.run();
        }
        highestInQueue = Math.max(highestInQueue, queue.size());
    }

    private void fail(String reason) {
        errors++;
        failure = reason;
        channel = null;
        queue.clear();
        bytesInQueue = 0;
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
                queue.removeFirst();
                sent++;
                notFull.signal();
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
            return new FpcQueueStats(sent, directly, queue.size(), highestInQueue, hasBlocked, partiallySent,
                    errors, evArmed ? 1 : 0, droppedNoSession, age, capacity, bytesInQueue);
        } finally {
            lock.unlock();
        }
    }
}
