package org.linuxfpsync.fpxdp.internal;

/** What of libc the fast path needs to attach XDP inside another network namespace. */
public interface LibC {
    int open(String path, int flags);

    int close(int fd);

    int setns(int fd, int nstype);

    String strerror(int errnum);
}
