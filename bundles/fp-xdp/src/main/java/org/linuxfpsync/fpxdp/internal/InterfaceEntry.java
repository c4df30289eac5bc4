package org.linuxfpsync.fpxdp.internal;

import java.util.Arrays;

/**
 * The value of one interface in {@code fp_ifaces} ({@code struct fp_iface}).
 *
 * @param slot its index in the per-CPU counters
 * @param up   IFF_UP with carrier (IFF_LOWER_UP or IFF_RUNNING): the fast path may send on it
 */
record InterfaceEntry(int ifindex, int vrfid, int mtu, int slot, byte[] mac, boolean up) {
    InterfaceEntry {
        if (mac.length != 6) {
            throw new IllegalArgumentException("a MAC of " + mac.length + " bytes");
        }
        mac = mac.clone();
    }

    @Override
    public byte[] mac() {
        return mac.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InterfaceEntry e && e.ifindex == ifindex && e.vrfid == vrfid && e.mtu == mtu
                && e.slot == slot && e.up == up && Arrays.equals(e.mac, mac);
    }

    @Override
    public int hashCode() {
        return ((ifindex * 31 + mtu) * 31 + slot) * 31 + Arrays.hashCode(mac);
    }
}
