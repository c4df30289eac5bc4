package org.linuxfpsync.cmgr.internal;

import static org.linuxfpsync.netlink.codec.Rtnetlink.*;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

import org.linuxfpsync.netlink.codec.NetlinkFormatException;
import org.linuxfpsync.netlink.codec.NlMessageWriter;
import org.linuxfpsync.netlink.codec.NlMsg;

/**
 * Route, address, neighbour, rule and nexthop messages laid out as linux/rtnetlink.h, if_addr.h,
 * neighbour.h, fib_rules.h and nexthop.h define them (struct rtmsg, ifaddrmsg, ndmsg, fib_rule_hdr, nhmsg, then
 * attributes), for the L3 sync tests.
 */
final class L3Messages {
    private L3Messages() {
    }

    static byte[] ip(String text) {
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** nlmsghdr + struct rtmsg; the caller adds attributes, then calls {@link #msg}. */
    static NlMessageWriter rtmsg(int type, int family, int dstLen, int table, int protocol, int scope, int rtnType,
                                 int flags) {
        NlMessageWriter w = new NlMessageWriter(1024).beginMessage(type, 0, 0, 0);
        w.u8(family).u8(dstLen).u8(0).u8(0).u8(table > 255 ? RT_TABLE_COMPAT : table).u8(protocol).u8(scope)
                .u8(rtnType).u32(flags);
        w.attrU32(RTA_TABLE, table);
        return w;
    }

    /** A unicast route {@code dst/len via gateway dev oif} in the main table, as ip route add writes it back. */
    static NlMsg route(int type, String dst, int len, String gateway, int oif) throws NetlinkFormatException {
        int family = ip(dst).length == 4 ? AF_INET : AF_INET6;
        NlMessageWriter w = rtmsg(type, family, len, RT_TABLE_MAIN, RTPROT_STATIC, RT_SCOPE_UNIVERSE, RTN_UNICAST, 0);
        if (len > 0) {
            w.attrBytes(RTA_DST, ip(dst));
        }
        if (family == AF_INET6) {
            w.attrU32(RTA_PRIORITY, 1024);
        }
        if (gateway != null) {
            w.attrBytes(RTA_GATEWAY, ip(gateway));
        }
        w.attrU32(RTA_OIF, oif);
        return msg(w);
    }

    /** nlmsghdr + struct ifaddrmsg. */
    static NlMessageWriter ifaddrmsg(int type, int family, int prefixLength, int flags, int scope, int ifindex) {
        NlMessageWriter w = new NlMessageWriter(512).beginMessage(type, 0, 0, 0);
        w.u8(family).u8(prefixLength).u8(flags & 0xff).u8(scope).u32(ifindex);
        w.attrU32(IFA_FLAGS, flags);
        return w;
    }

    /** nlmsghdr + struct ndmsg. */
    static NlMessageWriter ndmsg(int type, int family, int ifindex, int state, int flags) {
        NlMessageWriter w = new NlMessageWriter(512).beginMessage(type, 0, 0, 0);
        w.u8(family).u8(0).u16(0).u32(ifindex).u16(state).u8(flags).u8(RTN_UNICAST);
        return w;
    }

    /** nlmsghdr + struct fib_rule_hdr. */
    static NlMessageWriter fibRuleHdr(int type, int family, int dstLen, int srcLen, int table, int action, int flags) {
        NlMessageWriter w = new NlMessageWriter(512).beginMessage(type, 0, 0, 0);
        w.u8(family).u8(dstLen).u8(srcLen).u8(0).u8(table > 255 ? RT_TABLE_COMPAT : table).u8(0).u8(0).u8(action)
                .u32(flags);
        return w;
    }

    /** nlmsghdr + struct nhmsg (linux/nexthop.h), then NHA_ID. */
    static NlMessageWriter nhmsg(int type, int family, int scope, int protocol, int flags, int id) {
        NlMessageWriter w = new NlMessageWriter(512).beginMessage(type, 0, 0, 0);
        w.u8(family).u8(scope).u8(protocol).u8(0).u32(flags);
        w.attrU32(NHA_ID, id);
        return w;
    }

    /** NHA_GROUP: {@code idAndWeight} pairs, as struct nexthop_grp (weight - 1 in the u8). */
    static byte[] nexthopGroup(int... idAndWeight) {
        ByteBuffer b = ByteBuffer.allocate(idAndWeight.length * 4).order(java.nio.ByteOrder.nativeOrder());
        for (int i = 0; i < idAndWeight.length; i += 2) {
            b.putInt(idAndWeight[i]).put((byte) (idAndWeight[i + 1] - 1)).put((byte) 0).putShort((short) 0);
        }
        return b.array();
    }

    static NlMsg msg(NlMessageWriter w) throws NetlinkFormatException {
        ByteBuffer buffer = w.endMessage().toDirectBuffer();
        return new NlMsg().wrap(buffer, 0, buffer.remaining());
    }
}
