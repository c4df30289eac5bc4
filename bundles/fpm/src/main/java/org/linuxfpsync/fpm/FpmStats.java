package org.linuxfpsync.fpm;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the FPM counted since it started. The maps are sorted by name.
 *
 * @param framesReceived      frames received per message type name (HELLO, IF_CREATE, ..., UNKNOWN)
 * @param errorsSent          ERROR replies sent per errno name (ENOENT, EINVAL, EPROTO, EOPNOTSUPP)
 * @param malformedFrames     frames refused for their format (EPROTO or EINVAL)
 * @param connectionsAccepted connections accepted, with or without a HELLO
 * @param sessionsAccepted    sessions established by a HELLO exchange
 * @param epoch               the epoch of the current or last session, 0 before the first
 * @param sweeps              graceful-restart replays completed (GR_END applied)
 * @param objectsSwept        objects deleted by those sweeps because the replay did not refresh them
 * @param objectsFlushed      objects deleted by FLUSH
 * @param connectionsRefused  connections closed at once because too many were waiting for their HELLO
 * @param helloTimeouts       connections closed because their HELLO did not come in time
 * @param tableSizes          rows per table, in the order of docs/fpm-dump.md (interfaces first)
 */
public record FpmStats(Map<String, Long> framesReceived, Map<String, Long> errorsSent, long malformedFrames,
                       long connectionsAccepted, long sessionsAccepted, long epoch, long sweeps,
                       long objectsSwept, long objectsFlushed, long connectionsRefused, long helloTimeouts,
                       Map<String, Integer> tableSizes) {

    public FpmStats {
        framesReceived = Collections.unmodifiableMap(new TreeMap<>(framesReceived));
        errorsSent = Collections.unmodifiableMap(new TreeMap<>(errorsSent));
        tableSizes = Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tableSizes));
    }

    /** Frames received of one type name, 0 when none. */
    public long received(String typeName) {
        return framesReceived.getOrDefault(typeName, 0L);
    }

    /** ERROR replies sent with one errno name, 0 when none. */
    public long errors(String errnoName) {
        return errorsSent.getOrDefault(errnoName, 0L);
    }
}
