package org.linuxfpsync.featuresync;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sequence numbers of the frames the features send. FPC only uses them to name a refused frame in
 * an ERROR, so one counter for every feature keeps them distinct within the features' frames.
 */
public final class FrameSequence {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private FrameSequence() {
    }

    public static int next() {
        return SEQUENCE.incrementAndGet();
    }
}
