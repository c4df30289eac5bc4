package org.linuxfpsync.cmgr.internal;

import java.nio.ByteBuffer;

import org.linuxfpsync.cmgr.Ifuid;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.fpc.codec.NexthopAttr;
import org.linuxfpsync.fpc.codec.RouteAttr;
import org.linuxfpsync.netlink.codec.RouteMessage;
import org.linuxfpsync.netlink.codec.Rtnetlink;

/**
 * The route translator: a route message, or a route known by its key only, to ROUTE_ADD or
 * ROUTE_DEL. Which frame to write, and when, is {@link RouteSync}'s business; this class only
 * writes it. The writer and the address buffer are reused: nothing is allocated per route.
 */
final class RouteFrames {
    /** RTNH_F_DEAD .. RTNH_F_UNRESOLVED: the next hop flags FPC carries and ip prints. */
    private static final int NEXTHOP_FLAGS = 0x3f;

    private final FrameWriter writer;
    private final int vrfid;
    private final int addressFamily;
    private final int addressLength;
    private final byte[] address = new byte[16];

    RouteFrames(FrameWriter writer, int vrfid, int addressFamily) {
        this.writer = writer;
        this.vrfid = vrfid;
        this.addressFamily = addressFamily;
        this.addressLength = addressFamily == Rtnetlink.AF_INET ? 4 : 16;
    }

    /**
     * ROUTE_ADD of {@code route}: its key, then type, protocol, scope, preferred source, MTU,
     * preference, next hops, and {@code oif} (the FPC key's output interface, 0 for none) last; or,
     * for a route through a nexthop object, NH_ID last instead of next hops and interface.
     *
     * @param dst the destination, {@code rtm_dst_len} checked and the address copied by the caller
     */
    ByteBuffer add(RouteMessage route, byte[] dst, int prefixLength, int oif) {
        FrameWriter w = key(RouteAttr.ROUTE_ADD, route, dst, prefixLength, oif);
        w.putU8(RouteAttr.TYPE, route.type());
        w.putU8(RouteAttr.PROTOCOL, route.protocol());
        w.putU8(RouteAttr.SCOPE, route.scope());
        int length = route.copyPrefsrc(address);
        if (length > 0) {
            w.putBytes(RouteAttr.PREFSRC, address, 0, length);
        }
        long mtu = route.mtu();
        if (mtu >= 0) {
            w.putU32(RouteAttr.MTU, (int) mtu);
        }
        int preference = route.preference();
        if (preference >= 0) {
            w.putU8(RouteAttr.PREF, preference);
        }
        int nexthopId = route.nexthopId();
        if (nexthopId != 0) {
            // The nexthop object's NEXTHOP_ADD says where it goes; the next hops the kernel expands
            // into the route (nexthop_compat_mode 1) would only make a nexthop change a route change.
            w.putU32(RouteAttr.NH_ID, nexthopId);
            return w.finish();
        }
        if (route.nexthopCount() > 0) {
            writeMultipath(w, route);
        } else {
            writeSinglePath(w, route);
        }
        if (oif != 0) {
            w.putU64(RouteAttr.OIF_IFUID, Ifuid.of(vrfid, oif));
        }
        return w.finish();
    }

    /** ROUTE_DEL of {@code route} through {@code oif} (0: the route without an output interface). */
    ByteBuffer delete(RouteMessage route, byte[] dst, int prefixLength, int oif) {
        return key(RouteAttr.ROUTE_DEL, route, dst, prefixLength, oif).finish();
    }

    /** ROUTE_DEL of a route known by its key values only; {@code hasPriority} false leaves PRIORITY out. */
    ByteBuffer delete(int table, byte[] dst, int prefixLength, int tos, boolean hasPriority, int priority, int oif) {
        return key(RouteAttr.ROUTE_DEL, table, dst, prefixLength, tos, hasPriority, priority, oif).finish();
    }

    /** Begins a frame with the route's key TLVs; TOS and PRIORITY only when the kernel has them. */
    private FrameWriter key(int type, RouteMessage route, byte[] dst, int prefixLength, int oif) {
        return key(type, route.table(), dst, prefixLength, route.tos(), route.has(Rtnetlink.RTA_PRIORITY),
                (int) route.priority(), oif);
    }

    /**
     * The same from the key's values. A ROUTE_DEL ends with OIF_IFUID; an ADD has more TLVs
     * before it, in type order, and its caller adds it.
     */
    private FrameWriter key(int type, int table, byte[] dst, int prefixLength, int tos, boolean hasPriority,
                            int priority, int oif) {
        FrameWriter w = writer;
        w.begin(type, FpcSequence.next());
        w.putU32(RouteAttr.VRFID, vrfid);
        w.putU32(RouteAttr.TABLE, table);
        w.putU8(RouteAttr.FAMILY, addressFamily);
        w.putBytes(RouteAttr.DST, dst, 0, addressLength);
        w.putU8(RouteAttr.PREFIXLEN, prefixLength);
        if (tos != 0) {
            w.putU8(RouteAttr.TOS, tos);
        }
        if (hasPriority) {
            w.putU32(RouteAttr.PRIORITY, priority);
        }
        if (type == RouteAttr.ROUTE_DEL && oif != 0) {
            w.putU64(RouteAttr.OIF_IFUID, Ifuid.of(vrfid, oif));
        }
        return w;
    }

    /** A single-path route's next hop: RTA_GATEWAY (or RTA_VIA), RTA_OIF, and its flags in rtm_flags. */
    private void writeSinglePath(FrameWriter w, RouteMessage route) {
        int gateway = route.copyGateway(address);
        if (gateway == 0 && route.viaFamily() >= 0) {
            gateway = route.copyVia(address);
        }
        int oif = route.oif();
        if (gateway == 0 && oif <= 0) {
            return; // blackhole, unreachable, prohibit, throw: no next hop
        }
        w.beginNested(RouteAttr.NEXTHOP);
        if (gateway > 0) {
            w.putBytes(NexthopAttr.GATEWAY, address, 0, gateway);
        }
        if (oif > 0) {
            w.putU64(NexthopAttr.IFUID, Ifuid.of(vrfid, oif));
        }
        int flags = route.flags() & NEXTHOP_FLAGS;
        if (flags != 0) {
            w.putU32(NexthopAttr.FLAGS, flags);
        }
        w.endNested();
    }

    private void writeMultipath(FrameWriter w, RouteMessage route) {
        RouteMessage.Nexthops hop = route.nexthops();
        while (hop.next()) {
            w.beginNested(RouteAttr.NEXTHOP);
            int gateway = hop.copyGateway(address);
            if (gateway == 0 && hop.viaFamily() >= 0) {
                gateway = hop.copyVia(address);
            }
            if (gateway > 0) {
                w.putBytes(NexthopAttr.GATEWAY, address, 0, gateway);
            }
            if (hop.ifindex() > 0) {
                w.putU64(NexthopAttr.IFUID, Ifuid.of(vrfid, hop.ifindex()));
            }
            w.putU16(NexthopAttr.WEIGHT, hop.weight());
            int flags = hop.flags() & NEXTHOP_FLAGS;
            if (flags != 0) {
                w.putU32(NexthopAttr.FLAGS, flags);
            }
            w.endNested();
        }
    }
}
