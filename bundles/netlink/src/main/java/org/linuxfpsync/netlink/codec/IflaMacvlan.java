package org.linuxfpsync.netlink.codec;

/**
 * The constants of the {@code IFLA_INFO_DATA} of a link of kind "macvlan" or "macvtap" ({@code
 * linux/if_link.h}), named exactly as in the kernel's uapi headers, checked against them by {@code
 * LinkKindConstantsTest}.
 */
public final class IflaMacvlan {
    public static final int IFLA_MACVLAN_MODE = 1;
    public static final int IFLA_MACVLAN_FLAGS = 2;
    public static final int IFLA_MACVLAN_MACADDR = 4;
    public static final int IFLA_MACVLAN_MACADDR_DATA = 5;
    public static final int IFLA_MACVLAN_MACADDR_COUNT = 6;

    // ---- values
    public static final int MACVLAN_MODE_PRIVATE = 1;
    public static final int MACVLAN_MODE_VEPA = 2;
    public static final int MACVLAN_MODE_BRIDGE = 4;
    public static final int MACVLAN_MODE_PASSTHRU = 8;
    public static final int MACVLAN_MODE_SOURCE = 16;
    public static final int MACVLAN_FLAG_NOPROMISC = 1;
    public static final int MACVLAN_FLAG_NODST = 2;

    private IflaMacvlan() {
    }
}
