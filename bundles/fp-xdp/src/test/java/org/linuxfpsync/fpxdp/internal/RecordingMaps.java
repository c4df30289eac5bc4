package org.linuxfpsync.fpxdp.internal;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/** The fast path's maps as plain Java maps, with the number of writes: what the translation wrote. */
final class RecordingMaps implements ForwardingMaps {
    final Map<Integer, InterfaceEntry> interfaces = new HashMap<>();
    final Map<Prefix, RouteEntry> routes = new HashMap<>();
    final Map<String, byte[]> neighbours = new HashMap<>();
    int writes;
    int freshInterfaces;

    static String neighbourKey(int ifindex, byte[] address) {
        return ifindex + "/" + Addresses.text(address);
    }

    @Override
    public void putInterface(InterfaceEntry entry, boolean fresh) {
        writes++;
        if (fresh) {
            freshInterfaces++;
        }
        interfaces.put(entry.ifindex(), entry);
    }

    @Override
    public void deleteInterface(int ifindex) {
        writes++;
        interfaces.remove(ifindex);
    }

    @Override
    public void putRoute(Prefix prefix, RouteEntry route) {
        writes++;
        routes.put(prefix, route);
    }

    @Override
    public void deleteRoute(Prefix prefix) {
        writes++;
        routes.remove(prefix);
    }

    @Override
    public void putNeighbour(int ifindex, byte[] address, byte[] mac) {
        writes++;
        neighbours.put(neighbourKey(ifindex, address), mac.clone());
    }

    @Override
    public void deleteNeighbour(int ifindex, byte[] address) {
        writes++;
        neighbours.remove(neighbourKey(ifindex, ByteBuffer.wrap(address).array()));
    }
}
