package org.linuxfpsync.fpc.codec;

import static org.linuxfpsync.fpc.codec.TlvForm.ADDRESS;
import static org.linuxfpsync.fpc.codec.TlvForm.BYTES;
import static org.linuxfpsync.fpc.codec.TlvForm.U32;
import static org.linuxfpsync.fpc.codec.TlvForm.U64;
import static org.linuxfpsync.fpc.codec.TlvForm.U8;
import static org.linuxfpsync.fpc.codec.TlvSpec.key;
import static org.linuxfpsync.fpc.codec.TlvSpec.key0;
import static org.linuxfpsync.fpc.codec.TlvSpec.opt;
import static org.linuxfpsync.fpc.codec.TlvSpec.req;

import java.util.List;

import org.linuxfpsync.fpc.codec.MessageSpec.Role;

/**
 * The object family of table {@code ipsec-sa-replay}, declared once, here: its code and message types, the constants
 * of its TLVs, and its {@code SCHEMA}, which {@link FpcSchema} registers.
 *
 * <p>TLVs of SA_REPLAY and SA_REPLAY_DEL: the replay state of an SA (XFRM_MSG_NEWAE), for IPsec high availability
 * (the manual's -R). A table of its own, keyed as the SA is, rather than a part of the SA: it is synced by its own
 * feature (ipsec-ha), which can be enabled and disabled live and withdraws what it sent, and it survives an SA_ADD
 * that replaces the SA. Layout: docs/fpc-protocol.md, {@link FpcSchema}.
 */
public final class SaReplayAttr {
    /** The family (GR_BEGIN and FLUSH FAMILY): the high byte of its message types. */
    public static final int FAMILY_IPSEC_SA_REPLAY = 0x18;
    /** The replay state of an SA, created or replaced. */
    public static final int SA_REPLAY = 0x1800;
    /** The SA is gone, or IPsec HA was disabled. */
    public static final int SA_REPLAY_DEL = 0x1801;

    /** u32 (key): the vrf. */
    public static final int VRFID = 1;
    /** u8 (key): outer address family. */
    public static final int FAMILY = 2;
    /** address (key): outer destination. */
    public static final int DADDR = 3;
    /** u32 (key). */
    public static final int SPI = 4;
    /** u8 (key): 50 ESP, 51 AH, 108 IPcomp. */
    public static final int PROTO = 5;
    /** u64 (required): last output sequence number (oseq; with ESN, oseq_hi in the high 32 bits). */
    public static final int OSEQ = 6;
    /** u64 (required): highest input sequence number seen (seq; with ESN, seq_hi in the high 32 bits). */
    public static final int SEQ = 7;
    /** bytes (required): the input replay bitmap, the kernel's u32 words in order, each big-endian. */
    public static final int BITMAP = 8;
    /** u8 (optional): 1: extended sequence numbers (XFRMA_REPLAY_ESN_VAL). */
    public static final int ESN = 9;
    /** u32 (optional): with ESN, the replay window in packets. */
    public static final int REPLAY_WINDOW = 10;
    /** u32 (optional): the SA's aevent packet threshold (XFRMA_REPLAY_THRESH). */
    public static final int REPLAY_THRESH = 11;
    /** u32 (optional): the SA's aevent timer in units of 100 ms (XFRMA_ETIMER_THRESH). */
    public static final int ETIMER_THRESH = 12;
    /** u32 (key, 0 when absent): the SA's XFRMA_MARK value, part of its key as in table ipsec-sa. */
    public static final int MARK = 13;
    /** u32 (key, 0 when absent): the SA's XFRMA_MARK mask. */
    public static final int MARK_MASK = 14;

    static final TlvList TLVS = new TlvList("SA_REPLAY", "SaReplayAttr",
            "TLVs of SA_REPLAY and SA_REPLAY_DEL: the replay state of an SA (`XFRM_MSG_NEWAE`), for IPsec high "
            + "availability (the manual's `-R`).", List.of(
            key(VRFID, "VRFID", U32, "the vrf"),
            key(FAMILY, "FAMILY", U8, "outer address family"),
            key(DADDR, "DADDR", ADDRESS, "outer destination"),
            key(SPI, "SPI", U32, ""),
            key(PROTO, "PROTO", U8, "50 ESP, 51 AH, 108 IPcomp"),
            req(OSEQ, "OSEQ", U64, "last output sequence number (`oseq`; with ESN, `oseq_hi` in the high 32 bits)"),
            req(SEQ, "SEQ", U64,
                    "highest input sequence number seen (`seq`; with ESN, `seq_hi` in the high 32 bits)"),
            req(BITMAP, "BITMAP", BYTES,
                    "the input replay bitmap, the kernel's u32 words in order, each big-endian: without ESN one "
                    + "word, bit i = SEQ - i; with ESN `bmp[bmp_len]`, the bit of sequence number s at "
                    + "(s - 1) mod REPLAY_WINDOW; at most 512 bytes").withMax(512),
            opt(ESN, "ESN", U8, "1: extended sequence numbers (`XFRMA_REPLAY_ESN_VAL`)"),
            opt(REPLAY_WINDOW, "REPLAY_WINDOW", U32, "with ESN, the replay window in packets"),
            opt(REPLAY_THRESH, "REPLAY_THRESH", U32,
                    "the SA's aevent packet threshold (`XFRMA_REPLAY_THRESH`): the counters may be this far behind"),
            opt(ETIMER_THRESH, "ETIMER_THRESH", U32,
                    "the SA's aevent timer in units of 100 ms (`XFRMA_ETIMER_THRESH`)"),
            key0(MARK, "MARK", U32, "the SA's `XFRMA_MARK` value, part of its key as in table ipsec-sa"),
            key0(MARK_MASK, "MARK_MASK", U32, "the SA's `XFRMA_MARK` mask")));

    static final ObjectFamily SCHEMA = new ObjectFamily(FAMILY_IPSEC_SA_REPLAY, "ipsec-sa-replay",
            "IPsec SA replay state", "ipsec-ha (-R, needs ipsec 0x100)", TLVS, List.of(
                new MessageSpec(SA_REPLAY, "SA_REPLAY", Role.ADD,
                        "the replay state of an SA, created or replaced", TLVS),
                new MessageSpec(SA_REPLAY_DEL, "SA_REPLAY_DEL", Role.DEL,
                        "the SA is gone, or IPsec HA was disabled", TLVS)));

    private SaReplayAttr() {
    }
}
