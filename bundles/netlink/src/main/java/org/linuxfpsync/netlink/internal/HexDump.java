package org.linuxfpsync.netlink.internal;

import java.nio.ByteBuffer;

/** Hex of the first bytes of a datagram, for DEBUG lines about bad datagrams. */
final class HexDump {
    private static final int MAX_BYTES = 256;

    private HexDump() {
    }

    static String of(ByteBuffer buffer, int length) {
        int n = Math.min(Math.min(length, MAX_BYTES), buffer.capacity());
        StringBuilder sb = new StringBuilder(n * 3 + 16);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(i % 16 == 0 ? " | " : " ");
            }
            sb.append(Character.forDigit((buffer.get(i) >> 4) & 0xf, 16))
              .append(Character.forDigit(buffer.get(i) & 0xf, 16));
        }
        if (n < length) {
            sb.append(" ... (").append(length).append(" bytes)");
        }
        return sb.toString();
    }
}
