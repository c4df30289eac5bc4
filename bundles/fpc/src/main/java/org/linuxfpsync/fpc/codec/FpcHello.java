package org.linuxfpsync.fpc.codec;

/**
 * The content of a HELLO. Numeric TLVs that are absent read as {@link #ABSENT}: INSTANCE and
 * FEATURES are u32 (0 .. 2^32-1) and EPOCH is a u64 kept below 2^63, so -1 is never a value.
 *
 * @param versionMax highest protocol version the sender speaks (required)
 * @param name       the sender's software name ("" when absent)
 * @param instance   the cache manager instance id (client only), or ABSENT
 * @param features   sync-mask bits wanted (client) or supported (server), or ABSENT
 * @param epoch      the FPM's session epoch (server only), or ABSENT
 */
public record FpcHello(int versionMax, String name, long instance, long features, long epoch) {
    public static final long ABSENT = -1;
    /** The protocol version this implementation speaks. */
    public static final int PROTOCOL_VERSION = 1;

    public FpcHello {
        if (name == null) {
            throw new IllegalArgumentException("HELLO name cannot be null");
        }
    }

    /** What a cache manager sends. */
    public static FpcHello client(String name, long instance, long features) {
        return new FpcHello(PROTOCOL_VERSION, name, instance, features, ABSENT);
    }

    /** What an FPM answers. */
    public static FpcHello server(String name, long features, long epoch) {
        return new FpcHello(PROTOCOL_VERSION, name, ABSENT, features, epoch);
    }
}
