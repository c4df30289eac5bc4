package org.linuxfpsync.fpxdp.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The bytes of the keys and values of fp_xdp.bpf.c's maps, byte for byte as its structs lay them
 * out: numbers in the host's order, addresses and the LPM keys' vrfid in network order.
 */
final class MapLayout {
    static final int IFACE_KEY = 4;
    static final int IFACE_VALUE = 20;
    static final int PATH = 24;
    static final int ROUTE_VALUE = 8 + RouteEntry.MAX_PATHS * PATH;
    static final int LPM4_KEY = 12;
    static final int LPM6_KEY = 24;
    static final int NEIGH_KEY = 24;
    static final int NEIGH_VALUE = 8;
    /** struct fp_counters: eight u64. */
    static final int COUNTERS_VALUE = 64;

    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;

    private MapLayout() {
    }

    private static ByteBuffer host(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
    }

    static byte[] u32(int v) {
        return host(4).putInt(v).array();
    }

    static byte[] iface(InterfaceEntry e) {
        return host(IFACE_VALUE).putInt(e.vrfid()).putInt(e.mtu()).putInt(e.slot()).put(e.mac())
                .put((byte) (e.up() ? 1 : 0)).put((byte) 1).array();
    }

    static byte[] lpmKey(Prefix p) {
        ByteBuffer b = host(p.isIpv4() ? LPM4_KEY : LPM6_KEY);
        b.putInt(32 + p.length());
        b.order(ByteOrder.BIG_ENDIAN).putInt(p.vrfid());
        return b.put(p.address()).array();
    }

    static byte[] route(RouteEntry r) {
        ByteBuffer b = host(ROUTE_VALUE);
        int total = 0;
        for (RouteEntry.Path p : r.paths()) {
            total += p.weight();
        }
        b.put((byte) r.action()).put((byte) r.paths().size()).putShort((short) total).putInt(r.mtu());
        for (RouteEntry.Path p : r.paths()) {
            byte[] gw = p.gateway();
            b.putInt(p.ifindex()).putShort((short) p.weight())
                    .put((byte) (gw == null ? 0 : gw.length == 4 ? AF_INET : AF_INET6)).put((byte) 0);
            byte[] padded = new byte[16];
            if (gw != null) {
                System.arraycopy(gw, 0, padded, 0, gw.length);
            }
            b.put(padded);
        }
        return b.array();
    }

    static byte[] neighKey(int ifindex, byte[] address) {
        ByteBuffer b = host(NEIGH_KEY).putInt(ifindex).put((byte) (address.length == 4 ? AF_INET : AF_INET6));
        b.position(8);
        return b.put(address).array();
    }

    static byte[] neigh(byte[] mac) {
        if (mac.length != 6) {
            throw new IllegalArgumentException("a MAC of " + mac.length + " bytes");
        }
        return host(NEIGH_VALUE).put(mac).array();
    }
}
