package org.linuxfpsync.sync.bridge;

import org.linuxfpsync.featuresync.IfLink;
import org.linuxfpsync.featuresync.LinkKindObjects;
import org.linuxfpsync.featuresync.NestedAttributes;
import org.linuxfpsync.fpc.codec.BridgeAttr;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.netlink.codec.LinkMessage;
import org.linuxfpsync.netlink.codec.NetlinkFormatException;

/**
 * A bridge device ({@code IFLA_INFO_DATA}: {@code IFLA_BR_*}, as {@code br_fill_info} writes them) to
 * BRIDGE_ADD: what changes how it forwards: the ageing of learned entries, STP (on or off, forward
 * delay), VLAN filtering and its protocol and default PVID, the link-local groups it forwards, and
 * multicast snooping. STP timers and ids, and the multicast querier's settings, are not carried.
 */
final class BridgeTranslator implements LinkKindObjects.Translator {
    private final NestedAttributes data = new NestedAttributes(IfLink.IFLA_BR_VLAN_DEFAULT_PVID);

    @Override
    public boolean owns(LinkMessage link) {
        return link.kindEquals("bridge");
    }

    @Override
    public boolean write(LinkMessage link, FrameWriter w, int vrfid) throws NetlinkFormatException {
        data.wrap(link.buffer(), link.infoDataOffset(), link.infoDataLength(), "IFLA_INFO_DATA");
        if (data.has(IfLink.IFLA_BR_AGEING_TIME)) {
            w.putU32(BridgeAttr.AGEING_TIME, data.u32(IfLink.IFLA_BR_AGEING_TIME, "IFLA_BR_AGEING_TIME", 0));
        }
        if (data.has(IfLink.IFLA_BR_STP_STATE)) {
            w.putU32(BridgeAttr.STP_STATE, data.u32(IfLink.IFLA_BR_STP_STATE, "IFLA_BR_STP_STATE", 0));
        }
        if (data.has(IfLink.IFLA_BR_FORWARD_DELAY)) {
            w.putU32(BridgeAttr.FORWARD_DELAY, data.u32(IfLink.IFLA_BR_FORWARD_DELAY, "IFLA_BR_FORWARD_DELAY", 0));
        }
        if (data.has(IfLink.IFLA_BR_VLAN_FILTERING)) {
            w.putU8(BridgeAttr.VLAN_FILTERING, data.u8(IfLink.IFLA_BR_VLAN_FILTERING, "IFLA_BR_VLAN_FILTERING", 0));
        }
        if (data.has(IfLink.IFLA_BR_VLAN_PROTOCOL)) {
            // __be16, as nla_put_be16 writes it
            w.putU16(BridgeAttr.VLAN_PROTOCOL, data.be16(IfLink.IFLA_BR_VLAN_PROTOCOL, "IFLA_BR_VLAN_PROTOCOL", 0));
        }
        if (data.has(IfLink.IFLA_BR_VLAN_DEFAULT_PVID)) {
            w.putU16(BridgeAttr.VLAN_DEFAULT_PVID,
                    data.u16(IfLink.IFLA_BR_VLAN_DEFAULT_PVID, "IFLA_BR_VLAN_DEFAULT_PVID", 0));
        }
        if (data.has(IfLink.IFLA_BR_GROUP_FWD_MASK)) {
            w.putU16(BridgeAttr.GROUP_FWD_MASK, data.u16(IfLink.IFLA_BR_GROUP_FWD_MASK, "IFLA_BR_GROUP_FWD_MASK", 0));
        }
        if (data.has(IfLink.IFLA_BR_MCAST_SNOOPING)) {
            w.putU8(BridgeAttr.MCAST_SNOOPING, data.u8(IfLink.IFLA_BR_MCAST_SNOOPING, "IFLA_BR_MCAST_SNOOPING", 0));
        }
        return true;
    }
}
