package org.linuxfpsync.netlink.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer over {@link AddressMessage}: every message of the input, its type forced into the decoder's set,
 * decodes or fails with NetlinkFormatException, and every accessor then reads without failing.
 * Without JAZZER_FUZZ it replays the seeds in {@code AddressMessageFuzzTestInputs/decodeOrFailCleanly/}:
 * real kernel messages captured by {@code FamilyChannelsLiveTest} with {@code -Dnetlink.captureSeeds}.
 */
class AddressMessageFuzzTest {
    private static final int[] TYPES = new int[] {Rtnetlink.RTM_NEWADDR, Rtnetlink.RTM_DELADDR};
    private final AddressMessage decoder = new AddressMessage();
    private final byte[] out = new byte[1 << 16];
    long sum;

    @FuzzTest(maxDuration = "5s")
    void decodeOrFailCleanly(byte[] data) {
        FuzzedDatagrams.decode(data, TYPES, m -> {
            AddressMessage a = decoder.wrap(m);
            sum += a.family() + a.prefixLength() + a.flags() + a.scope() + a.ifindex() + a.copyAddress(out) + a.copyLocal(out)
                    + a.copyBroadcast(out) + a.preferredLifetime() + a.validLifetime() + a.routePriority() + a.protocol();
            a.label();
            a.labelEquals("eth0");
        });
    }
}
