package org.linuxfpsync.sync.conntrack;

import org.linuxfpsync.featuresync.testing.FakeKernel;
import org.linuxfpsync.netlink.codec.NlMessageWriter;
import org.linuxfpsync.netlink.codec.Nfnetlink;
import org.linuxfpsync.netlink.codec.Rtnetlink;

/**
 * A conntrack flow laid out as {@code ctnetlink_fill_info} (a dump reply) and
 * {@code ctnetlink_conntrack_event} (an event) write it (Linux 6.x, linux/netfilter/nfnetlink_conntrack.h):
 * struct nfgenmsg (the layer 3 family, NFNETLINK_V0, res_id 0), CTA_TUPLE_ORIG and CTA_TUPLE_REPLY
 * (CTA_TUPLE_IP {CTA_IP_V4_SRC, _DST | CTA_IP_V6_*}, CTA_TUPLE_PROTO {CTA_PROTO_NUM, ports or ICMP id,
 * type, code}), CTA_ZONE when not the default zone, CTA_STATUS, CTA_TIMEOUT, CTA_PROTOINFO
 * {CTA_PROTOINFO_TCP {STATE, WSCALE_ORIGINAL, WSCALE_REPLY, FLAGS_ORIGINAL, FLAGS_REPLY}}, CTA_HELP
 * {CTA_HELP_NAME}, CTA_MARK, CTA_ID, CTA_USE, CTA_LABELS when a label is set; nests with NLA_F_NESTED,
 * every number in network order. An event leaves out CTA_PROTOINFO unless the TCP state changed, and
 * CTA_MARK when the mark is 0 and unchanged; a destroy event has no CTA_TIMEOUT.
 */
final class UapiConntrack {
    static final int NEW_FLAGS = Rtnetlink.NLM_F_CREATE | Rtnetlink.NLM_F_EXCL;

    private final int family;
    private final int protocol;
    private byte[] origSrc;
    private byte[] origDst;
    private byte[] replySrc;
    private byte[] replyDst;
    private int origSport = -1;
    private int origDport = -1;
    private int replySport = -1;
    private int replyDport = -1;
    private int icmpId = -1;
    private int icmpType;
    private int icmpCode;
    private int zone;
    private int status = Nfnetlink.IPS_CONFIRMED;
    private int timeout = 30;
    private int tcpState = -1;
    private int wscaleOrig;
    private int wscaleReply;
    private int flagsOrig;
    private int flagsReply;
    private boolean protoinfo = true;
    private String helper;
    private int mark;
    private boolean markInEvent;
    private int id = 1000;
    private byte[] labels;
    private boolean noOrigAddresses;

    private UapiConntrack(int family, int protocol) {
        this.family = family;
        this.protocol = protocol;
    }

    static UapiConntrack udp(String src, int sport, String dst, int dport) {
        return ports(Rtnetlink.AF_INET, 17, ip(src), sport, ip(dst), dport);
    }

    static UapiConntrack tcp(String src, int sport, String dst, int dport) {
        return ports(Rtnetlink.AF_INET, 6, ip(src), sport, ip(dst), dport);
    }

    static UapiConntrack udp6(byte[] src, int sport, byte[] dst, int dport) {
        return ports(Rtnetlink.AF_INET6, 17, src, sport, dst, dport);
    }

    static UapiConntrack icmp(String src, String dst, int id) {
        UapiConntrack c = new UapiConntrack(Rtnetlink.AF_INET, 1);
        c.origSrc = ip(src);
        c.origDst = ip(dst);
        c.replySrc = c.origDst;
        c.replyDst = c.origSrc;
        c.icmpId = id;
        c.icmpType = 8;
        return c;
    }

    private static UapiConntrack ports(int family, int protocol, byte[] src, int sport, byte[] dst, int dport) {
        UapiConntrack c = new UapiConntrack(family, protocol);
        c.origSrc = src;
        c.origDst = dst;
        c.origSport = sport;
        c.origDport = dport;
        c.replySrc = dst;
        c.replyDst = src;
        c.replySport = dport;
        c.replyDport = sport;
        return c;
    }

    /** The reply tuple of a translated flow (the reply's source and destination, as the kernel stores them). */
    UapiConntrack reply(String src, int sport, String dst, int dport) {
        replySrc = ip(src);
        replyDst = ip(dst);
        replySport = sport;
        replyDport = dport;
        return this;
    }

    UapiConntrack status(int bits) {
        this.status = bits;
        return this;
    }

    UapiConntrack timeout(int seconds) {
        this.timeout = seconds;
        return this;
    }

    UapiConntrack tcpState(int state, int flagsOrig, int flagsReply, int wscaleOrig, int wscaleReply) {
        this.tcpState = state;
        this.flagsOrig = flagsOrig;
        this.flagsReply = flagsReply;
        this.wscaleOrig = wscaleOrig;
        this.wscaleReply = wscaleReply;
        return this;
    }

    /** An update event without IPCT_PROTOINFO: no CTA_PROTOINFO. */
    UapiConntrack withoutProtoinfo() {
        this.protoinfo = false;
        return this;
    }

    UapiConntrack helper(String name) {
        this.helper = name;
        return this;
    }

    UapiConntrack mark(int value) {
        this.mark = value;
        return this;
    }

    UapiConntrack zone(int value) {
        this.zone = value;
        return this;
    }

    UapiConntrack id(int value) {
        this.id = value;
        return this;
    }

    UapiConntrack labels(byte[] bits) {
        this.labels = bits;
        return this;
    }

    /** A malformed flow: CTA_TUPLE_ORIG without CTA_TUPLE_IP. */
    UapiConntrack withoutOriginalAddresses() {
        this.noOrigAddresses = true;
        return this;
    }

    /** A dump reply (ctnetlink_fill_info): every attribute. */
    byte[] dumped() {
        return message(Nfnetlink.IPCTNL_MSG_CT_NEW, Rtnetlink.NLM_F_MULTI, false, true);
    }

    /** A NEW event (IPCT_NEW: NLM_F_CREATE | NLM_F_EXCL; protoinfo and helper included). */
    byte[] newEvent() {
        return message(Nfnetlink.IPCTNL_MSG_CT_NEW, NEW_FLAGS, false, markInEvent || mark != 0);
    }

    /** An UPDATE event. */
    byte[] updateEvent() {
        return message(Nfnetlink.IPCTNL_MSG_CT_NEW, 0, false, mark != 0);
    }

    /** A DESTROY event (IPCTNL_MSG_CT_DELETE: no timeout). */
    byte[] destroyEvent() {
        return message(Nfnetlink.IPCTNL_MSG_CT_DELETE, 0, true, mark != 0);
    }

    private byte[] message(int msg, int flags, boolean destroy, boolean withMark) {
        return FakeKernel.message(w -> {
            w.beginMessage(Nfnetlink.type(Nfnetlink.NFNL_SUBSYS_CTNETLINK, msg), flags, 0, 0);
            w.u8(family).u8(Nfnetlink.NFNETLINK_V0).be16(0);
            tuple(w, Nfnetlink.CTA_TUPLE_ORIG, noOrigAddresses ? null : origSrc, origDst, origSport, origDport);
            tuple(w, Nfnetlink.CTA_TUPLE_REPLY, replySrc, replyDst, replySport, replyDport);
            if (zone != 0) {
                w.attrBe16(Nfnetlink.CTA_ZONE, zone);
            }
            w.attrBe32(Nfnetlink.CTA_STATUS, status);
            if (!destroy) {
                w.attrBe32(Nfnetlink.CTA_TIMEOUT, timeout);
            }
            if (tcpState >= 0 && (protoinfo || destroy)) {
                w.beginNest(Nfnetlink.CTA_PROTOINFO | Rtnetlink.NLA_F_NESTED)
                        .beginNest(Nfnetlink.CTA_PROTOINFO_TCP | Rtnetlink.NLA_F_NESTED)
                        .attrU8(Nfnetlink.CTA_PROTOINFO_TCP_STATE, tcpState)
                        .attrU8(Nfnetlink.CTA_PROTOINFO_TCP_WSCALE_ORIGINAL, wscaleOrig)
                        .attrU8(Nfnetlink.CTA_PROTOINFO_TCP_WSCALE_REPLY, wscaleReply)
                        .attrBytes(Nfnetlink.CTA_PROTOINFO_TCP_FLAGS_ORIGINAL, new byte[] {(byte) flagsOrig, (byte) 0xff})
                        .attrBytes(Nfnetlink.CTA_PROTOINFO_TCP_FLAGS_REPLY, new byte[] {(byte) flagsReply, (byte) 0xff})
                        .endNest().endNest();
            }
            if (helper != null && !destroy) {
                w.beginNest(Nfnetlink.CTA_HELP | Rtnetlink.NLA_F_NESTED).attrString(Nfnetlink.CTA_HELP_NAME, helper)
                        .endNest();
            }
            if (withMark) {
                w.attrBe32(Nfnetlink.CTA_MARK, mark);
            }
            w.attrBe32(Nfnetlink.CTA_ID, id);
            w.attrBe32(Nfnetlink.CTA_USE, 1);
            if (labels != null) {
                w.attrBytes(Nfnetlink.CTA_LABELS, labels);
            }
            w.endMessage();
        });
    }

    private void tuple(NlMessageWriter w, int type, byte[] src, byte[] dst, int sport, int dport) {
        w.beginNest(type | Rtnetlink.NLA_F_NESTED);
        if (src != null) {
            boolean v4 = src.length == 4;
            w.beginNest(Nfnetlink.CTA_TUPLE_IP | Rtnetlink.NLA_F_NESTED)
                    .attrBytes(v4 ? Nfnetlink.CTA_IP_V4_SRC : Nfnetlink.CTA_IP_V6_SRC, src)
                    .attrBytes(v4 ? Nfnetlink.CTA_IP_V4_DST : Nfnetlink.CTA_IP_V6_DST, dst)
                    .endNest();
        }
        w.beginNest(Nfnetlink.CTA_TUPLE_PROTO | Rtnetlink.NLA_F_NESTED).attrU8(Nfnetlink.CTA_PROTO_NUM, protocol);
        if (icmpId >= 0) {
            // the reply of an echo request is an echo reply (type 0)
            int t = type == Nfnetlink.CTA_TUPLE_ORIG ? icmpType : 0;
            w.attrBe16(Nfnetlink.CTA_PROTO_ICMP_ID, icmpId).attrU8(Nfnetlink.CTA_PROTO_ICMP_TYPE, t)
                    .attrU8(Nfnetlink.CTA_PROTO_ICMP_CODE, icmpCode);
        } else {
            w.attrBe16(Nfnetlink.CTA_PROTO_SRC_PORT, sport).attrBe16(Nfnetlink.CTA_PROTO_DST_PORT, dport);
        }
        w.endNest().endNest();
    }

    static byte[] ip(String dotted) {
        String[] p = dotted.split("\\.");
        return new byte[] {(byte) Integer.parseInt(p[0]), (byte) Integer.parseInt(p[1]), (byte) Integer.parseInt(p[2]),
            (byte) Integer.parseInt(p[3])};
    }
}
