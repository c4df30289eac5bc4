package org.linuxfpsync.netlink.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer over {@link NetconfMessage}: every message of the input, its type forced into the decoder's set,
 * decodes or fails with NetlinkFormatException, and every accessor then reads without failing.
 * Without JAZZER_FUZZ it replays the seeds in {@code NetconfMessageFuzzTestInputs/decodeOrFailCleanly/}:
 * real kernel messages captured by {@code FamilyChannelsLiveTest} with {@code -Dnetlink.captureSeeds}.
 */
class NetconfMessageFuzzTest {
    private static final int[] TYPES = new int[] {Rtnetlink.RTM_NEWNETCONF, Rtnetlink.RTM_DELNETCONF};
    private final NetconfMessage decoder = new NetconfMessage();
    private final byte[] out = new byte[1 << 16];
    long sum;

    @FuzzTest(maxDuration = "5s")
    void decodeOrFailCleanly(byte[] data) {
        FuzzedDatagrams.decode(data, TYPES, m -> {
            NetconfMessage c = decoder.wrap(m);
            sum += c.family() + c.ifindex() + c.forwarding() + c.rpFilter() + c.mcForwarding() + c.proxyNeigh()
                    + c.ignoreRoutesWithLinkdown() + c.input();
        });
    }
}
