package org.linuxfpsync.netlink;

/** A {@link ProcessListener}'s registration with the proc connector; closing it stops delivery. */
public interface ProcessWatch extends AutoCloseable {

    /**
     * Whether events come: false where the connector cannot be opened (the cache manager is not in the
     * initial network namespace, the only one that has NETLINK_CONNECTOR, or not in the initial pid and
     * user namespaces, whose requests the kernel ignores); {@link #unavailableReason} then says why.
     */
    boolean available();

    /** One line, or null while available. */
    String unavailableReason();

    @Override
    void close();

    /** A watch that never delivers, for a transport without the connector. */
    static ProcessWatch unavailable(String reason) {
        return new ProcessWatch() {
            @Override
            public boolean available() {
                return false;
            }

            @Override
            public String unavailableReason() {
                return reason;
            }

            @Override
            public void close() {
            }
        };
    }
}
