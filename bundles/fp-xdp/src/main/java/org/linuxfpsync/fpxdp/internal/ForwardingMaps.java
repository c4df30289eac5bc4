package org.linuxfpsync.fpxdp.internal;

/**
 * The fast path's maps, as the translation writes them: {@link XdpMaps} encodes each write into
 * the eBPF maps of one network namespace.
 */
interface ForwardingMaps {
    /** A new interface: its counters start at zero. */
    void putInterface(InterfaceEntry entry, boolean fresh);

    void deleteInterface(int ifindex);

    void putRoute(Prefix prefix, RouteEntry route);

    void deleteRoute(Prefix prefix);

    /** @param address 4 or 16 bytes; @param mac 6 bytes */
    void putNeighbour(int ifindex, byte[] address, byte[] mac);

    void deleteNeighbour(int ifindex, byte[] address);
}
