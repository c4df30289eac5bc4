package org.linuxfpsync.fpc.codec;

/** TLVs of HELLO. */
public final class HelloAttr {
    /** u16: highest protocol version the sender speaks. */
    public static final int VERSION_MAX = 1;
    /** string: software name, e.g. {@code cmgrd} or {@code linux-fp-sync-fpm}. */
    public static final int NAME = 2;
    /** u32: the cache manager instance id ({@code -I}). */
    public static final int INSTANCE = 3;
    /** u32: sync-mask bits; the features the cache manager wants (client) or the FPM supports (server). */
    public static final int FEATURES = 4;
    /** u64, server only: session epoch of the FPM, new for every accepted session. */
    public static final int EPOCH = 5;

    private HelloAttr() {
    }
}
