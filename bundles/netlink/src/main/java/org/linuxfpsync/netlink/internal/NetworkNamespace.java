package org.linuxfpsync.netlink.internal;

import org.linuxfpsync.netlink.NetlinkException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates sockets inside a named network namespace. A socket stays in the namespace it was
 * created in, so only its creation needs the namespace: the calling thread enters the
 * namespace ({@code setns} changes the calling thread only, and a Java thread is one kernel
 * task), creates the socket and ALWAYS returns to its own namespace in a finally block.
 */
final class NetworkNamespace {
    private static final Logger LOG = LoggerFactory.getLogger(NetworkNamespace.class);

    static final String NETNS_DIR = "/var/run/netns/";
    private static final String OWN_NAMESPACE = "/proc/thread-self/ns/net";
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000;
    private static final int CLONE_NEWNET = 0x40000000;

    private NetworkNamespace() {
    }

    /** {@code socket(domain, type, protocol)} in namespace {@code netnsName} ("" = our own). */
    static int socketIn(Posix posix, String netnsName, int domain, int type, int protocol, String what)
            throws NetlinkException {
        LibC libc = posix.libc();
        if (netnsName.isEmpty()) {
            return socket(posix, domain, type, protocol, what);
        }
        int original = libc.open(OWN_NAMESPACE, O_RDONLY | O_CLOEXEC);
        if (original < 0) {
            throw new NetlinkException("cannot open " + OWN_NAMESPACE + ": " + posix.strerror(posix.errno()));
        }
        try {
            String path = NETNS_DIR + netnsName;
            int target = libc.open(path, O_RDONLY | O_CLOEXEC);
            if (target < 0) {
                int errno = posix.errno();
                if (errno == Errno.ENOENT) {
                    throw new NetlinkException("network namespace '" + netnsName + "' not found (" + path + "): "
                            + posix.strerror(errno));
                }
                throw new NetlinkException("cannot open network namespace '" + netnsName + "' (" + path + "): "
                        + posix.strerror(errno));
            }
            try {
                return socketWhileIn(posix, netnsName, path, target, original, domain, type, protocol, what);
            } finally {
                libc.close(target);
            }
        } finally {
            libc.close(original);
        }
    }

    private static int socketWhileIn(Posix posix, String netnsName, String path, int target, int original,
                                     int domain, int type, int protocol, String what) throws NetlinkException {
        LibC libc = posix.libc();
        if (libc.setns(target, CLONE_NEWNET) < 0) {
            throw new NetlinkException("cannot enter network namespace '" + netnsName + "' (" + path + "): "
                    + posix.strerror(posix.errno()));
        }
        int fd = -1;
        try {
            fd = socket(posix, domain, type, protocol, what);
            return fd;
        } finally {
            if (libc.setns(original, CLONE_NEWNET) < 0) {
                // The thread now lives in the wrong namespace: whatever it opens next would be
                // silently misplaced. Fail loudly; the socket made in between is useless to us.
                int errno = posix.errno();
                if (fd >= 0) {
                    libc.close(fd);
                }
                LOG.error("thread {} could not return from network namespace '{}': {}",
                        Thread.currentThread().getName(), netnsName, posix.describe(errno));
                throw new IllegalStateException("thread " + Thread.currentThread().getName()
                        + " could not return from network namespace '" + netnsName + "': " + posix.strerror(errno));
            }
        }
    }

    /**
     * {@code sysctl -n key} in namespace {@code netnsName} ("" = our own): the {@code /proc/sys/net}
     * tree a file opened shows is the namespace of the opening thread, so the file is read on this
     * thread while it is in the namespace; it returns in a finally block, as for a socket.
     */
    static String sysctlIn(Posix posix, String netnsName, String key) throws NetlinkException {
        if (!key.matches("[a-z0-9_]+(\\.[a-z0-9_-]+)+")) {
            throw new NetlinkException("not a sysctl name: '" + key + "'");
        }
        java.nio.file.Path file = java.nio.file.Path.of("/proc/sys", key.split("\\."));
        String value = readIn(posix, netnsName, file);
        if (value == null) {
            throw new NetlinkException("cannot read " + file + ": no such file");
        }
        return value;
    }

    /**
     * The text of {@code file}, stripped, read on this thread while it is in namespace {@code netnsName}
     * ("" = our own): what {@code /proc/sys/net} and {@code /proc/thread-self/net} show is the namespace of
     * the reading thread. It returns in a finally block, as for a socket.
     *
     * @return null when the file does not exist (a kernel without the module)
     */
    static String readIn(Posix posix, String netnsName, java.nio.file.Path file) throws NetlinkException {
        return readIn(posix, netnsName, new java.nio.file.Path[] {file})[0];
    }

    /**
     * {@link #readIn(Posix, String, java.nio.file.Path)} of several files, with one entry into the
     * namespace for all of them.
     *
     * @return each file's text, null for a file that does not exist
     */
    static String[] readIn(Posix posix, String netnsName, java.nio.file.Path... files) throws NetlinkException {
        if (netnsName.isEmpty()) {
            return readAll(files);
        }
        LibC libc = posix.libc();
        int original = libc.open(OWN_NAMESPACE, O_RDONLY | O_CLOEXEC);
        if (original < 0) {
            throw new NetlinkException("cannot open " + OWN_NAMESPACE + ": " + posix.strerror(posix.errno()));
        }
        try {
            String path = NETNS_DIR + netnsName;
            int target = libc.open(path, O_RDONLY | O_CLOEXEC);
            if (target < 0) {
                throw new NetlinkException("cannot open network namespace '" + netnsName + "' (" + path + "): "
                        + posix.strerror(posix.errno()));
            }
            try {
                if (libc.setns(target, CLONE_NEWNET) < 0) {
                    throw new NetlinkException("cannot enter network namespace '" + netnsName + "' (" + path + "): "
                            + posix.strerror(posix.errno()));
                }
                try {
                    return readAll(files);
                } finally {
                    if (libc.setns(original, CLONE_NEWNET) < 0) {
                        int errno = posix.errno();
                        LOG.error("thread {} could not return from network namespace '{}': {}",
                                Thread.currentThread().getName(), netnsName, posix.describe(errno));
                        throw new IllegalStateException("thread " + Thread.currentThread().getName()
                                + " could not return from network namespace '" + netnsName + "': "
                                + posix.strerror(errno));
                    }
                }
            } finally {
                libc.close(target);
            }
        } finally {
            libc.close(original);
        }
    }

    private static String[] readAll(java.nio.file.Path[] files) throws NetlinkException {
        String[] texts = new String[files.length];
        for (int i = 0; i < files.length; i++) {
            texts[i] = read(files[i]);
        }
        return texts;
    }

    private static String read(java.nio.file.Path file) throws NetlinkException {
        try {
            return java.nio.file.Files.readString(file).strip();
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        } catch (java.io.IOException e) {
            throw new NetlinkException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static int socket(Posix posix, int domain, int type, int protocol, String what) throws NetlinkException {
        int fd = posix.libc().socket(domain, type, protocol);
        if (fd < 0) {
            throw new NetlinkException("cannot create " + what + " socket: " + posix.describe(posix.errno()));
        }
        return fd;
    }
}
