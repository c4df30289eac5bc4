package org.linuxfpsync.netlink.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer over {@link ConntrackMessage}: every message of the input, its type forced into the decoder's set,
 * decodes or fails with NetlinkFormatException, and every accessor then reads without failing.
 * Without JAZZER_FUZZ it replays the seeds in {@code ConntrackMessageFuzzTestInputs/decodeOrFailCleanly/}:
 * real kernel messages captured by {@code FamilyChannelsLiveTest} with {@code -Dnetlink.captureSeeds}.
 */
class ConntrackMessageFuzzTest {
    private static final int[] TYPES = new int[] {Nfnetlink.type(Nfnetlink.NFNL_SUBSYS_CTNETLINK, Nfnetlink.IPCTNL_MSG_CT_NEW),
            Nfnetlink.type(Nfnetlink.NFNL_SUBSYS_CTNETLINK, Nfnetlink.IPCTNL_MSG_CT_DELETE)};
    private final ConntrackMessage decoder = new ConntrackMessage();
    private final byte[] out = new byte[1 << 16];
    long sum;

    @FuzzTest(maxDuration = "5s")
    void decodeOrFailCleanly(byte[] data) {
        FuzzedDatagrams.decode(data, TYPES, m -> {
            ConntrackMessage c = decoder.wrap(m);
            sum += c.family() + c.status() + c.timeout() + c.mark() + c.id() + c.zone() + (c.natted() ? 1 : 0);
            for (ConntrackMessage.Tuple t : new ConntrackMessage.Tuple[] {c.original(), c.reply()}) {
                sum += t.family() + t.copySrc(out) + t.copyDst(out) + t.protocol() + t.srcPort() + t.dstPort() + t.icmpId()
                        + t.icmpType() + t.icmpCode() + t.zone();
            }
        });
    }
}
