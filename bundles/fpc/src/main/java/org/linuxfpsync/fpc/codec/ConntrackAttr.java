package org.linuxfpsync.fpc.codec;

import static org.linuxfpsync.fpc.codec.TlvForm.NESTED;
import static org.linuxfpsync.fpc.codec.TlvForm.U16;
import static org.linuxfpsync.fpc.codec.TlvForm.U32;
import static org.linuxfpsync.fpc.codec.TlvSpec.key;
import static org.linuxfpsync.fpc.codec.TlvSpec.key0;
import static org.linuxfpsync.fpc.codec.TlvSpec.opt;
import static org.linuxfpsync.fpc.codec.TlvSpec.req;

import java.util.List;

import org.linuxfpsync.fpc.codec.MessageSpec.Role;

/**
 * The object family of table {@code conntrack}, declared once, here: its code and message types, the constants of
 * its TLVs, and its {@code SCHEMA}, which {@link FpcSchema} registers.
 *
 * <p>TLVs of CT_ADD and CT_DEL (a connection, IPCTNL_MSG_CT_NEW). NAT shows as a REPLY tuple that is not the inverse
 * of ORIG, and the status bits say which side was translated. Layout: docs/fpc-protocol.md, {@link FpcSchema}.
 */
public final class ConntrackAttr {
    /** The family (GR_BEGIN and FLUSH FAMILY): the high byte of its message types. */
    public static final int FAMILY_CONNTRACK = 0x13;
    /** A connection, created or replaced. */
    public static final int CT_ADD = 0x1300;
    /** The connection is gone. */
    public static final int CT_DEL = 0x1301;

    /** u32 (key): the vrf. */
    public static final int VRFID = 1;
    /** u16 (key, 0 when absent): CTA_ZONE. */
    public static final int ZONE = 2;
    /** nested (key): the original direction (table TUPLE). */
    public static final int ORIG = 3;
    /** nested (required): the reply direction (table TUPLE). */
    public static final int REPLY = 4;
    /** u32 (optional): IPS_*: 0x2 seen reply, 0x4 assured, 0x8 confirmed, 0x10 src NAT, 0x20 dst NAT. */
    public static final int STATUS = 5;
    /** u32 (optional): CTA_MARK. */
    public static final int MARK = 6;
    /** u32 (optional): seconds left. */
    public static final int TIMEOUT = 7;
    /** u32 (optional): CTA_ID. */
    public static final int ID = 8;

    static final TlvList TLVS = new TlvList("CT", "ConntrackAttr",
            "TLVs of CT_ADD and CT_DEL (a connection, `IPCTNL_MSG_CT_NEW`). NAT shows as a REPLY tuple that is "
            + "not the inverse of ORIG, and the status bits say which side was translated.", List.of(
            key(VRFID, "VRFID", U32, "the vrf"),
            key0(ZONE, "ZONE", U16, "`CTA_ZONE`"),
            key(ORIG, "ORIG", NESTED, "the original direction (table TUPLE)").withNested(CtTupleAttr.TLVS),
            req(REPLY, "REPLY", NESTED, "the reply direction (table TUPLE)").withNested(CtTupleAttr.TLVS),
            opt(STATUS, "STATUS", U32,
                    "`IPS_*`: 0x2 seen reply, 0x4 assured, 0x8 confirmed, 0x10 src NAT, 0x20 dst NAT"),
            opt(MARK, "MARK", U32, "`CTA_MARK`"),
            opt(TIMEOUT, "TIMEOUT", U32, "seconds left"),
            opt(ID, "ID", U32, "`CTA_ID`")));

    static final ObjectFamily SCHEMA = new ObjectFamily(FAMILY_CONNTRACK, "conntrack",
            "Conntrack (with NAT)",
            "conntrack 0x800; nat 0x1000", TLVS, List.of(
                new MessageSpec(CT_ADD, "CT_ADD", Role.ADD,
                        "a connection, created or replaced", TLVS),
                new MessageSpec(CT_DEL, "CT_DEL", Role.DEL, "the connection is gone", TLVS)));

    private ConntrackAttr() {
    }
}
