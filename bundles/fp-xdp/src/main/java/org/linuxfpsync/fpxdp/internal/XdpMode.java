package org.linuxfpsync.fpxdp.internal;

/**
 * How the program is attached (the {@code XDP_FLAGS_*} of {@code <linux/if_link.h>}): native runs
 * in the driver (veth supports it; a veth then delivers redirected frames only when its peer runs
 * XDP too), generic (skb) works on any device, slower; auto lets the kernel choose.
 */
enum XdpMode {
    AUTO(0), GENERIC(1 << 1), NATIVE(1 << 2);

    /** {@code XDP_FLAGS_UPDATE_IF_NOEXIST}: never replace a program someone else attached. */
    static final int UPDATE_IF_NOEXIST = 1;

    private final int flags;

    XdpMode(int flags) {
        this.flags = flags;
    }

    int flags() {
        return flags;
    }

    static XdpMode parse(String s) {
        for (XdpMode m : values()) {
            if (m.name().equalsIgnoreCase(s.strip())) {
                return m;
            }
        }
        throw new IllegalArgumentException("xdpMode '" + s + "' is not auto, generic or native");
    }
}
