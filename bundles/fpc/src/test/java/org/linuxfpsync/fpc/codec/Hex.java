package org.linuxfpsync.fpc.codec;

import java.nio.ByteBuffer;

/** Hex helpers for tests. */
final class Hex {
    private Hex() {
    }

    /** "01 00 00 01 …" of position..limit. */
    static String of(ByteBuffer b) {
        StringBuilder sb = new StringBuilder();
        for (int i = b.position(); i < b.limit(); i++) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(String.format("%02x", b.get(i) & 0xff));
        }
        return sb.toString();
    }

    static byte[] bytes(String hex) {
        String s = hex.replaceAll("\\s+", "");
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    static ByteBuffer buffer(String hex) {
        return ByteBuffer.wrap(bytes(hex));
    }

    static byte[] copy(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
