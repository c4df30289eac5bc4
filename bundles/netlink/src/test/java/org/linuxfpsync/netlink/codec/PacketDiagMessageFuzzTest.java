package org.linuxfpsync.netlink.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer over {@link PacketDiagMessage}: every message of the input, its type forced into the decoder's set,
 * decodes or fails with NetlinkFormatException, and every accessor then reads without failing.
 * Without JAZZER_FUZZ it replays the seeds in {@code PacketDiagMessageFuzzTestInputs/decodeOrFailCleanly/}:
 * real kernel messages captured by {@code FamilyChannelsLiveTest} with {@code -Dnetlink.captureSeeds}.
 */
class PacketDiagMessageFuzzTest {
    private static final int[] TYPES = new int[] {SockDiag.SOCK_DIAG_BY_FAMILY};
    private final PacketDiagMessage decoder = new PacketDiagMessage();
    private final byte[] out = new byte[1 << 16];
    long sum;

    @FuzzTest(maxDuration = "5s")
    void decodeOrFailCleanly(byte[] data) {
        FuzzedDatagrams.decode(data, TYPES, m -> {
            PacketDiagMessage p = decoder.wrap(m);
            sum += p.family() + p.socketType() + p.protocol() + p.inode() + p.cookie() + p.boundIfindex() + p.tpacketVersion()
                    + p.infoFlags() + p.uid() + p.fanout();
            for (int i = 0; i < p.filterLength(); i++) {
                sum += p.filterCode(i) + p.filterJumpTrue(i) + p.filterJumpFalse(i) + p.filterK(i);
            }
        });
    }
}
