package org.linuxfpsync.fpc.codec;

import static org.linuxfpsync.fpc.codec.TlvForm.NESTED;
import static org.linuxfpsync.fpc.codec.TlvForm.U32;
import static org.linuxfpsync.fpc.codec.TlvForm.U64;
import static org.linuxfpsync.fpc.codec.TlvForm.U8;
import static org.linuxfpsync.fpc.codec.TlvSpec.key;
import static org.linuxfpsync.fpc.codec.TlvSpec.opt;
import static org.linuxfpsync.fpc.codec.TlvSpec.req;

import java.util.List;

import org.linuxfpsync.fpc.codec.MessageSpec.Role;

/**
 * The object family of table {@code lag}, declared once, here: its code and message types, the constants of its
 * TLVs, and its {@code SCHEMA}, which {@link FpcSchema} registers.
 *
 * <p>TLVs of LAG_ADD and LAG_DEL (a bonding device, IFLA_BOND_*). Layout: docs/fpc-protocol.md, {@link FpcSchema}.
 */
public final class LagAttr {
    /** The family (GR_BEGIN and FLUSH FAMILY): the high byte of its message types. */
    public static final int FAMILY_LAG = 0x0c;
    /** A bond and its slaves. */
    public static final int LAG_ADD = 0x0c00;
    /** The bond parameters are gone. */
    public static final int LAG_DEL = 0x0c01;

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

    static final TlvList TLVS = new TlvList("LAG", "LagAttr",
            "TLVs of LAG_ADD and LAG_DEL (a bonding device, `IFLA_BOND_*`).", List.of(
            key(VRFID, "VRFID", U32, "the vrf"),
            key(IFUID, "IFUID", U64, "the bond"),
            req(MODE, "MODE", U8,
                    "`BOND_MODE_*`: 0 balance-rr, 1 active-backup, 2 balance-xor, 3 broadcast, 4 802.3ad, 5 "
                    + "balance-tlb, 6 balance-alb"),
            opt(ACTIVE_SLAVE_IFUID, "ACTIVE_SLAVE_IFUID", U64, "the active slave (active-backup, tlb, alb)"),
            opt(XMIT_HASH_POLICY, "XMIT_HASH_POLICY", U8,
                    "`BOND_XMIT_POLICY_*`: 0 layer2, 1 layer3+4, 2 layer2+3, 3 encap2+3, 4 encap3+4"),
            opt(SLAVE, "SLAVE", NESTED,
                    "one slave (table SLAVE below); repeated").withNested(LagSlaveAttr.TLVS).asRepeated()));

    static final ObjectFamily SCHEMA = new ObjectFamily(FAMILY_LAG, "lag", "LAG (bonding)",
            "lag 0x10", TLVS, List.of(
                new MessageSpec(LAG_ADD, "LAG_ADD", Role.ADD, "a bond and its slaves", TLVS),
                new MessageSpec(LAG_DEL, "LAG_DEL", Role.DEL,
                        "the bond parameters are gone", TLVS)));

    private LagAttr() {
    }
}
