package org.linuxfpsync.fpc.internal;

import org.linuxfpsync.fpc.ConfigValues;

import java.util.Map;

import org.linuxfpsync.fpc.FpcEndpoint;

/**
 * The client's configuration (PID {@value FpcClient#PID}), validated.
 *
 * @param endpoint          where the FPM listens
 * @param socketBufferBytes SO_SNDBUF of the connection (the manual's {@code -b}, default 2 MiB)
 * @param instanceId        the cache manager instance id sent in HELLO (the manual's {@code -I})
 * @param features          the sync-mask bits asked for in HELLO
 * @param queueFrames       frames the send queue holds before producers block
 */
record FpcClientSettings(FpcEndpoint endpoint, int socketBufferBytes, int instanceId, long features,
                         int queueFrames) {
    static final int DEFAULT_SOCKET_BUFFER = 2 * 1024 * 1024;
    static final long DEFAULT_FEATURES = 0x1FFFF;
    static final int DEFAULT_QUEUE_FRAMES = 65536;

    static FpcClientSettings from(Map<String, ?> props) {
        ConfigValues c = new ConfigValues(FpcClient.PID, props);
        FpcEndpoint endpoint;
        try {
            endpoint = FpcEndpoint.parse(c.string("endpoint", FpcEndpoint.DEFAULT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(FpcClient.PID + ": " + e.getMessage());
        }
        if (!endpoint.isUnix() && endpoint.port() == 0) {
            throw new IllegalArgumentException(FpcClient.PID + ": endpoint " + endpoint + " needs a port");
        }
        return new FpcClientSettings(endpoint,
                (int) c.number("socketBufferBytes", DEFAULT_SOCKET_BUFFER, 4096, Integer.MAX_VALUE),
                (int) c.number("instanceId", 0, 0, 0xffffffffL),
                c.number("features", DEFAULT_FEATURES, 0, 0xffffffffL),
                (int) c.number("queueFrames", DEFAULT_QUEUE_FRAMES, 1, 16 * 1024 * 1024));
    }
}
