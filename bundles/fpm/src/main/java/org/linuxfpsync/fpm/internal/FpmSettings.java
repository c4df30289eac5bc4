package org.linuxfpsync.fpm.internal;

import org.linuxfpsync.fpc.ConfigValues;

import java.util.Map;

import org.linuxfpsync.fpc.FpcEndpoint;

/**
 * The FPM's configuration (PID {@value FpmServer#PID}), validated.
 *
 * @param endpoint    where it listens; a tcp endpoint without host binds 127.0.0.1
 * @param socketGroup group owning the Unix socket file (mode 0660), or "" for owner only (0600)
 * @param features    sync-mask bits advertised in HELLO
 * @param helloTimeoutMillis how long a connection may wait before its HELLO; then it is closed
 * @param maxPendingConnections connections waiting for their HELLO at once; more are closed at accept
 */
record FpmSettings(FpcEndpoint endpoint, String socketGroup, long features, long helloTimeoutMillis,
                   int maxPendingConnections) {
    static final long DEFAULT_FEATURES = 0x1FFFF;
    static final long DEFAULT_HELLO_TIMEOUT_MS = 5000;
    static final int DEFAULT_MAX_PENDING = 8;

    static FpmSettings from(Map<String, ?> props) {
        ConfigValues c = new ConfigValues(FpmServer.PID, props);
        FpcEndpoint endpoint;
        try {
            endpoint = FpcEndpoint.parse(c.string("endpoint", FpcEndpoint.DEFAULT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(FpmServer.PID + ": " + e.getMessage());
        }
        String group = c.string("socketGroup", "");
        if (!group.isEmpty() && !endpoint.isUnix()) {
            throw new IllegalArgumentException(FpmServer.PID + ": socketGroup applies to a unix endpoint only, not "
                    + endpoint);
        }
        return new FpmSettings(endpoint, group, c.number("features", DEFAULT_FEATURES, 0, 0xffffffffL),
                c.number("helloTimeoutMillis", DEFAULT_HELLO_TIMEOUT_MS, 1, 3_600_000),
                (int) c.number("maxPendingConnections", DEFAULT_MAX_PENDING, 1, 1024));
    }
}
