package org.linuxfpsync.fpc.codec;

import static org.linuxfpsync.fpc.codec.TlvForm.STRING;
import static org.linuxfpsync.fpc.codec.TlvForm.U16;
import static org.linuxfpsync.fpc.codec.TlvForm.U32;
import static org.linuxfpsync.fpc.codec.TlvForm.U64;
import static org.linuxfpsync.fpc.codec.TlvSpec.opt;
import static org.linuxfpsync.fpc.codec.TlvSpec.req;

import java.util.List;

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

    static final TlvList TLVS = new TlvList("HELLO", "HelloAttr",
            "", List.of(
            req(VERSION_MAX, "VERSION_MAX", U16, "highest protocol version the sender speaks (1)"),
            opt(NAME, "NAME", STRING, "software name: `cmgrd`, `linux-fp-sync-fpm`"),
            opt(INSTANCE, "INSTANCE", U32, "client only: the cache manager instance id (`-I`)"),
            opt(FEATURES, "FEATURES", U32,
                    "sync-mask bits (section 7.5): wanted (client), supported (server)"),
            opt(EPOCH, "EPOCH", U64, "server only: session epoch, below 2^63")));

    private HelloAttr() {
    }
}
