package org.linuxfpsync.sync.ipsecha;

import org.linuxfpsync.netlink.codec.Xfrm;
import org.linuxfpsync.netlink.codec.XfrmAeventMessage;
import org.linuxfpsync.netlink.codec.XfrmSaMessage;

/**
 * An SA's replay state as SA_REPLAY carries it, read from an aevent or from an SA message (both
 * carry {@code struct xfrm_replay_state} or {@code xfrm_replay_state_esn}).
 *
 * @param oseq            {@code oseq}, with {@code oseq_hi} as the high half under ESN
 * @param seq             {@code seq}, with {@code seq_hi} as the high half under ESN
 * @param esn             whether the state is {@code xfrm_replay_state_esn}
 * @param window          ESN's {@code replay_window}; 0 without ESN
 * @param bitmap          the bitmap words in order, each big-endian
 * @param replayThreshold XFRMA_REPLAY_THRESH, or -1
 * @param timerThreshold  XFRMA_ETIMER_THRESH, or -1
 */
record ReplayState(long oseq, long seq, boolean esn, int window, byte[] bitmap, long replayThreshold,
                   long timerThreshold) {

    static ReplayState of(XfrmAeventMessage ae) {
        byte[] bitmap = new byte[ae.bitmapWords() * 4];
        for (int i = 0; i < ae.bitmapWords(); i++) {
            putBigEndian(bitmap, i, ae.bitmapWord(i));
        }
        return new ReplayState(ae.outboundSequence(), ae.inboundSequence(), ae.esn(), ae.esn() ? ae.replayWindow() : 0,
                bitmap, ae.replayThreshold(), ae.eventTimerThreshold());
    }

    /** The state an SA message carries, or null when it carries none. */
    static ReplayState of(XfrmSaMessage sa) {
        byte[] bitmap;
        boolean esn = sa.has(Xfrm.XFRMA_REPLAY_ESN_VAL);
        if (esn) {
            int offset = sa.attributeOffset(Xfrm.XFRMA_REPLAY_ESN_VAL);
            int words = sa.buffer().getInt(offset); // bmp_len, checked against the length by the decoder
            bitmap = new byte[words * 4];
            for (int i = 0; i < words; i++) {
                putBigEndian(bitmap, i, sa.buffer().getInt(offset + 24 + 4 * i));
            }
        } else if (sa.has(Xfrm.XFRMA_REPLAY_VAL)) {
            bitmap = new byte[4];
            putBigEndian(bitmap, 0, sa.buffer().getInt(sa.attributeOffset(Xfrm.XFRMA_REPLAY_VAL) + 8));
        } else {
            return null;
        }
        return new ReplayState(sa.outboundSequence(), sa.inboundSequence(), esn, esn ? sa.replayWindowPackets() : 0,
                bitmap, -1, -1);
    }

    private static void putBigEndian(byte[] b, int word, int value) {
        b[4 * word] = (byte) (value >>> 24);
        b[4 * word + 1] = (byte) (value >>> 16);
        b[4 * word + 2] = (byte) (value >>> 8);
        b[4 * word + 3] = (byte) value;
    }
}
