package org.linuxfpsync.netlink.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer over {@link RuleMessage}: every message of the input, its type forced into the decoder's set,
 * decodes or fails with NetlinkFormatException, and every accessor then reads without failing.
 * Without JAZZER_FUZZ it replays the seeds in {@code RuleMessageFuzzTestInputs/decodeOrFailCleanly/}:
 * real kernel messages captured by {@code FamilyChannelsLiveTest} with {@code -Dnetlink.captureSeeds}.
 */
class RuleMessageFuzzTest {
    private static final int[] TYPES = new int[] {Rtnetlink.RTM_NEWRULE, Rtnetlink.RTM_DELRULE};
    private final RuleMessage decoder = new RuleMessage();
    private final byte[] out = new byte[1 << 16];
    long sum;

    @FuzzTest(maxDuration = "5s")
    void decodeOrFailCleanly(byte[] data) {
        FuzzedDatagrams.decode(data, TYPES, m -> {
            RuleMessage r = decoder.wrap(m);
            sum += r.family() + r.table() + r.action() + r.flags() + r.priority() + r.fwmark() + r.fwmask() + r.gotoTarget()
                    + r.l3mdev() + r.protocol() + r.copyDst(out) + r.copySrc(out);
            r.iifname();
            r.oifnameEquals("v0");
        });
    }
}
