package org.linuxfpsync.fpxdp.internal;

import java.util.List;

/**
 * The value of one prefix in the LPM tries ({@code struct fp_route}): what the fast path does with
 * a packet to it.
 *
 * @param action {@link #FORWARD}, {@link #DROP} or {@link #PASS}
 * @param mtu    the route's MTU, 0 when none
 * @param paths  the next hops of FORWARD (1 to {@link #MAX_PATHS}), empty otherwise
 */
record RouteEntry(int action, int mtu, List<Path> paths) {
    static final int FORWARD = 0;
    static final int DROP = 1;
    static final int PASS = 2;
    /** FP_MAX_PATHS of the C program: a wider multipath route keeps its first eight next hops. */
    static final int MAX_PATHS = 8;

    static final RouteEntry TO_LINUX = new RouteEntry(PASS, 0, List.of());
    static final RouteEntry BLACKHOLE = new RouteEntry(DROP, 0, List.of());

    RouteEntry {
        paths = List.copyOf(paths);
        if (action == FORWARD && (paths.isEmpty() || paths.size() > MAX_PATHS)) {
            throw new IllegalArgumentException(paths.size() + " paths for a forwarding route");
        }
    }

    /**
     * One next hop.
     *
     * @param ifindex the egress interface in the vrf's namespace
     * @param weight  1..256
     * @param gateway 4 or 16 bytes, or null for a connected route (the destination is the neighbour)
     */
    record Path(int ifindex, int weight, byte[] gateway) {
        Path {
            if (weight < 1 || weight > 256) {
                throw new IllegalArgumentException("weight " + weight + " not in 1..256");
            }
            if (gateway != null && gateway.length != 4 && gateway.length != 16) {
                throw new IllegalArgumentException("gateway of " + gateway.length + " bytes");
            }
            gateway = gateway == null ? null : gateway.clone();
        }

        @Override
        public byte[] gateway() {
            return gateway == null ? null : gateway.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Path p && p.ifindex == ifindex && p.weight == weight
                    && java.util.Arrays.equals(p.gateway, gateway);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * ifindex + weight) + java.util.Arrays.hashCode(gateway);
        }

        @Override
        public String toString() {
            return (gateway == null ? "connected" : "via " + Addresses.text(gateway)) + " ifindex " + ifindex
                    + " weight " + weight;
        }
    }
}
