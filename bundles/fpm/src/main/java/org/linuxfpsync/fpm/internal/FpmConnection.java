package org.linuxfpsync.fpm.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One accepted connection: its own thread reads frames into an {@link FpmSession} until either side ends it. */
final class FpmConnection implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(FpmConnection.class);
    private static final int REPLY_BUFFER = 64 * 1024;

    private final long id;
    private final SocketChannel channel;
    private final FpmSession session;
    private final Thread thread;
    private final Consumer<FpmConnection> onEnd;
    private volatile boolean closing;
    /**
     * Replies to the frames of one read, written together after them: a STATS_REPLY per interface
     * written alone was a syscall each and a wake-up of the client's reader for a frame or two.
     */
    private final ByteBuffer replies = ByteBuffer.allocateDirect(REPLY_BUFFER);

    /**
     * @param onSessionUp told when this connection's HELLO is accepted
     * @param onEnd       told when the connection has ended, on its thread
     */
    FpmConnection(long id, SocketChannel channel, FpmTables tables, FpmCounters counters, long features,
                  LongSupplier epochs, Consumer<FpmConnection> onSessionUp, Consumer<FpmConnection> onEnd) {
        this.id = id;
        this.onEnd = onEnd;
        this.channel = channel;
        this.session = new FpmSession(tables, counters, features, epochs, this::write, () -> onSessionUp.accept(this));
        this.thread = new Thread(this, "fpm-connection-" + id);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    @Override
    public void run() {
        String reason = "the client closed the connection";
        try {
            while (true) {
                if (session.readFrom(channel) < 0) {
                    break;
                }
                boolean keep = session.process();
                flushReplies();
                if (!keep) {
                    reason = session.closeReason();
                    break;
                }
            }
        } catch (ClosedChannelException e) {
            reason = closing ? "replaced or stopped" : "closed";
        } catch (IOException e) {
            reason = closing ? "replaced or stopped" : "I/O error: " + e.getMessage();
        } finally {
            closeChannel();
        }
        LOG.info("FPM connection {} closed after {} frames{}: {}", id, session.frames(),
                session.isUp() ? " (session epoch " + session.epoch() + ")" : ", no session", reason);
        onEnd.accept(this);
    }

    long id() {
        return id;
    }

    /** Ends the connection and waits for its thread (unless called from it). */
    void close() {
        closing = true;
        closeChannel();
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Buffers a reply until the frames of the read are handled; blocking writes: the client reads them. */
    private void write(ByteBuffer frame) throws IOException {
        if (frame.remaining() > replies.remaining()) {
            flushReplies();
            if (frame.remaining() > replies.remaining()) {
                writeFully(frame);
                return;
            }
        }
        replies.put(frame);
    }

    private void flushReplies() throws IOException {
        if (replies.position() > 0) {
            replies.flip();
            writeFully(replies);
            replies.clear();
        }
    }

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    private void closeChannel() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing FPM connection {}", id, e);
        }
    }
}
