package org.linuxfpsync.netlink.internal;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The few libc calls the netlink transport needs, bound by jnr-ffi. Every call that can fail
 * saves errno ({@link SaveError}), read back with {@code Runtime.getLastError()} on the same thread.
 * Structures are passed as {@link Pointer}s to memory the caller owns and reuses.
 */
public interface LibC {
    @SaveError
    int socket(int domain, int type, int protocol);

    @SaveError
    int bind(int fd, Pointer addr, int addrlen);

    /** {@code addrlen} points to a socklen_t (u32) holding the size of {@code addr}. */
    @SaveError
    int getsockname(int fd, Pointer addr, Pointer addrlen);

    @SaveError
    int setsockopt(int fd, int level, int optname, Pointer optval, int optlen);

    @SaveError
    int getsockopt(int fd, int level, int optname, Pointer optval, Pointer optlen);

    @SaveError
    @ssize_t
    long recvfrom(int fd, Pointer buf, @size_t long len, int flags, Pointer srcAddr, Pointer addrlen);

    /**
     * {@code msgvec} points to {@code vlen} struct mmsghdr ({@link ReceiveVector}); {@code timeout}
     * null: the call returns what is queued (with MSG_DONTWAIT) or waits for all {@code vlen}.
     */
    @SaveError
    int recvmmsg(int fd, Pointer msgvec, int vlen, int flags, Pointer timeout);

    @SaveError
    @ssize_t
    long sendto(int fd, Pointer buf, @size_t long len, int flags, Pointer destAddr, int addrlen);

    @SaveError
    int close(int fd);

    /** {@code fds} points to {@code nfds} struct pollfd (int fd, short events, short revents). */
    @SaveError
    int poll(Pointer fds, @size_t long nfds, int timeout);

    @SaveError
    int eventfd(int initval, int flags);

    @SaveError
    @ssize_t
    long read(int fd, Pointer buf, @size_t long count);

    @SaveError
    @ssize_t
    long write(int fd, Pointer buf, @size_t long count);

    @SaveError
    int open(String path, int flags);

    @SaveError
    int setns(int fd, int nstype);

    String strerror(int errnum);
}
