package org.linuxfpsync.netlink.codec;

/**
 * The constants of the {@code IFLA_INFO_DATA} of a link of kind "vxlan" ({@code linux/if_link.h}), named
 * exactly as in the kernel's uapi headers, checked against them by {@code LinkKindConstantsTest}.
 */
public final class IflaVxlan {
    public static final int IFLA_VXLAN_ID = 1;
    public static final int IFLA_VXLAN_GROUP = 2;
    public static final int IFLA_VXLAN_LINK = 3;
    public static final int IFLA_VXLAN_LOCAL = 4;
    public static final int IFLA_VXLAN_TTL = 5;
    public static final int IFLA_VXLAN_TOS = 6;
    public static final int IFLA_VXLAN_LEARNING = 7;
    public static final int IFLA_VXLAN_PORT = 15;
    public static final int IFLA_VXLAN_GROUP6 = 16;
    public static final int IFLA_VXLAN_LOCAL6 = 17;
    public static final int IFLA_VXLAN_COLLECT_METADATA = 25;
    public static final int IFLA_VXLAN_TTL_INHERIT = 28;

    private IflaVxlan() {
    }
}
