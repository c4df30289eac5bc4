package org.linuxfpsync.fpxdp.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Address bytes as the maps hold them (network order) and as people read them. */
final class Addresses {
    private Addresses() {
    }

    static String text(byte[] a) {
        try {
            return InetAddress.getByAddress(a).getHostAddress();
        } catch (UnknownHostException e) {
            return "?" + a.length + " bytes";
        }
    }

    /** The address with the bits past {@code prefixLength} cleared. */
    static byte[] masked(byte[] a, int prefixLength) {
        byte[] m = a.clone();
        for (int bit = prefixLength; bit < m.length * 8; bit++) {
            m[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return m;
    }
}
