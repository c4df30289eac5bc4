package org.linuxfpsync.fpc.codec;

/** TLVs inside an OIF of MROUTE_ADD. Layout: docs/fpc-protocol.md, {@link FpcSchema}. */
public final class MrouteOifAttr {
    /** u64 (required): the output interface. */
    public static final int IFUID = 1;
    /** u8 (optional): TTL threshold. */
    public static final int TTL = 2;

    private MrouteOifAttr() {
    }
}
