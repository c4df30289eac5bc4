package org.linuxfpsync.fpc.codec;

/**
 * TLVs of MACVLAN_ADD and MACVLAN_DEL (IFLA_MACVLAN_*, macvlan and macvtap). Layout: docs/fpc-protocol.md, {@link
 * FpcSchema}.
 */
public final class MacvlanAttr {
    /** u32 (key): the vrf. */
    public static final int VRFID = 1;
    /** u64 (key): the macvlan interface. */
    public static final int IFUID = 2;
    /** u32 (required): MACVLAN_MODE_*: 1 private, 2 vepa, 4 bridge, 8 passthru, 16 source. */
    public static final int MODE = 3;
    /** u64 (required): the lower device. */
    public static final int PARENT_IFUID = 4;
    /** u16 (optional): MACVLAN_FLAG_*: 0x1 nopromisc, 0x2 nodst. */
    public static final int FLAGS = 5;
    /**
     * bytes (optional, repeated): a source MAC of a mode source device (IFLA_MACVLAN_MACADDR_DATA), 6 bytes; one TLV per
     * address.
     */
    public static final int SOURCE_MAC = 6;

    private MacvlanAttr() {
    }
}
