package org.linuxfpsync.netlink.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A reusable, allocation-free decoder of {@code XFRM_MSG_NEWAE} ({@code linux/xfrm.h}): the replay
 * state of one SA, multicast to XFRMNLGRP_AEVENTS when its counters move (rate-limited by the
 * kernel) and unicast as the answer to {@code XFRM_MSG_GETAE}. Also the builder of that request.
 *
 * <pre>
 *   struct xfrm_aevent_id {
 *       struct xfrm_usersa_id sa_id;   // daddr 0, spi 16 (__be32), family 20 (u16), proto 22 (u8)
 *       xfrm_address_t saddr;          // 24
 *       __u32 flags;                   // 40: XFRM_AE_*
 *       __u32 reqid;                   // 44
 *   };                                 // 48 bytes
 *   XFRMA_REPLAY_VAL:     struct xfrm_replay_state { __u32 oseq, seq, bitmap; }
 *   XFRMA_REPLAY_ESN_VAL: struct xfrm_replay_state_esn { unsigned int bmp_len; __u32 oseq, seq, oseq_hi,
 *                         seq_hi, replay_window; __u32 bmp[bmp_len]; }
 * </pre>
 *
 * The kernel's {@code build_aevent} always adds one of the two replay attributes (ESN when the SA
 * has {@code XFRM_STATE_ESN}), then XFRMA_LTIME_VAL, XFRMA_REPLAY_THRESH when the flags ask for
 * XFRM_AE_RTHR, XFRMA_ETIMER_THRESH for XFRM_AE_ETHR, XFRMA_MARK and XFRMA_IF_ID when set.
 */
public final class XfrmAeventMessage extends XfrmMessage {
    /** {@code sizeof(struct xfrm_aevent_id)}. */
    public static final int XFRM_AEVENT_ID_LENGTH = 48;
    /** {@code sizeof(struct xfrm_replay_state_esn)} without its bitmap. */
    static final int REPLAY_ESN_HEADER_LENGTH = 24;
    private static final Layout LAYOUT = new Layout("an aevent", new int[] {Xfrm.XFRM_MSG_NEWAE, Xfrm.XFRM_MSG_GETAE},
            XFRM_AEVENT_ID_LENGTH, "xfrm_aevent_id", -1, null, -1, 0, null, -1);

    /**
     * Decodes {@code msg}.
     *
     * @throws IllegalArgumentException when {@code msg} is not XFRM_MSG_NEWAE or GETAE (check the type first)
     * @throws NetlinkFormatException   when it does not parse as {@code linux/xfrm.h} says, or a NEWAE
     *                                  carries no replay state
     */
    public XfrmAeventMessage wrap(NlMsg msg) throws NetlinkFormatException {
        decode(msg, LAYOUT);
        if (msg.type() == Xfrm.XFRM_MSG_NEWAE && !has(Xfrm.XFRMA_REPLAY_VAL) && !has(Xfrm.XFRMA_REPLAY_ESN_VAL)) {
            throw new NetlinkFormatException("XFRM_MSG_NEWAE without XFRMA_REPLAY_VAL or XFRMA_REPLAY_ESN_VAL");
        }
        return this;
    }

    @Override
    void checkAttribute(AttributeWalker attribute) throws NetlinkFormatException {
        if (attribute.type() != Xfrm.XFRMA_REPLAY_ESN_VAL) {
            return;
        }
        long bitmapWords = Integer.toUnsignedLong(attribute.buffer().getInt(attribute.payloadOffset()));
        if (bitmapWords * 4 > Xfrm.XFRMA_REPLAY_ESN_MAX
                || REPLAY_ESN_HEADER_LENGTH + bitmapWords * 4 != attribute.payloadLength()) {
            throw error(attribute.type(), attribute.payloadLength() + " bytes with bmp_len " + bitmapWords
                    + ", need 24 + 4 * bmp_len (at most " + Xfrm.XFRMA_REPLAY_ESN_MAX + " bitmap bytes)");
        }
    }

    /** {@code sa_id.family}: AF_INET or AF_INET6. */
    public int family() {
        return buffer().getShort(header() + 20) & 0xffff;
    }

    /** {@code sa_id.proto}: IPPROTO_ESP, IPPROTO_AH or IPPROTO_COMP. */
    public int proto() {
        return buffer().get(header() + 22) & 0xff;
    }

    /** {@code sa_id.spi}, converted from network byte order. */
    public int spi() {
        return NetworkOrder.int32(buffer(), header() + 16);
    }

    /** Copies {@code sa_id.daddr} (4 or 16 bytes by family); returns the length. */
    public int copyDaddr(byte[] dst) {
        return Bytes.copy(buffer(), header(), XfrmSelector.addressLength(family()), dst);
    }

    /** {@code flags}: XFRM_AE_CR (a replay update), XFRM_AE_CE (the timer), XFRM_AE_CU (a user's XFRM_MSG_NEWAE)... */
    public int flags() {
        return buffer().getInt(header() + 40);
    }

    public int reqid() {
        return buffer().getInt(header() + 44);
    }

    /** Whether the SA uses extended sequence numbers: the state is XFRMA_REPLAY_ESN_VAL. */
    public boolean esn() {
        return has(Xfrm.XFRMA_REPLAY_ESN_VAL);
    }

    private int replay() {
        int type = esn() ? Xfrm.XFRMA_REPLAY_ESN_VAL : Xfrm.XFRMA_REPLAY_VAL;
        if (!has(type)) {
            throw new IllegalStateException(scopeName() + " carries no replay state");
        }
        return attributeOffset(type);
    }

    /** {@code oseq}, with {@code oseq_hi} as the high 32 bits under ESN. */
    public long outboundSequence() {
        int r = replay();
        long low = Integer.toUnsignedLong(buffer().getInt(r + (esn() ? 4 : 0)));
        return esn() ? Integer.toUnsignedLong(buffer().getInt(r + 12)) << 32 | low : low;
    }

    /** {@code seq} (highest inbound sequence number seen), with {@code seq_hi} under ESN. */
    public long inboundSequence() {
        int r = replay();
        long low = Integer.toUnsignedLong(buffer().getInt(r + (esn() ? 8 : 4)));
        return esn() ? Integer.toUnsignedLong(buffer().getInt(r + 16)) << 32 | low : low;
    }

    /** ESN's {@code replay_window} (packets); -1 without ESN (the window is the SA's, not in the aevent). */
    public int replayWindow() {
        return esn() ? buffer().getInt(replay() + 20) : -1;
    }

    /** Words of the replay bitmap: ESN's {@code bmp_len}, or 1 ({@code bitmap}). */
    public int bitmapWords() {
        return esn() ? buffer().getInt(replay()) : 1;
    }

    /** Word {@code i} of the bitmap: ESN's {@code bmp[i]}, or {@code bitmap}. */
    public int bitmapWord(int i) {
        if (i < 0 || i >= bitmapWords()) {
            throw new IndexOutOfBoundsException("bitmap word " + i + " of " + bitmapWords());
        }
        return esn() ? buffer().getInt(replay() + REPLAY_ESN_HEADER_LENGTH + 4 * i) : buffer().getInt(replay() + 8);
    }

    /** XFRMA_REPLAY_THRESH: packets the counters may move before an aevent (the SA's replay_maxdiff); -1 if absent. */
    public long replayThreshold() {
        return has(Xfrm.XFRMA_REPLAY_THRESH) ? Integer.toUnsignedLong(u32(Xfrm.XFRMA_REPLAY_THRESH, 0)) : -1;
    }

    /** XFRMA_ETIMER_THRESH: the aevent timer, in units of 100 ms (the SA's replay_maxage); -1 if absent. */
    public long eventTimerThreshold() {
        return has(Xfrm.XFRMA_ETIMER_THRESH) ? Integer.toUnsignedLong(u32(Xfrm.XFRMA_ETIMER_THRESH, 0)) : -1;
    }

    /**
     * The payload of an {@code XFRM_MSG_GETAE} request for one SA: {@code struct xfrm_aevent_id}
     * with {@code sa_id} and {@code flags} set (the kernel reads nothing else of it), then
     * XFRMA_MARK when the SA has a mark: the kernel looks the SA up by (mark, daddr, spi, proto,
     * family), and an SA with a mark is not found without it.
     *
     * @param daddr 4 or 16 bytes, as {@code family}
     * @param flags XFRM_AE_*: which values the answer carries beyond the replay state
     */
    public static byte[] getAeRequest(int family, byte[] daddr, int spi, int proto, int flags, int markValue,
                                      int markMask) {
        if (daddr.length != XfrmSelector.addressLength(family)) {
            throw new IllegalArgumentException(daddr.length + "-byte address for family " + family);
        }
        boolean mark = markValue != 0 || markMask != 0;
        ByteBuffer b = ByteBuffer.allocate(XFRM_AEVENT_ID_LENGTH + (mark ? 12 : 0)).order(ByteOrder.nativeOrder());
        b.put(0, daddr);
        b.order(ByteOrder.BIG_ENDIAN).putInt(16, spi).order(ByteOrder.nativeOrder());
        b.putShort(20, (short) family).put(22, (byte) proto);
        b.putInt(40, flags);
        if (mark) {
            b.putShort(48, (short) 12).putShort(50, (short) Xfrm.XFRMA_MARK).putInt(52, markValue).putInt(56, markMask);
        }
        return b.array();
    }

    @Override
    public String toString() {
        if (buffer() == null) {
            return "XfrmAeventMessage (empty)";
        }
        return scopeName() + " proto " + proto() + " spi 0x" + Integer.toHexString(spi()) + " family " + family()
                + " flags 0x" + Integer.toHexString(flags());
    }
}
