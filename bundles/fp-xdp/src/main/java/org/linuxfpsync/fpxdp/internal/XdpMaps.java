package org.linuxfpsync.fpxdp.internal;

/** {@link ForwardingMaps} written into the eBPF maps of one loaded {@link BpfObject}. */
final class XdpMaps implements ForwardingMaps {
    /** Counters of the per-CPU array, in struct fp_counters' order. */
    static final int RX_PACKETS = 0, RX_BYTES = 1, TX_PACKETS = 2, TX_BYTES = 3, RX_DROPPED = 4, TX_DROPPED = 5,
            EXCEPTIONS = 6, EXCEPTION_BYTES = 7;

    private final BpfMap ifaces;
    private final BpfMap routes4;
    private final BpfMap routes6;
    private final BpfMap neighs;
    private final BpfMap counters;

    XdpMaps(BpfObject object) {
        ifaces = object.map("fp_ifaces", MapLayout.IFACE_KEY, MapLayout.IFACE_VALUE, false);
        routes4 = object.map("fp_routes4", MapLayout.LPM4_KEY, MapLayout.ROUTE_VALUE, false);
        routes6 = object.map("fp_routes6", MapLayout.LPM6_KEY, MapLayout.ROUTE_VALUE, false);
        neighs = object.map("fp_neighs", MapLayout.NEIGH_KEY, MapLayout.NEIGH_VALUE, false);
        counters = object.map("fp_counters", 4, MapLayout.COUNTERS_VALUE, true);
    }

    @Override
    public void putInterface(InterfaceEntry entry, boolean fresh) {
        if (fresh) {
            counters.zeroPerCpu(MapLayout.u32(entry.slot()));
        }
        ifaces.put(MapLayout.u32(entry.ifindex()), MapLayout.iface(entry));
    }

    @Override
    public void deleteInterface(int ifindex) {
        ifaces.delete(MapLayout.u32(ifindex));
    }

    @Override
    public void putRoute(Prefix prefix, RouteEntry route) {
        (prefix.isIpv4() ? routes4 : routes6).put(MapLayout.lpmKey(prefix), MapLayout.route(route));
    }

    @Override
    public void deleteRoute(Prefix prefix) {
        (prefix.isIpv4() ? routes4 : routes6).delete(MapLayout.lpmKey(prefix));
    }

    @Override
    public void putNeighbour(int ifindex, byte[] address, byte[] mac) {
        neighs.put(MapLayout.neighKey(ifindex, address), MapLayout.neigh(mac));
    }

    @Override
    public void deleteNeighbour(int ifindex, byte[] address) {
        neighs.delete(MapLayout.neighKey(ifindex, address));
    }

    /** The counters of a slot summed over the CPUs, in struct fp_counters' order. */
    long[] counters(int slot) {
        return counters.sumPerCpu(MapLayout.u32(slot));
    }
}
