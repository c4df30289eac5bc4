package org.linuxfpsync.netlink.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer over {@link XfrmPolicyMessage}: every message of the input, its type forced into the decoder's set,
 * decodes or fails with NetlinkFormatException, and every accessor then reads without failing.
 * Without JAZZER_FUZZ it replays the seeds in {@code XfrmPolicyMessageFuzzTestInputs/decodeOrFailCleanly/}:
 * real kernel messages captured by {@code FamilyChannelsLiveTest} with {@code -Dnetlink.captureSeeds}.
 */
class XfrmPolicyMessageFuzzTest {
    private static final int[] TYPES = new int[] {Xfrm.XFRM_MSG_NEWPOLICY, Xfrm.XFRM_MSG_DELPOLICY, Xfrm.XFRM_MSG_UPDPOLICY, Xfrm.XFRM_MSG_POLEXPIRE};
    private final XfrmPolicyMessage decoder = new XfrmPolicyMessage();
    private final byte[] out = new byte[1 << 16];
    long sum;

    @FuzzTest(maxDuration = "5s")
    void decodeOrFailCleanly(byte[] data) {
        FuzzedDatagrams.decode(data, TYPES, m -> {
            XfrmPolicyMessage p = decoder.wrap(m);
            sum += p.direction() + p.index() + p.policyType() + p.markValue() + p.interfaceId() + p.templateCount()
                    + p.selector().family() + p.selector().copyDaddr(out) + p.selector().sport() + p.selector().ifindex();
            if (p.hasInfo()) {
                sum += p.priority() + p.action() + p.flags() + p.share();
            }
            XfrmPolicyMessage.Templates t = p.templates();
            while (t.next()) {
                sum += t.family() + t.proto() + t.spi() + t.copyDaddr(out) + t.copySaddr(out) + t.reqid() + t.mode()
                        + (t.optional() ? 1 : 0) + t.authAlgorithms();
            }
        });
    }
}
