package org.linuxfpsync.netlink.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Byte-range helpers shared by the decoders: NUL search, string views and comparisons without allocation. */
final class Bytes {
    private Bytes() {
    }

    /** Index of the first NUL in {@code [offset, offset + length)}, relative to {@code offset}, or -1. */
    static int nulIndex(ByteBuffer buffer, int offset, int length) {
        for (int i = 0; i < length; i++) {
            if (buffer.get(offset + i) == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Length of a C string stored in {@code length} bytes: up to the first NUL, or all of them. */
    static int cStringLength(ByteBuffer buffer, int offset, int length) {
        int nul = nulIndex(buffer, offset, length);
        return nul < 0 ? length : nul;
    }

    /** A new String of the UTF-8 bytes (allocates: not for the per-message path). */
    static String string(ByteBuffer buffer, int offset, int length) {
        byte[] bytes = new byte[length];
        buffer.get(offset, bytes, 0, length);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Whether the bytes equal the UTF-8 form of {@code s}; allocation-free when {@code s} is ASCII. */
    static boolean equalsString(ByteBuffer buffer, int offset, int length, String s) {
        if (s == null) {
            return false;
        }
        int n = s.length();
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                // Not ASCII: compare the UTF-8 form (rare: kernel names are ASCII in practice).
                return string(buffer, offset, length).equals(s);
            }
        }
        if (n != length) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (buffer.get(offset + i) != (byte) s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Copies {@code length} bytes to the start of {@code dst}; {@code dst} must be long enough. */
    static int copy(ByteBuffer buffer, int offset, int length, byte[] dst) {
        if (dst.length < length) {
            throw new IndexOutOfBoundsException(length + " bytes do not fit a " + dst.length + "-byte array");
        }
        buffer.get(offset, dst, 0, length);
        return length;
    }

    /** Whether two ranges hold the same bytes. */
    static boolean rangesEqual(ByteBuffer buffer, int a, int aLength, int b, int bLength) {
        if (aLength != bLength) {
            return false;
        }
        for (int i = 0; i < aLength; i++) {
            if (buffer.get(a + i) != buffer.get(b + i)) {
                return false;
            }
        }
        return true;
    }

    /** The address length of an IP family: 4, 16, or -1 for any other family. */
    static int inetAddressLength(int family) {
        return family == Rtnetlink.AF_INET ? 4 : family == Rtnetlink.AF_INET6 ? 16 : -1;
    }
}
