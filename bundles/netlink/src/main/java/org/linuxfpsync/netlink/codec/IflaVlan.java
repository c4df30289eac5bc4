package org.linuxfpsync.netlink.codec;

/**
 * The constants of the {@code IFLA_INFO_DATA} of a link of kind "vlan" ({@code linux/if_link.h}, {@code
 * linux/if_vlan.h}) and the protocols it carries ({@code linux/if_ether.h}), named exactly as in the
 * kernel's uapi headers, checked against them by {@code LinkKindConstantsTest}.
 */
public final class IflaVlan {
    public static final int IFLA_VLAN_ID = 1;
    public static final int IFLA_VLAN_FLAGS = 2;
    public static final int IFLA_VLAN_EGRESS_QOS = 3;
    public static final int IFLA_VLAN_INGRESS_QOS = 4;
    public static final int IFLA_VLAN_PROTOCOL = 5;

    // ---- values
    public static final int VLAN_FLAG_REORDER_HDR = 0x1;
    public static final int VLAN_FLAG_GVRP = 0x2;
    public static final int VLAN_FLAG_LOOSE_BINDING = 0x4;
    public static final int VLAN_FLAG_MVRP = 0x8;
    public static final int VLAN_FLAG_BRIDGE_BINDING = 0x10;
    public static final int ETH_P_8021Q = 0x8100;
    public static final int ETH_P_8021AD = 0x88a8;

    private IflaVlan() {
    }
}
