package org.linuxfpsync.netlink.codec;

/**
 * The constants of the {@code IFLA_INFO_DATA} of a link of kind "vti" or "vti6" ({@code linux/if_tunnel.h}), named
 * exactly as in the kernel's uapi headers, checked against them by {@code LinkKindConstantsTest}.
 */
public final class IflaVti {
    public static final int IFLA_VTI_LINK = 1;
    /** {@code __be32}: the mark of inbound packets. */
    public static final int IFLA_VTI_IKEY = 2;
    /** {@code __be32}: the mark of outbound lookups. */
    public static final int IFLA_VTI_OKEY = 3;
    public static final int IFLA_VTI_LOCAL = 4;
    public static final int IFLA_VTI_REMOTE = 5;
    public static final int IFLA_VTI_FWMARK = 6;
    public static final int IFLA_VTI_MAX = 6;

    private IflaVti() {
    }
}
