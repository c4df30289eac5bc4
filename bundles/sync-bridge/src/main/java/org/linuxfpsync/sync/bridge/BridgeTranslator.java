package org.linuxfpsync.sync.bridge;

import org.linuxfpsync.featuresync.LinkKindObjects;
import org.linuxfpsync.featuresync.LinkKindObjects.Written;
import org.linuxfpsync.featuresync.LowerDevice;
import org.linuxfpsync.featuresync.ObjectRefused;
import org.linuxfpsync.featuresync.NestedAttributes;
import org.linuxfpsync.fpc.codec.BridgeAttr;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.netlink.codec.IflaBridge;
import org.linuxfpsync.netlink.codec.LinkMessage;
import org.linuxfpsync.netlink.codec.NetlinkFormatException;

/**
 * A bridge device ({@code IFLA_INFO_DATA}: {@code IFLA_BR_*}, as {@code br_fill_info} writes them) to
 * BRIDGE_ADD: what changes how it forwards: the ageing of learned entries, STP (on or off, forward
 * delay), VLAN filtering and its protocol and default PVID, the link-local groups it forwards, and
 * multicast snooping. STP timers and ids, and the multicast querier's settings, are not carried.
 */
final class BridgeTranslator implements LinkKindObjects.Translator {
    private final NestedAttributes data = new NestedAttributes(IflaBridge.IFLA_BR_VLAN_DEFAULT_PVID);

    @Override
    public boolean owns(LinkMessage link) {
        return link.kindEquals("bridge");
    }

    @Override
    public Written write(LinkMessage link, FrameWriter w, LowerDevice lower) throws NetlinkFormatException,
            ObjectRefused {
        data.wrap(link.buffer(), link.infoDataOffset(), link.infoDataLength(), "IFLA_INFO_DATA");
        data.putU32(w, BridgeAttr.AGEING_TIME, IflaBridge.IFLA_BR_AGEING_TIME, "IFLA_BR_AGEING_TIME");
        data.putU32(w, BridgeAttr.STP_STATE, IflaBridge.IFLA_BR_STP_STATE, "IFLA_BR_STP_STATE");
        data.putU32(w, BridgeAttr.FORWARD_DELAY, IflaBridge.IFLA_BR_FORWARD_DELAY, "IFLA_BR_FORWARD_DELAY");
        data.putU8(w, BridgeAttr.VLAN_FILTERING, IflaBridge.IFLA_BR_VLAN_FILTERING, "IFLA_BR_VLAN_FILTERING");
        data.putBe16(w, BridgeAttr.VLAN_PROTOCOL, IflaBridge.IFLA_BR_VLAN_PROTOCOL, "IFLA_BR_VLAN_PROTOCOL");
        data.putU16(w, BridgeAttr.VLAN_DEFAULT_PVID, IflaBridge.IFLA_BR_VLAN_DEFAULT_PVID, "IFLA_BR_VLAN_DEFAULT_PVID");
        data.putU16(w, BridgeAttr.GROUP_FWD_MASK, IflaBridge.IFLA_BR_GROUP_FWD_MASK, "IFLA_BR_GROUP_FWD_MASK");
        data.putU8(w, BridgeAttr.MCAST_SNOOPING, IflaBridge.IFLA_BR_MCAST_SNOOPING, "IFLA_BR_MCAST_SNOOPING");
        return Written.DEVICE;
    }
}
