package org.linuxfpsync.netlink.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer over {@link XfrmSaMessage}: every message of the input, its type forced into the decoder's set,
 * decodes or fails with NetlinkFormatException, and every accessor then reads without failing.
 * Without JAZZER_FUZZ it replays the seeds in {@code XfrmSaMessageFuzzTestInputs/decodeOrFailCleanly/}:
 * the uapi-encoded (not captured: no ESP/AH here) SA of {@code OtherFamiliesDecodersTest}.
 */
class XfrmSaMessageFuzzTest {
    private static final int[] TYPES = new int[] {Xfrm.XFRM_MSG_NEWSA, Xfrm.XFRM_MSG_DELSA, Xfrm.XFRM_MSG_UPDSA, Xfrm.XFRM_MSG_EXPIRE};
    private final XfrmSaMessage decoder = new XfrmSaMessage();
    private final byte[] out = new byte[1 << 16];
    long sum;

    @FuzzTest(maxDuration = "5s")
    void decodeOrFailCleanly(byte[] data) {
        FuzzedDatagrams.decode(data, TYPES, m -> {
            XfrmSaMessage s = decoder.wrap(m);
            sum += s.family() + s.proto() + s.spi() + s.copyDaddr(out) + s.authKeyBits() + s.authTruncationBits()
                    + s.cryptKeyBits() + s.aeadKeyBits() + s.aeadIcvBits() + s.outboundSequence() + s.inboundSequence()
                    + s.markValue() + s.markMask() + s.interfaceId();
            s.authAlgorithm();
            s.cryptAlgorithmEquals("cbc(aes)");
            s.toString();
            if (s.hasInfo()) {
                sum += s.copySaddr(out) + s.reqid() + s.mode() + s.flags() + s.replayWindowPackets() + s.selector().dport()
                        + s.selector().copySaddr(out) + s.currentBytes();
            }
            if (m.type() == Xfrm.XFRM_MSG_EXPIRE) {
                sum += s.hard() ? 1 : 0;
            }
        });
    }
}
