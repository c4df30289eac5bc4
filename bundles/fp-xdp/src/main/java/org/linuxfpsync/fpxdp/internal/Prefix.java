package org.linuxfpsync.fpxdp.internal;

import java.util.Arrays;

/** A key of the LPM tries: a vrf and a destination prefix (host bits cleared). */
record Prefix(int vrfid, byte[] address, int length) {
    Prefix {
        if (address.length != 4 && address.length != 16) {
            throw new IllegalArgumentException("address of " + address.length + " bytes");
        }
        if (length < 0 || length > address.length * 8) {
            throw new IllegalArgumentException("prefix length " + length);
        }
        address = Addresses.masked(address, length);
    }

    boolean isIpv4() {
        return address.length == 4;
    }

    @Override
    public byte[] address() {
        return address.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Prefix p && p.vrfid == vrfid && p.length == length && Arrays.equals(p.address, address);
    }

    @Override
    public int hashCode() {
        return (31 * vrfid + length) * 31 + Arrays.hashCode(address);
    }

    @Override
    public String toString() {
        return Addresses.text(address) + "/" + length + " vrf " + Integer.toUnsignedString(vrfid);
    }
}
