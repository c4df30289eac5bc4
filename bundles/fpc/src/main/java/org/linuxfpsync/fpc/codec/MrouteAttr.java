package org.linuxfpsync.fpc.codec;

import static org.linuxfpsync.fpc.codec.TlvForm.ADDRESS;
import static org.linuxfpsync.fpc.codec.TlvForm.NESTED;
import static org.linuxfpsync.fpc.codec.TlvForm.U32;
import static org.linuxfpsync.fpc.codec.TlvForm.U64;
import static org.linuxfpsync.fpc.codec.TlvForm.U8;
import static org.linuxfpsync.fpc.codec.TlvSpec.key;
import static org.linuxfpsync.fpc.codec.TlvSpec.key0;
import static org.linuxfpsync.fpc.codec.TlvSpec.opt;
import static org.linuxfpsync.fpc.codec.TlvSpec.req;

import java.util.List;

import org.linuxfpsync.fpc.codec.MessageSpec.Role;

/**
 * The object family of table {@code mroutes}, declared once, here: its code and message types, the constants of its
 * TLVs, and its {@code SCHEMA}, which {@link FpcSchema} registers.
 *
 * <p>TLVs of MROUTE_ADD and MROUTE_DEL (a multicast forwarding cache entry, RTM_NEWROUTE of RTNL_FAMILY_IPMR/IP6MR).
 * Layout: docs/fpc-protocol.md, {@link FpcSchema}.
 */
public final class MrouteAttr {
    /** The family (GR_BEGIN and FLUSH FAMILY): the high byte of its message types. */
    public static final int FAMILY_MROUTES = 0x15;
    /** A multicast route, created or replaced. */
    public static final int MROUTE_ADD = 0x1500;
    /** The multicast route is gone. */
    public static final int MROUTE_DEL = 0x1501;

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

    static final TlvList TLVS = new TlvList("MROUTE", "MrouteAttr",
            "TLVs of MROUTE_ADD and MROUTE_DEL (a multicast forwarding cache entry, `RTM_NEWROUTE` of "
            + "RTNL_FAMILY_IPMR/IP6MR).", List.of(
            key(VRFID, "VRFID", U32, "the vrf"),
            key(FAMILY, "FAMILY", U8, "address family: 2 AF_INET, 10 AF_INET6"),
            key0(TABLE, "TABLE", U32, "multicast routing table"),
            key(SOURCE, "SOURCE", ADDRESS, "source address (`RTA_SRC`), 0 for (*,G)"),
            key(GROUP, "GROUP", ADDRESS, "group address (`RTA_DST`)"),
            req(IIF_IFUID, "IIF_IFUID", U64, "the input interface"),
            opt(OIF, "OIF", NESTED,
                    "one output interface (table OIF below); repeated").withNested(MrouteOifAttr.TLVS).asRepeated()));

    static final ObjectFamily SCHEMA = new ObjectFamily(FAMILY_MROUTES, "mroutes", "Multicast routes",
            "multicast 0x8000 (IPv4 and IPv6)", TLVS, List.of(
                new MessageSpec(MROUTE_ADD, "MROUTE_ADD", Role.ADD,
                        "a multicast route, created or replaced", TLVS),
                new MessageSpec(MROUTE_DEL, "MROUTE_DEL", Role.DEL,
                        "the multicast route is gone", TLVS)));

    private MrouteAttr() {
    }
}
