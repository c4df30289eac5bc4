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
 */
record FpmSettings(FpcEndpoint endpoint, String socketGroup, long features) {
    static final long DEFAULT_FEATURES = 0x1FFFF;

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
        return new FpmSettings(endpoint, group, c.number("features", DEFAULT_FEATURES, 0, 0xffffffffL));
    }
}
