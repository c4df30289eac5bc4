package org.linuxfpsync.fpm;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte value of an object (a MAC address, a BPF program, a rule blob, an IPsec
 * key). A secret one (TLVs marked secret in docs/fpc-protocol.md) never shows its bytes in
 * {@link #toString()}, the console or the dump: only its length.
 */
public final class FpmBytes {
    private final byte[] bytes;
    private final boolean secret;

    public FpmBytes(byte[] bytes, boolean secret) {
        this.bytes = bytes.clone();
        this.secret = secret;
    }

    public int length() {
        return bytes.length;
    }

    public boolean isSecret() {
        return secret;
    }

    /** A copy of the bytes: for a fast path that programs them, never for display. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** "52:54:00:12:34:56"; "[20 bytes]" for a secret. */
    @Override
    public String toString() {
        return secret ? "[" + bytes.length + " bytes]" : HexFormat.ofDelimiter(":").formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FpmBytes && ((FpmBytes) o).secret == secret && Arrays.equals(((FpmBytes) o).bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
