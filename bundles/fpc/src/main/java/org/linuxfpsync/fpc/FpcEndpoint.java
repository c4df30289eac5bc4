package org.linuxfpsync.fpc;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Where an FPC session runs: {@code unix:/path/to.sock} or {@code tcp:host:port}
 * ({@code tcp:port} means 127.0.0.1, an IPv6 host is written in brackets). The client and the
 * FPM parse the same syntax, so one configuration string names both ends.
 *
 * @param path the socket file of a unix endpoint, null for tcp
 * @param host the host of a tcp endpoint, null for unix
 * @param port the port of a tcp endpoint (0 = any free port, for a server), -1 for unix
 */
public record FpcEndpoint(Path path, String host, int port) {
    /** The client's and the FPM's default: the socket of cache manager instance 0. */
    public static final String DEFAULT = "unix:/run/linux-fp-sync/fpc-0.sock";
    /** sun_path holds 108 bytes including the terminating NUL. */
    public static final int MAX_UNIX_PATH = 107;

    /** @throws IllegalArgumentException with a one-line reason */
    public static FpcEndpoint parse(String spec) {
        String s = spec == null ? "" : spec.trim();
        if (s.startsWith("unix:")) {
            String p = s.substring(5);
            if (p.isEmpty()) {
                throw new IllegalArgumentException("endpoint '" + s + "': empty socket path");
            }
            if (p.getBytes(StandardCharsets.UTF_8).length > MAX_UNIX_PATH) {
                throw new IllegalArgumentException("endpoint '" + s + "': socket path longer than "
                        + MAX_UNIX_PATH + " bytes");
            }
            return new FpcEndpoint(Path.of(p), null, -1);
        }
        if (s.startsWith("tcp:")) {
            String rest = s.substring(4);
            String host = "127.0.0.1";
            String port = rest;
            int colon = rest.lastIndexOf(':');
            if (colon >= 0) {
                host = rest.substring(0, colon);
                port = rest.substring(colon + 1);
                if (host.startsWith("[") && host.endsWith("]")) {
                    host = host.substring(1, host.length() - 1);
                } else if (host.contains(":")) {
                    throw new IllegalArgumentException("endpoint '" + s + "': write an IPv6 host in brackets");
                }
                if (host.isEmpty()) {
                    throw new IllegalArgumentException("endpoint '" + s + "': empty host");
                }
            }
            int p;
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("endpoint '" + s + "': port '" + port + "' is not a number");
            }
            if (p < 0 || p > 65535) {
                throw new IllegalArgumentException("endpoint '" + s + "': port " + p + " out of range 0..65535");
            }
            return new FpcEndpoint(null, host, p);
        }
        throw new IllegalArgumentException("endpoint '" + s + "': expected unix:/path or tcp:host:port");
    }

    public boolean isUnix() {
        return path != null;
    }

    public StandardProtocolFamily family() {
        if (isUnix()) {
            return StandardProtocolFamily.UNIX;
        }
        return host.contains(":") ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
    }

    /** The address to connect or bind to (a tcp host name is resolved now). */
    public SocketAddress socketAddress() {
        return isUnix() ? UnixDomainSocketAddress.of(path) : new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        if (isUnix()) {
            return "unix:" + path;
        }
        return "tcp:" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
