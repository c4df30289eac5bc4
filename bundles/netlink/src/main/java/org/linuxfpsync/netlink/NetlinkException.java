package org.linuxfpsync.netlink;

/** A netlink socket or namespace operation failed; the message names what and why (errno). */
public class NetlinkException extends Exception {
    private static final long serialVersionUID = 1L;

    public NetlinkException(String message) {
        super(message);
    }

    public NetlinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
