package org.linuxfpsync.fpc.codec;

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
