package org.linuxfpsync.netlink.codec;

/**
 * Bytes that do not parse as the uapi headers define them. The message is one line naming the
 * field and the values found. Thrown without a stack trace: it is an expected, counted outcome
 * on the reader thread, not a bug.
 */
public final class NetlinkFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public NetlinkFormatException(String message) {
        super(message, null, false, false);
    }
}
