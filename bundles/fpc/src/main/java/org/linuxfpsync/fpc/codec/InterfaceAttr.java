package org.linuxfpsync.fpc.codec;

import static org.linuxfpsync.fpc.codec.TlvForm.BYTES;
import static org.linuxfpsync.fpc.codec.TlvForm.STRING;
import static org.linuxfpsync.fpc.codec.TlvForm.U16;
import static org.linuxfpsync.fpc.codec.TlvForm.U32;
import static org.linuxfpsync.fpc.codec.TlvForm.U64;
import static org.linuxfpsync.fpc.codec.TlvForm.U8;
import static org.linuxfpsync.fpc.codec.TlvSpec.key;
import static org.linuxfpsync.fpc.codec.TlvSpec.opt;
import static org.linuxfpsync.fpc.codec.TlvSpec.req;

import java.util.List;

import org.linuxfpsync.fpc.codec.MessageSpec.Role;

/**
 * The object family of table {@code interfaces}, declared once, here: its code and message types, the constants of
 * its TLVs, and its {@code SCHEMA}, which {@link FpcSchema} registers.
 *
 * <p>TLVs of IF_CREATE, IF_UPDATE and IF_DELETE (IF_DELETE carries IFUID, VRFID and IFNAME only).
 */
public final class InterfaceAttr {
    /** The family (GR_BEGIN and FLUSH FAMILY): the high byte of its message types. */
    public static final int FAMILY_INTERFACES = 0x01;
    /** Full state of an interface; creates it, or replaces it when the ifuid is known. */
    public static final int IF_CREATE = 0x0100;
    /** Full state of a known interface; ERROR ENOENT when the ifuid is unknown. */
    public static final int IF_UPDATE = 0x0101;
    /** The interface is gone. */
    public static final int IF_DELETE = 0x0102;

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

    static final TlvList TLVS = new TlvList("IF", "InterfaceAttr",
            "", List.of(
            key(IFUID, "IFUID", U64,
                    "stable for the life of the interface, unique across vrfs; 0 is reserved"),
            req(VRFID, "VRFID", U32, "the vrf (network namespace) of the interface"),
            opt(IFINDEX, "IFINDEX", U32, "the kernel's ifindex in that namespace"),
            opt(IFNAME, "IFNAME", STRING, "the kernel's name, at most 15 bytes").withMax(15),
            opt(TYPE, "TYPE", U16, "fast path interface type (table 7.3)"),
            opt(SUBTYPE, "SUBTYPE", U16, "fast path interface subtype (table 7.4)"),
            opt(FLAGS, "FLAGS", U32, "the kernel's `ifi_flags` (table 7.6)"),
            opt(MTU, "MTU", U32, ""),
            opt(MAC, "MAC", BYTES, "link-layer address (`IFLA_ADDRESS`), at most 32 bytes").withMax(32),
            opt(MASTER_IFUID, "MASTER_IFUID", U64,
                    "ifuid of the master (bridge, bond, vrf); absent or 0 when none"),
            opt(KIND, "KIND", STRING, "`IFLA_INFO_KIND`, at most 31 bytes").withMax(31),
            opt(OPERSTATE, "OPERSTATE", U8, "`IF_OPER_*` (table 7.7)"),
            opt(ARPHRD, "ARPHRD", U16, "the kernel's `ARPHRD_*` link type"),
            opt(SLAVE_KIND, "SLAVE_KIND", STRING,
                    "`IFLA_INFO_SLAVE_KIND` when enslaved, at most 31 bytes").withMax(31)));

    static final ObjectFamily SCHEMA = new ObjectFamily(FAMILY_INTERFACES, "interfaces",
            "Interfaces", "base", TLVS, List.of(
                new MessageSpec(IF_CREATE, "IF_CREATE", Role.ADD,
                        "full state of an interface, created or replaced", TLVS),
                new MessageSpec(IF_UPDATE, "IF_UPDATE", Role.UPDATE,
                        "full state of a known interface", TLVS),
                new MessageSpec(IF_DELETE, "IF_DELETE", Role.DEL, "the interface is gone",
                        TLVS)));

    private InterfaceAttr() {
    }
}
