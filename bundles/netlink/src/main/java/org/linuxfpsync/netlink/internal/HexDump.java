package org.linuxfpsync.netlink.internal;

import java.nio.ByteBuffer;
import org.linuxfpsync.netlink.NetlinkFamily;

/**
 * Hex of the first bytes of a datagram, for DEBUG lines about bad datagrams. Never for xfrm:
 * SA messages carry keys (XFRMA_ALG_*), and keys must not reach a log.
 */
final class HexDump {
    private static final int MAX_BYTES = 256;

    private HexDump() {
    }

    static String of(NetlinkFamily family, ByteBuffer buffer, int length) {
        if (family == NetlinkFamily.XFRM) {
            return "(" + length + " bytes, not shown: xfrm messages may carry keys)";
        }
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
