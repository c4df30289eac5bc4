package org.linuxfpsync.fpc;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * The cache manager's side of FPC: one session towards the fast path manager at the configured
 * endpoint, reconnected with backoff when it is lost.
 */
public interface FpcChannel {

    /** The configured endpoint, {@code unix:/path} or {@code tcp:host:port}. */
    String endpoint();

    /** The peer of the current session, or null when no session is up. */
    FpcPeer peer();

    /**
     * Sends one complete frame, read from {@code frame}'s position to its limit (the buffer is
     * not kept: its bytes are written or copied before return). Safe from any thread.
     *
     * @return false when no session is up: the frame is dropped and counted, and the
     *         listener's replay at the next {@link FpcSessionListener#sessionUp} covers it
     */
    boolean send(ByteBuffer frame);

    /**
     * Writes every frame held so far; while {@linkplain #holdFrames holding} is on, the calling
     * thread's later frames are then held and written together, several per write, until its next
     * call (or until they fill a buffer): a dump chunk or a burst of kernel notifications costs one
     * write and one wake-up of the FPM instead of one per frame. For a thread that calls it each
     * time before it waits (the netlink readers, through {@code NetlinkService.addBeforeWaitHook});
     * frames of other threads are written at once, after whatever is held (order on the wire stays
     * the order of {@link #send} calls). Does nothing by default.
     */
    default void flush() {
    }

    /**
     * Turns holding on (by whoever makes every thread that flushes call {@link #flush} before each
     * wait) or off (what is held is written now, and every frame from now on at once). Off at start.
     */
    default void holdFrames(boolean on) {
    }

    void addSessionListener(FpcSessionListener listener);

    void removeSessionListener(FpcSessionListener listener);

    FpcQueueStats queueStats();

    /** ERROR replies received from the peer since start, per errno ({@code ErrorAttr} codes). */
    default Map<Integer, Long> peerErrors() {
        return Map.of();
    }
}
