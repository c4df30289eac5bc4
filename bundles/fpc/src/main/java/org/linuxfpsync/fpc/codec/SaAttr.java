package org.linuxfpsync.fpc.codec;

/**
 * TLVs of SA_ADD and SA_DEL (an IPsec security association, XFRM_MSG_NEWSA). The key material is opaque bytes: a
 * receiver may use it, never print or log it. Layout: docs/fpc-protocol.md, {@link FpcSchema}.
 */
public final class SaAttr {
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
    /** u32 (optional): XFRMA_MARK value. */
    public static final int MARK = 23;
    /** u32 (optional): XFRMA_MARK mask. */
    public static final int MARK_MASK = 24;
    /** u32 (optional): XFRMA_IF_ID (xfrm interfaces). */
    public static final int IF_ID = 25;

    private SaAttr() {
    }
}
