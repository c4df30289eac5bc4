package org.linuxfpsync.fpm.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The key of a {@link PackedObjectTable} row as bytes, each value tagged with its kind: equal keys,
 * equal bytes. Written either from a key's values (a lookup by {@code List<Object>}) or, value by
 * value, straight from a frame's TLVs by {@link ObjectDecoder#check} (issue #23: a route applied
 * without an object); both write the same bytes for the same key. Reused: not thread-safe.
 */
final class PackedKey {
    static final byte NUMBER = 1;
    static final byte ADDRESS = 2;
    static final byte STRING = 3;

    private byte[] bytes = new byte[64];
    private int length;

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    PackedKey clear() {
        length = 0;
        return this;
    }

    void number(long v) {
        ensure(length + 9);
        bytes[length] = NUMBER;
        LONGS.set(bytes, length + 1, v); // one store, not eight: a route's key has up to five numbers
        length += 9;
    }

    /** Writes 8 bytes of a key at once, big-endian: the bytes the key always had. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** An address of 4 or 16 bytes from {@code from} at {@code at}; an IPv4-mapped IPv6 one as its IPv4 address, as InetAddress reads it. */
    void address(ByteBuffer from, int at, int addressLength) {
        int skip = addressLength == 16 && ObjectDecoder.isIpv4Mapped(from, at) ? 12 : 0;
        int n = addressLength - skip;
        ensure(length + 2 + n);
        bytes[length++] = ADDRESS;
        bytes[length++] = (byte) n;
        from.get(at + skip, bytes, length, n);
        length += n;
    }

    /** UTF-8 bytes, already checked valid, from {@code from} at {@code at}. */
    void string(ByteBuffer from, int at, int stringLength) {
        stringHeader(stringLength);
        from.get(at, bytes, length, stringLength);
        length += stringLength;
    }

    /** The key of {@code values}, as {@link FpmKey}s hold them. */
    PackedKey of(List<Object> values, String table) {
        clear();
        for (Object v : values) {
            if (v instanceof Long l) {
                number(l);
            } else if (v instanceof InetAddress a) {
                byte[] b = a.getAddress();
                ensure(length + 2 + b.length);
                bytes[length++] = ADDRESS;
                bytes[length++] = (byte) b.length;
                System.arraycopy(b, 0, bytes, length, b.length);
                length += b.length;
            } else if (v instanceof String s) {
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                stringHeader(b.length);
                System.arraycopy(b, 0, bytes, length, b.length);
                length += b.length;
            } else {
                throw new IllegalArgumentException("a " + table + " key value of " + v.getClass().getSimpleName());
            }
        }
        return this;
    }

    private void stringHeader(int stringLength) {
        ensure(length + 5 + stringLength);
        bytes[length++] = STRING;
        for (int sh = 24; sh >= 0; sh -= 8) {
            bytes[length++] = (byte) (stringLength >>> sh);
        }
    }

    private void ensure(int n) {
        if (n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(n, bytes.length * 2));
        }
    }
}
