package org.linuxfpsync.fpc;

/**
 * The manual's {@code show queue} counters, plus what an operator needs beyond them.
 *
 * @param sent            frames fully written to the socket
 * @param directly        frames written at once, without passing through the queue
 * @param inQueue         frames waiting now
 * @param highestInQueue  the largest number of frames ever waiting at once
 * @param hasBlocked      times the queue was full and a producer had to wait
 * @param partiallySent   times a write took only part of a frame
 * @param errors          write or connection errors
 * @param evArmed         1 when the writer waits for the socket to become writable
 * @param droppedNoSession frames not sent because no session was up (the replay covers them)
 * @param oldestQueuedNanos age of the oldest waiting frame, 0 when the queue is empty
 * @param capacity        frames the queue holds before producers block (the {@code queueFrames} setting)
 * @param bytesInQueue    bytes of the frames waiting now
 */
public record FpcQueueStats(long sent, long directly, long inQueue, long highestInQueue, long hasBlocked,
                            long partiallySent, long errors, long evArmed, long droppedNoSession,
                            long oldestQueuedNanos, long capacity, long bytesInQueue) {

    /** The counters alone, for a channel that has no queue of its own to describe (capacity and bytes 0). */
    public FpcQueueStats(long sent, long directly, long inQueue, long highestInQueue, long hasBlocked,
                         long partiallySent, long errors, long evArmed, long droppedNoSession,
                         long oldestQueuedNanos) {
        this(sent, directly, inQueue, highestInQueue, hasBlocked, partiallySent, errors, evArmed, droppedNoSession,
                oldestQueuedNanos, 0, 0);
    }
}
