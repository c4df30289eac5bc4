package org.linuxfpsync.fpm.internal;

/**
 * Told of every change a session applied to the FPM's tables, on the session's thread, right after
 * the tables changed ({@link FpmServer#setAppliedListener}): the benchmarks (bench/) timestamp the
 * objects applied with it. Frames refused (ENOENT, EINVAL...) change nothing and are not told. An
 * implementation must be quick and must not throw.
 */
@FunctionalInterface
public interface FpmAppliedListener {
    /**
     * @param type   the FPC message type applied ({@code ROUTE_ADD}, {@code IF_CREATE}...)
     * @param object the {@link org.linuxfpsync.fpm.FpmObject} or {@link org.linuxfpsync.fpm.FpmInterface}
     *               written or deleted, or the ifuid ({@link Long}) of an {@code IF_DELETE}
     */
    void applied(int type, Object object);

    /**
     * A change to a table kept as frames (the routes): by default {@link #applied} of its object,
     * decoded for it. A listener that needs less (the vrf, or nothing) overrides this and spares
     * the FPM a decoding per route (issue #23).
     *
     * @param frame valid during this call only
     */
    default void appliedFrame(int type, AppliedFrame frame) {
        applied(type, frame.object());
    }

    /**
     * Told on the session's thread when a read from the client returned bytes, before the frames
     * it completed are applied: the benchmarks split a change's latency into the transport (up to
     * this read) and the FPM's own decoding and storing (from it to {@link #applied}).
     *
     * @param nanoTime {@link System#nanoTime()} when the read returned
     */
    default void read(long nanoTime) {
    }
}
