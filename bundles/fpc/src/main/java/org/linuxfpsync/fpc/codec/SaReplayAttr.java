package org.linuxfpsync.fpc.codec;

/**
 * TLVs of SA_REPLAY: the sequence numbers of a known SA, for IPsec high availability (the seed's -R). Layout:
 * docs/fpc-protocol.md, {@link FpcSchema}.
 */
public final class SaReplayAttr {
    /** u32 (key): the vrf. */
    public static final int VRFID = 1;
    /** u8 (key): outer address family. */
    public static final int FAMILY = 2;
    /** address (key): outer destination. */
    public static final int DADDR = 3;
    /** u32 (key). */
    public static final int SPI = 4;
    /** u8 (key): 50 ESP, 51 AH. */
    public static final int PROTO = 5;
    /** u64 (optional): last output sequence number (high 32 bits: ESN). */
    public static final int OSEQ = 6;
    /** u64 (optional): highest input sequence number seen (high 32 bits: ESN). */
    public static final int SEQ = 7;
    /** bytes (optional): input replay window bitmap, bit 0 = SEQ, at most 512 bytes. */
    public static final int BITMAP = 8;

    private SaReplayAttr() {
    }
}
