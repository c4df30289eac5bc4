package org.linuxfpsync.fpc.codec;

/** TLVs of LAG_ADD and LAG_DEL (a bonding device, IFLA_BOND_*). Layout: docs/fpc-protocol.md, {@link FpcSchema}. */
public final class LagAttr {
    /** u32 (key): the vrf. */
    public static final int VRFID = 1;
    /** u64 (key): the bond. */
    public static final int IFUID = 2;
    /**
     * u8 (required): BOND_MODE_*: 0 balance-rr, 1 active-backup, 2 balance-xor, 3 broadcast, 4 802.3ad, 5 balance-tlb,
     * 6 balance-alb.
     */
    public static final int MODE = 3;
    /** u64 (optional): the active slave (active-backup, tlb, alb). */
    public static final int ACTIVE_SLAVE_IFUID = 4;
    /** u8 (optional): BOND_XMIT_POLICY_*: 0 layer2, 1 layer3+4, 2 layer2+3, 3 encap2+3, 4 encap3+4. */
    public static final int XMIT_HASH_POLICY = 5;
    /** nested (optional, repeated): one slave (table SLAVE below); repeated. */
    public static final int SLAVE = 6;

    private LagAttr() {
    }
}
