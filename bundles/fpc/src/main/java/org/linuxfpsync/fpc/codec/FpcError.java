package org.linuxfpsync.fpc.codec;

/**
 * The content of an ERROR: which frame was refused and why.
 *
 * @param refusedSeq  sequence number of the refused frame (32 bits)
 * @param refusedType its message type, or -1 when the ERROR does not say
 * @param code        an errno value ({@link ErrorAttr#ENOENT}, ...)
 * @param message     one line ("" when absent)
 */
public record FpcError(int refusedSeq, int refusedType, int code, String message) {

    /** "IF_UPDATE seq 7: ENOENT (no interface with ifuid 0x2a)". */
    @Override
    public String toString() {
        String what = refusedType < 0 ? "frame" : FpcSchema.messageName(refusedType);
        return what + " seq " + Integer.toUnsignedString(refusedSeq) + ": " + ErrorAttr.name(code)
                + (message.isEmpty() ? "" : " (" + message + ")");
    }
}
