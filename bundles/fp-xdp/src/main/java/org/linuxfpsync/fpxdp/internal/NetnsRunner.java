package org.linuxfpsync.fpxdp.internal;

import java.util.function.IntSupplier;

/**
 * Runs a netlink-using libbpf call (bpf_xdp_attach opens its own rtnetlink socket) inside a named
 * network namespace: setns changes the calling thread only, and the thread ALWAYS returns to its
 * own namespace in a finally block.
 */
final class NetnsRunner {
    private static final String NETNS_DIR = "/var/run/netns/";
    private static final String OWN = "/proc/thread-self/ns/net";
    private static final int O_RDONLY_CLOEXEC = 0x80000;
    private static final int CLONE_NEWNET = 0x40000000;

    private final Native lib;
    private final String netns;

    /** @param netns a name known to {@code ip netns}, or "" for the namespace we run in */
    NetnsRunner(Native lib, String netns) {
        if (!netns.isEmpty() && !netns.matches("[A-Za-z0-9_.-]{1,64}") || netns.startsWith(".")) {
            throw new IllegalArgumentException("fp-xdp: not a network namespace name: '" + netns + "'");
        }
        this.lib = lib;
        this.netns = netns;
    }

    String netns() {
        return netns;
    }

    /** @return what {@code call} returned (a negative errno from libbpf is passed on) */
    synchronized int run(IntSupplier call) {
        if (netns.isEmpty()) {
            return call.getAsInt();
        }
        LibC c = lib.libc();
        int own = c.open(OWN, O_RDONLY_CLOEXEC);
        if (own < 0) {
            throw new IllegalStateException("fp-xdp: cannot open " + OWN + ": " + lib.describe(lib.errno()));
        }
        try {
            int target = c.open(NETNS_DIR + netns, O_RDONLY_CLOEXEC);
            if (target < 0) {
                throw new IllegalStateException("fp-xdp: network namespace '" + netns + "' not found: "
                        + lib.describe(lib.errno()));
            }
            try {
                if (c.setns(target, CLONE_NEWNET) < 0) {
                    throw new IllegalStateException("fp-xdp: cannot enter network namespace '" + netns + "': "
                            + lib.describe(lib.errno()));
                }
                try {
                    return call.getAsInt();
                } finally {
                    if (c.setns(own, CLONE_NEWNET) < 0) {
                        throw new IllegalStateException("fp-xdp: thread " + Thread.currentThread().getName()
                                + " could not return from network namespace '" + netns + "': "
                                + lib.describe(lib.errno()));
                    }
                }
            } finally {
                c.close(target);
            }
        } finally {
            c.close(own);
        }
    }
}
