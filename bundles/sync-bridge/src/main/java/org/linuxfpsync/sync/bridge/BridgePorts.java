package org.linuxfpsync.sync.bridge;

import org.linuxfpsync.cmgr.Ifuid;
import org.linuxfpsync.featuresync.FamilyObjects;
import org.linuxfpsync.featuresync.MessageHandler;
import org.linuxfpsync.featuresync.NestedAttributes;
import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.fpc.codec.BridgePortAttr;
import org.linuxfpsync.fpc.codec.BridgeVlanAttr;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.AttributeWalker;
import org.linuxfpsync.netlink.codec.IflaBridge;
import org.linuxfpsync.netlink.codec.LinkMessage;
import org.linuxfpsync.netlink.codec.NetlinkFormatException;
import org.linuxfpsync.netlink.codec.NlMsg;
import org.linuxfpsync.netlink.codec.Rtnetlink;

/**
 * The bridge's view of its ports and of itself: AF_BRIDGE link messages ({@code br_fill_ifinfo}).
 * A port's message carries its state and flags ({@code IFLA_PROTINFO}: BRPORT_ADD) and all its VLANs
 * ({@code IFLA_AF_SPEC}, one {@code IFLA_BRIDGE_VLAN_INFO} per VLAN in a dump asked with
 * RTEXT_FILTER_BRVLAN, ranges in the notifications, which use RTEXT_FILTER_BRVLAN_COMPRESSED; no
 * {@code IFLA_AF_SPEC} when the port has none): each message replaces the port's VLAN set. The
 * bridge's own message (its ifindex is its IFLA_MASTER, no IFLA_PROTINFO) carries the bridge's VLANs.
 * An AF_BRIDGE RTM_DELLINK means the port left its bridge: its state and VLANs go (BRPORT_DEL,
 * BRVLAN_DEL); the device itself stays.
 */
final class BridgePorts implements MessageHandler {
    /** A VLAN of a port or of a bridge. */
    record VlanKey(int ifindex, int vid) {
    }

    /** BRPORT FLAGS bits (docs/fpc-protocol.md §5.12) and the IFLA_BRPORT_* u8 each comes from. */
    private static final int[][] FLAG_OF_ATTRIBUTE = {
        {IflaBridge.IFLA_BRPORT_LEARNING, 0x1}, {IflaBridge.IFLA_BRPORT_UNICAST_FLOOD, 0x2},
        {IflaBridge.IFLA_BRPORT_MCAST_FLOOD, 0x4}, {IflaBridge.IFLA_BRPORT_BCAST_FLOOD, 0x8},
        {IflaBridge.IFLA_BRPORT_MODE, 0x10}, {IflaBridge.IFLA_BRPORT_PROXYARP, 0x20},
        {IflaBridge.IFLA_BRPORT_NEIGH_SUPPRESS, 0x40}, {IflaBridge.IFLA_BRPORT_ISOLATED, 0x80},
    };
    private static final String[] FLAG_ATTRIBUTE_NAMES = {"IFLA_BRPORT_LEARNING", "IFLA_BRPORT_UNICAST_FLOOD",
        "IFLA_BRPORT_MCAST_FLOOD", "IFLA_BRPORT_BCAST_FLOOD", "IFLA_BRPORT_MODE", "IFLA_BRPORT_PROXYARP",
        "IFLA_BRPORT_NEIGH_SUPPRESS", "IFLA_BRPORT_ISOLATED"};
    /** sizeof(struct bridge_vlan_info): u16 flags, u16 vid. */
    private static final int VLAN_INFO_LENGTH = 4;
    private static final int VLAN_MAX = 4094;
    /** The flags a VLAN keeps in FPC: the others say how the message is laid out (ranges, master...). */
    private static final int VLAN_FLAGS_KEPT = IflaBridge.BRIDGE_VLAN_INFO_PVID | IflaBridge.BRIDGE_VLAN_INFO_UNTAGGED;

    private final Vrf vrf;
    private final FamilyObjects<Integer> ports;
    private final FamilyObjects<VlanKey> vlans;
    private final LinkMessage link = new LinkMessage();
    private final NestedAttributes protinfo = new NestedAttributes(IflaBridge.IFLA_BRPORT_ISOLATED);
    private final AttributeWalker afSpec = new AttributeWalker();
    /** Flags of each VLAN of the message being applied, by VID; -1 when absent. */
    private final int[] vlanFlags = new int[VLAN_MAX + 1];

    BridgePorts(Vrf vrf, FamilyObjects<Integer> ports, FamilyObjects<VlanKey> vlans) {
        this.vrf = vrf;
        this.ports = ports;
        this.vlans = vlans;
    }

    /** The cache of the bridge-vlans family in {@code vrf}. */
    static FamilyObjects<VlanKey> vlansOf(Vrf vrf, FpcChannel fpc) {
        int vrfid = vrf.vrfid();
        return new FamilyObjects<>(BridgeVlanAttr.FAMILY_BRIDGE_VLANS, (w, k) -> w.putU32(BridgeVlanAttr.VRFID, vrfid)
                .putU64(BridgeVlanAttr.IFUID, Ifuid.of(vrfid, k.ifindex())).putU16(BridgeVlanAttr.VID, k.vid()), fpc,
                VlanKey::ifindex);
    }

    @Override
    public void apply(NlMsg message, boolean fromDump) throws NetlinkFormatException {
        if (!MessageHandler.linkOf(Rtnetlink.AF_BRIDGE, message, link)) {
            if (message.type() == Rtnetlink.RTM_DELLINK && link.family() == Rtnetlink.AF_UNSPEC) {
                // the device is gone: the FPM deleted its port state and VLANs with it
                int gone = link.ifindex();
                ports.forgetKey(gone);
                vlans.forgetDevice(gone);
            }
            return;
        }
        int ifindex = link.ifindex();
        if (message.type() == Rtnetlink.RTM_DELLINK) {
            ports.delete(ifindex);
            vlans.deleteOfDevice(ifindex, k -> true);
            return;
        }
        int master = link.master();
        if (master <= 0) {
            throw new NetlinkFormatException("AF_BRIDGE RTM_NEWLINK of ifindex " + ifindex + " without IFLA_MASTER");
        }
        // Parsed before anything is sent: a malformed message changes nothing.
        boolean isPort = master != ifindex && link.has(Rtnetlink.IFLA_PROTINFO);
        if (isPort) {
            protinfo.wrap(link.buffer(), link.attributeOffset(Rtnetlink.IFLA_PROTINFO),
                    link.attributeLength(Rtnetlink.IFLA_PROTINFO), "IFLA_PROTINFO");
        }
        readVlans(ifindex);
        if (isPort) {
            writePort(ifindex, master, fromDump);
        }
        for (int vid = 1; vid <= VLAN_MAX; vid++) {
            if (vlanFlags[vid] >= 0) {
                int vrfid = vrf.vrfid();
                vlans.beginAdd().putU32(BridgeVlanAttr.VRFID, vrfid).putU64(BridgeVlanAttr.IFUID, Ifuid.of(vrfid, ifindex))
                        .putU16(BridgeVlanAttr.VID, vid).putU16(BridgeVlanAttr.FLAGS, vlanFlags[vid]);
                vlans.add(new VlanKey(ifindex, vid), fromDump);
            }
        }
        vlans.deleteOfDevice(ifindex, k -> vlanFlags[k.vid()] < 0);
    }

    private void writePort(int ifindex, int master, boolean fromDump) throws NetlinkFormatException {
        int vrfid = vrf.vrfid();
        FrameWriter w = ports.beginAdd().putU32(BridgePortAttr.VRFID, vrfid)
                .putU64(BridgePortAttr.IFUID, Ifuid.of(vrfid, ifindex))
                .putU64(BridgePortAttr.BRIDGE_IFUID, Ifuid.of(vrfid, master));
        protinfo.putU8(w, BridgePortAttr.STATE, IflaBridge.IFLA_BRPORT_STATE, "IFLA_BRPORT_STATE");
        int flags = 0;
        for (int i = 0; i < FLAG_OF_ATTRIBUTE.length; i++) {
            if (protinfo.u8(FLAG_OF_ATTRIBUTE[i][0], FLAG_ATTRIBUTE_NAMES[i], 0) != 0) {
                flags |= FLAG_OF_ATTRIBUTE[i][1];
            }
        }
        w.putU32(BridgePortAttr.FLAGS, flags);
        protinfo.putU16(w, BridgePortAttr.PRIORITY, IflaBridge.IFLA_BRPORT_PRIORITY, "IFLA_BRPORT_PRIORITY");
        protinfo.putU32(w, BridgePortAttr.COST, IflaBridge.IFLA_BRPORT_COST, "IFLA_BRPORT_COST");
        ports.add(ifindex, fromDump);
    }

    /** Fills {@link #vlanFlags} from IFLA_AF_SPEC, ranges expanded; every VID -1 without it. */
    private void readVlans(int ifindex) throws NetlinkFormatException {
        java.util.Arrays.fill(vlanFlags, -1);
        if (!link.has(Rtnetlink.IFLA_AF_SPEC)) {
            return;
        }
        int at = link.attributeOffset(Rtnetlink.IFLA_AF_SPEC);
        afSpec.reset(link.buffer(), at, at + link.attributeLength(Rtnetlink.IFLA_AF_SPEC), "IFLA_AF_SPEC");
        int rangeBegin = -1;
        while (afSpec.next()) {
            if (afSpec.type() != IflaBridge.IFLA_BRIDGE_VLAN_INFO) {
                continue;
            }
            if (afSpec.payloadLength() != VLAN_INFO_LENGTH) {
                throw new NetlinkFormatException("IFLA_BRIDGE_VLAN_INFO in IFLA_AF_SPEC: " + afSpec.payloadLength()
                        + " bytes, need " + VLAN_INFO_LENGTH);
            }
            int flags = afSpec.buffer().getShort(afSpec.payloadOffset()) & 0xffff;
            int vid = afSpec.buffer().getShort(afSpec.payloadOffset() + 2) & 0xffff;
            if (vid < 1 || vid > VLAN_MAX) {
                throw new NetlinkFormatException("IFLA_BRIDGE_VLAN_INFO of ifindex " + ifindex + ": vid " + vid
                        + " outside 1.." + VLAN_MAX);
            }
            if ((flags & IflaBridge.BRIDGE_VLAN_INFO_RANGE_BEGIN) != 0) {
                rangeBegin = vid;
                continue;
            }
            int first = vid;
            if ((flags & IflaBridge.BRIDGE_VLAN_INFO_RANGE_END) != 0) {
                if (rangeBegin < 0 || rangeBegin > vid) {
                    throw new NetlinkFormatException("IFLA_BRIDGE_VLAN_INFO of ifindex " + ifindex + ": range end "
                            + vid + " without its begin");
                }
                first = rangeBegin;
            }
            rangeBegin = -1;
            for (int v = first; v <= vid; v++) {
                vlanFlags[v] = flags & VLAN_FLAGS_KEPT;
            }
        }
        if (rangeBegin >= 0) {
            throw new NetlinkFormatException("IFLA_BRIDGE_VLAN_INFO of ifindex " + ifindex + ": range begin "
                    + rangeBegin + " without its end");
        }
    }
}
