package org.linuxfpsync.netlink.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Big-endian reads from host-order buffers: xfrm addresses and SPIs, conntrack attributes and
 * nftables handles are in network byte order although netlink itself is in host order.
 */
final class NetworkOrder {
    private NetworkOrder() {
    }

    static int int16(ByteBuffer buffer, int offset) {
        short value = buffer.getShort(offset);
        return (buffer.order() == ByteOrder.BIG_ENDIAN ? value : Short.reverseBytes(value)) & 0xffff;
    }

    static int int32(ByteBuffer buffer, int offset) {
        int value = buffer.getInt(offset);
        return buffer.order() == ByteOrder.BIG_ENDIAN ? value : Integer.reverseBytes(value);
    }

    static long int64(ByteBuffer buffer, int offset) {
        long value = buffer.getLong(offset);
        return buffer.order() == ByteOrder.BIG_ENDIAN ? value : Long.reverseBytes(value);
    }
}
