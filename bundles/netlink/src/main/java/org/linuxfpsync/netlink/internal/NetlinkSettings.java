package org.linuxfpsync.netlink.internal;

/**
 * The configuration values the reader threads read while running; updated live by the
 * component's {@code @Modified} method.
 */
final class NetlinkSettings {
    /** debugMask bit: one DEBUG line per message received on a listening socket. */
    static final int DEBUG_EVENTS = 0x1;
    /** debugMask bit: one DEBUG line per dump reply received on a command socket. */
    static final int DEBUG_DUMPS = 0x2;
    /** debugMask bit: a DEBUG hex dump of every dropped, truncated or malformed datagram. */
    static final int DEBUG_BAD_DATAGRAMS = 0x4;

    volatile int receiveBufferBytes;
    volatile int receiveBufferMaxBytes;
    volatile int debugMask;

    NetlinkSettings(int receiveBufferBytes, int receiveBufferMaxBytes, int debugMask) {
        this.receiveBufferBytes = receiveBufferBytes;
        this.receiveBufferMaxBytes = receiveBufferMaxBytes;
        this.debugMask = debugMask;
    }

    boolean debug(int bit) {
        return (debugMask & bit) != 0;
    }
}
