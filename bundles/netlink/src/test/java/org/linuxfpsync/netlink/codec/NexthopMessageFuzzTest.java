package org.linuxfpsync.netlink.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer over {@link NexthopMessage}: every message of the input, its type forced into the decoder's set,
 * decodes or fails with NetlinkFormatException, and every accessor then reads without failing.
 * Without JAZZER_FUZZ it replays the seeds in {@code NexthopMessageFuzzTestInputs/decodeOrFailCleanly/}:
 * real kernel messages captured by {@code FamilyChannelsLiveTest} with {@code -Dnetlink.captureSeeds}.
 */
class NexthopMessageFuzzTest {
    private static final int[] TYPES = new int[] {Rtnetlink.RTM_NEWNEXTHOP, Rtnetlink.RTM_DELNEXTHOP};
    private final NexthopMessage decoder = new NexthopMessage();
    private final byte[] out = new byte[1 << 16];
    long sum;

    @FuzzTest(maxDuration = "5s")
    void decodeOrFailCleanly(byte[] data) {
        FuzzedDatagrams.decode(data, TYPES, m -> {
            NexthopMessage n = decoder.wrap(m);
            sum += n.family() + n.scope() + n.protocol() + n.flags() + n.id() + n.groupType() + n.oif() + n.encapType()
                    + n.copyGateway(out) + n.buckets() + n.idleTimer() + n.unbalancedTimer() + n.unbalancedTime()
                    + (n.blackhole() ? 1 : 0) + (n.fdb() ? 1 : 0) + (n.isGroup() ? 1 : 0) + (n.isResilient() ? 1 : 0);
            for (int i = 0; i < n.memberCount(); i++) {
                sum += n.memberId(i) + n.memberWeight(i);
            }
        });
    }
}
