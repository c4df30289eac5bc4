package org.linuxfpsync.netlink.internal;

import jnr.ffi.Pointer;
import org.linuxfpsync.netlink.NetlinkException;
import org.linuxfpsync.netlink.NetlinkFamily;
import org.linuxfpsync.netlink.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a reader thread sleeps without cost and is still woken at once, without a timeout unless it
 * has something scheduled (a dump to retry): a new command, a stop or a close wakes it. Replaces a
 * 20 ms receive timeout that woke every idle reader 50 times a second (issue #23).
 *
 * <p>Two ways, by what the reader waits on:
 * <ul>
 * <li>A listening socket's reader is woken by a <b>datagram</b>: an empty message (NLMSG_NOOP)
 * sent from a socket of its own, in the same namespace, to the listening socket's port. So the
 * reader may block in the receive itself ({@code recvmmsg} with MSG_WAITFORONE): one system call
 * per wake-up, where a poll(2) of the socket and an eventfd needed a poll and a receive (the link
 * churn's reader: a deletion a wake-up, issue #23). The reader knows the wake-ups by their sender
 * ({@link #isWake}): no other socket can send from that port, and they are neither delivered nor
 * counted as forged.</li>
 * <li>Otherwise (a command-only channel, the proc connector) an <b>eventfd</b>, which
 * {@link #await} polls together with the socket.</li>
 * </ul>
 *
 * <p>{@link #wake} may be called from any thread, also after the reader has ended: the fd is
 * closed and written under one lock, so that a late wake never writes to a reused fd number.
 */
final class ReaderWakeup implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReaderWakeup.class);
    static final int EFD_NONBLOCK = 0x800;
    static final int EFD_CLOEXEC = 0x80000;
    static final short POLLIN = 0x1;
    /** {@code struct pollfd}: int fd, short events, short revents. */
    private static final int POLLFD_BYTES = 8;
    /** {@code struct nlmsghdr}: the whole wake-up message. */
    private static final int NLMSG_HDRLEN = 16;
    private static final short NLMSG_NOOP = 1;

    private final LibC libc;
    private final Posix posix;
    /** The eventfd, or -1 when woken by datagram. */
    private final int eventFd;
    /** The socket wake-ups are sent from, or null for an eventfd. */
    private final NetlinkSocket sender;
    /** The listening socket's port: where wake-ups go. */
    private final int listenerPortId;
    /** Two pollfd: the socket (or -1, which poll ignores), then the eventfd (or -1). Reader thread only. */
    private final Pointer pollFds;
    /** The eventfd's 8-byte counter, read by the reader thread. */
    private final Pointer drained;
    /** What a wake writes: the eventfd's 1, or the NLMSG_NOOP header. Written under the lock. */
    private final Pointer message;
    private final RateLimitedLog failedLog = new RateLimitedLog(LOG);
    private boolean closed;

    private ReaderWakeup(Posix posix, int eventFd, NetlinkSocket sender, int listenerPortId) {
        this.posix = posix;
        this.libc = posix.libc();
        this.eventFd = eventFd;
        this.sender = sender;
        this.listenerPortId = listenerPortId;
        this.pollFds = posix.allocate(2 * POLLFD_BYTES);
        this.drained = posix.allocate(8);
        this.message = posix.allocate(NLMSG_HDRLEN);
        if (sender == null) {
            message.putLong(0, 1);
        } else {
            message.putInt(0, NLMSG_HDRLEN);
            message.putShort(4, NLMSG_NOOP);
        }
    }

    /** An eventfd wake-up, for a reader without a listening socket of its own to block in. */
    static ReaderWakeup open(Posix posix, String name) throws NetlinkException {
        int fd = posix.libc().eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        if (fd < 0) {
            throw new NetlinkException("eventfd for " + name + " failed: " + posix.describe(posix.errno()));
        }
        return new ReaderWakeup(posix, fd, null, 0);
    }

    /**
     * A datagram wake-up for the reader of {@code listener}: a socket of the same family in the same
     * namespace ({@code netnsName}), which sends to the listener's port.
     */
    static ReaderWakeup sendingTo(Posix posix, NetlinkFamily family, String netnsName, NetlinkSocket listener,
                                  String name) throws NetlinkException {
        NetlinkSocket sender = NetlinkSocket.open(posix, family, netnsName, name);
        return new ReaderWakeup(posix, -1, sender, listener.portId());
    }

    /** Whether wake-ups arrive as datagrams on the listening socket (the reader may block in its receive). */
    boolean byDatagram() {
        return sender != null;
    }

    /** Whether a datagram from {@code senderPortId} is a wake-up of this object (not a notification). */
    boolean isWake(int senderPortId) {
        return sender != null && senderPortId == sender.portId();
    }

    /** Makes the reader's current or next wait return. Any thread; harmless once closed. */
    synchronized void wake() {
        if (closed) {
            return;
        }
        if (sender == null) {
            // Fails only when the counter is about to overflow: the reader is woken anyway.
            libc.write(eventFd, message, 8);
            return;
        }
        int errno = sender.sendNow(message, NLMSG_HDRLEN, listenerPortId);
        // EAGAIN: the listening socket's queue is full, so its reader is not waiting (it has datagrams
        // to take, and looks at its commands after them).
        if (errno != 0 && errno != Errno.EAGAIN) {
            failedLog.warn("wake-up of " + Integer.toUnsignedString(listenerPortId) + " from " + sender
                    + " failed: " + posix.describe(errno), null);
        }
    }

    /**
     * Blocks until {@code socketFd} is readable, a {@link #wake}, or {@code timeoutMillis} (-1: no
     * timeout). Reader thread only. Consumes the eventfd's wakes it saw (a datagram's is consumed by
     * the receive that takes it): a wake after that is seen by the next call, so none is lost between
     * a look at the command queue and the next wait.
     *
     * @param socketFd -1 to wait for a wake only (a command-only channel, eventfd)
     */
    void await(int socketFd, int timeoutMillis) {
        pollFds.putInt(0, socketFd);
        pollFds.putShort(4, POLLIN);
        pollFds.putShort(6, (short) 0);
        pollFds.putInt(POLLFD_BYTES, eventFd);
        pollFds.putShort(POLLFD_BYTES + 4, POLLIN);
        pollFds.putShort(POLLFD_BYTES + 6, (short) 0);
        // EINTR or a failure: the caller looks at its queue and socket, and waits again.
        if (libc.poll(pollFds, 2, timeoutMillis) > 0 && eventFd >= 0
                && (pollFds.getShort(POLLFD_BYTES + 6) & POLLIN) != 0) {
            libc.read(eventFd, drained, 8);
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            if (sender == null) {
                libc.close(eventFd);
            } else {
                sender.close();
            }
        }
    }

    @Override
    public String toString() {
        return (sender == null ? "eventfd " + eventFd : "wake-ups from " + sender) + (closed ? " (closed)" : "");
    }
}
