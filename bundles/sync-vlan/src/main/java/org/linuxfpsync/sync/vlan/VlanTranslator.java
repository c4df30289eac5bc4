package org.linuxfpsync.sync.vlan;

import org.linuxfpsync.featuresync.LinkKindObjects;
import org.linuxfpsync.featuresync.LinkKindObjects.Written;
import org.linuxfpsync.featuresync.LowerDevice;
import org.linuxfpsync.featuresync.ObjectRefused;
import org.linuxfpsync.featuresync.NestedAttributes;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.fpc.codec.VlanAttr;
import org.linuxfpsync.netlink.codec.IflaVlan;
import org.linuxfpsync.netlink.codec.LinkMessage;
import org.linuxfpsync.netlink.codec.NetlinkFormatException;

/**
 * An 802.1Q or 802.1ad sub-interface ({@code IFLA_INFO_DATA}: {@code IFLA_VLAN_*}, as
 * {@code vlan_fill_info} writes them: the id a u16, the protocol a {@code __be16}, the flags a
 * {@code struct ifla_vlan_flags}) to VLAN_ADD, with its lower device ({@code IFLA_LINK}).
 */
final class VlanTranslator implements LinkKindObjects.Translator {
    /** sizeof(struct ifla_vlan_flags): u32 flags, u32 mask. */
    private static final int VLAN_FLAGS_LENGTH = 8;
    private static final int VLAN_ID_MAX = 4094;

    private final NestedAttributes data = new NestedAttributes(IflaVlan.IFLA_VLAN_PROTOCOL);

    @Override
    public boolean owns(LinkMessage link) {
        return link.kindEquals("vlan");
    }

    @Override
    public Written write(LinkMessage link, FrameWriter w, LowerDevice lower) throws NetlinkFormatException,
            ObjectRefused {
        data.wrap(link.buffer(), link.infoDataOffset(), link.infoDataLength(), "IFLA_INFO_DATA");
        int id = data.u16(IflaVlan.IFLA_VLAN_ID, "IFLA_VLAN_ID", -1);
        if (id < 0 || id > VLAN_ID_MAX) {
            throw data.error("IFLA_VLAN_ID", id < 0 ? "absent from a vlan link" : id + " above " + VLAN_ID_MAX);
        }
        if (!lower.resolve(link, link.link())) {
            throw new NetlinkFormatException("IFLA_LINK: absent from a vlan link");
        }
        w.putU16(VlanAttr.VLAN_ID, id);
        data.putBe16(w, VlanAttr.PROTOCOL, IflaVlan.IFLA_VLAN_PROTOCOL, "IFLA_VLAN_PROTOCOL");
        w.putU64(VlanAttr.PARENT_IFUID, lower.ifuid());
        if (data.has(IflaVlan.IFLA_VLAN_FLAGS)) {
            if (data.length(IflaVlan.IFLA_VLAN_FLAGS) != VLAN_FLAGS_LENGTH) {
                throw data.error("IFLA_VLAN_FLAGS", data.length(IflaVlan.IFLA_VLAN_FLAGS) + " bytes, need "
                        + VLAN_FLAGS_LENGTH + " (struct ifla_vlan_flags)");
            }
            int at = data.offset(IflaVlan.IFLA_VLAN_FLAGS);
            int flags = data.buffer().getInt(at) & data.buffer().getInt(at + 4);
            w.putU32(VlanAttr.FLAGS, flags);
        }
        return Written.DEVICE;
    }
}
