package org.linuxfpsync.netlink.internal;

import jnr.ffi.Pointer;
import org.linuxfpsync.netlink.NetlinkException;

/**
 * How a reader thread sleeps without cost and is still woken at once: it blocks in poll(2) on its
 * listening socket and on an eventfd, with no timeout unless it has something scheduled (a dump to
 * retry). A new command, a stop or a close writes the eventfd. Replaces a 20 ms receive timeout
 * that woke every idle reader 50 times a second (issue #23: most of cmgrd's CPU in the link churn
 * benchmark was ten idle readers waking).
 *
 * <p>{@link #wake} may be called from any thread, also after the reader has ended: the eventfd is
 * closed and written under one lock, so that a late wake never writes to a reused fd number.
 */
final class ReaderWakeup implements AutoCloseable {
    static final int EFD_NONBLOCK = 0x800;
    static final int EFD_CLOEXEC = 0x80000;
    static final short POLLIN = 0x1;
    /** {@code struct pollfd}: int fd, short events, short revents. */
    private static final int POLLFD_BYTES = 8;

    private final LibC libc;
    private final int eventFd;
    /** Two pollfd: the socket (or -1, which poll ignores), then the eventfd. Reader thread only. */
    private final Pointer pollFds;
    /** The eventfd's 8-byte counter, read by the reader thread. */
    private final Pointer drained;
    /** The 8-byte value a wake adds, written under the lock. */
    private final Pointer one;
    private boolean closed;

    private ReaderWakeup(Posix posix, int eventFd) {
        this.libc = posix.libc();
        this.eventFd = eventFd;
        this.pollFds = posix.allocate(2 * POLLFD_BYTES);
        this.drained = posix.allocate(8);
        this.one = posix.allocate(8);
        one.putLong(0, 1);
    }

    static ReaderWakeup open(Posix posix, String name) throws NetlinkException {
        int fd = posix.libc().eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        if (fd < 0) {
            throw new NetlinkException("eventfd for " + name + " failed: " + posix.describe(posix.errno()));
        }
        return new ReaderWakeup(posix, fd);
    }

    /** Makes the reader's current or next {@link #await} return. Any thread; harmless once closed. */
    synchronized void wake() {
        if (!closed) {
            // Fails only when the counter is about to overflow: the reader is woken anyway.
            libc.write(eventFd, one, 8);
        }
    }

    /**
     * Blocks until {@code socketFd} is readable, a {@link #wake}, or {@code timeoutMillis} (-1: no
     * timeout). Reader thread only. Consumes the wakes it saw: a wake after that is seen by the
     * next call, so none is lost between a look at the command queue and the next wait.
     *
     * @param socketFd -1 to wait for a wake only (a command-only channel)
     */
    void await(int socketFd, int timeoutMillis) {
        pollFds.putInt(0, socketFd);
        pollFds.putShort(4, POLLIN);
        pollFds.putShort(6, (short) 0);
        pollFds.putInt(POLLFD_BYTES, eventFd);
        pollFds.putShort(POLLFD_BYTES + 4, POLLIN);
        pollFds.putShort(POLLFD_BYTES + 6, (short) 0);
        // EINTR or a failure: the caller looks at its queue and socket, and waits again.
        if (libc.poll(pollFds, 2, timeoutMillis) > 0 && (pollFds.getShort(POLLFD_BYTES + 6) & POLLIN) != 0) {
            libc.read(eventFd, drained, 8);
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            libc.close(eventFd);
        }
    }

    @Override
    public String toString() {
        return "eventfd " + eventFd + (closed ? " (closed)" : "");
    }
}
