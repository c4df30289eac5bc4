package org.linuxfpsync.fpc.codec;

/**
 * Bytes that do not form a valid FPC frame. The message is one line, meant for a log or an ERROR
 * reply; there is no stack trace because malformed input is an expected event, not a bug here.
 */
public final class FpcFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean streamBroken;

    private FpcFormatException(String message, boolean streamBroken) {
        super(message, null, false, false);
        this.streamBroken = streamBroken;
    }

    /** The frame header itself is unusable: frame boundaries are lost, the connection must close. */
    public static FpcFormatException streamBroken(String message) {
        return new FpcFormatException(message, true);
    }

    /** The frame's boundaries are sound but its TLVs are not: skip this frame, keep the stream. */
    public static FpcFormatException badFrame(String message) {
        return new FpcFormatException(message, false);
    }

    /** True when frame boundaries can no longer be trusted (answer EPROTO and close). */
    public boolean isStreamBroken() {
        return streamBroken;
    }

    /** The errno an ERROR reply carries for this problem: EPROTO when the stream broke, else EINVAL. */
    public int errorCode() {
        return streamBroken ? ErrorAttr.EPROTO : ErrorAttr.EINVAL;
    }
}
