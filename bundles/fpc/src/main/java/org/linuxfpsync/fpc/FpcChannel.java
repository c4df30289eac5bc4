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

    void addSessionListener(FpcSessionListener listener);

    void removeSessionListener(FpcSessionListener listener);

    FpcQueueStats queueStats();

    /** ERROR replies received from the peer since start, per errno ({@code ErrorAttr} codes). */
    default Map<Integer, Long> peerErrors() {
        return Map.of();
    }
}
