package org.linuxfpsync.netlink.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer over {@link XfrmAeventMessage}: every message of the input, typed XFRM_MSG_NEWAE, decodes or
 * fails with NetlinkFormatException, and every accessor, the whole bitmap included, then reads
 * without failing. Without JAZZER_FUZZ it replays the seeds of
 * {@code XfrmAeventMessageFuzzTestInputs/decodeOrFailCleanly/} when there are some.
 */
class XfrmAeventMessageFuzzTest {
    private static final int[] TYPES = new int[] {Xfrm.XFRM_MSG_NEWAE};
    private final XfrmAeventMessage decoder = new XfrmAeventMessage();
    private final byte[] out = new byte[1 << 16];
    long sum;

    @FuzzTest(maxDuration = "5s")
    void decodeOrFailCleanly(byte[] data) {
        FuzzedDatagrams.decode(data, TYPES, m -> {
            XfrmAeventMessage a = decoder.wrap(m);
            sum += a.family() + a.proto() + a.spi() + a.copyDaddr(out) + a.flags() + a.reqid() + a.outboundSequence()
                    + a.inboundSequence() + a.replayWindow() + a.replayThreshold() + a.eventTimerThreshold()
                    + (a.esn() ? 1 : 0);
            for (int i = 0; i < a.bitmapWords(); i++) {
                sum += a.bitmapWord(i);
            }
            a.toString();
        });
    }
}
