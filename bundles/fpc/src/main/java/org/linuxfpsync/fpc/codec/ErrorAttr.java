package org.linuxfpsync.fpc.codec;

import static org.linuxfpsync.fpc.codec.TlvForm.STRING;
import static org.linuxfpsync.fpc.codec.TlvForm.U16;
import static org.linuxfpsync.fpc.codec.TlvForm.U32;
import static org.linuxfpsync.fpc.codec.TlvSpec.opt;
import static org.linuxfpsync.fpc.codec.TlvSpec.req;

import java.util.List;

/** TLVs of ERROR. */
public final class ErrorAttr {
    /** u32: sequence number of the frame refused. */
    public static final int SEQ = 1;
    /** u16: message type of the frame refused. */
    public static final int TYPE = 2;
    /** u32: an errno value ({@link #EINVAL}, {@link #ENOENT}, {@link #EOPNOTSUPP}, ...). */
    public static final int CODE = 3;
    /** string: one line saying what was wrong. */
    public static final int MESSAGE = 4;

    public static final int ENOENT = 2;
    public static final int EINVAL = 22;
    public static final int EMSGSIZE = 90;
    public static final int EPROTO = 71;
    public static final int EOPNOTSUPP = 95;

    static final TlvList TLVS = new TlvList("ERROR", "ErrorAttr",
            "", List.of(
            opt(SEQ, "SEQ", U32, "seq of the refused frame (0 when the header was unreadable)"),
            opt(TYPE, "TYPE", U16, "its message type; absent when the header was unreadable"),
            req(CODE, "CODE", U32, "an errno value (table 7.2)"),
            opt(MESSAGE, "MESSAGE", STRING,
                    "one line, at most 256 characters, saying what was wrong").withMax(256)));

    private ErrorAttr() {
    }

    /** The errno's symbolic name ("ENOENT"), or "errno N" for a code not listed here. */
    public static String name(int code) {
        switch (code) {
            case ENOENT: return "ENOENT";
            case EINVAL: return "EINVAL";
            case EMSGSIZE: return "EMSGSIZE";
            case EPROTO: return "EPROTO";
            case EOPNOTSUPP: return "EOPNOTSUPP";
            default: return "errno " + Integer.toUnsignedString(code);
        }
    }
}
