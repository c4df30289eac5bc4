package org.linuxfpsync.fpc.codec;

/**
 * TLVs of CT_ADD and CT_DEL (a connection, IPCTNL_MSG_CT_NEW). NAT shows as a REPLY tuple that is not the inverse of
 * ORIG, and the status bits say which side was translated. Layout: docs/fpc-protocol.md, {@link FpcSchema}.
 */
public final class ConntrackAttr {
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

    private ConntrackAttr() {
    }
}
