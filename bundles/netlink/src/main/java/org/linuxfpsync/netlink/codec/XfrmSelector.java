package org.linuxfpsync.netlink.codec;

import java.nio.ByteBuffer;

/**
 * A view of {@code struct xfrm_selector} (56 bytes) inside an SA or policy message: the traffic
 * an SA or a policy applies to. Addresses and ports are in network byte order on the wire;
 * {@code xfrm_address_t} is 16 bytes of which the family uses 4 or 16.
 *
 * <pre>
 *   struct xfrm_selector {
 *       xfrm_address_t daddr, saddr;                           // 0, 16
 *       __be16 dport, dport_mask, sport, sport_mask;           // 32, 34, 36, 38
 *       __u16 family; __u8 prefixlen_d, prefixlen_s, proto;    // 40, 42, 43, 44
 *       int ifindex; __kernel_uid32_t user;                    // 48, 52
 *   };
 * </pre>
 */
public final class XfrmSelector {
    /** {@code sizeof(struct xfrm_selector)}. */
    public static final int LENGTH = 56;
    /** {@code sizeof(xfrm_address_t)}. */
    public static final int XFRM_ADDRESS_LENGTH = 16;

    private ByteBuffer buffer;
    private int offset = -1;

    /** Owned by the decoder that reuses it. */
    XfrmSelector() {
    }

    XfrmSelector reset(ByteBuffer buffer, int offset) {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /** {@code family} of the selector (AF_INET, AF_INET6, or AF_UNSPEC for "any"). */
    public int family() {
        return buffer.getShort(offset + 40) & 0xffff;
    }

    /** Copies the destination address (4 or 16 bytes by family; 16 for AF_UNSPEC); returns the length. */
    public int copyDaddr(byte[] dst) {
        return Bytes.copy(buffer, offset, addressLength(family()), dst);
    }

    public int copySaddr(byte[] dst) {
        return Bytes.copy(buffer, offset + 16, addressLength(family()), dst);
    }

    public int dport() {
        return NetworkOrder.int16(buffer, offset + 32);
    }

    public int dportMask() {
        return NetworkOrder.int16(buffer, offset + 34);
    }

    public int sport() {
        return NetworkOrder.int16(buffer, offset + 36);
    }

    public int sportMask() {
        return NetworkOrder.int16(buffer, offset + 38);
    }

    public int dstPrefixLength() {
        return buffer.get(offset + 42) & 0xff;
    }

    public int srcPrefixLength() {
        return buffer.get(offset + 43) & 0xff;
    }

    /** IPPROTO_* the selector matches, 0 for any. */
    public int proto() {
        return buffer.get(offset + 44) & 0xff;
    }

    public int ifindex() {
        return buffer.getInt(offset + 48);
    }

    /** The length an {@code xfrm_address_t} holds for {@code family}: 4 for AF_INET, else all 16. */
    static int addressLength(int family) {
        return family == Rtnetlink.AF_INET ? 4 : XFRM_ADDRESS_LENGTH;
    }
}
