package org.linuxfpsync.netlink.codec;

/**
 * The constants of a link of kind "bridge": its {@code IFLA_INFO_DATA} ({@code IFLA_BR_*}), its ports'
 * {@code IFLA_PROTINFO} or {@code IFLA_INFO_SLAVE_DATA} ({@code IFLA_BRPORT_*}) and the {@code
 * IFLA_AF_SPEC} of AF_BRIDGE link messages ({@code IFLA_BRIDGE_*}; {@code linux/if_link.h}, {@code
 * linux/if_bridge.h}), named exactly as in the kernel's uapi headers, checked against them by {@code
 * LinkKindConstantsTest}.
 */
public final class IflaBridge {
    // ---- IFLA_INFO_DATA of kind "bridge"
    public static final int IFLA_BR_FORWARD_DELAY = 1;
    public static final int IFLA_BR_AGEING_TIME = 4;
    public static final int IFLA_BR_STP_STATE = 5;
    public static final int IFLA_BR_VLAN_FILTERING = 7;
    public static final int IFLA_BR_VLAN_PROTOCOL = 8;
    public static final int IFLA_BR_GROUP_FWD_MASK = 9;
    public static final int IFLA_BR_MCAST_SNOOPING = 23;
    public static final int IFLA_BR_VLAN_DEFAULT_PVID = 39;

    // ---- IFLA_PROTINFO of AF_BRIDGE link messages, IFLA_INFO_SLAVE_DATA of slave kind "bridge"
    public static final int IFLA_BRPORT_STATE = 1;
    public static final int IFLA_BRPORT_PRIORITY = 2;
    public static final int IFLA_BRPORT_COST = 3;
    public static final int IFLA_BRPORT_MODE = 4;
    public static final int IFLA_BRPORT_LEARNING = 8;
    public static final int IFLA_BRPORT_UNICAST_FLOOD = 9;
    public static final int IFLA_BRPORT_PROXYARP = 10;
    public static final int IFLA_BRPORT_MCAST_FLOOD = 27;
    public static final int IFLA_BRPORT_BCAST_FLOOD = 30;
    public static final int IFLA_BRPORT_NEIGH_SUPPRESS = 32;
    public static final int IFLA_BRPORT_ISOLATED = 33;
    public static final int BR_STATE_DISABLED = 0;
    public static final int BR_STATE_FORWARDING = 3;
    public static final int BR_STATE_BLOCKING = 4;

    // ---- IFLA_AF_SPEC of AF_BRIDGE link messages
    public static final int IFLA_BRIDGE_FLAGS = 0;
    public static final int IFLA_BRIDGE_MODE = 1;
    public static final int IFLA_BRIDGE_VLAN_INFO = 2;
    public static final int BRIDGE_VLAN_INFO_MASTER = 1 << 0;
    public static final int BRIDGE_VLAN_INFO_PVID = 1 << 1;
    public static final int BRIDGE_VLAN_INFO_UNTAGGED = 1 << 2;
    public static final int BRIDGE_VLAN_INFO_RANGE_BEGIN = 1 << 3;
    public static final int BRIDGE_VLAN_INFO_RANGE_END = 1 << 4;
    public static final int BRIDGE_VLAN_INFO_BRENTRY = 1 << 5;

    private IflaBridge() {
    }
}
