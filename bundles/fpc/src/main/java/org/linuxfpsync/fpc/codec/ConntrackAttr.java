package org.linuxfpsync.fpc.codec;

import static org.linuxfpsync.fpc.codec.TlvForm.BYTES;
import static org.linuxfpsync.fpc.codec.TlvForm.NESTED;
import static org.linuxfpsync.fpc.codec.TlvForm.STRING;
import static org.linuxfpsync.fpc.codec.TlvForm.U16;
import static org.linuxfpsync.fpc.codec.TlvForm.U32;
import static org.linuxfpsync.fpc.codec.TlvForm.U8;
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
 * <p>TLVs of CT_ADD and CT_DEL (a flow, IPCTNL_MSG_CT_NEW). A NAT binding is a flow whose REPLY tuple is not the
 * inverse of ORIG; the status bits say which side was translated. TIMEOUT comes last: the kernel's countdown at the
 * time of the event, which moves without one. Layout: docs/fpc-protocol.md, {@link FpcSchema}.
 */
public final class ConntrackAttr {
    /** The family (GR_BEGIN and FLUSH FAMILY): the high byte of its message types. */
    public static final int FAMILY_CONNTRACK = 0x13;
    /** A flow, created or changed. */
    public static final int CT_ADD = 0x1300;
    /** The flow is gone. */
    public static final int CT_DEL = 0x1301;

    /** u32 (key): the vrf. */
    public static final int VRFID = 1;
    /** u16 (key, 0 when absent): CTA_ZONE. */
    public static final int ZONE = 2;
    /** nested (key): the original direction (table TUPLE). */
    public static final int ORIG = 3;
    /** nested (required): the reply direction (table TUPLE). */
    public static final int REPLY = 4;
    /** u32 (optional): CTA_STATUS, IPS_* bits. */
    public static final int STATUS = 5;
    /** u32 (optional): CTA_MARK. */
    public static final int MARK = 6;
    /** u32 (optional): CTA_ID. */
    public static final int ID = 7;
    /** u8 (optional): CTA_PROTOINFO_TCP_STATE. */
    public static final int TCP_STATE = 8;
    /** u8 (optional): the flags byte of CTA_PROTOINFO_TCP_FLAGS_ORIGINAL. */
    public static final int TCP_FLAGS_ORIG = 9;
    /** u8 (optional): the flags byte of CTA_PROTOINFO_TCP_FLAGS_REPLY. */
    public static final int TCP_FLAGS_REPLY = 10;
    /** u8 (optional): CTA_PROTOINFO_TCP_WSCALE_ORIGINAL. */
    public static final int TCP_WSCALE_ORIG = 11;
    /** u8 (optional): CTA_PROTOINFO_TCP_WSCALE_REPLY. */
    public static final int TCP_WSCALE_REPLY = 12;
    /** string (optional): CTA_HELP_NAME. */
    public static final int HELPER = 13;
    /** bytes (optional): CTA_LABELS, 16 bytes. */
    public static final int LABELS = 14;
    /** u32 (optional): seconds left. */
    public static final int TIMEOUT = 15;

    static final TlvList TLVS = new TlvList("CT", "ConntrackAttr",
            "TLVs of CT_ADD and CT_DEL (a flow, `IPCTNL_MSG_CT_NEW`). A NAT binding is a flow whose REPLY tuple is "
            + "not the inverse of ORIG; the status bits say which side was translated. TIMEOUT comes last: the "
            + "kernel's countdown when the flow was reported, which moves without an event (docs/conntrack-sync.md).",
            List.of(
            key(VRFID, "VRFID", U32, "the vrf"),
            key0(ZONE, "ZONE", U16, "`CTA_ZONE`"),
            key(ORIG, "ORIG", NESTED, "the original direction (table TUPLE)").withNested(CtTupleAttr.TLVS),
            req(REPLY, "REPLY", NESTED, "the reply direction (table TUPLE)").withNested(CtTupleAttr.TLVS),
            opt(STATUS, "STATUS", U32, "`CTA_STATUS`, `IPS_*`: 0x2 seen reply, 0x4 assured, 0x8 confirmed, "
                    + "0x10 src NAT, 0x20 dst NAT, 0x80 src NAT done, 0x100 dst NAT done"),
            opt(MARK, "MARK", U32, "`CTA_MARK`"),
            opt(ID, "ID", U32, "`CTA_ID`: the kernel's id of the flow, stable for its life"),
            opt(TCP_STATE, "TCP_STATE", U8, "`CTA_PROTOINFO_TCP_STATE`: `TCP_CONNTRACK_*` (3 ESTABLISHED...)"),
            opt(TCP_FLAGS_ORIG, "TCP_FLAGS_ORIG", U8,
                    "flags of `CTA_PROTOINFO_TCP_FLAGS_ORIGINAL`: `IP_CT_TCP_FLAG_*` (0x1 window scale...)"),
            opt(TCP_FLAGS_REPLY, "TCP_FLAGS_REPLY", U8, "flags of `CTA_PROTOINFO_TCP_FLAGS_REPLY`"),
            opt(TCP_WSCALE_ORIG, "TCP_WSCALE_ORIG", U8, "`CTA_PROTOINFO_TCP_WSCALE_ORIGINAL`"),
            opt(TCP_WSCALE_REPLY, "TCP_WSCALE_REPLY", U8, "`CTA_PROTOINFO_TCP_WSCALE_REPLY`"),
            opt(HELPER, "HELPER", STRING, "`CTA_HELP_NAME`: the helper of the flow (ftp, sip...)").withMax(15),
            opt(LABELS, "LABELS", BYTES, "`CTA_LABELS`: the 128 label bits, as the kernel orders them"),
            opt(TIMEOUT, "TIMEOUT", U32, "seconds left when the flow was reported (`CTA_TIMEOUT`)")));

    static final ObjectFamily SCHEMA = new ObjectFamily(FAMILY_CONNTRACK, "conntrack",
            "Conntrack (with NAT)",
            "conntrack 0x800; nat 0x1000", TLVS, List.of(
                new MessageSpec(CT_ADD, "CT_ADD", Role.ADD,
                        "a flow, created or changed", TLVS),
                new MessageSpec(CT_DEL, "CT_DEL", Role.DEL, "the flow is gone", TLVS)));

    private ConntrackAttr() {
    }
}
