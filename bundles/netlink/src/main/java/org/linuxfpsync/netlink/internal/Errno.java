package org.linuxfpsync.netlink.internal;

/** Linux errno values (asm-generic/errno-base.h, asm-generic/errno.h) and their names for logs. */
final class Errno {
    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int ESRCH = 3;
    static final int EINTR = 4;
    static final int EIO = 5;
    static final int EBADF = 9;
    static final int EAGAIN = 11;
    static final int ENOMEM = 12;
    static final int EACCES = 13;
    static final int EFAULT = 14;
    static final int EBUSY = 16;
    static final int EEXIST = 17;
    static final int ENODEV = 19;
    static final int EINVAL = 22;
    static final int EMFILE = 24;
    static final int ENOSPC = 28;
    static final int ERANGE = 34;
    static final int ENOSYS = 38;
    static final int EPROTO = 71;
    static final int ENOTSOCK = 88;
    static final int EMSGSIZE = 90;
    static final int EPROTONOSUPPORT = 93;
    static final int EOPNOTSUPP = 95;
    static final int EAFNOSUPPORT = 97;
    static final int EADDRINUSE = 98;
    static final int ECONNREFUSED = 111;
    static final int ENOBUFS = 105;
    static final int ETIMEDOUT = 110;

    private static final String[] NAMES = new String[134];

    static {
        NAMES[EPERM] = "EPERM";
        NAMES[ENOENT] = "ENOENT";
        NAMES[ESRCH] = "ESRCH";
        NAMES[EINTR] = "EINTR";
        NAMES[EIO] = "EIO";
        NAMES[EBADF] = "EBADF";
        NAMES[EAGAIN] = "EAGAIN";
        NAMES[ENOMEM] = "ENOMEM";
        NAMES[EACCES] = "EACCES";
        NAMES[EFAULT] = "EFAULT";
        NAMES[EBUSY] = "EBUSY";
        NAMES[EEXIST] = "EEXIST";
        NAMES[ENODEV] = "ENODEV";
        NAMES[EINVAL] = "EINVAL";
        NAMES[EMFILE] = "EMFILE";
        NAMES[ENOSPC] = "ENOSPC";
        NAMES[ERANGE] = "ERANGE";
        NAMES[ENOSYS] = "ENOSYS";
        NAMES[EPROTO] = "EPROTO";
        NAMES[ENOTSOCK] = "ENOTSOCK";
        NAMES[EMSGSIZE] = "EMSGSIZE";
        NAMES[EPROTONOSUPPORT] = "EPROTONOSUPPORT";
        NAMES[EOPNOTSUPP] = "EOPNOTSUPP";
        NAMES[EAFNOSUPPORT] = "EAFNOSUPPORT";
        NAMES[EADDRINUSE] = "EADDRINUSE";
        NAMES[ECONNREFUSED] = "ECONNREFUSED";
        NAMES[ENOBUFS] = "ENOBUFS";
        NAMES[ETIMEDOUT] = "ETIMEDOUT";
    }

    private Errno() {
    }

    /** {@code "ENOBUFS"}, or {@code "errno 77"} for a value without a name here. */
    static String name(int errno) {
        String name = errno > 0 && errno < NAMES.length ? NAMES[errno] : null;
        return name != null ? name : "errno " + errno;
    }
}
