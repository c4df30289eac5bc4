package org.linuxfpsync.sync.mcast;

import java.util.ArrayList;
import java.util.List;

import org.linuxfpsync.featuresync.testing.FakeKernel;
import org.linuxfpsync.netlink.codec.NlMessageWriter;
import org.linuxfpsync.netlink.codec.Rtnetlink;

/**
 * A multicast forwarding cache entry laid out as {@code __ipmr_fill_mroute} / {@code __ip6mr_fill_mroute}
 * and {@code mr_fill_mroute} write it (Linux 6.x): struct rtmsg (family RTNL_FAMILY_IPMR or IP6MR,
 * full-length prefixes, the table id or RT_TABLE_COMPAT, RTPROT_STATIC, RTN_MULTICAST), RTA_TABLE,
 * RTA_SRC, RTA_DST, then for a resolved entry RTA_IIF, RTA_MULTIPATH (one rtnexthop per output VIF,
 * rtnh_hops = its TTL threshold), RTA_MFC_STATS and RTA_EXPIRES after their 64-bit alignment pads;
 * an unresolved one has RTNH_F_UNRESOLVED in rtm_flags and stops after RTA_DST.
 */
final class UapiMroute {
    private final int family;
    private final byte[] source;
    private final byte[] group;
    private int table = Rtnetlink.RT_TABLE_DEFAULT;
    private int iif;
    private boolean unresolved;
    private long packets;
    private final List<int[]> oifs = new ArrayList<>();

    private UapiMroute(int family, byte[] source, byte[] group) {
        this.family = family;
        this.source = source;
        this.group = group;
    }

    static UapiMroute v4(byte[] source, byte[] group) {
        return new UapiMroute(Rtnetlink.RTNL_FAMILY_IPMR, source, group);
    }

    static UapiMroute v6(byte[] source, byte[] group) {
        return new UapiMroute(Rtnetlink.RTNL_FAMILY_IP6MR, source, group);
    }

    UapiMroute table(int id) {
        this.table = id;
        return this;
    }

    UapiMroute iif(int ifindex) {
        this.iif = ifindex;
        return this;
    }

    UapiMroute oif(int ifindex, int ttl) {
        oifs.add(new int[] {ifindex, ttl});
        return this;
    }

    UapiMroute unresolved() {
        this.unresolved = true;
        return this;
    }

    /** The kernel's counters of the entry, which move without a notification. */
    UapiMroute packets(long n) {
        this.packets = n;
        return this;
    }

    byte[] newRoute() {
        return message(Rtnetlink.RTM_NEWROUTE);
    }

    byte[] delRoute() {
        return message(Rtnetlink.RTM_DELROUTE);
    }

    private byte[] message(int type) {
        return FakeKernel.message(w -> {
            w.beginMessage(type, 0, 0, 0);
            int length = source.length * 8;
            w.u8(family).u8(length).u8(length).u8(0)
                    .u8(table < 256 ? table : Rtnetlink.RT_TABLE_COMPAT).u8(Rtnetlink.RTPROT_STATIC).u8(0)
                    .u8(Rtnetlink.RTN_MULTICAST).u32(unresolved ? Rtnetlink.RTNH_F_UNRESOLVED : 0);
            w.attrU32(Rtnetlink.RTA_TABLE, table).attrBytes(Rtnetlink.RTA_SRC, source).attrBytes(Rtnetlink.RTA_DST, group);
            if (!unresolved) {
                if (iif > 0) {
                    w.attrU32(Rtnetlink.RTA_IIF, iif);
                }
                w.beginNest(Rtnetlink.RTA_MULTIPATH);
                for (int[] oif : oifs) {
                    w.beginNexthop(0, oif[1], oif[0]).endNexthop();
                }
                w.endNest();
                pad64(w);
                // struct rta_mfc_stats: mfcs_packets, mfcs_bytes, mfcs_wrong_if
                w.beginNest(Rtnetlink.RTA_MFC_STATS).u64(packets).u64(packets * 100).u64(0).endNest();
                pad64(w);
                w.attrU64(Rtnetlink.RTA_EXPIRES, packets > 0 ? 300 : 0);
            }
            w.endMessage();
        });
    }

    /** nla_put_64bit: an RTA_PAD attribute when the payload would not be 8-byte aligned. */
    private static void pad64(NlMessageWriter w) {
        if ((w.position() + 4) % 8 != 0) {
            w.beginNest(Rtnetlink.RTA_PAD).endNest();
        }
    }
}
