package org.linuxfpsync.netlink.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer over {@link NeighbourMessage}: every message of the input, its type forced into the decoder's set,
 * decodes or fails with NetlinkFormatException, and every accessor then reads without failing.
 * Without JAZZER_FUZZ it replays the seeds in {@code NeighbourMessageFuzzTestInputs/decodeOrFailCleanly/}:
 * real kernel messages captured by {@code FamilyChannelsLiveTest} with {@code -Dnetlink.captureSeeds}.
 */
class NeighbourMessageFuzzTest {
    private static final int[] TYPES = new int[] {Rtnetlink.RTM_NEWNEIGH, Rtnetlink.RTM_DELNEIGH};
    private final NeighbourMessage decoder = new NeighbourMessage();
    private final byte[] out = new byte[1 << 16];
    long sum;

    @FuzzTest(maxDuration = "5s")
    void decodeOrFailCleanly(byte[] data) {
        FuzzedDatagrams.decode(data, TYPES, m -> {
            NeighbourMessage n = decoder.wrap(m);
            sum += n.family() + n.ifindex() + n.state() + n.flags() + n.type() + n.copyDst(out) + n.copyLladdr(out)
                    + n.vlan() + n.master() + n.vni() + n.port() + n.probes() + n.nexthopId();
        });
    }
}
