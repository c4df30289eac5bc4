package org.linuxfpsync.fpc.codec;

/** How a TLV's value is laid out (docs/fpc-protocol.md §2). */
public enum TlvForm {
    U8("u8", 1),
    U16("u16", 2),
    U32("u32", 4),
    U64("u64", 8),
    /** UTF-8 without NUL. */
    STRING("string", -1),
    BYTES("bytes", -1),
    /** An IP address: 4 bytes (IPv4) or 16 bytes (IPv6), network order. */
    ADDRESS("address", -1),
    /** A list of TLVs; nested TLVs never contain nested TLVs. */
    NESTED("nested", -1);

    private final String wireName;
    private final int size;

    TlvForm(String wireName, int size) {
        this.wireName = wireName;
        this.size = size;
    }

    /** The name the document and fpc.h use: u8, string, address... */
    public String wireName() {
        return wireName;
    }

    /** The value's exact size in bytes, or -1 when it varies. */
    public int size() {
        return size;
    }
}
