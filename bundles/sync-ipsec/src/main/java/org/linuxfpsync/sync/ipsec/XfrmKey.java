package org.linuxfpsync.sync.ipsec;

/** Address bytes folded into two longs, so that an SA's key is a plain value (a record with equals). */
final class XfrmKey {
    private XfrmKey() {
    }

    /** Bytes [from, from + 8) of {@code address[0, length)}, big-endian; IPv4 is all in the low half. */
    static long half(byte[] address, int length, boolean high) {
        if (length == 4) {
            return high ? 0 : ((address[0] & 0xffL) << 24) | ((address[1] & 0xffL) << 16)
                    | ((address[2] & 0xffL) << 8) | (address[3] & 0xffL);
        }
        long v = 0;
        for (int i = high ? 0 : 8, end = i + 8; i < end; i++) {
            v = (v << 8) | (address[i] & 0xffL);
        }
        return v;
    }

    /** The address of {@link #half}'s halves, {@code length} (4 or 16) bytes. */
    static byte[] address(long high, long low, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            int fromEnd = length - 1 - i;
            long half = fromEnd < 8 ? low : high;
            b[i] = (byte) (half >>> (8 * (fromEnd % 8)));
        }
        return b;
    }
}
