package org.linuxfpsync.fpc.codec;

/** TLVs inside a TMPL of SP_ADD (struct xfrm_user_tmpl). Layout: docs/fpc-protocol.md, {@link FpcSchema}. */
public final class SpTemplateAttr {
    /** u8 (required): outer address family. */
    public static final int FAMILY = 1;
    /** address (optional): tunnel destination. */
    public static final int DADDR = 2;
    /** address (optional): tunnel source. */
    public static final int SADDR = 3;
    /** u32 (optional): 0: any. */
    public static final int SPI = 4;
    /** u8 (required): 50 ESP, 51 AH, 108 IPcomp. */
    public static final int PROTO = 5;
    /** u8 (optional): XFRM_MODE_*. */
    public static final int MODE = 6;
    /** u32 (optional). */
    public static final int REQID = 7;
    /** u8 (optional): 1: the transform may be skipped. */
    public static final int OPTIONAL = 8;

    private SpTemplateAttr() {
    }
}
