package org.linuxfpsync.netlink.codec;

import java.nio.ByteBuffer;
import org.linuxfpsync.netlink.NetlinkFamily;

/**
 * A reusable, allocation-free decoder of {@code RTM_NEWROUTE} / {@code RTM_DELROUTE}:
 * {@code struct rtmsg} followed by RTA_* attributes ({@code linux/rtnetlink.h}).
 *
 * <pre>
 *   struct rtmsg {                  // 12 bytes
 *       unsigned char rtm_family, rtm_dst_len, rtm_src_len, rtm_tos;
 *       unsigned char rtm_table;    // 8 bits: RTA_TABLE (32 bits) carries ids above 255
 *       unsigned char rtm_protocol, rtm_scope, rtm_type;   // RTPROT_*, RT_SCOPE_*, RTN_*
 *       unsigned      rtm_flags;    // RTM_F_*
 *   };
 *   struct rtnexthop {              // RTA_MULTIPATH: an array of these, each followed by RTA_*
 *       unsigned short rtnh_len; unsigned char rtnh_flags; unsigned char rtnh_hops;  // weight - 1
 *       int rtnh_ifindex;
 *   };
 * </pre>
 *
 * {@link #wrap} checks every attribute, every rtnexthop and the attributes nested in them, and
 * the RTA_METRICS nest; {@link #nexthops()} then walks the multipath nexthops with a reused
 * cursor, so reading a multipath route allocates nothing either.
 */
public final class RouteMessage extends FibHeaderMessage {
    /** {@code sizeof(struct rtmsg)}. */
    public static final int RTMSG_LENGTH = 12;
    /** {@code sizeof(struct rtnexthop)}. */
    public static final int RTNEXTHOP_LENGTH = 8;
    private static final int INDEXED_TYPES = 48;
    private static final int METRICS = 32;

    private static final AttributeRules RULES = new AttributeRules(INDEXED_TYPES)
            .address(Rtnetlink.RTA_DST, "RTA_DST")
            .address(Rtnetlink.RTA_SRC, "RTA_SRC")
            .exact(Rtnetlink.RTA_IIF, "RTA_IIF", 4)
            .exact(Rtnetlink.RTA_OIF, "RTA_OIF", 4)
            .address(Rtnetlink.RTA_GATEWAY, "RTA_GATEWAY")
            .exact(Rtnetlink.RTA_PRIORITY, "RTA_PRIORITY", 4)
            .address(Rtnetlink.RTA_PREFSRC, "RTA_PREFSRC")
            .any(Rtnetlink.RTA_METRICS, "RTA_METRICS")
            .any(Rtnetlink.RTA_MULTIPATH, "RTA_MULTIPATH")
            .exact(Rtnetlink.RTA_FLOW, "RTA_FLOW", 4)
            .exact(Rtnetlink.RTA_CACHEINFO, "RTA_CACHEINFO", 32)
            .exact(Rtnetlink.RTA_TABLE, "RTA_TABLE", 4)
            .exact(Rtnetlink.RTA_MARK, "RTA_MARK", 4)
            .atLeast(Rtnetlink.RTA_MFC_STATS, "RTA_MFC_STATS", 24)
            .atLeast(Rtnetlink.RTA_VIA, "RTA_VIA", 2)
            .exact(Rtnetlink.RTA_PREF, "RTA_PREF", 1)
            .exact(Rtnetlink.RTA_ENCAP_TYPE, "RTA_ENCAP_TYPE", 2)
            .any(Rtnetlink.RTA_ENCAP, "RTA_ENCAP")
            .exact(Rtnetlink.RTA_UID, "RTA_UID", 4)
            .exact(Rtnetlink.RTA_TTL_PROPAGATE, "RTA_TTL_PROPAGATE", 1)
            .exact(Rtnetlink.RTA_IP_PROTO, "RTA_IP_PROTO", 1)
            .exact(Rtnetlink.RTA_SPORT, "RTA_SPORT", 2)
            .exact(Rtnetlink.RTA_DPORT, "RTA_DPORT", 2)
            .exact(Rtnetlink.RTA_NH_ID, "RTA_NH_ID", 4);

    private static final AttributeRules METRIC_RULES = new AttributeRules(METRICS)
            .exact(Rtnetlink.RTAX_LOCK, "RTAX_LOCK", 4).exact(Rtnetlink.RTAX_MTU, "RTAX_MTU", 4)
            .exact(Rtnetlink.RTAX_WINDOW, "RTAX_WINDOW", 4).exact(Rtnetlink.RTAX_RTT, "RTAX_RTT", 4)
            .exact(Rtnetlink.RTAX_RTTVAR, "RTAX_RTTVAR", 4).exact(Rtnetlink.RTAX_SSTHRESH, "RTAX_SSTHRESH", 4)
            .exact(Rtnetlink.RTAX_CWND, "RTAX_CWND", 4).exact(Rtnetlink.RTAX_ADVMSS, "RTAX_ADVMSS", 4)
            .exact(Rtnetlink.RTAX_REORDERING, "RTAX_REORDERING", 4).exact(Rtnetlink.RTAX_HOPLIMIT, "RTAX_HOPLIMIT", 4)
            .exact(Rtnetlink.RTAX_INITCWND, "RTAX_INITCWND", 4).exact(Rtnetlink.RTAX_FEATURES, "RTAX_FEATURES", 4)
            .exact(Rtnetlink.RTAX_RTO_MIN, "RTAX_RTO_MIN", 4).exact(Rtnetlink.RTAX_INITRWND, "RTAX_INITRWND", 4)
            .exact(Rtnetlink.RTAX_QUICKACK, "RTAX_QUICKACK", 4)
            .string(Rtnetlink.RTAX_CC_ALGO, "RTAX_CC_ALGO", 16, "TCP_CA_NAME_MAX")
            .exact(Rtnetlink.RTAX_FASTOPEN_NO_COOKIE, "RTAX_FASTOPEN_NO_COOKIE", 4);

    private final AttributeWalker nested = new AttributeWalker();
    private final AttributeIndex metrics = new AttributeIndex(METRICS);
    private final Nexthops nexthops = new Nexthops();
    private int multipathOffset = -1;
    private int multipathLength;
    private int nexthopCount;

    public RouteMessage() {
        super(RULES, INDEXED_TYPES);
    }

    /**
     * Decodes {@code msg}.
     *
     * @throws IllegalArgumentException when {@code msg} is not a route message (check the type first)
     * @throws NetlinkFormatException   when it does not parse as {@code linux/rtnetlink.h} says
     */
    public RouteMessage wrap(NlMsg msg) throws NetlinkFormatException {
        int type = msg.type();
        if (type < Rtnetlink.RTM_NEWROUTE || type > Rtnetlink.RTM_GETROUTE) {
            throw new IllegalArgumentException("not a route message: " + MessageTypeNames.name(NetlinkFamily.ROUTE, type));
        }
        begin(msg, MessageTypeNames.name(NetlinkFamily.ROUTE, type), RTMSG_LENGTH, "rtmsg");
        metrics.clear();
        multipathOffset = -1;
        multipathLength = 0;
        nexthopCount = 0;
        indexAttributes(msg, RTMSG_LENGTH, addressLength(family()));
        return this;
    }

    /** The address length of a route family: a multicast cache entry's is its IP family's. */
    static int addressLength(int family) {
        switch (family) {
            case Rtnetlink.RTNL_FAMILY_IPMR:
                return 4;
            case Rtnetlink.RTNL_FAMILY_IP6MR:
                return 16;
            default:
                return Bytes.inetAddressLength(family);
        }
    }

    @Override
    void checkAttribute(AttributeWalker attribute) throws NetlinkFormatException {
        switch (attribute.type()) {
            case Rtnetlink.RTA_VIA:
                checkVia(attribute.buffer(), attribute.payloadOffset(), attribute.payloadLength(), scopeName());
                break;
            case Rtnetlink.RTA_METRICS:
                metrics.clear();
                nested.resetToNested(attribute, "RTA_METRICS");
                while (nested.next()) {
                    METRIC_RULES.check(nested, "RTA_METRICS", -1);
                    metrics.put(nested);
                }
                break;
            case Rtnetlink.RTA_MULTIPATH:
                checkMultipath(attribute.payloadOffset(), attribute.payloadLength());
                break;
            default:
                break;
        }
    }

    /** struct rtvia: a u16 family, then an address of that family's length. */
    private void checkVia(ByteBuffer buffer, int offset, int length, String where) throws NetlinkFormatException {
        int viaLength = Bytes.inetAddressLength(buffer.getShort(offset) & 0xffff);
        if (viaLength >= 0 && length != 2 + viaLength) {
            throw new NetlinkFormatException("RTA_VIA in " + where + ": " + length + " bytes, need " + (2 + viaLength)
                    + " for rtvia_family " + (buffer.getShort(offset) & 0xffff));
        }
    }

    private void checkMultipath(int offset, int length) throws NetlinkFormatException {
        ByteBuffer buffer = buffer();
        int addressLength = addressLength(family());
        int end = offset + length;
        int count = 0;
        int position = offset;
        while (position < end) {
            int left = end - position;
            if (left < RTNEXTHOP_LENGTH) {
                throw new NetlinkFormatException("truncated rtnexthop in RTA_MULTIPATH of " + scopeName() + ": " + left
                        + " bytes left, need 8");
            }
            int rtnhLength = buffer.getShort(position) & 0xffff;
            if (rtnhLength < RTNEXTHOP_LENGTH || rtnhLength > left) {
                throw new NetlinkFormatException("rtnexthop " + count + " in RTA_MULTIPATH of " + scopeName() + ": rtnh_len "
                        + rtnhLength + (rtnhLength < RTNEXTHOP_LENGTH ? " < 8" : " > " + left + " bytes left"));
            }
            nested.reset(buffer, position + RTNEXTHOP_LENGTH, position + rtnhLength, "RTA_MULTIPATH");
            while (nested.next()) {
                RULES.check(nested, "RTA_MULTIPATH", addressLength);
                if (nested.type() == Rtnetlink.RTA_VIA) {
                    checkVia(buffer, nested.payloadOffset(), nested.payloadLength(), "RTA_MULTIPATH");
                }
            }
            count++;
            position = Math.min(position + NlMsg.align(rtnhLength), end);
        }
        multipathOffset = offset;
        multipathLength = length;
        nexthopCount = count;
    }

    /** {@code rtm_protocol}: RTPROT_*. */
    public int protocol() {
        return buffer().get(header() + 5) & 0xff;
    }

    /** {@code rtm_scope}: RT_SCOPE_*. */
    public int scope() {
        return buffer().get(header() + 6) & 0xff;
    }

    /** {@code rtm_type}: RTN_UNICAST, RTN_LOCAL, RTN_BLACKHOLE... */
    public int type() {
        return buffer().get(header() + 7) & 0xff;
    }

    /** {@code rtm_flags}: RTM_F_* and RTNH_F_*. */
    public int flags() {
        return buffer().getInt(header() + 8);
    }

    /** Copies RTA_DST to {@code dst}; returns its length, 0 for a default route. */
    public int copyDst(byte[] dst) {
        return copyAttribute(Rtnetlink.RTA_DST, dst);
    }

    public int copySrc(byte[] dst) {
        return copyAttribute(Rtnetlink.RTA_SRC, dst);
    }

    /** Copies RTA_GATEWAY (single-path routes) to {@code dst}; returns its length, 0 when absent. */
    public int copyGateway(byte[] dst) {
        return copyAttribute(Rtnetlink.RTA_GATEWAY, dst);
    }

    public int copyPrefsrc(byte[] dst) {
        return copyAttribute(Rtnetlink.RTA_PREFSRC, dst);
    }

    /** {@code rtvia_family} of RTA_VIA (an IPv4 route via an IPv6 nexthop), or -1 when absent. */
    public int viaFamily() {
        return has(Rtnetlink.RTA_VIA) ? buffer().getShort(attributeOffset(Rtnetlink.RTA_VIA)) & 0xffff : -1;
    }

    /** Copies the address of RTA_VIA to {@code dst}; returns its length, 0 when absent. */
    public int copyVia(byte[] dst) {
        if (!has(Rtnetlink.RTA_VIA)) {
            return 0;
        }
        return Bytes.copy(buffer(), attributeOffset(Rtnetlink.RTA_VIA) + 2, attributeLength(Rtnetlink.RTA_VIA) - 2, dst);
    }

    /** RTA_OIF, or 0 when absent (multipath routes carry it per nexthop). */
    public int oif() {
        return u32(Rtnetlink.RTA_OIF, 0);
    }

    public int iif() {
        return u32(Rtnetlink.RTA_IIF, 0);
    }

    /** RTA_PRIORITY (the metric), unsigned, or 0 when absent. */
    public long priority() {
        return Integer.toUnsignedLong(u32(Rtnetlink.RTA_PRIORITY, 0));
    }

    /** RTA_NH_ID (the route uses a nexthop object), or 0 when absent. */
    public int nexthopId() {
        return u32(Rtnetlink.RTA_NH_ID, 0);
    }

    /** RTA_ENCAP_TYPE (LWTUNNEL_ENCAP_*), or -1 when absent. */
    public int encapType() {
        return u16(Rtnetlink.RTA_ENCAP_TYPE, -1);
    }

    /** RTA_MARK, or 0 when absent. */
    public int mark() {
        return u32(Rtnetlink.RTA_MARK, 0);
    }

    /** RTA_PREF (ICMPV6_ROUTER_PREF_*), or -1 when absent. */
    public int preference() {
        return u8(Rtnetlink.RTA_PREF, -1);
    }

    /** The RTAX_* value in RTA_METRICS (RTAX_MTU, RTAX_ADVMSS...), unsigned, or -1 when absent. */
    public long metric(int rtax) {
        if (rtax == Rtnetlink.RTAX_CC_ALGO || !metrics.has(rtax)) {
            return -1;
        }
        return Integer.toUnsignedLong(buffer().getInt(metrics.offset(rtax)));
    }

    /** RTAX_MTU of RTA_METRICS, or -1 when absent. */
    public long mtu() {
        return metric(Rtnetlink.RTAX_MTU);
    }

    /** Number of rtnexthops in RTA_MULTIPATH; 0 for a single-path route. */
    public int nexthopCount() {
        return nexthopCount;
    }

    /** The multipath nexthops, from the first: a cursor reused by every call (no allocation). */
    public Nexthops nexthops() {
        return nexthops.reset(multipathOffset, multipathLength);
    }

    /** A cursor over RTA_MULTIPATH's {@code struct rtnexthop}s, already validated by {@link #wrap}. */
    public final class Nexthops {
        private int next;
        private int end;
        private int current = -1;
        private int gatewayOffset;
        private int gatewayLength;
        private int viaOffset;
        private int viaLength;

        private Nexthops() {
        }

        private Nexthops reset(int offset, int length) {
            next = offset;
            end = offset < 0 ? offset : offset + length;
            current = -1;
            return this;
        }

        /** Moves to the next nexthop; false when there is none left. */
        public boolean next() {
            if (next >= end) {
                current = -1;
                return false;
            }
            ByteBuffer buffer = buffer();
            current = next;
            int length = buffer.getShort(current) & 0xffff;
            next = Math.min(current + NlMsg.align(length), end);
            gatewayOffset = -1;
            gatewayLength = 0;
            viaOffset = -1;
            viaLength = 0;
            int attribute = current + RTNEXTHOP_LENGTH;
            int attributesEnd = current + length;
            while (attribute + Rtnetlink.NLA_HDRLEN <= attributesEnd) {
                int nlaLength = buffer.getShort(attribute) & 0xffff;
                int nlaType = buffer.getShort(attribute + 2) & Rtnetlink.NLA_TYPE_MASK;
                if (nlaType == Rtnetlink.RTA_GATEWAY) {
                    gatewayOffset = attribute + Rtnetlink.NLA_HDRLEN;
                    gatewayLength = nlaLength - Rtnetlink.NLA_HDRLEN;
                } else if (nlaType == Rtnetlink.RTA_VIA) {
                    viaOffset = attribute + Rtnetlink.NLA_HDRLEN;
                    viaLength = nlaLength - Rtnetlink.NLA_HDRLEN;
                }
                attribute += NlMsg.align(nlaLength);
            }
            return true;
        }

        private void requireCurrent() {
            if (current < 0) {
                throw new IllegalStateException("no current nexthop: call next() first");
            }
        }

        /** {@code rtnh_flags}: RTNH_F_*. */
        public int flags() {
            requireCurrent();
            return buffer().get(current + 2) & 0xff;
        }

        /** {@code rtnh_hops}: the weight minus one, as iproute2 shows it. */
        public int hops() {
            requireCurrent();
            return buffer().get(current + 3) & 0xff;
        }

        /** The nexthop's weight ({@code rtnh_hops + 1}), as {@code ip route} prints it. */
        public int weight() {
            return hops() + 1;
        }

        public int ifindex() {
            requireCurrent();
            return buffer().getInt(current + 4);
        }

        public boolean hasGateway() {
            requireCurrent();
            return gatewayOffset >= 0;
        }

        /** Copies the nested RTA_GATEWAY to {@code dst}; returns its length, 0 when absent. */
        public int copyGateway(byte[] dst) {
            requireCurrent();
            return gatewayOffset < 0 ? 0 : Bytes.copy(buffer(), gatewayOffset, gatewayLength, dst);
        }

        /** {@code rtvia_family} of the nested RTA_VIA, or -1 when absent. */
        public int viaFamily() {
            requireCurrent();
            return viaOffset < 0 ? -1 : buffer().getShort(viaOffset) & 0xffff;
        }

        /** Copies the address of the nested RTA_VIA to {@code dst}; returns its length, 0 when absent. */
        public int copyVia(byte[] dst) {
            requireCurrent();
            return viaOffset < 0 ? 0 : Bytes.copy(buffer(), viaOffset + 2, viaLength - 2, dst);
        }
    }
}
