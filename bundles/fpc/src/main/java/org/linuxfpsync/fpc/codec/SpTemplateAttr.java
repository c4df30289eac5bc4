package org.linuxfpsync.fpc.codec;

import static org.linuxfpsync.fpc.codec.TlvForm.ADDRESS;
import static org.linuxfpsync.fpc.codec.TlvForm.U32;
import static org.linuxfpsync.fpc.codec.TlvForm.U8;
import static org.linuxfpsync.fpc.codec.TlvSpec.opt;
import static org.linuxfpsync.fpc.codec.TlvSpec.req;

import java.util.List;

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

    static final TlvList TLVS = new TlvList("TMPL", "SpTemplateAttr",
            "TLVs inside a TMPL of SP_ADD (`struct xfrm_user_tmpl`).", List.of(
            req(FAMILY, "FAMILY", U8, "outer address family"),
            opt(DADDR, "DADDR", ADDRESS, "tunnel destination"),
            opt(SADDR, "SADDR", ADDRESS, "tunnel source"),
            opt(SPI, "SPI", U32, "0: any"),
            req(PROTO, "PROTO", U8, "50 ESP, 51 AH, 108 IPcomp"),
            opt(MODE, "MODE", U8, "`XFRM_MODE_*`"),
            opt(REQID, "REQID", U32, ""),
            opt(OPTIONAL, "OPTIONAL", U8, "1: the transform may be skipped")));

    private SpTemplateAttr() {
    }
}
