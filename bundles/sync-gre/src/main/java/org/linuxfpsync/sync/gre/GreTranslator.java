package org.linuxfpsync.sync.gre;

import org.linuxfpsync.featuresync.FallbackDevice;
import org.linuxfpsync.featuresync.LinkKindObjects;
import org.linuxfpsync.featuresync.LinkKindObjects.Written;
import org.linuxfpsync.featuresync.LowerDevice;
import org.linuxfpsync.featuresync.NestedAttributes;
import org.linuxfpsync.featuresync.ObjectRefused;
import org.linuxfpsync.featuresync.TunnelEndpoints;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.fpc.codec.GreAttr;
import org.linuxfpsync.netlink.codec.IflaGre;
import org.linuxfpsync.netlink.codec.LinkMessage;
import org.linuxfpsync.netlink.codec.NetlinkFormatException;

/**
 * A GRE device ({@code IFLA_INFO_DATA}: {@code IFLA_GRE_*}, as {@code ipgre_fill_info},
 * {@code erspan_fill_info} and {@code ip6gre_fill_info} write them) to GRE_ADD: the kind, the
 * endpoints (IPv4 for gre, gretap and erspan, IPv6 for the ip6 kinds; the wildcard left out), the
 * keys (only with GRE_KEY in their flags: the kernel sends a key of 0 otherwise), the GRE flags
 * (csum, key, seq), TTL, TOS, path MTU discovery, the lower device and the vrf of the outer packets,
 * ignore-df, fwmark, external, the fou/gue encapsulation, the ip6gre encap limit, flow info and
 * flags, and the ERSPAN version, index, direction and hardware id. The kind's fallback device
 * ({@link FallbackDevice}) is marked FALLBACK.
 */
final class GreTranslator implements LinkKindObjects.Translator {
    private final NestedAttributes data = new NestedAttributes(IflaGre.IFLA_GRE_ERSPAN_HWID);
    private final TunnelEndpoints endpoints = new TunnelEndpoints();

    @Override
    public boolean owns(LinkMessage link) {
        return kindCode(link) != 0;
    }

    /** GreAttr KIND: 1 gre, 2 gretap, 3 ip6gre, 4 ip6gretap, 5 erspan, 6 ip6erspan; 0 for another kind. */
    private static int kindCode(LinkMessage link) {
        if (link.kindEquals("gre")) {
            return 1;
        } else if (link.kindEquals("gretap")) {
            return 2;
        } else if (link.kindEquals("ip6gre")) {
            return 3;
        } else if (link.kindEquals("ip6gretap")) {
            return 4;
        } else if (link.kindEquals("erspan")) {
            return 5;
        } else if (link.kindEquals("ip6erspan")) {
            return 6;
        }
        return 0;
    }

    @Override
    public Written write(LinkMessage link, FrameWriter w, LowerDevice lower) throws NetlinkFormatException,
            ObjectRefused {
        data.wrap(link.buffer(), link.infoDataOffset(), link.infoDataLength(), "IFLA_INFO_DATA");
        int kind = kindCode(link);
        boolean overIpv6 = kind == 3 || kind == 4 || kind == 6;
        w.putU8(GreAttr.KIND, kind);
        endpoints.read(data, overIpv6, IflaGre.IFLA_GRE_LOCAL, "IFLA_GRE_LOCAL", IflaGre.IFLA_GRE_REMOTE,
                "IFLA_GRE_REMOTE");
        endpoints.write(w, GreAttr.LOCAL, GreAttr.REMOTE);
        int iflags = data.be16(IflaGre.IFLA_GRE_IFLAGS, "IFLA_GRE_IFLAGS", 0);
        int oflags = data.be16(IflaGre.IFLA_GRE_OFLAGS, "IFLA_GRE_OFLAGS", 0);
        // read even when unused: a key of the wrong size is a malformed message either way
        int ikey = data.be32(IflaGre.IFLA_GRE_IKEY, "IFLA_GRE_IKEY", 0);
        int okey = data.be32(IflaGre.IFLA_GRE_OKEY, "IFLA_GRE_OKEY", 0);
        if ((iflags & IflaGre.GRE_KEY) != 0 && data.has(IflaGre.IFLA_GRE_IKEY)) {
            w.putU32(GreAttr.IKEY, ikey);
        }
        if ((oflags & IflaGre.GRE_KEY) != 0 && data.has(IflaGre.IFLA_GRE_OKEY)) {
            w.putU32(GreAttr.OKEY, okey);
        }
        data.putBe16(w, GreAttr.IFLAGS, IflaGre.IFLA_GRE_IFLAGS, "IFLA_GRE_IFLAGS");
        data.putBe16(w, GreAttr.OFLAGS, IflaGre.IFLA_GRE_OFLAGS, "IFLA_GRE_OFLAGS");
        data.putU8(w, GreAttr.TTL, IflaGre.IFLA_GRE_TTL, "IFLA_GRE_TTL");
        data.putU8(w, GreAttr.TOS, IflaGre.IFLA_GRE_TOS, "IFLA_GRE_TOS");
        data.putU8(w, GreAttr.PMTUDISC, IflaGre.IFLA_GRE_PMTUDISC, "IFLA_GRE_PMTUDISC");
        int lowerIfindex = data.u32(IflaGre.IFLA_GRE_LINK, "IFLA_GRE_LINK", 0);
        lower.write(w, GreAttr.LINK_IFUID, GreAttr.LINK_VRFID, link, lowerIfindex);
        data.putU8(w, GreAttr.IGNORE_DF, IflaGre.IFLA_GRE_IGNORE_DF, "IFLA_GRE_IGNORE_DF");
        data.putU32(w, GreAttr.FWMARK, IflaGre.IFLA_GRE_FWMARK, "IFLA_GRE_FWMARK");
        // a flag attribute: present (no payload) when the device is flow-based
        boolean external = data.has(IflaGre.IFLA_GRE_COLLECT_METADATA);
        if (external) {
            w.putU8(GreAttr.COLLECT_METADATA, 1);
        }
        encapsulation(w);
        data.putU8(w, GreAttr.ENCAP_LIMIT, IflaGre.IFLA_GRE_ENCAP_LIMIT, "IFLA_GRE_ENCAP_LIMIT");
        if (data.has(IflaGre.IFLA_GRE_FLOWINFO)) {
            w.putU32(GreAttr.FLOWINFO, data.be32(IflaGre.IFLA_GRE_FLOWINFO, "IFLA_GRE_FLOWINFO", 0));
        }
        data.putU32(w, GreAttr.FLAGS, IflaGre.IFLA_GRE_FLAGS, "IFLA_GRE_FLAGS");
        data.putU8(w, GreAttr.ERSPAN_VER, IflaGre.IFLA_GRE_ERSPAN_VER, "IFLA_GRE_ERSPAN_VER");
        data.putU32(w, GreAttr.ERSPAN_INDEX, IflaGre.IFLA_GRE_ERSPAN_INDEX, "IFLA_GRE_ERSPAN_INDEX");
        data.putU8(w, GreAttr.ERSPAN_DIR, IflaGre.IFLA_GRE_ERSPAN_DIR, "IFLA_GRE_ERSPAN_DIR");
        data.putU16(w, GreAttr.ERSPAN_HWID, IflaGre.IFLA_GRE_ERSPAN_HWID, "IFLA_GRE_ERSPAN_HWID");
        boolean fallback = FallbackDevice.matches(endpoints.local(), endpoints.remote(),
                ((iflags | oflags) & IflaGre.GRE_KEY) != 0, lowerIfindex, external);
        return fallback ? Written.FALLBACK_DEVICE : Written.DEVICE;
    }

    /** fou or gue: the type, flags and ports; nothing for none (the kernel sends type 0 and zeros). */
    private void encapsulation(FrameWriter w) throws NetlinkFormatException {
        int type = data.u16(IflaGre.IFLA_GRE_ENCAP_TYPE, "IFLA_GRE_ENCAP_TYPE", 0);
        if (type == 0) {
            return;
        }
        w.putU16(GreAttr.ENCAP_TYPE, type);
        data.putU16(w, GreAttr.ENCAP_FLAGS, IflaGre.IFLA_GRE_ENCAP_FLAGS, "IFLA_GRE_ENCAP_FLAGS");
        data.putBe16(w, GreAttr.ENCAP_SPORT, IflaGre.IFLA_GRE_ENCAP_SPORT, "IFLA_GRE_ENCAP_SPORT");
        data.putBe16(w, GreAttr.ENCAP_DPORT, IflaGre.IFLA_GRE_ENCAP_DPORT, "IFLA_GRE_ENCAP_DPORT");
    }
}
