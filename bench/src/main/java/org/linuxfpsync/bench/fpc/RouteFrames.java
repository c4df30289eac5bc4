package org.linuxfpsync.bench.fpc;

import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.fpc.codec.NexthopAttr;
import org.linuxfpsync.fpc.codec.RouteAttr;

/**
 * The unit of work of the FPC benchmarks: a ROUTE_ADD of an IPv4 BGP route with two next hops,
 * the frame of docs/fpc-protocol.md §5.9 (137 bytes), written as a cache manager writes it.
 */
final class RouteFrames {
    static final long ETH0 = 0x61a1e72L;
    static final long ETH1 = 0x33117023L;
    static final byte[] GATEWAY1 = {10, 1, 0, 2};
    static final byte[] GATEWAY2 = {10, 2, 0, 3};

    private RouteFrames() {
    }

    /** Writes the route to {@code dst}/{@code prefixlen} (4 bytes, network order) into {@code w}. */
    static void write(FrameWriter w, int seq, byte[] dst, int prefixlen) {
        w.begin(RouteAttr.ROUTE_ADD, seq)
                .putU32(RouteAttr.VRFID, 0)
                .putU32(RouteAttr.TABLE, 254)
                .putU8(RouteAttr.FAMILY, 2)
                .putAddress(RouteAttr.DST, dst)
                .putU8(RouteAttr.PREFIXLEN, prefixlen)
                .putU32(RouteAttr.PRIORITY, 20)
                .putU8(RouteAttr.TYPE, 1)
                .putU8(RouteAttr.PROTOCOL, 186)
                .putU8(RouteAttr.SCOPE, 0)
                .beginNested(RouteAttr.NEXTHOP)
                    .putAddress(NexthopAttr.GATEWAY, GATEWAY1)
                    .putU64(NexthopAttr.IFUID, ETH0)
                    .putU16(NexthopAttr.WEIGHT, 1)
                .endNested()
                .beginNested(RouteAttr.NEXTHOP)
                    .putAddress(NexthopAttr.GATEWAY, GATEWAY2)
                    .putU64(NexthopAttr.IFUID, ETH1)
                    .putU16(NexthopAttr.WEIGHT, 2)
                    .putU32(NexthopAttr.FLAGS, 0x4)
                .endNested();
    }
}
