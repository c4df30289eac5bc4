package org.linuxfpsync.netlink.codec;

/**
 * The constants of the {@code IFLA_INFO_DATA} of a link of kind "xfrm" (an xfrm interface, {@code
 * linux/if_link.h}), named exactly as in the kernel's uapi headers, checked against them by {@code
 * LinkKindConstantsTest}.
 */
public final class IflaXfrm {
    public static final int IFLA_XFRM_LINK = 1;
    public static final int IFLA_XFRM_IF_ID = 2;
    /** A flag (no payload): the interface takes its if_id from the packet's metadata. */
    public static final int IFLA_XFRM_COLLECT_METADATA = 3;
    public static final int IFLA_XFRM_MAX = 3;

    private IflaXfrm() {
    }
}
