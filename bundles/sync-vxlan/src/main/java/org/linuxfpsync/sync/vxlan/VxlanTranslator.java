package org.linuxfpsync.sync.vxlan;

import org.linuxfpsync.featuresync.LinkKindObjects;
import org.linuxfpsync.featuresync.LinkKindObjects.Written;
import org.linuxfpsync.featuresync.LowerDevice;
import org.linuxfpsync.featuresync.ObjectRefused;
import org.linuxfpsync.featuresync.NestedAttributes;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.fpc.codec.VxlanAttr;
import org.linuxfpsync.netlink.codec.IflaVxlan;
import org.linuxfpsync.netlink.codec.LinkMessage;
import org.linuxfpsync.netlink.codec.NetlinkFormatException;

/**
 * A vxlan device ({@code IFLA_INFO_DATA}: {@code IFLA_VXLAN_*}, as {@code vxlan_fill_info} writes
 * them) to VXLAN_ADD: VNI, local address, remote or multicast group (IPv4 or IPv6; the kernel sends
 * the one that is set), UDP port, TTL (left out when inherited: {@code IFLA_VXLAN_TTL_INHERIT}),
 * TOS, learning, external (collect metadata) mode, and the underlay device.
 */
final class VxlanTranslator implements LinkKindObjects.Translator {
    private final NestedAttributes data = new NestedAttributes(IflaVxlan.IFLA_VXLAN_TTL_INHERIT);
    private final byte[] v4 = new byte[4];
    private final byte[] v6 = new byte[16];

    @Override
    public boolean owns(LinkMessage link) {
        return link.kindEquals("vxlan");
    }

    @Override
    public Written write(LinkMessage link, FrameWriter w, LowerDevice lower) throws NetlinkFormatException,
            ObjectRefused {
        data.wrap(link.buffer(), link.infoDataOffset(), link.infoDataLength(), "IFLA_INFO_DATA");
        if (!data.has(IflaVxlan.IFLA_VXLAN_ID)) {
            throw data.error("IFLA_VXLAN_ID", "absent from a vxlan link");
        }
        w.putU32(VxlanAttr.VNI, data.u32(IflaVxlan.IFLA_VXLAN_ID, "IFLA_VXLAN_ID", 0));
        address(w, VxlanAttr.LOCAL, IflaVxlan.IFLA_VXLAN_LOCAL, "IFLA_VXLAN_LOCAL", IflaVxlan.IFLA_VXLAN_LOCAL6,
                "IFLA_VXLAN_LOCAL6");
        address(w, VxlanAttr.REMOTE, IflaVxlan.IFLA_VXLAN_GROUP, "IFLA_VXLAN_GROUP", IflaVxlan.IFLA_VXLAN_GROUP6,
                "IFLA_VXLAN_GROUP6");
        data.putBe16(w, VxlanAttr.DST_PORT, IflaVxlan.IFLA_VXLAN_PORT, "IFLA_VXLAN_PORT");
        boolean ttlInherited = data.u8(IflaVxlan.IFLA_VXLAN_TTL_INHERIT, "IFLA_VXLAN_TTL_INHERIT", 0) != 0;
        if (data.has(IflaVxlan.IFLA_VXLAN_TTL) && !ttlInherited) {
            w.putU8(VxlanAttr.TTL, data.u8(IflaVxlan.IFLA_VXLAN_TTL, "IFLA_VXLAN_TTL", 0));
        }
        data.putU8(w, VxlanAttr.TOS, IflaVxlan.IFLA_VXLAN_TOS, "IFLA_VXLAN_TOS");
        data.putU8(w, VxlanAttr.LEARNING, IflaVxlan.IFLA_VXLAN_LEARNING, "IFLA_VXLAN_LEARNING");
        data.putU8(w, VxlanAttr.COLLECT_METADATA, IflaVxlan.IFLA_VXLAN_COLLECT_METADATA, "IFLA_VXLAN_COLLECT_METADATA");
        // With IFLA_LINK_NETNSID the underlay is an interface of another namespace.
        lower.write(w, VxlanAttr.LINK_IFUID, 0, link, data.u32(IflaVxlan.IFLA_VXLAN_LINK, "IFLA_VXLAN_LINK", 0));
        return Written.DEVICE;
    }

    /** The IPv4 attribute when set, else the IPv6 one when set: the kernel sends the family in use. */
    private void address(FrameWriter w, int tlv, int type4, String name4, int type6, String name6)
            throws NetlinkFormatException {
        if (data.copy(type4, name4, 4, v4) && !allZero(v4)) {
            w.putAddress(tlv, v4);
        } else if (data.copy(type6, name6, 16, v6) && !allZero(v6)) {
            w.putAddress(tlv, v6);
        }
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
