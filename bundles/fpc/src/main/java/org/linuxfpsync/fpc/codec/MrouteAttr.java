package org.linuxfpsync.fpc.codec;

/**
 * TLVs of MROUTE_ADD and MROUTE_DEL (a multicast forwarding cache entry, RTM_NEWROUTE of RTNL_FAMILY_IPMR/IP6MR).
 * Layout: docs/fpc-protocol.md, {@link FpcSchema}.
 */
public final class MrouteAttr {
    /** u32 (key): the vrf. */
    public static final int VRFID = 1;
    /** u8 (key): address family: 2 AF_INET, 10 AF_INET6. */
    public static final int FAMILY = 2;
    /** u32 (key, 0 when absent): multicast routing table. */
    public static final int TABLE = 3;
    /** address (key): source address (RTA_SRC), 0 for (*,G). */
    public static final int SOURCE = 4;
    /** address (key): group address (RTA_DST). */
    public static final int GROUP = 5;
    /** u64 (required): the input interface. */
    public static final int IIF_IFUID = 6;
    /** nested (optional, repeated): one output interface (table OIF below); repeated. */
    public static final int OIF = 7;

    private MrouteAttr() {
    }
}
