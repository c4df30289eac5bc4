package org.linuxfpsync.sync.macvlan;

import org.linuxfpsync.featuresync.LinkKindObjects;
import org.linuxfpsync.featuresync.LinkKindObjects.Written;
import org.linuxfpsync.featuresync.LowerDevice;
import org.linuxfpsync.featuresync.ObjectRefused;
import org.linuxfpsync.featuresync.NestedAttributes;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.fpc.codec.MacvlanAttr;
import org.linuxfpsync.netlink.codec.AttributeWalker;
import org.linuxfpsync.netlink.codec.IflaMacvlan;
import org.linuxfpsync.netlink.codec.LinkMessage;
import org.linuxfpsync.netlink.codec.NetlinkFormatException;

/**
 * A macvlan or macvtap device ({@code IFLA_INFO_DATA}: {@code IFLA_MACVLAN_*}) to MACVLAN_ADD: its
 * mode, its lower device, its flags, and, in mode source, the source MACs it accepts
 * ({@code IFLA_MACVLAN_MACADDR_DATA}, which the kernel sends whole with every change).
 */
final class MacvlanTranslator implements LinkKindObjects.Translator {
    private static final int ETH_ALEN = 6;

    private final NestedAttributes data = new NestedAttributes(IflaMacvlan.IFLA_MACVLAN_MACADDR_COUNT);
    private final AttributeWalker macs = new AttributeWalker();
    private final byte[] mac = new byte[ETH_ALEN];

    @Override
    public boolean owns(LinkMessage link) {
        return link.kindEquals("macvlan") || link.kindEquals("macvtap");
    }

    @Override
    public Written write(LinkMessage link, FrameWriter w, LowerDevice lower) throws NetlinkFormatException,
            ObjectRefused {
        data.wrap(link.buffer(), link.infoDataOffset(), link.infoDataLength(), "IFLA_INFO_DATA");
        int mode = data.u32(IflaMacvlan.IFLA_MACVLAN_MODE, "IFLA_MACVLAN_MODE", -1);
        if (mode == -1) {
            throw data.error("IFLA_MACVLAN_MODE", "absent from a " + link.kind() + " link");
        }
        if (!lower.resolve(link, link.link())) {
            throw new NetlinkFormatException("IFLA_LINK: absent from a " + link.kind() + " link");
        }
        w.putU32(MacvlanAttr.MODE, mode).putU64(MacvlanAttr.PARENT_IFUID, lower.ifuid());
        data.putU16(w, MacvlanAttr.FLAGS, IflaMacvlan.IFLA_MACVLAN_FLAGS, "IFLA_MACVLAN_FLAGS");
        if (data.has(IflaMacvlan.IFLA_MACVLAN_MACADDR_DATA)) {
            int at = data.offset(IflaMacvlan.IFLA_MACVLAN_MACADDR_DATA);
            macs.reset(data.buffer(), at, at + data.length(IflaMacvlan.IFLA_MACVLAN_MACADDR_DATA),
                    "IFLA_MACVLAN_MACADDR_DATA");
            while (macs.next()) {
                if (macs.type() != IflaMacvlan.IFLA_MACVLAN_MACADDR) {
                    continue;
                }
                if (macs.payloadLength() != ETH_ALEN) {
                    throw data.error("IFLA_MACVLAN_MACADDR", macs.payloadLength() + " bytes, need " + ETH_ALEN);
                }
                macs.buffer().get(macs.payloadOffset(), mac, 0, ETH_ALEN);
                w.putBytes(MacvlanAttr.SOURCE_MAC, mac);
            }
        }
        return Written.DEVICE;
    }
}
