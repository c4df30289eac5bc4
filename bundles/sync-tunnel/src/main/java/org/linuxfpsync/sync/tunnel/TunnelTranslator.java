package org.linuxfpsync.sync.tunnel;

import static org.linuxfpsync.netlink.codec.IflaIptun.IFLA_IPTUN_COLLECT_METADATA;
import static org.linuxfpsync.netlink.codec.IflaIptun.IFLA_IPTUN_ENCAP_DPORT;
import static org.linuxfpsync.netlink.codec.IflaIptun.IFLA_IPTUN_ENCAP_FLAGS;
import static org.linuxfpsync.netlink.codec.IflaIptun.IFLA_IPTUN_ENCAP_LIMIT;
import static org.linuxfpsync.netlink.codec.IflaIptun.IFLA_IPTUN_ENCAP_SPORT;
import static org.linuxfpsync.netlink.codec.IflaIptun.IFLA_IPTUN_ENCAP_TYPE;
import static org.linuxfpsync.netlink.codec.IflaIptun.IFLA_IPTUN_FLAGS;
import static org.linuxfpsync.netlink.codec.IflaIptun.IFLA_IPTUN_FLOWINFO;
import static org.linuxfpsync.netlink.codec.IflaIptun.IFLA_IPTUN_FWMARK;
import static org.linuxfpsync.netlink.codec.IflaIptun.IFLA_IPTUN_LINK;
import static org.linuxfpsync.netlink.codec.IflaIptun.IFLA_IPTUN_LOCAL;
import static org.linuxfpsync.netlink.codec.IflaIptun.IFLA_IPTUN_PMTUDISC;
import static org.linuxfpsync.netlink.codec.IflaIptun.IFLA_IPTUN_PROTO;
import static org.linuxfpsync.netlink.codec.IflaIptun.IFLA_IPTUN_REMOTE;
import static org.linuxfpsync.netlink.codec.IflaIptun.IFLA_IPTUN_TOS;
import static org.linuxfpsync.netlink.codec.IflaIptun.IFLA_IPTUN_TTL;

import org.linuxfpsync.featuresync.FallbackDevice;
import org.linuxfpsync.featuresync.LinkKindObjects;
import org.linuxfpsync.featuresync.LinkKindObjects.Written;
import org.linuxfpsync.featuresync.LowerDevice;
import org.linuxfpsync.featuresync.NestedAttributes;
import org.linuxfpsync.featuresync.ObjectRefused;
import org.linuxfpsync.featuresync.TunnelEndpoints;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.fpc.codec.TunnelAttr;
import org.linuxfpsync.netlink.codec.IflaIptun;
import org.linuxfpsync.netlink.codec.LinkMessage;
import org.linuxfpsync.netlink.codec.NetlinkFormatException;

/**
 * An ipip, sit or ip6tnl device ({@code IFLA_INFO_DATA}: {@code IFLA_IPTUN_*}, as {@code ipip_fill_info}, {@code
 * ipip6_fill_info} and {@code ip6_tnl_fill_info} write them) to TUNNEL_ADD, with its lower device ({@code
 * IFLA_IPTUN_LINK}, resolved by {@link LowerDevice}). Every message carries the whole state, so {@code ip tunnel
 * change} (a plain RTM_NEWLINK) replaces the object. A wildcard endpoint (0.0.0.0, ::) is "any": no TLV. The kind's
 * fallback device (tunl0, sit0, ip6tnl0, whatever its name now) is recognised by {@link FallbackDevice}.
 */
final class TunnelTranslator implements LinkKindObjects.Translator {
    /** TUNNEL KIND values. */
    static final int KIND_IPIP = 1;
    static final int KIND_SIT = 2;
    static final int KIND_IP6TNL = 3;

    private static final int IN_ADDR = 4;
    private static final int IN6_ADDR = 16;
    private static final int FLOWLABEL_MASK = 0x000fffff;
    private static final int TCLASS_SHIFT = 20;

    private final NestedAttributes data = new NestedAttributes(IflaIptun.IFLA_IPTUN_MAX);
    private final TunnelEndpoints endpoints = new TunnelEndpoints();

    @Override
    public boolean owns(LinkMessage link) {
        return kind(link) != 0;
    }

    @Override
    public Written write(LinkMessage link, FrameWriter w, LowerDevice lower) throws NetlinkFormatException,
            ObjectRefused {
        data.wrap(link.buffer(), link.infoDataOffset(), link.infoDataLength(), "IFLA_INFO_DATA");
        int kind = kind(link);
        boolean ip6tnl = kind == KIND_IP6TNL;
        endpoints.read(data, ip6tnl, IFLA_IPTUN_LOCAL, "IFLA_IPTUN_LOCAL", IFLA_IPTUN_REMOTE, "IFLA_IPTUN_REMOTE");
        int lowerIfindex = data.u32(IFLA_IPTUN_LINK, "IFLA_IPTUN_LINK", 0);
        boolean external = data.has(IFLA_IPTUN_COLLECT_METADATA);
        // TLVs in increasing type order, as FPC wants them
        w.putU8(TunnelAttr.KIND, kind);
        endpoints.write(w, TunnelAttr.LOCAL, TunnelAttr.REMOTE);
        data.putU8(w, TunnelAttr.TTL, IFLA_IPTUN_TTL, "IFLA_IPTUN_TTL");
        // the traffic class and flow label of an ip6tnl are in its __be32 flowinfo
        int flowinfo = ip6tnl ? data.be32(IFLA_IPTUN_FLOWINFO, "IFLA_IPTUN_FLOWINFO", -1) : -1;
        if (ip6tnl && flowinfo != -1) {
            w.putU8(TunnelAttr.TOS, (flowinfo >>> TCLASS_SHIFT) & 0xff);
        } else if (!ip6tnl) {
            data.putU8(w, TunnelAttr.TOS, IFLA_IPTUN_TOS, "IFLA_IPTUN_TOS");
        }
        data.putU8(w, TunnelAttr.PROTO, IFLA_IPTUN_PROTO, "IFLA_IPTUN_PROTO");
        if (kind == KIND_SIT) {
            // i_flags: a 16-bit attribute the kernel stores and returns as iproute2 wrote it (SIT_ISATAP, host order)
            if (data.has(IFLA_IPTUN_FLAGS)) {
                w.putU32(TunnelAttr.FLAGS, data.u16(IFLA_IPTUN_FLAGS, "IFLA_IPTUN_FLAGS", 0));
            }
        } else if (ip6tnl) {
            data.putU32(w, TunnelAttr.FLAGS, IFLA_IPTUN_FLAGS, "IFLA_IPTUN_FLAGS");
        }
        lower.write(w, TunnelAttr.LINK_IFUID, TunnelAttr.LINK_VRFID, link, lowerIfindex);
        if (ip6tnl && flowinfo != -1) {
            w.putU32(TunnelAttr.FLOWLABEL, flowinfo & FLOWLABEL_MASK);
        }
        if (ip6tnl) {
            data.putU8(w, TunnelAttr.ENCAP_LIMIT, IFLA_IPTUN_ENCAP_LIMIT, "IFLA_IPTUN_ENCAP_LIMIT");
        } else {
            data.putU8(w, TunnelAttr.PMTUDISC, IFLA_IPTUN_PMTUDISC, "IFLA_IPTUN_PMTUDISC");
        }
        data.putU32(w, TunnelAttr.FWMARK, IFLA_IPTUN_FWMARK, "IFLA_IPTUN_FWMARK");
        if (external) {
            w.putU8(TunnelAttr.COLLECT_METADATA, 1);
        }
        writeEncap(w);
        if (kind == KIND_SIT) {
            write6rd(w);
        }
        return FallbackDevice.matches(endpoints.local(), endpoints.remote(), false, lowerIfindex, external)
                ? Written.FALLBACK_DEVICE : Written.DEVICE;
    }

    /** The 6rd prefixes of a sit, there when the kernel has CONFIG_IPV6_SIT_6RD. */
    private void write6rd(FrameWriter w) throws NetlinkFormatException {
        data.putAddress(w, TunnelAttr.IP6RD_PREFIX, IflaIptun.IFLA_IPTUN_6RD_PREFIX, "IFLA_IPTUN_6RD_PREFIX", IN6_ADDR);
        data.putU16(w, TunnelAttr.IP6RD_PREFIXLEN, IflaIptun.IFLA_IPTUN_6RD_PREFIXLEN, "IFLA_IPTUN_6RD_PREFIXLEN");
        data.putAddress(w, TunnelAttr.IP6RD_RELAY_PREFIX, IflaIptun.IFLA_IPTUN_6RD_RELAY_PREFIX,
                "IFLA_IPTUN_6RD_RELAY_PREFIX", IN_ADDR);
        data.putU16(w, TunnelAttr.IP6RD_RELAY_PREFIXLEN, IflaIptun.IFLA_IPTUN_6RD_RELAY_PREFIXLEN,
                "IFLA_IPTUN_6RD_RELAY_PREFIXLEN");
    }

    /** fou or gue: the type and flags are u16, the ports {@code __be16}; none is sent without a type. */
    private void writeEncap(FrameWriter w) throws NetlinkFormatException {
        int type = data.u16(IFLA_IPTUN_ENCAP_TYPE, "IFLA_IPTUN_ENCAP_TYPE", IflaIptun.TUNNEL_ENCAP_NONE);
        if (type == IflaIptun.TUNNEL_ENCAP_NONE) {
            return;
        }
        w.putU16(TunnelAttr.ENCAP_TYPE, type);
        data.putU16(w, TunnelAttr.ENCAP_FLAGS, IFLA_IPTUN_ENCAP_FLAGS, "IFLA_IPTUN_ENCAP_FLAGS");
        data.putBe16(w, TunnelAttr.ENCAP_SPORT, IFLA_IPTUN_ENCAP_SPORT, "IFLA_IPTUN_ENCAP_SPORT");
        data.putBe16(w, TunnelAttr.ENCAP_DPORT, IFLA_IPTUN_ENCAP_DPORT, "IFLA_IPTUN_ENCAP_DPORT");
    }

    static int kind(LinkMessage link) {
        if (link.kindEquals("ipip")) {
            return KIND_IPIP;
        }
        if (link.kindEquals("sit")) {
            return KIND_SIT;
        }
        return link.kindEquals("ip6tnl") ? KIND_IP6TNL : 0;
    }
}
