package org.linuxfpsync.fpc.codec;

/** TLVs of IF_CREATE, IF_UPDATE and IF_DELETE (IF_DELETE carries IFUID, VRFID and IFNAME only). */
public final class InterfaceAttr {
    /** u64: stable for the life of the interface, unique across vrfs. Required. */
    public static final int IFUID = 1;
    /** u32: the vrf (network namespace) of the interface. Required. */
    public static final int VRFID = 2;
    /** u32: the kernel's ifindex in that namespace. */
    public static final int IFINDEX = 3;
    /** string: the kernel's name (at most 15 bytes). */
    public static final int IFNAME = 4;
    /** u16: fast path interface type ({@link FpInterfaceType}). */
    public static final int TYPE = 5;
    /** u16: fast path interface subtype ({@link FpInterfaceSubtype}). */
    public static final int SUBTYPE = 6;
    /** u32: the kernel's {@code ifi_flags} ({@code IFF_*} of {@code <linux/if.h>}). */
    public static final int FLAGS = 7;
    /** u32. */
    public static final int MTU = 8;
    /** bytes: link-layer address (6 for Ethernet, may be empty). */
    public static final int MAC = 9;
    /** u64: ifuid of the master (bridge, bond, vrf); absent or 0 when none. */
    public static final int MASTER_IFUID = 10;
    /** string: {@code IFLA_INFO_KIND} (veth, bridge, vxlan...); absent for physical devices. */
    public static final int KIND = 11;
    /** u8: {@code IF_OPER_*} of {@code <linux/if.h>}. */
    public static final int OPERSTATE = 12;
    /** u16: the kernel's {@code ARPHRD_*} link type ({@code ifi_type}). */
    public static final int ARPHRD = 13;
    /** string: {@code IFLA_INFO_SLAVE_KIND} (bridge, bond) when the interface is enslaved. */
    public static final int SLAVE_KIND = 14;

    private InterfaceAttr() {
    }
}
