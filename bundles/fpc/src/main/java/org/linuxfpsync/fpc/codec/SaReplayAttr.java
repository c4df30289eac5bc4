package org.linuxfpsync.fpc.codec;

import static org.linuxfpsync.fpc.codec.TlvForm.ADDRESS;
import static org.linuxfpsync.fpc.codec.TlvForm.BYTES;
import static org.linuxfpsync.fpc.codec.TlvForm.U32;
import static org.linuxfpsync.fpc.codec.TlvForm.U64;
import static org.linuxfpsync.fpc.codec.TlvForm.U8;
import static org.linuxfpsync.fpc.codec.TlvSpec.key;
import static org.linuxfpsync.fpc.codec.TlvSpec.opt;

import java.util.List;

/**
 * TLVs of SA_REPLAY: the sequence numbers of a known SA, for IPsec high availability (the manual's -R). Layout:
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

    static final TlvList TLVS = new TlvList("SA_REPLAY", "SaReplayAttr",
            "TLVs of SA_REPLAY: the sequence numbers of a known SA, for IPsec high availability (the manual's "
            + "`-R`).", List.of(
            key(VRFID, "VRFID", U32, "the vrf"),
            key(FAMILY, "FAMILY", U8, "outer address family"),
            key(DADDR, "DADDR", ADDRESS, "outer destination"),
            key(SPI, "SPI", U32, ""),
            key(PROTO, "PROTO", U8, "50 ESP, 51 AH"),
            opt(OSEQ, "OSEQ", U64, "last output sequence number (high 32 bits: ESN)"),
            opt(SEQ, "SEQ", U64, "highest input sequence number seen (high 32 bits: ESN)"),
            opt(BITMAP, "BITMAP", BYTES,
                    "input replay window bitmap, bit 0 = SEQ, at most 512 bytes").withMax(512)));

    private SaReplayAttr() {
    }
}
