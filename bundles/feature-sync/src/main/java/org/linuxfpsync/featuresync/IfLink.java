package org.linuxfpsync.featuresync;

/**
 * The constants of {@code linux/if_link.h}, {@code linux/if_bridge.h}, {@code linux/if_vlan.h},
 * {@code linux/if_bonding.h} and {@code linux/rtnetlink.h} that the L2 features read, under their
 * uapi names. {@code IfLinkConstantsTest} compiles the headers of the build machine and compares
 * every one of them.
 */
public final class IfLink {
    // ---- RTM_GETLINK filter (IFLA_EXT_MASK)
    public static final int RTEXT_FILTER_BRVLAN = 1 << 1;
    public static final int RTEXT_FILTER_BRVLAN_COMPRESSED = 1 << 2;

    // ---- IFLA_INFO_DATA of kind "vxlan"
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

    // ---- IFLA_INFO_DATA of kinds "macvlan" and "macvtap"
    public static final int IFLA_MACVLAN_MODE = 1;
    public static final int IFLA_MACVLAN_FLAGS = 2;
    public static final int IFLA_MACVLAN_MACADDR = 4;
    public static final int IFLA_MACVLAN_MACADDR_DATA = 5;
    public static final int IFLA_MACVLAN_MACADDR_COUNT = 6;
    public static final int MACVLAN_MODE_PRIVATE = 1;
    public static final int MACVLAN_MODE_VEPA = 2;
    public static final int MACVLAN_MODE_BRIDGE = 4;
    public static final int MACVLAN_MODE_PASSTHRU = 8;
    public static final int MACVLAN_MODE_SOURCE = 16;
    public static final int MACVLAN_FLAG_NOPROMISC = 1;
    public static final int MACVLAN_FLAG_NODST = 2;

    // ---- IFLA_INFO_DATA of kind "vlan"
    public static final int IFLA_VLAN_ID = 1;
    public static final int IFLA_VLAN_FLAGS = 2;
    public static final int IFLA_VLAN_EGRESS_QOS = 3;
    public static final int IFLA_VLAN_INGRESS_QOS = 4;
    public static final int IFLA_VLAN_PROTOCOL = 5;
    public static final int VLAN_FLAG_REORDER_HDR = 0x1;
    public static final int VLAN_FLAG_GVRP = 0x2;
    public static final int VLAN_FLAG_LOOSE_BINDING = 0x4;
    public static final int VLAN_FLAG_MVRP = 0x8;
    public static final int VLAN_FLAG_BRIDGE_BINDING = 0x10;
    public static final int ETH_P_8021Q = 0x8100;
    public static final int ETH_P_8021AD = 0x88a8;

    // ---- IFLA_INFO_DATA of kind "bond", IFLA_INFO_SLAVE_DATA of slave kind "bond"
    public static final int IFLA_BOND_MODE = 1;
    public static final int IFLA_BOND_ACTIVE_SLAVE = 2;
    public static final int IFLA_BOND_MIIMON = 3;
    public static final int IFLA_BOND_XMIT_HASH_POLICY = 14;
    public static final int IFLA_BOND_SLAVE_STATE = 1;
    public static final int IFLA_BOND_SLAVE_MII_STATUS = 2;
    public static final int IFLA_BOND_SLAVE_LINK_FAILURE_COUNT = 3;
    public static final int IFLA_BOND_SLAVE_PERM_HWADDR = 4;
    public static final int IFLA_BOND_SLAVE_QUEUE_ID = 5;
    public static final int IFLA_BOND_SLAVE_AD_AGGREGATOR_ID = 6;
    public static final int IFLA_BOND_SLAVE_AD_ACTOR_OPER_PORT_STATE = 7;
    public static final int IFLA_BOND_SLAVE_AD_PARTNER_OPER_PORT_STATE = 8;
    public static final int BOND_MODE_ROUNDROBIN = 0;
    public static final int BOND_MODE_ACTIVEBACKUP = 1;
    public static final int BOND_MODE_8023AD = 4;
    public static final int BOND_MODE_ALB = 6;
    public static final int BOND_STATE_ACTIVE = 0;
    public static final int BOND_STATE_BACKUP = 1;
    public static final int BOND_LINK_UP = 0;
    public static final int BOND_LINK_BACK = 3;
    public static final int BOND_XMIT_POLICY_LAYER34 = 1;
    public static final int BOND_XMIT_POLICY_VLAN_SRCMAC = 5;

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

    private IfLink() {
    }
}
