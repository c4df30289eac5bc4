package org.linuxfpsync.fpc.testing;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.fpc.FpcPeer;
import org.linuxfpsync.fpc.FpcQueueStats;
import org.linuxfpsync.fpc.FpcSessionListener;
import org.linuxfpsync.fpc.codec.FpcFormatException;
import org.linuxfpsync.fpc.codec.FrameReader;

/**
 * The FPC channel of every module's tests (this module's test-jar): a session that is up (or as
 * the test sets it: {@link #peer(FpcPeer)}, {@link #queueStats(FpcQueueStats)}, {@link #peerErrors(Map)}),
 * and every frame sent recorded as one line of text, in sending order. A frame that does not decode
 * fails the test. Two line formats: {@link Format#CHECKED}, which also checks every frame against
 * the protocol's schema (the sync features' tests), and {@link Format#COMPACT}, the core's tests'
 * short form of interface messages and GR markers.
 */
public final class RecordingFpc implements FpcChannel {
    /** How a frame becomes a line. */
    public enum Format {
        CHECKED, COMPACT
    }

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<byte[]> frameBytes = new CopyOnWriteArrayList<>();
    private final FrameReader reader = new FrameReader();
    /** null: frames are counted, not decoded. */
    private final Format format;
    private long frames;
    private String endpoint = "test:";
    private volatile FpcPeer peer = new FpcPeer("test", 1, 0x1ffff, 1);
    private volatile FpcQueueStats stats;
    private volatile Map<Integer, Long> errors = Map.of();

    /** Lines in the {@link Format#CHECKED} format. */
    public RecordingFpc() {
        this(Format.CHECKED);
    }

    public RecordingFpc(Format format) {
        this.format = format;
    }

    /** Counts frames and keeps nothing: what an allocation test needs (it measures the sender, not us). */
    public static RecordingFpc countingOnly() {
        return new RecordingFpc(null);
    }

    @Override
    public synchronized boolean send(ByteBuffer frame) {
        if (peer == null) {
            return false; // no session: dropped, as the FPC client does
        }
        frames++;
        if (format == null) {
            return true;
        }
        byte[] bytes = new byte[frame.remaining()];
        frame.duplicate().get(bytes);
        frameBytes.add(bytes);
        try {
            reader.wrapFrame(frame.duplicate());
            lines.add(format == Format.CHECKED ? FrameLines.checked(reader) : FrameLines.compact(reader));
        } catch (FpcFormatException e) {
            throw new AssertionError("malformed FPC frame: " + e.getMessage(), e);
        }
        return true;
    }

    /** A line recorded by the test itself (a fake core's replay markers), in sending order. */
    public void note(String line) {
        lines.add(line);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** The lines that start with {@code prefix}. */
    public List<String> lines(String prefix) {
        List<String> matching = new ArrayList<>();
        for (String l : lines) {
            if (l.startsWith(prefix)) {
                matching.add(l);
            }
        }
        return matching;
    }

    /** Every frame recorded, as sent (secrets included: for a test that looks for them, never to print). */
    public List<byte[]> frameBytes() {
        return List.copyOf(frameBytes);
    }

    public void clear() {
        lines.clear();
        frameBytes.clear();
    }

    /** Frames sent, recorded or not. */
    public synchronized long frames() {
        return frames;
    }

    public RecordingFpc endpoint(String endpoint) {
        this.endpoint = endpoint;
        return this;
    }

    /** The peer of the session, or null: no session, frames are dropped. */
    public RecordingFpc peer(FpcPeer peer) {
        this.peer = peer;
        return this;
    }

    /** What {@link #queueStats()} reports; null: the frames recorded, all sent directly. */
    public RecordingFpc queueStats(FpcQueueStats stats) {
        this.stats = stats;
        return this;
    }

    public RecordingFpc peerErrors(Map<Integer, Long> errors) {
        this.errors = errors;
        return this;
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public FpcPeer peer() {
        return peer;
    }

    @Override
    public Map<Integer, Long> peerErrors() {
        return errors;
    }

    @Override
    public void addSessionListener(FpcSessionListener listener) {
    }

    @Override
    public void removeSessionListener(FpcSessionListener listener) {
    }

    @Override
    public FpcQueueStats queueStats() {
        FpcQueueStats set = stats;
        return set != null ? set : new FpcQueueStats(lines.size(), lines.size(), 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
