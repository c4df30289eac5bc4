package org.linuxfpsync.sync.svti;

import org.linuxfpsync.featuresync.FallbackDevice;
import org.linuxfpsync.featuresync.LinkKindObjects;
import org.linuxfpsync.featuresync.LinkKindObjects.Written;
import org.linuxfpsync.featuresync.LowerDevice;
import org.linuxfpsync.featuresync.NestedAttributes;
import org.linuxfpsync.featuresync.ObjectRefused;
import org.linuxfpsync.featuresync.TunnelEndpoints;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.fpc.codec.SvtiAttr;
import org.linuxfpsync.netlink.codec.IflaVti;
import org.linuxfpsync.netlink.codec.IflaXfrm;
import org.linuxfpsync.netlink.codec.LinkMessage;
import org.linuxfpsync.netlink.codec.NetlinkFormatException;

/**
 * A vti or vti6 device ({@code IFLA_INFO_DATA}: {@code IFLA_VTI_*} as {@code vti_fill_info} and {@code
 * vti6_fill_info} write them) or an xfrm interface ({@code IFLA_XFRM_*}, {@code xfrmi_fill_info}) to SVTI_ADD, with
 * its lower device ({@code IFLA_VTI_LINK}, {@code IFLA_XFRM_LINK}, resolved by {@link LowerDevice}). The keys of a vti
 * are {@code __be32}: the kernel uses them as the marks of its SA and policy lookups ({@code be32_to_cpu(i_key)}), so
 * they are sent as the mark values. A wildcard endpoint is "any": no TLV. The fallback device of vti and vti6
 * (ip_vti0, ip6_vti0, whatever their name now) is recognised by {@link FallbackDevice}; xfrm has none.
 */
final class SvtiTranslator implements LinkKindObjects.Translator {
    /** SVTI KIND values. */
    static final int KIND_VTI = 1;
    static final int KIND_VTI6 = 2;
    static final int KIND_XFRM = 3;

    private final NestedAttributes data = new NestedAttributes(Math.max(IflaVti.IFLA_VTI_MAX, IflaXfrm.IFLA_XFRM_MAX));
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
        if (kind == KIND_XFRM) {
            lower.write(w, SvtiAttr.LINK_IFUID, SvtiAttr.LINK_VRFID, link,
                    data.u32(IflaXfrm.IFLA_XFRM_LINK, "IFLA_XFRM_LINK", 0));
            w.putU8(SvtiAttr.KIND, kind);
            writeXfrm(w);
            return Written.DEVICE;
        }
        endpoints.read(data, kind == KIND_VTI6, IflaVti.IFLA_VTI_LOCAL, "IFLA_VTI_LOCAL", IflaVti.IFLA_VTI_REMOTE,
                "IFLA_VTI_REMOTE");
        int ikey = data.be32(IflaVti.IFLA_VTI_IKEY, "IFLA_VTI_IKEY", 0);
        int okey = data.be32(IflaVti.IFLA_VTI_OKEY, "IFLA_VTI_OKEY", 0);
        int lowerIfindex = data.u32(IflaVti.IFLA_VTI_LINK, "IFLA_VTI_LINK", 0);
        // TLVs in increasing type order, as FPC wants them
        endpoints.write(w, SvtiAttr.LOCAL, SvtiAttr.REMOTE);
        w.putU32(SvtiAttr.IKEY, ikey).putU32(SvtiAttr.OKEY, okey);
        lower.write(w, SvtiAttr.LINK_IFUID, SvtiAttr.LINK_VRFID, link, lowerIfindex);
        w.putU8(SvtiAttr.KIND, kind);
        data.putU32(w, SvtiAttr.FWMARK, IflaVti.IFLA_VTI_FWMARK, "IFLA_VTI_FWMARK");
        boolean keyed = ikey != 0 || okey != 0;
        return FallbackDevice.matches(endpoints.local(), endpoints.remote(), keyed, lowerIfindex, false)
                ? Written.FALLBACK_DEVICE : Written.DEVICE;
    }

    /**
     * An xfrm interface is its if_id, which its SAs and policies carry; in external mode (collect_metadata) the
     * if_id comes with each packet. Either the one or the other: the kernel refuses an if_id 0 otherwise.
     */
    private void writeXfrm(FrameWriter w) throws NetlinkFormatException {
        int ifId = data.u32(IflaXfrm.IFLA_XFRM_IF_ID, "IFLA_XFRM_IF_ID", 0);
        boolean external = data.has(IflaXfrm.IFLA_XFRM_COLLECT_METADATA);
        if (ifId == 0 && !external) {
            throw data.error("IFLA_XFRM_IF_ID", "absent or 0 in an xfrm interface that is not external");
        }
        if (ifId != 0) {
            w.putU32(SvtiAttr.IF_ID, ifId);
        }
        if (external) {
            w.putU8(SvtiAttr.COLLECT_METADATA, 1);
        }
    }

    static int kind(LinkMessage link) {
        if (link.kindEquals("vti")) {
            return KIND_VTI;
        }
        if (link.kindEquals("vti6")) {
            return KIND_VTI6;
        }
        return link.kindEquals("xfrm") ? KIND_XFRM : 0;
    }
}
