package org.linuxfpsync.fpc.codec;

import static org.linuxfpsync.fpc.codec.TlvForm.ADDRESS;
import static org.linuxfpsync.fpc.codec.TlvForm.BYTES;
import static org.linuxfpsync.fpc.codec.TlvForm.NESTED;
import static org.linuxfpsync.fpc.codec.TlvForm.STRING;
import static org.linuxfpsync.fpc.codec.TlvForm.U16;
import static org.linuxfpsync.fpc.codec.TlvForm.U32;
import static org.linuxfpsync.fpc.codec.TlvForm.U64;
import static org.linuxfpsync.fpc.codec.TlvForm.U8;
import static org.linuxfpsync.fpc.codec.TlvSpec.key;
import static org.linuxfpsync.fpc.codec.TlvSpec.key0;
import static org.linuxfpsync.fpc.codec.TlvSpec.opt;

import java.util.List;

import org.linuxfpsync.fpc.codec.MessageSpec.Role;

/**
 * The object family of table {@code ipsec-sa}, declared once, here: its code and message types, the constants of
 * its TLVs, and its {@code SCHEMA}, which {@link FpcSchema} registers.
 *
 * <p>TLVs of SA_ADD and SA_DEL (an IPsec security association, XFRM_MSG_NEWSA). The key material is opaque bytes: a
 * receiver may use it, never print or log it. Layout: docs/fpc-protocol.md, {@link FpcSchema}.
 */
public final class SaAttr {
    /** The family (GR_BEGIN and FLUSH FAMILY): the high byte of its message types. */
    public static final int FAMILY_IPSEC_SA = 0x0f;
    /** An SA, created or replaced. */
    public static final int SA_ADD = 0x0f00;
    /** The SA is gone. */
    public static final int SA_DEL = 0x0f01;

    /** u32 (key): the vrf. */
    public static final int VRFID = 1;
    /** u8 (key): outer address family: 2 AF_INET, 10 AF_INET6. */
    public static final int FAMILY = 2;
    /** address (key): outer destination. */
    public static final int DADDR = 3;
    /** u32 (key). */
    public static final int SPI = 4;
    /** u8 (key): 50 ESP, 51 AH, 108 IPcomp. */
    public static final int PROTO = 5;
    /** address (optional): outer source. */
    public static final int SADDR = 6;
    /** u8 (optional): XFRM_MODE_*: 0 transport, 1 tunnel, 4 beet. */
    public static final int MODE = 7;
    /** u32 (optional): links the SA to policy templates. */
    public static final int REQID = 8;
    /** u32 (optional): anti-replay window in packets. */
    public static final int REPLAY_WINDOW = 9;
    /**
     * u32 (optional): XFRM_STATE_*: 0x1 noecn, 0x2 decap_dscp, 0x4 nopmtudisc, 0x8 wildrecv, 0x10 icmp, 0x20 af_unspec,
     * 0x40 align4, 0x80 esn.
     */
    public static final int FLAGS = 10;
    /** nested (optional): the traffic the SA may carry (table SELECTOR). */
    public static final int SELECTOR = 11;
    /** string (optional): authentication algorithm (hmac(sha256)), at most 63 bytes. */
    public static final int AUTH_ALG = 12;
    /** bytes (optional, secret): authentication key: secret. */
    public static final int AUTH_KEY = 13;
    /** u32 (optional): ICV length in bits. */
    public static final int AUTH_TRUNC_BITS = 14;
    /** string (optional): encryption algorithm (cbc(aes)), at most 63 bytes. */
    public static final int ENC_ALG = 15;
    /** bytes (optional, secret): encryption key: secret. */
    public static final int ENC_KEY = 16;
    /** string (optional): AEAD algorithm (rfc4106(gcm(aes))), at most 63 bytes. */
    public static final int AEAD_ALG = 17;
    /** bytes (optional, secret): AEAD key and salt: secret. */
    public static final int AEAD_KEY = 18;
    /** u32 (optional): ICV length in bits. */
    public static final int AEAD_ICV_BITS = 19;
    /** u16 (optional): NAT traversal: 2 ESP in UDP. */
    public static final int ENCAP_TYPE = 20;
    /** u16 (optional). */
    public static final int ENCAP_SPORT = 21;
    /** u16 (optional). */
    public static final int ENCAP_DPORT = 22;
    /**
     * u32 (key, 0 when absent): XFRMA_MARK value. The kernel keeps SAs that differ only by their mark (its lookup
     * matches mark and mask).
     */
    public static final int MARK = 23;
    /** u32 (key, 0 when absent): XFRMA_MARK mask. */
    public static final int MARK_MASK = 24;
    /** u32 (optional): XFRMA_IF_ID (xfrm interfaces). */
    public static final int IF_ID = 25;
    /** string (optional): compression algorithm (deflate), at most 63 bytes. */
    public static final int COMP_ALG = 26;
    /** u64 (optional): lifetime: bytes before the soft expire; absent: no limit. */
    public static final int SOFT_BYTE_LIMIT = 27;
    /** u64 (optional): bytes before the hard expire (the SA is deleted); absent: no limit. */
    public static final int HARD_BYTE_LIMIT = 28;
    /** u64 (optional): packets before the soft expire; absent: no limit. */
    public static final int SOFT_PACKET_LIMIT = 29;
    /** u64 (optional): packets before the hard expire; absent: no limit. */
    public static final int HARD_PACKET_LIMIT = 30;
    /** u64 (optional): seconds after its creation before the soft expire; absent: none. */
    public static final int SOFT_ADD_EXPIRES = 31;
    /** u64 (optional): seconds after its creation before the hard expire; absent: none. */
    public static final int HARD_ADD_EXPIRES = 32;
    /** u64 (optional): seconds after its first use before the soft expire; absent: none. */
    public static final int SOFT_USE_EXPIRES = 33;
    /** u64 (optional): seconds after its first use before the hard expire; absent: none. */
    public static final int HARD_USE_EXPIRES = 34;
    /** u32 (optional): XFRMA_SA_EXTRA_FLAGS: 0x1 dont_encap_dscp, 0x2 oseq_may_wrap. */
    public static final int EXTRA_FLAGS = 35;
    /** u8 (optional): XFRMA_SA_DIR: 1 in, 2 out; absent: either (older kernels, or not set). */
    public static final int DIR = 36;
    /** u64 (optional): XFRMA_OFFLOAD_DEV: the device the SA is offloaded to. */
    public static final int OFFLOAD_IFUID = 37;
    /** u8 (optional): XFRM_OFFLOAD_*: 0x1 ipv6, 0x2 inbound, 0x4 packet. */
    public static final int OFFLOAD_FLAGS = 38;
    /** u32 (optional): XFRMA_SET_MARK: the mark set on the packets the SA outputs. */
    public static final int SET_MARK = 39;
    /** u32 (optional): XFRMA_SET_MARK_MASK. */
    public static final int SET_MARK_MASK = 40;

    static final TlvList TLVS = new TlvList("SA", "SaAttr",
            "TLVs of SA_ADD and SA_DEL (an IPsec security association, `XFRM_MSG_NEWSA`). The key material is "
            + "opaque bytes: a receiver may use it, never print or log it.", List.of(
            key(VRFID, "VRFID", U32, "the vrf"),
            key(FAMILY, "FAMILY", U8, "outer address family: 2 AF_INET, 10 AF_INET6"),
            key(DADDR, "DADDR", ADDRESS, "outer destination"),
            key(SPI, "SPI", U32, ""),
            key(PROTO, "PROTO", U8, "50 ESP, 51 AH, 108 IPcomp"),
            opt(SADDR, "SADDR", ADDRESS, "outer source"),
            opt(MODE, "MODE", U8, "`XFRM_MODE_*`: 0 transport, 1 tunnel, 4 beet"),
            opt(REQID, "REQID", U32, "links the SA to policy templates"),
            opt(REPLAY_WINDOW, "REPLAY_WINDOW", U32, "anti-replay window in packets"),
            opt(FLAGS, "FLAGS", U32,
                    "`XFRM_STATE_*`: 0x1 noecn, 0x2 decap_dscp, 0x4 nopmtudisc, 0x8 wildrecv, 0x10 icmp, 0x20 "
                    + "af_unspec, 0x40 align4, 0x80 esn"),
            opt(SELECTOR, "SELECTOR", NESTED,
                    "the traffic the SA may carry (table SELECTOR)").withNested(SelectorAttr.TLVS),
            opt(AUTH_ALG, "AUTH_ALG", STRING,
                    "authentication algorithm (`hmac(sha256)`), at most 63 bytes").withMax(63),
            opt(AUTH_KEY, "AUTH_KEY", BYTES, "authentication key: secret").withMax(1024).asSecret(),
            opt(AUTH_TRUNC_BITS, "AUTH_TRUNC_BITS", U32, "ICV length in bits"),
            opt(ENC_ALG, "ENC_ALG", STRING, "encryption algorithm (`cbc(aes)`), at most 63 bytes").withMax(63),
            opt(ENC_KEY, "ENC_KEY", BYTES, "encryption key: secret").withMax(1024).asSecret(),
            opt(AEAD_ALG, "AEAD_ALG", STRING,
                    "AEAD algorithm (`rfc4106(gcm(aes))`), at most 63 bytes").withMax(63),
            opt(AEAD_KEY, "AEAD_KEY", BYTES, "AEAD key and salt: secret").withMax(1024).asSecret(),
            opt(AEAD_ICV_BITS, "AEAD_ICV_BITS", U32, "ICV length in bits"),
            opt(ENCAP_TYPE, "ENCAP_TYPE", U16, "NAT traversal: 2 ESP in UDP"),
            opt(ENCAP_SPORT, "ENCAP_SPORT", U16, ""),
            opt(ENCAP_DPORT, "ENCAP_DPORT", U16, ""),
            key0(MARK, "MARK", U32, "`XFRMA_MARK` value. The kernel keeps SAs that differ only by their mark (its "
                    + "lookup matches mark and mask)"),
            key0(MARK_MASK, "MARK_MASK", U32, "`XFRMA_MARK` mask"),
            opt(IF_ID, "IF_ID", U32, "`XFRMA_IF_ID` (xfrm interfaces)"),
            opt(COMP_ALG, "COMP_ALG", STRING, "compression algorithm (`deflate`), at most 63 bytes").withMax(63),
            opt(SOFT_BYTE_LIMIT, "SOFT_BYTE_LIMIT", U64, "lifetime: bytes before the soft expire; absent: no limit"),
            opt(HARD_BYTE_LIMIT, "HARD_BYTE_LIMIT", U64,
                    "bytes before the hard expire (the SA is deleted); absent: no limit"),
            opt(SOFT_PACKET_LIMIT, "SOFT_PACKET_LIMIT", U64, "packets before the soft expire; absent: no limit"),
            opt(HARD_PACKET_LIMIT, "HARD_PACKET_LIMIT", U64, "packets before the hard expire; absent: no limit"),
            opt(SOFT_ADD_EXPIRES, "SOFT_ADD_EXPIRES", U64,
                    "seconds after its creation before the soft expire; absent: none"),
            opt(HARD_ADD_EXPIRES, "HARD_ADD_EXPIRES", U64,
                    "seconds after its creation before the hard expire; absent: none"),
            opt(SOFT_USE_EXPIRES, "SOFT_USE_EXPIRES", U64,
                    "seconds after its first use before the soft expire; absent: none"),
            opt(HARD_USE_EXPIRES, "HARD_USE_EXPIRES", U64,
                    "seconds after its first use before the hard expire; absent: none"),
            opt(EXTRA_FLAGS, "EXTRA_FLAGS", U32, "`XFRMA_SA_EXTRA_FLAGS`: 0x1 dont_encap_dscp, 0x2 oseq_may_wrap"),
            opt(DIR, "DIR", U8, "`XFRMA_SA_DIR`: 1 in, 2 out; absent: either (older kernels, or not set)"),
            opt(OFFLOAD_IFUID, "OFFLOAD_IFUID", U64, "`XFRMA_OFFLOAD_DEV`: the device the SA is offloaded to"),
            opt(OFFLOAD_FLAGS, "OFFLOAD_FLAGS", U8, "`XFRM_OFFLOAD_*`: 0x1 ipv6, 0x2 inbound, 0x4 packet"),
            opt(SET_MARK, "SET_MARK", U32, "`XFRMA_SET_MARK`: the mark set on the packets the SA outputs"),
            opt(SET_MARK_MASK, "SET_MARK_MASK", U32, "`XFRMA_SET_MARK_MASK`")));

    static final ObjectFamily SCHEMA = new ObjectFamily(FAMILY_IPSEC_SA, "ipsec-sa",
            "IPsec security associations",
            "ipsec 0x100", TLVS, List.of(
                new MessageSpec(SA_ADD, "SA_ADD", Role.ADD, "an SA, created or replaced", TLVS),
                new MessageSpec(SA_DEL, "SA_DEL", Role.DEL, "the SA is gone", TLVS)));

    private SaAttr() {
    }
}
