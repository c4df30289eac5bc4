package org.linuxfpsync.fpc.codec;

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
 * The object family of table {@code bridge-ports}, declared once, here: its code and message types, the constants
 * of its TLVs, and its {@code SCHEMA}, which {@link FpcSchema} registers.
 *
 * <p>TLVs of BRPORT_ADD and BRPORT_DEL (a bridge port, IFLA_PROTINFO of AF_BRIDGE). Layout: docs/fpc-protocol.md,
 * {@link FpcSchema}.
 */
public final class BridgePortAttr {
    /** The family (GR_BEGIN and FLUSH FAMILY): the high byte of its message types. */
    public static final int FAMILY_BRIDGE_PORTS = 0x06;
    /** Bridge port state, created or replaced. */
    public static final int BRPORT_ADD = 0x0600;
    /** The interface left its bridge. */
    public static final int BRPORT_DEL = 0x0601;

    /** u32 (key): the vrf. */
    public static final int VRFID = 1;
    /** u64 (key): the port. */
    public static final int IFUID = 2;
    /** u64 (required): its bridge. */
    public static final int BRIDGE_IFUID = 3;
    /** u8 (optional): BR_STATE_*: 0 disabled, 1 listening, 2 learning, 3 forwarding, 4 blocking. */
    public static final int STATE = 4;
    /**
     * u32 (optional): 0x1 learning, 0x2 unicast flood, 0x4 multicast flood, 0x8 broadcast flood, 0x10 hairpin, 0x20
     * proxy ARP, 0x40 neighbour suppression, 0x80 isolated.
     */
    public static final int FLAGS = 5;
    /** u16 (optional): IFLA_BRPORT_PRIORITY. */
    public static final int PRIORITY = 6;
    /** u32 (optional): IFLA_BRPORT_COST. */
    public static final int COST = 7;

    static final TlvList TLVS = new TlvList("BRPORT", "BridgePortAttr",
            "TLVs of BRPORT_ADD and BRPORT_DEL (a bridge port, `IFLA_PROTINFO` of AF_BRIDGE).", List.of(
            key(VRFID, "VRFID", U32, "the vrf"),
            key(IFUID, "IFUID", U64, "the port"),
            req(BRIDGE_IFUID, "BRIDGE_IFUID", U64, "its bridge"),
            opt(STATE, "STATE", U8,
                    "`BR_STATE_*`: 0 disabled, 1 listening, 2 learning, 3 forwarding, 4 blocking"),
            opt(FLAGS, "FLAGS", U32,
                    "0x1 learning, 0x2 unicast flood, 0x4 multicast flood, 0x8 broadcast flood, 0x10 hairpin, 0x20 "
                    + "proxy ARP, 0x40 neighbour suppression, 0x80 isolated"),
            opt(PRIORITY, "PRIORITY", U16, "`IFLA_BRPORT_PRIORITY`"),
            opt(COST, "COST", U32, "`IFLA_BRPORT_COST`")));

    static final ObjectFamily SCHEMA = new ObjectFamily(FAMILY_BRIDGE_PORTS, "bridge-ports",
            "Bridge ports",
            "bridge 0x2", TLVS, List.of(
                new MessageSpec(BRPORT_ADD, "BRPORT_ADD", Role.ADD,
                        "bridge port state, created or replaced", TLVS),
                new MessageSpec(BRPORT_DEL, "BRPORT_DEL", Role.DEL,
                        "the interface left its bridge", TLVS)));

    private BridgePortAttr() {
    }
}
