package org.linuxfpsync.netlink;

/**
 * How the listening socket of a channel sizes its receive buffer (SO_RCVBUFFORCE; the kernel
 * reports twice what is asked): where it starts, and the bound it doubles up to on each overflow
 * (ENOBUFS). A 0 stands for the service's setting, which follows its reconfiguration:
 * {@code receiveBufferBytes} to start, {@code receiveBufferMaxBytes} (the manual's {@code -l}) as the
 * bound. The channel's first subscriber decides ({@link SubscriptionSpec#receiveBuffer}).
 *
 * @param initialBytes where the buffer starts, 0: the service's {@code receiveBufferBytes}; never
 *                     above the bound
 * @param maxBytes     the bound, 0: the service's {@code receiveBufferMaxBytes}
 */
public record ReceiveBufferPolicy(int initialBytes, int maxBytes) {
    /** The kernel's cap of SO_RCVBUFFORCE (INT_MAX / 2; it reports twice that). */
    public static final int MAX_BYTES = Integer.MAX_VALUE / 2;
    /** The smallest buffer a channel of its own may ask for. */
    public static final int MIN_BYTES = 4096;

    /** The service's settings: the buffer starts small and grows on overflow, as most channels'. */
    public static final ReceiveBufferPolicy SERVICE = new ReceiveBufferPolicy(0, 0);

    public ReceiveBufferPolicy {
        check("initialBytes", initialBytes);
        check("maxBytes", maxBytes);
        if (initialBytes != 0 && maxBytes != 0 && initialBytes > maxBytes) {
            throw new IllegalArgumentException("initialBytes = " + initialBytes + " is above maxBytes = " + maxBytes);
        }
    }

    /**
     * A channel whose buffer is {@code bytes} from the start and never grows: for events that come at
     * the rate of traffic (conntrack), whose first burst would overflow a buffer still growing.
     */
    public static ReceiveBufferPolicy fullFromStart(int bytes) {
        if (bytes < MIN_BYTES || bytes > MAX_BYTES) {
            throw new IllegalArgumentException("receive buffer of " + bytes + " bytes is outside " + MIN_BYTES + ".."
                    + MAX_BYTES);
        }
        return new ReceiveBufferPolicy(bytes, bytes);
    }

    /** The bound, given the service's {@code receiveBufferMaxBytes}. */
    public int maxBytesOr(int serviceMaxBytes) {
        return maxBytes > 0 ? maxBytes : serviceMaxBytes;
    }

    /** Where the buffer starts, given the service's settings. */
    public int initialBytesOr(int serviceInitialBytes, int serviceMaxBytes) {
        return Math.min(initialBytes > 0 ? initialBytes : serviceInitialBytes, maxBytesOr(serviceMaxBytes));
    }

    private static void check(String name, int bytes) {
        if (bytes != 0 && (bytes < MIN_BYTES || bytes > MAX_BYTES)) {
            throw new IllegalArgumentException(name + " = " + bytes + " is outside " + MIN_BYTES + ".." + MAX_BYTES
                    + " (0: the service's)");
        }
    }
}
