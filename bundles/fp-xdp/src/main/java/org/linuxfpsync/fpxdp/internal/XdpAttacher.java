package org.linuxfpsync.fpxdp.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Attaches a program of a {@link BpfObject} to interfaces of one network namespace and detaches
 * it again; remembers where it is attached so that closing leaves nothing behind.
 */
final class XdpAttacher {
    private final Native lib;
    private final NetnsRunner netns;
    private final XdpMode mode;
    private final int programFd;
    /** ifindex → name, for the messages. */
    private final Map<Integer, String> attached = new ConcurrentHashMap<>();

    XdpAttacher(Native lib, NetnsRunner netns, XdpMode mode, int programFd) {
        this.lib = lib;
        this.netns = netns;
        this.mode = mode;
        this.programFd = programFd;
    }

    /** @throws IllegalStateException with the kernel's reason (another program there, no native support...) */
    void attach(int ifindex, String ifname) {
        if (attached.containsKey(ifindex)) {
            return;
        }
        LibBpf bpf = lib().bpf();
        int rc = netns.run(() -> bpf.bpf_xdp_attach(ifindex, programFd, mode.flags() | XdpMode.UPDATE_IF_NOEXIST, null));
        if (rc < 0) {
            throw new IllegalStateException("fp-xdp: cannot attach XDP (" + mode.name().toLowerCase() + ") to " + ifname
                    + " (ifindex " + ifindex + where() + "): " + lib().describe(rc)
                    + (Math.abs(rc) == 16 ? ": another XDP program is attached" : ""));
        }
        attached.put(ifindex, ifname);
    }

    boolean isAttached(int ifindex) {
        return attached.containsKey(ifindex);
    }

    /** The interface went: the kernel detached the program with it. */
    void forget(int ifindex) {
        attached.remove(ifindex);
    }

    /** @return false when it was not attached there or the interface is gone */
    boolean detach(int ifindex) {
        if (attached.remove(ifindex) == null) {
            return false;
        }
        LibBpf bpf = lib().bpf();
        return netns.run(() -> bpf.bpf_xdp_detach(ifindex, mode.flags(), null)) == 0;
    }

    void detachAll() {
        for (Integer ifindex : Map.copyOf(attached).keySet()) {
            detach(ifindex);
        }
    }

    Map<Integer, String> attached() {
        return Map.copyOf(attached);
    }

    private String where() {
        return netns.netns().isEmpty() ? "" : ", netns " + netns.netns();
    }

    private Native lib() {
        return lib;
    }
}
