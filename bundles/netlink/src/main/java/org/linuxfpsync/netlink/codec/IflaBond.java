package org.linuxfpsync.netlink.codec;

/**
 * The constants of the {@code IFLA_INFO_DATA} of a link of kind "bond" and the {@code
 * IFLA_INFO_SLAVE_DATA} of its slaves ({@code linux/if_link.h}, {@code linux/if_bonding.h}), named exactly
 * as in the kernel's uapi headers, checked against them by {@code LinkKindConstantsTest}.
 */
public final class IflaBond {
    // ---- IFLA_INFO_DATA of kind "bond"
    public static final int IFLA_BOND_MODE = 1;
    public static final int IFLA_BOND_ACTIVE_SLAVE = 2;
    public static final int IFLA_BOND_MIIMON = 3;
    public static final int IFLA_BOND_XMIT_HASH_POLICY = 14;

    // ---- IFLA_INFO_SLAVE_DATA of slave kind "bond"
    public static final int IFLA_BOND_SLAVE_STATE = 1;
    public static final int IFLA_BOND_SLAVE_MII_STATUS = 2;
    public static final int IFLA_BOND_SLAVE_LINK_FAILURE_COUNT = 3;
    public static final int IFLA_BOND_SLAVE_PERM_HWADDR = 4;
    public static final int IFLA_BOND_SLAVE_QUEUE_ID = 5;
    public static final int IFLA_BOND_SLAVE_AD_AGGREGATOR_ID = 6;
    public static final int IFLA_BOND_SLAVE_AD_ACTOR_OPER_PORT_STATE = 7;
    public static final int IFLA_BOND_SLAVE_AD_PARTNER_OPER_PORT_STATE = 8;

    // ---- values
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

    private IflaBond() {
    }
}
