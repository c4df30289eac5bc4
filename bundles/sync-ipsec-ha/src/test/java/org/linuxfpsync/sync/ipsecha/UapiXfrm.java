package org.linuxfpsync.sync.ipsecha;

import org.linuxfpsync.featuresync.testing.FakeKernel;
import org.linuxfpsync.netlink.codec.NlMessageWriter;
import org.linuxfpsync.netlink.codec.Rtnetlink;
import org.linuxfpsync.netlink.codec.Xfrm;

/**
 * SA and aevent messages laid out as {@code linux/xfrm.h} defines them and the kernel's
 * {@code copy_to_user_state} / {@code build_aevent} fill them: {@code struct xfrm_usersa_info}
 * (224 bytes), {@code xfrm_usersa_id} (24), {@code xfrm_user_expire} (232), {@code xfrm_usersa_flush}
 * (1), {@code xfrm_aevent_id} (48) with XFRMA_REPLAY_VAL or XFRMA_REPLAY_ESN_VAL. IPv4 only.
 */
final class UapiXfrm {
    static final byte[] SRC = {10, 0, 0, 1};

    private UapiXfrm() {
    }

    private static NlMessageWriter address(NlMessageWriter w, byte[] v4) {
        return w.bytes(v4).zeros(16 - v4.length);
    }

    /** struct xfrm_usersa_info of an ESP (or other proto) tunnel SA to {@code dst}. */
    private static NlMessageWriter info(NlMessageWriter w, byte[] dst, int spi, int proto, boolean esn) {
        address(w, dst);                                                   // sel.daddr
        address(w, SRC);                                                   // sel.saddr
        w.zeros(8).u16(Rtnetlink.AF_INET).u8(32).u8(32).u8(0).zeros(3).u32(0).u32(0); // ports, family, lengths...
        address(w, dst).be32(spi).u8(proto).zeros(3);                      // id
        address(w, SRC);                                                   // saddr
        w.zeros(64 + 32 + 12);                                             // lft, curlft, stats
        return w.u32(0).u32(7).u16(Rtnetlink.AF_INET).u8(Xfrm.XFRM_MODE_TUNNEL).u8(esn ? 0 : 32)
                .u8(esn ? Xfrm.XFRM_STATE_ESN : 0).zeros(7);              // seq, reqid, family, mode, window, flags
    }

    /** XFRM_MSG_NEWSA (a dump reply or a notification), with XFRMA_MARK when {@code markMask} is not 0. */
    static byte[] newSa(byte[] dst, int spi, int proto, int markValue, int markMask) {
        return sa(Xfrm.XFRM_MSG_NEWSA, dst, spi, proto, markValue, markMask, 0, 0, 0);
    }

    /** XFRM_MSG_NEWSA or UPDSA with its XFRMA_REPLAY_VAL {@code oseq, seq, bitmap}. */
    static byte[] sa(int type, byte[] dst, int spi, int proto, int markValue, int markMask, int oseq, int seq,
                     int bitmap) {
        return FakeKernel.message(w -> {
            info(w.beginMessage(type, 0, 0, 0), dst, spi, proto, false);
            w.beginNest(Xfrm.XFRMA_REPLAY_VAL).u32(oseq).u32(seq).u32(bitmap).endNest();
            if (markMask != 0) {
                w.beginNest(Xfrm.XFRMA_MARK).u32(markValue).u32(markMask).endNest();
            }
            w.endMessage();
        });
    }

    /** XFRM_MSG_DELSA: struct xfrm_usersa_id (the XFRMA_SA with the full info left out). */
    static byte[] delSa(byte[] dst, int spi, int proto) {
        return FakeKernel.message(w -> address(w.beginMessage(Xfrm.XFRM_MSG_DELSA, 0, 0, 0), dst).be32(spi)
                .u16(Rtnetlink.AF_INET).u8(proto).zeros(1).endMessage());
    }

    /**
     * XFRM_MSG_DELSA of an SA with a mark, as xfrm_notify_sa writes it: struct xfrm_usersa_id, the info in
     * XFRMA_SA, then copy_to_user_state_extra's attributes (XFRMA_REPLAY_VAL, XFRMA_MARK).
     */
    static byte[] delSa(byte[] dst, int spi, int proto, int markValue, int markMask) {
        return FakeKernel.message(w -> {
            address(w.beginMessage(Xfrm.XFRM_MSG_DELSA, 0, 0, 0), dst).be32(spi).u16(Rtnetlink.AF_INET).u8(proto)
                    .zeros(1);
            info(w.beginNest(Xfrm.XFRMA_SA), dst, spi, proto, false).endNest();
            w.beginNest(Xfrm.XFRMA_REPLAY_VAL).u32(0).u32(0).u32(0).endNest();
            mark(w, markValue, markMask).endMessage();
        });
    }

    /** XFRM_MSG_EXPIRE of an SA with a mark: struct xfrm_user_expire, then XFRMA_MARK (build_expire). */
    static byte[] expire(byte[] dst, int spi, boolean hard, int markValue, int markMask) {
        return FakeKernel.message(w -> mark(info(w.beginMessage(Xfrm.XFRM_MSG_EXPIRE, 0, 0, 0), dst, spi,
                Xfrm.IPPROTO_ESP, false).u8(hard ? 1 : 0).zeros(7), markValue, markMask).endMessage());
    }

    /** XFRM_MSG_NEWAE (XFRMA_REPLAY_VAL) of an SA with a mark: build_aevent adds XFRMA_MARK. */
    static byte[] newAeMarked(byte[] dst, int spi, int oseq, int seq, int bitmap, int markValue, int markMask) {
        return FakeKernel.message(w -> {
            aeventId(w.beginMessage(Xfrm.XFRM_MSG_NEWAE, 0, 0, 0), dst, spi, Xfrm.XFRM_AE_CR);
            w.beginNest(Xfrm.XFRMA_REPLAY_VAL).u32(oseq).u32(seq).u32(bitmap).endNest();
            w.beginNest(Xfrm.XFRMA_LTIME_VAL).zeros(32).endNest();
            mark(w, markValue, markMask).endMessage();
        });
    }

    /** {@code struct xfrm_mark { __u32 v; __u32 m; }}. */
    private static NlMessageWriter mark(NlMessageWriter w, int value, int mask) {
        return w.beginNest(Xfrm.XFRMA_MARK).u32(value).u32(mask).endNest();
    }

    /** XFRM_MSG_EXPIRE: struct xfrm_user_expire, the SA's info then {@code hard}. */
    static byte[] expire(byte[] dst, int spi, boolean hard) {
        return FakeKernel.message(w -> info(w.beginMessage(Xfrm.XFRM_MSG_EXPIRE, 0, 0, 0), dst, spi, Xfrm.IPPROTO_ESP,
                false).u8(hard ? 1 : 0).zeros(7).endMessage());
    }

    /** XFRM_MSG_FLUSHSA: struct xfrm_usersa_flush { __u8 proto; }. */
    static byte[] flushSa(int proto) {
        return FakeKernel.message(w -> w.beginMessage(Xfrm.XFRM_MSG_FLUSHSA, 0, 0, 0).u8(proto).endMessage());
    }

    /** XFRM_MSG_NEWAE with XFRMA_REPLAY_VAL: {@code struct xfrm_replay_state { oseq, seq, bitmap }}. */
    static byte[] newAe(byte[] dst, int spi, int flags, int oseq, int seq, int bitmap, int replayThresh, int etimer) {
        return FakeKernel.message(w -> {
            aeventId(w.beginMessage(Xfrm.XFRM_MSG_NEWAE, 0, 0, 0), dst, spi, flags);
            w.beginNest(Xfrm.XFRMA_REPLAY_VAL).u32(oseq).u32(seq).u32(bitmap).endNest();
            w.beginNest(Xfrm.XFRMA_LTIME_VAL).zeros(32).endNest();
            thresholds(w, replayThresh, etimer).endMessage();
        });
    }

    /**
     * XFRM_MSG_NEWAE with XFRMA_REPLAY_ESN_VAL: {@code struct xfrm_replay_state_esn { bmp_len, oseq, seq,
     * oseq_hi, seq_hi, replay_window, bmp[] }}.
     */
    static byte[] newAeEsn(byte[] dst, int spi, long oseq, long seq, int window, int... bitmap) {
        return FakeKernel.message(w -> {
            aeventId(w.beginMessage(Xfrm.XFRM_MSG_NEWAE, 0, 0, 0), dst, spi, Xfrm.XFRM_AE_CR);
            w.beginNest(Xfrm.XFRMA_REPLAY_ESN_VAL).u32(bitmap.length).u32((int) oseq).u32((int) seq)
                    .u32((int) (oseq >>> 32)).u32((int) (seq >>> 32)).u32(window);
            for (int word : bitmap) {
                w.u32(word);
            }
            w.endNest().beginNest(Xfrm.XFRMA_LTIME_VAL).zeros(32).endNest().endMessage();
        });
    }

    private static NlMessageWriter aeventId(NlMessageWriter w, byte[] dst, int spi, int flags) {
        address(w, dst).be32(spi).u16(Rtnetlink.AF_INET).u8(Xfrm.IPPROTO_ESP).zeros(1);  // sa_id
        return address(w, SRC).u32(flags).u32(7);                                        // saddr, flags, reqid
    }

    private static NlMessageWriter thresholds(NlMessageWriter w, int replayThresh, int etimer) {
        if (replayThresh >= 0) {
            w.attrU32(Xfrm.XFRMA_REPLAY_THRESH, replayThresh);
        }
        if (etimer >= 0) {
            w.attrU32(Xfrm.XFRMA_ETIMER_THRESH, etimer);
        }
        return w;
    }
}
