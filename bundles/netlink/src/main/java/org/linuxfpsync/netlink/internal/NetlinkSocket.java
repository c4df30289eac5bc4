package org.linuxfpsync.netlink.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.locks.LockSupport;
import jnr.ffi.Pointer;
import org.linuxfpsync.netlink.NetlinkException;
import org.linuxfpsync.netlink.NetlinkFamily;

/**
 * One AF_NETLINK socket, bound to a kernel-assigned port id, with the native scratch memory its
 * calls need and, from its first {@link #receive(int)}, its own direct receive buffer: after that,
 * receiving allocates nothing. A listening socket receives into a {@link ReceiveVector} and never
 * has that buffer. Not thread-safe: after creation it belongs to one reader thread.
 */
final class NetlinkSocket implements AutoCloseable {
    static final int AF_NETLINK = 16;
    static final int SOCK_RAW = 3;
    static final int SOCK_CLOEXEC = 0x80000;

    static final int SOL_SOCKET = 1;
    static final int SO_SNDBUF = 7;
    static final int SO_RCVBUF = 8;
    static final int SO_RCVTIMEO = 20;
    static final int SO_RCVBUFFORCE = 33;

    static final int SOL_NETLINK = 270;
    static final int NETLINK_ADD_MEMBERSHIP = 1;
    static final int NETLINK_DROP_MEMBERSHIP = 2;
    static final int NETLINK_EXT_ACK = 11;
    static final int NETLINK_GET_STRICT_CHK = 12;

    static final int MSG_TRUNC = 0x20;
    static final int MSG_DONTWAIT = 0x40;
    /** recvmmsg(2): block for the first datagram only, then take what is queued without waiting. */
    static final int MSG_WAITFORONE = 0x10000;

    /** {@code struct sockaddr_nl}: nl_family u16, nl_pad u16, nl_pid u32, nl_groups u32. */
    private static final int SOCKADDR_NL_LENGTH = 12;

    /**
     * Large enough for any rtnetlink datagram: the kernel sizes dump chunks to at most 32 KiB,
     * and a notification is a single message. A bigger one is detected (MSG_TRUNC), not misread.
     */
    static final int RECEIVE_BUFFER_BYTES = 64 * 1024;

    private final Posix posix;
    private final LibC libc;
    private final String name;
    private final int fd;
    private final int portId;
    /** Allocated by the first {@link #receive(int)}: sockets that receive by vector need none. */
    private ByteBuffer receiveBuffer;
    private Pointer receivePointer;
    private final Pointer address;
    private final Pointer addressLength;
    private final Pointer option;
    private final Pointer optionLength;
    private int senderPortId;
    private boolean closed;
    private Runnable beforeWait = () -> { };
    /** The pollfd of {@link #hasQueuedNow}, which other threads call: allocated once, guarded by this. */
    private Pointer peekPollFd;

    private NetlinkSocket(Posix posix, String name, int fd) throws NetlinkException {
        this.posix = posix;
        this.libc = posix.libc();
        this.name = name;
        this.fd = fd;
        this.address = posix.allocate(SOCKADDR_NL_LENGTH);
        this.addressLength = posix.allocate(4);
        this.option = posix.allocate(16);
        this.optionLength = posix.allocate(4);
        this.portId = bind();
    }

    /**
     * Opens, in the vrf's namespace, a netlink socket of {@code family} bound to a port id the
     * kernel chooses (no multicast group yet).
     */
    static NetlinkSocket open(Posix posix, NetlinkFamily family, String netnsName, String name)
            throws NetlinkException {
        int fd = NetworkNamespace.socketIn(posix, netnsName, AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC,
                family.protocol, name);
        try {
            return new NetlinkSocket(posix, name, fd);
        } catch (NetlinkException | RuntimeException e) {
            posix.libc().close(fd);
            throw e;
        }
    }

    private int bind() throws NetlinkException {
        writeAddress(0);
        if (libc.bind(fd, address, SOCKADDR_NL_LENGTH) < 0) {
            throw failure("bind");
        }
        addressLength.putInt(0, SOCKADDR_NL_LENGTH);
        if (libc.getsockname(fd, address, addressLength) < 0) {
            throw failure("getsockname");
        }
        return address.getInt(4);
    }

    private void writeAddress(int pid) {
        address.putShort(0, (short) AF_NETLINK);
        address.putShort(2, (short) 0);
        address.putInt(4, pid);
        address.putInt(8, 0);
    }

    private NetlinkException failure(String call) {
        return new NetlinkException(call + " on " + name + " failed: " + posix.describe(posix.errno()));
    }

    String name() {
        return name;
    }

    /** The port id the kernel assigned (sockaddr_nl.nl_pid of getsockname). */
    int portId() {
        return portId;
    }

    /** The buffer {@link #receive(int)} fills from offset 0, in host byte order. */
    ByteBuffer receiveBuffer() {
        if (receiveBuffer == null) {
            receiveBuffer = ByteBuffer.allocateDirect(RECEIVE_BUFFER_BYTES).order(ByteOrder.nativeOrder());
            receivePointer = posix.wrap(receiveBuffer);
        }
        return receiveBuffer;
    }

    /**
     * Receives one datagram into {@link #receiveBuffer()}.
     *
     * @param flags e.g. {@link #MSG_DONTWAIT}; MSG_TRUNC is always added
     * @return the datagram's real length (greater than the buffer's capacity when it was
     *         truncated), or {@code -errno} (EAGAIN on receive timeout)
     */
    int receive(int flags) {
        if (receivePointer == null) {
            receiveBuffer();
        }
        addressLength.putInt(0, SOCKADDR_NL_LENGTH);
        long n = libc.recvfrom(fd, receivePointer, RECEIVE_BUFFER_BYTES, flags | MSG_TRUNC, address, addressLength);
        if (n < 0) {
            return -posix.errno();
        }
        senderPortId = address.getInt(4);
        return (int) Math.min(n, Integer.MAX_VALUE);
    }

    /**
     * Receives up to {@code vector.slots()} datagrams in one recvmmsg(2) (see {@link ReceiveVector}).
     *
     * @param flags e.g. {@link #MSG_DONTWAIT}; MSG_TRUNC is always added
     * @return the number received, or {@code -errno} (EAGAIN: none queued, with MSG_DONTWAIT)
     */
    int receive(ReceiveVector vector, int flags) {
        return vector.receive(libc, posix, fd, flags);
    }

    /**
     * Runs the before-wait hook, then receives into {@code vector}, blocking until the first datagram
     * (a notification, or a {@link ReaderWakeup} datagram) and taking what is queued after it without
     * waiting: the wait and the receive in one system call.
     *
     * @return as {@link #receive(ReceiveVector, int)}; -EINTR when a signal ended the wait
     */
    int receiveWaiting(ReceiveVector vector) {
        beforeWait.run();
        return vector.receive(libc, posix, fd, MSG_WAITFORONE);
    }

    /**
     * Sends {@code length} bytes at {@code buffer} to port {@code destinationPortId}, without waiting
     * for room in its queue. Not for concurrent use: the caller serializes.
     *
     * @return 0, or the errno (EAGAIN: the destination's queue is full)
     */
    int sendNow(Pointer buffer, int length, int destinationPortId) {
        writeAddress(destinationPortId);
        long n = libc.sendto(fd, buffer, length, MSG_DONTWAIT, address, SOCKADDR_NL_LENGTH);
        return n < 0 ? posix.errno() : 0;
    }

    /**
     * Runs the before-wait hook, then blocks until a datagram is queued (at once if one is), the
     * reader is woken, or {@code timeoutMillis} (-1: none) passes. For a reader that knows its
     * queue was empty at its last receive (a vector it did not fill), so that it needs no receive
     * returning EAGAIN to find out.
     */
    void awaitReadable(ReaderWakeup wakeup, int timeoutMillis) {
        beforeWait.run();
        wakeup.await(fd, timeoutMillis);
    }

    /**
     * Runs the before-wait hook, then sleeps {@code nanos}, without looking at the socket: a reader
     * that knows the kernel is notifying a dense stream of changes lets them queue, to take them together.
     */
    void pause(long nanos) {
        beforeWait.run();
        LockSupport.parkNanos(nanos);
    }

    /**
     * Whether a datagram waits in the socket now (poll(2), no timeout). Any thread; true when the
     * call fails or the fd is no longer valid: the answer that makes the caller do more, not less.
     */
    synchronized boolean hasQueuedNow() {
        if (peekPollFd == null) {
            peekPollFd = posix.allocate(8);
        }
        peekPollFd.putInt(0, fd);
        peekPollFd.putShort(4, ReaderWakeup.POLLIN);
        peekPollFd.putShort(6, (short) 0);
        int n = libc.poll(peekPollFd, 1, 0);
        return n != 0;
    }

    /** Run by {@link #receiveOrWait} before it blocks (the service's before-wait hooks). */
    void beforeWait(Runnable hook) {
        this.beforeWait = hook;
    }

    /**
     * Like {@code receive(0)}, but when nothing is waiting in the socket, runs the before-wait hook
     * first: what the thread produced from the datagrams so far leaves before it sleeps (the FPC
     * client writes its held frames together), and not before, while the kernel still has more.
     */
    int receiveOrWait() {
        int n = receive(MSG_DONTWAIT);
        if (n != -Errno.EAGAIN) {
            return n;
        }
        beforeWait.run();
        return receive(0);
    }

    /**
     * Like {@link #receiveOrWait()}, but waits in {@code wakeup} instead of in recvfrom: without a
     * receive timeout, so that an idle socket costs nothing, and until a datagram arrives, the
     * reader is woken, or {@code timeoutMillis} (-1: none) passes.
     *
     * @return as {@link #receive}: -EAGAIN when woken or timed out without a datagram
     */
    int receiveOrWait(ReaderWakeup wakeup, int timeoutMillis) {
        int n = receive(MSG_DONTWAIT);
        if (n != -Errno.EAGAIN) {
            return n;
        }
        beforeWait.run();
        wakeup.await(fd, timeoutMillis);
        return receive(MSG_DONTWAIT);
    }

    /** sockaddr_nl.nl_pid of the last datagram received: 0 for the kernel, else a user-space socket. */
    int senderPortId() {
        return senderPortId;
    }

    /**
     * Sends {@code length} bytes of {@code buffer} (a direct buffer, from offset 0) to port
     * {@code destinationPortId} (0 = the kernel).
     */
    void send(Pointer buffer, int length, int destinationPortId) throws NetlinkException {
        writeAddress(destinationPortId);
        long n = libc.sendto(fd, buffer, length, 0, address, SOCKADDR_NL_LENGTH);
        if (n < 0) {
            throw failure("sendto");
        }
        if (n != length) {
            throw new NetlinkException("sendto on " + name + " sent " + n + " of " + length + " bytes");
        }
    }

    void joinGroup(int group) throws NetlinkException {
        setIntOption(SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, group, "NETLINK_ADD_MEMBERSHIP " + group);
    }

    void leaveGroup(int group) throws NetlinkException {
        setIntOption(SOL_NETLINK, NETLINK_DROP_MEMBERSHIP, group, "NETLINK_DROP_MEMBERSHIP " + group);
    }

    /** Asks the kernel to explain errors in NLMSG_ERROR (extended ACK, NLMSGERR_ATTR_MSG). */
    void enableExtendedAck() throws NetlinkException {
        setIntOption(SOL_NETLINK, NETLINK_EXT_ACK, 1, "NETLINK_EXT_ACK");
    }

    /**
     * NETLINK_GET_STRICT_CHK: the kernel checks a request's header strictly and applies the filter
     * attributes of a dump request. Read when the kernel starts a dump, so it may be turned off
     * again once the request is sent.
     */
    void setStrictCheck(boolean on) throws NetlinkException {
        setIntOption(SOL_NETLINK, NETLINK_GET_STRICT_CHK, on ? 1 : 0, "NETLINK_GET_STRICT_CHK");
    }

    /**
     * Sets the receive buffer with SO_RCVBUFFORCE, which may exceed net.core.rmem_max (it needs
     * CAP_NET_ADMIN); without that capability, falls back to SO_RCVBUF, which the kernel caps.
     *
     * @return the size the kernel reports afterwards (it doubles the value for bookkeeping)
     */
    int setReceiveBuffer(int bytes) throws NetlinkException {
        option.putInt(0, bytes);
        if (libc.setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, option, 4) < 0) {
            int errno = posix.errno();
            if (errno != Errno.EPERM) {
                throw new NetlinkException("setsockopt SO_RCVBUFFORCE " + bytes + " on " + name + " failed: "
                        + posix.describe(errno));
            }
            setIntOption(SOL_SOCKET, SO_RCVBUF, bytes, "SO_RCVBUF " + bytes);
        }
        return receiveBufferSize();
    }

    /** SO_RCVBUF as the kernel reports it. */
    int receiveBufferSize() throws NetlinkException {
        optionLength.putInt(0, 4);
        if (libc.getsockopt(fd, SOL_SOCKET, SO_RCVBUF, option, optionLength) < 0) {
            throw failure("getsockopt SO_RCVBUF");
        }
        return option.getInt(0);
    }

    /** SO_RCVTIMEO: a blocking receive returns EAGAIN after this long without a datagram. */
    void setReceiveTimeoutMillis(int millis) throws NetlinkException {
        option.putLong(0, millis / 1000);
        option.putLong(8, (millis % 1000) * 1000L);
        if (libc.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, option, 16) < 0) {
            throw failure("setsockopt SO_RCVTIMEO");
        }
    }

    private void setIntOption(int level, int optname, int value, String what) throws NetlinkException {
        option.putInt(0, value);
        if (libc.setsockopt(fd, level, optname, option, 4) < 0) {
            throw failure("setsockopt " + what);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            libc.close(fd);
        }
    }

    @Override
    public String toString() {
        return name + " (port " + Integer.toUnsignedString(portId) + ")";
    }
}
