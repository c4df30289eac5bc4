package org.linuxfpsync.netlink.codec;

import java.nio.ByteBuffer;

/**
 * A reusable, allocation-free decoder of IPsec SA messages ({@code linux/xfrm.h}):
 * {@code XFRM_MSG_NEWSA} / {@code UPDSA} (and dump replies) carry {@code struct xfrm_usersa_info}
 * (224 bytes); {@code XFRM_MSG_EXPIRE} carries {@code struct xfrm_user_expire} (the info, then
 * {@code hard}); {@code XFRM_MSG_DELSA} carries {@code struct xfrm_usersa_id} (24 bytes) and the
 * full info in an XFRMA_SA attribute.
 *
 * <pre>
 *   struct xfrm_usersa_info {
 *       struct xfrm_selector sel;              // 0
 *       struct xfrm_id { xfrm_address_t daddr; __be32 spi; __u8 proto; } id;   // 56, 72, 76
 *       xfrm_address_t saddr;                  // 80
 *       struct xfrm_lifetime_cfg lft;          // 96
 *       struct xfrm_lifetime_cur curlft;       // 160
 *       struct xfrm_stats stats;               // 192
 *       __u32 seq, reqid;                      // 204, 208
 *       __u16 family; __u8 mode, replay_window, flags;   // 212, 214, 215, 216
 *   };
 *   struct xfrm_usersa_id { xfrm_address_t daddr; __be32 spi; __u16 family; __u8 proto; };  // 0, 16, 20, 22
 * </pre>
 *
 * <p><b>Keys.</b> XFRMA_ALG_AUTH, _AUTH_TRUNC, _CRYPT and _AEAD carry key material. This class
 * exposes only their algorithm names and lengths: no accessor returns key bytes, and neither
 * {@link #toString()} nor any exception message contains them.
 */
public final class XfrmSaMessage extends XfrmMessage {
    /**
     * {@code XFRMA_SA_DIR} (u8: 1 in, 2 out), {@code linux/xfrm.h} since Linux 6.10; here rather than in
     * {@link Xfrm} because the build machine's headers may predate it.
     */
    public static final int XFRMA_SA_DIR = 33;
    /** {@code XFRM_INF}: a lifetime limit that is not set. */
    public static final long XFRM_INF = -1L;
    private static final int ALG_NAME_LENGTH = 64;
    private static final Layout LAYOUT = new Layout("an SA",
            new int[] {Xfrm.XFRM_MSG_NEWSA, Xfrm.XFRM_MSG_UPDSA, Xfrm.XFRM_MSG_GETSA},
            XfrmSizes.XFRM_USERSA_INFO_LENGTH, "xfrm_usersa_info", Xfrm.XFRM_MSG_EXPIRE, "xfrm_user_expire",
            Xfrm.XFRM_MSG_DELSA, XfrmSizes.XFRM_USERSA_ID_LENGTH,
            "xfrm_usersa_id", Xfrm.XFRMA_SA);

    private final XfrmSelector selector = new XfrmSelector();


    /**
     * Decodes {@code msg}.
     *
     * @throws IllegalArgumentException when {@code msg} is not an SA message (check the type first)
     * @throws NetlinkFormatException   when it does not parse as {@code linux/xfrm.h} says
     */
    public XfrmSaMessage wrap(NlMsg msg) throws NetlinkFormatException {
        decode(msg, LAYOUT);
        if (hasInfo()) {
            selector.reset(buffer(), info());
        }
        return this;
    }

    @Override
    void checkAttribute(AttributeWalker attribute) throws NetlinkFormatException {
        switch (attribute.type()) {
            case Xfrm.XFRMA_ALG_AUTH:
            case Xfrm.XFRMA_ALG_CRYPT:
            case Xfrm.XFRMA_ALG_COMP:
                checkAlgorithm(attribute, XfrmSizes.XFRM_ALGO_LENGTH);
                break;
            case Xfrm.XFRMA_ALG_AUTH_TRUNC:
            case Xfrm.XFRMA_ALG_AEAD:
                checkAlgorithm(attribute, XfrmSizes.XFRM_ALGO_AUTH_LENGTH);
                break;
            case Xfrm.XFRMA_REPLAY_ESN_VAL:
                checkReplayEsn(attribute);
                break;
            default:
                break;
        }
    }

    /** Name NUL-terminated in its 64 bytes; the key (alg_key_len bits) fits the attribute. Lengths only in errors. */
    private void checkAlgorithm(AttributeWalker attribute, int structLength) throws NetlinkFormatException {
        ByteBuffer buffer = attribute.buffer();
        int offset = attribute.payloadOffset();
        if (Bytes.nulIndex(buffer, offset, ALG_NAME_LENGTH) < 0) {
            throw error(attribute.type(), "alg_name not NUL-terminated in 64 bytes");
        }
        long keyBits = Integer.toUnsignedLong(buffer.getInt(offset + ALG_NAME_LENGTH));
        long keyBytes = (keyBits + 7) / 8;
        if (structLength + keyBytes > attribute.payloadLength()) {
            throw error(attribute.type(), "alg_key_len " + keyBits + " bits does not fit " + attribute.payloadLength()
                    + " bytes");
        }
    }

    private void checkReplayEsn(AttributeWalker attribute) throws NetlinkFormatException {
        long bitmapWords = Integer.toUnsignedLong(attribute.buffer().getInt(attribute.payloadOffset()));
        if (bitmapWords * 4 > Xfrm.XFRMA_REPLAY_ESN_MAX || 24 + bitmapWords * 4 != attribute.payloadLength()) {
            throw error(attribute.type(), attribute.payloadLength() + " bytes with bmp_len " + bitmapWords
                    + ", need 24 + 4 * bmp_len (at most " + Xfrm.XFRMA_REPLAY_ESN_MAX + " bitmap bytes)");
        }
    }

    /** The SA's address family (AF_INET, AF_INET6). */
    public int family() {
        return info() >= 0 ? buffer().getShort(info() + 212) & 0xffff : buffer().getShort(header() + 20) & 0xffff;
    }

    /** {@code id.proto}: IPPROTO_ESP, IPPROTO_AH or IPPROTO_COMP. */
    public int proto() {
        return info() >= 0 ? buffer().get(info() + 76) & 0xff : buffer().get(header() + 22) & 0xff;
    }

    /** {@code id.spi}, converted from network byte order. */
    public int spi() {
        return NetworkOrder.int32(buffer(), info() >= 0 ? info() + 72 : header() + 16);
    }

    /** Copies {@code id.daddr} (4 or 16 bytes by family); returns the length. */
    public int copyDaddr(byte[] dst) {
        return Bytes.copy(buffer(), info() >= 0 ? info() + 56 : header(), XfrmSelector.addressLength(family()), dst);
    }

    /** Copies {@code saddr}; returns the length. */
    public int copySaddr(byte[] dst) {
        return Bytes.copy(buffer(), requireInfo() + 80, XfrmSelector.addressLength(family()), dst);
    }

    /** The traffic selector of the SA. */
    public XfrmSelector selector() {
        requireInfo();
        return selector;
    }

    public int reqid() {
        return buffer().getInt(requireInfo() + 208);
    }

    /** {@code mode}: XFRM_MODE_TRANSPORT, XFRM_MODE_TUNNEL, XFRM_MODE_BEET... */
    public int mode() {
        return buffer().get(requireInfo() + 214) & 0xff;
    }

    /** {@code replay_window} of the info (packets; XFRMA_REPLAY_ESN_VAL has the ESN one). */
    public int replayWindow() {
        return buffer().get(requireInfo() + 215) & 0xff;
    }

    /** {@code flags}: XFRM_STATE_*. */
    public int flags() {
        return buffer().get(requireInfo() + 216) & 0xff;
    }

    /** {@code curlft.bytes}: bytes processed by the SA. */
    public long currentBytes() {
        return buffer().getLong(requireInfo() + 160);
    }

    /** {@code curlft.packets}. */
    public long currentPackets() {
        return buffer().getLong(requireInfo() + 168);
    }

    // ---- algorithms: names and lengths only, never keys

    /** The authentication algorithm attribute: XFRMA_ALG_AUTH_TRUNC when present, else XFRMA_ALG_AUTH; -1 if none. */
    private int authAttribute() {
        return has(Xfrm.XFRMA_ALG_AUTH_TRUNC) ? Xfrm.XFRMA_ALG_AUTH_TRUNC
                : has(Xfrm.XFRMA_ALG_AUTH) ? Xfrm.XFRMA_ALG_AUTH : -1;
    }

    /** The authentication algorithm's name ({@code hmac(sha256)}), or null (allocates). */
    public String authAlgorithm() {
        return algorithmName(authAttribute());
    }

    public boolean authAlgorithmEquals(String name) {
        return algorithmNameEquals(authAttribute(), name);
    }

    /** Length of the authentication key in bits, or -1 when there is no authentication algorithm. */
    public int authKeyBits() {
        return keyBits(authAttribute());
    }

    /** The ICV truncation length in bits (XFRMA_ALG_AUTH_TRUNC), or -1 when absent. */
    public int authTruncationBits() {
        return has(Xfrm.XFRMA_ALG_AUTH_TRUNC)
                ? buffer().getInt(attributeOffset(Xfrm.XFRMA_ALG_AUTH_TRUNC) + ALG_NAME_LENGTH + 4) : -1;
    }

    /** The encryption algorithm's name ({@code cbc(aes)}), or null (allocates). */
    public String cryptAlgorithm() {
        return algorithmName(Xfrm.XFRMA_ALG_CRYPT);
    }

    public boolean cryptAlgorithmEquals(String name) {
        return algorithmNameEquals(Xfrm.XFRMA_ALG_CRYPT, name);
    }

    public int cryptKeyBits() {
        return keyBits(Xfrm.XFRMA_ALG_CRYPT);
    }

    /** The AEAD algorithm's name ({@code rfc4106(gcm(aes))}), or null (allocates). */
    public String aeadAlgorithm() {
        return algorithmName(Xfrm.XFRMA_ALG_AEAD);
    }

    public boolean aeadAlgorithmEquals(String name) {
        return algorithmNameEquals(Xfrm.XFRMA_ALG_AEAD, name);
    }

    public int aeadKeyBits() {
        return keyBits(Xfrm.XFRMA_ALG_AEAD);
    }

    /** The AEAD ICV length in bits, or -1 when absent. */
    public int aeadIcvBits() {
        return has(Xfrm.XFRMA_ALG_AEAD) ? buffer().getInt(attributeOffset(Xfrm.XFRMA_ALG_AEAD) + ALG_NAME_LENGTH + 4) : -1;
    }

    private String algorithmName(int attribute) {
        if (attribute < 0 || !has(attribute)) {
            return null;
        }
        int offset = attributeOffset(attribute);
        return Bytes.string(buffer(), offset, Bytes.cStringLength(buffer(), offset, ALG_NAME_LENGTH));
    }

    private boolean algorithmNameEquals(int attribute, String name) {
        if (attribute < 0 || !has(attribute)) {
            return false;
        }
        int offset = attributeOffset(attribute);
        return Bytes.equalsString(buffer(), offset, Bytes.cStringLength(buffer(), offset, ALG_NAME_LENGTH), name);
    }

    private int keyBits(int attribute) {
        return attribute < 0 || !has(attribute) ? -1 : buffer().getInt(attributeOffset(attribute) + ALG_NAME_LENGTH);
    }

    /** The compression algorithm's name ({@code deflate}), or null (allocates). */
    public String compAlgorithm() {
        return algorithmName(Xfrm.XFRMA_ALG_COMP);
    }

    /** Whether the SA has any transform (authentication, encryption, AEAD or compression). */
    public boolean hasAlgorithm() {
        return authAttribute() >= 0 || has(Xfrm.XFRMA_ALG_CRYPT) || has(Xfrm.XFRMA_ALG_AEAD)
                || has(Xfrm.XFRMA_ALG_COMP);
    }

    // ---- key material: copied out for the fast path only, never into a string

    /** Copies the authentication key into {@code dst}; returns its length in bytes, or -1 without one. */
    public int copyAuthKey(byte[] dst) {
        int attribute = authAttribute();
        return copyKey(attribute, attribute == Xfrm.XFRMA_ALG_AUTH_TRUNC ? XfrmSizes.XFRM_ALGO_AUTH_LENGTH
                : XfrmSizes.XFRM_ALGO_LENGTH, dst);
    }

    public int copyCryptKey(byte[] dst) {
        return copyKey(Xfrm.XFRMA_ALG_CRYPT, XfrmSizes.XFRM_ALGO_LENGTH, dst);
    }

    /** The AEAD key with its salt. */
    public int copyAeadKey(byte[] dst) {
        return copyKey(Xfrm.XFRMA_ALG_AEAD, XfrmSizes.XFRM_ALGO_AUTH_LENGTH, dst);
    }

    /** The length in bytes of the longest key this SA carries (for the caller's buffer), 0 without keys. */
    public int longestKeyBytes() {
        return Math.max(keyBytes(authAttribute()), Math.max(keyBytes(Xfrm.XFRMA_ALG_CRYPT),
                keyBytes(Xfrm.XFRMA_ALG_AEAD)));
    }

    private int keyBytes(int attribute) {
        int bits = keyBits(attribute);
        return bits < 0 ? 0 : (int) ((Integer.toUnsignedLong(bits) + 7) / 8);
    }

    private int copyKey(int attribute, int keyOffset, byte[] dst) {
        if (attribute < 0 || !has(attribute)) {
            return -1;
        }
        int length = keyBytes(attribute); // wrap checked that it fits the attribute
        if (length > dst.length) {
            throw new IllegalArgumentException("a " + length + "-byte key does not fit " + dst.length + " bytes");
        }
        buffer().get(attributeOffset(attribute) + keyOffset, dst, 0, length);
        return length;
    }

    // ---- NAT traversal, lifetimes, offload, direction

    /** XFRMA_ENCAP's {@code encap_type} (UDP_ENCAP_ESPINUDP = 2), or -1 when absent. */
    public int encapType() {
        return has(Xfrm.XFRMA_ENCAP) ? buffer().getShort(attributeOffset(Xfrm.XFRMA_ENCAP)) & 0xffff : -1;
    }

    /** XFRMA_ENCAP's source port (host order), or -1 when absent. */
    public int encapSourcePort() {
        return has(Xfrm.XFRMA_ENCAP) ? NetworkOrder.int16(buffer(), attributeOffset(Xfrm.XFRMA_ENCAP) + 2) : -1;
    }

    public int encapDestinationPort() {
        return has(Xfrm.XFRMA_ENCAP) ? NetworkOrder.int16(buffer(), attributeOffset(Xfrm.XFRMA_ENCAP) + 4) : -1;
    }

    /**
     * A field of {@code lft} ({@code struct xfrm_lifetime_cfg}), by index: 0 soft_byte_limit, 1 hard_byte_limit,
     * 2 soft_packet_limit, 3 hard_packet_limit, 4 soft_add_expires_seconds, 5 hard_add_expires_seconds,
     * 6 soft_use_expires_seconds, 7 hard_use_expires_seconds. A limit not set is {@link #XFRM_INF}, an expiry 0.
     */
    public long lifetime(int field) {
        if (field < 0 || field > 7) {
            throw new IllegalArgumentException("struct xfrm_lifetime_cfg has 8 fields: " + field);
        }
        return buffer().getLong(requireInfo() + 96 + 8 * field);
    }

    /** XFRMA_OFFLOAD_DEV's ifindex, or 0 when the SA is not offloaded. */
    public int offloadIfindex() {
        return u32(Xfrm.XFRMA_OFFLOAD_DEV, 0);
    }

    /** XFRMA_OFFLOAD_DEV's flags (XFRM_OFFLOAD_IPV6 1, _INBOUND 2, _PACKET 4), 0 when absent. */
    public int offloadFlags() {
        return has(Xfrm.XFRMA_OFFLOAD_DEV) ? buffer().get(attributeOffset(Xfrm.XFRMA_OFFLOAD_DEV) + 4) & 0xff : 0;
    }

    /** {@link #XFRMA_SA_DIR}: 1 in, 2 out; 0 when the kernel does not send it. */
    public int direction() {
        return u8(XFRMA_SA_DIR, 0);
    }

    /** XFRMA_SA_EXTRA_FLAGS (XFRM_SA_XFLAG_*), 0 when absent. */
    public int extraFlags() {
        return u32(Xfrm.XFRMA_SA_EXTRA_FLAGS, 0);
    }

    /** XFRMA_SET_MARK: the mark set on the packets the SA outputs, 0 when absent. */
    public int setMark() {
        return u32(Xfrm.XFRMA_SET_MARK, 0);
    }

    public int setMarkMask() {
        return u32(Xfrm.XFRMA_SET_MARK_MASK, 0);
    }

    // ---- replay state, mark, interface id

    /** Outbound sequence number: 64-bit with ESN (XFRMA_REPLAY_ESN_VAL), else 32-bit (XFRMA_REPLAY_VAL); -1 if neither. */
    public long outboundSequence() {
        if (has(Xfrm.XFRMA_REPLAY_ESN_VAL)) {
            int esn = attributeOffset(Xfrm.XFRMA_REPLAY_ESN_VAL);
            return Integer.toUnsignedLong(buffer().getInt(esn + 12)) << 32 | Integer.toUnsignedLong(buffer().getInt(esn + 4));
        }
        return has(Xfrm.XFRMA_REPLAY_VAL) ? Integer.toUnsignedLong(buffer().getInt(attributeOffset(Xfrm.XFRMA_REPLAY_VAL))) : -1;
    }

    /** Highest inbound sequence number seen, as {@link #outboundSequence()}. */
    public long inboundSequence() {
        if (has(Xfrm.XFRMA_REPLAY_ESN_VAL)) {
            int esn = attributeOffset(Xfrm.XFRMA_REPLAY_ESN_VAL);
            return Integer.toUnsignedLong(buffer().getInt(esn + 16)) << 32 | Integer.toUnsignedLong(buffer().getInt(esn + 8));
        }
        return has(Xfrm.XFRMA_REPLAY_VAL)
                ? Integer.toUnsignedLong(buffer().getInt(attributeOffset(Xfrm.XFRMA_REPLAY_VAL) + 4)) : -1;
    }

    /** The ESN replay window in packets (XFRMA_REPLAY_ESN_VAL), else {@link #replayWindow()}. */
    public int replayWindowPackets() {
        return has(Xfrm.XFRMA_REPLAY_ESN_VAL) ? buffer().getInt(attributeOffset(Xfrm.XFRMA_REPLAY_ESN_VAL) + 20)
                : replayWindow();
    }

    /** A one-line summary for logs: ids, mode, algorithm names and key lengths; never key bytes. */
    @Override
    public String toString() {
        if (buffer() == null) {
            return "XfrmSaMessage (empty)";
        }
        StringBuilder s = new StringBuilder(scopeName()).append(" proto ").append(proto())
                .append(" spi 0x").append(Integer.toHexString(spi())).append(" family ").append(family());
        if (hasInfo()) {
            s.append(" mode ").append(mode()).append(" reqid ").append(reqid());
        }
        appendAlgorithm(s, " auth ", authAttribute());
        appendAlgorithm(s, " crypt ", Xfrm.XFRMA_ALG_CRYPT);
        appendAlgorithm(s, " aead ", Xfrm.XFRMA_ALG_AEAD);
        return s.toString();
    }

    private void appendAlgorithm(StringBuilder s, String label, int attribute) {
        if (attribute >= 0 && has(attribute)) {
            s.append(label).append(algorithmName(attribute)).append(" (").append(keyBits(attribute)).append("-bit key)");
        }
    }
}
