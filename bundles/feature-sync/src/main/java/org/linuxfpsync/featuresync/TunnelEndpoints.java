package org.linuxfpsync.featuresync;

import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.netlink.codec.NetlinkFormatException;

/**
 * The local and remote addresses of an IP tunnel device, read from its {@code IFLA_INFO_DATA} ({@code in_addr} or
 * {@code in6_addr} by the tunnel's family) into scratch arrays that each message reuses: one instance per translator.
 * A wildcard endpoint (absent, 0.0.0.0 or ::) is "any" and sent as no TLV.
 */
public final class TunnelEndpoints {
    private static final int IN_ADDR = 4;
    private static final int IN6_ADDR = 16;

    private final byte[] local4 = new byte[IN_ADDR];
    private final byte[] local6 = new byte[IN6_ADDR];
    private final byte[] remote4 = new byte[IN_ADDR];
    private final byte[] remote6 = new byte[IN6_ADDR];
    private byte[] local;
    private byte[] remote;

    /** Reads the local address, then the remote one; an absent one becomes null. */
    public void read(NestedAttributes data, boolean ipv6, int localType, String localName, int remoteType,
                     String remoteName) throws NetlinkFormatException {
        local = copy(data, localType, localName, ipv6 ? local6 : local4);
        remote = copy(data, remoteType, remoteName, ipv6 ? remote6 : remote4);
    }

    /** The local address of the last {@link #read}, null when absent. */
    public byte[] local() {
        return local;
    }

    /** The remote address of the last {@link #read}, null when absent. */
    public byte[] remote() {
        return remote;
    }

    /** Writes TLV {@code localTlv}, then {@code remoteTlv}, each left out when its endpoint is any. */
    public void write(FrameWriter w, int localTlv, int remoteTlv) {
        if (!FallbackDevice.isAny(local)) {
            w.putAddress(localTlv, local);
        }
        if (!FallbackDevice.isAny(remote)) {
            w.putAddress(remoteTlv, remote);
        }
    }

    private static byte[] copy(NestedAttributes data, int type, String name, byte[] into)
            throws NetlinkFormatException {
        return data.copy(type, name, into.length, into) ? into : null;
    }
}
