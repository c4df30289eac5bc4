package org.linuxfpsync.netlink.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer over {@link NftMessage}: every message of the input, its type forced into the decoder's set,
 * decodes or fails with NetlinkFormatException, and every accessor then reads without failing.
 * Without JAZZER_FUZZ it replays the seeds in {@code NftMessageFuzzTestInputs/decodeOrFailCleanly/}:
 * real kernel messages captured by {@code FamilyChannelsLiveTest} with {@code -Dnetlink.captureSeeds}.
 */
class NftMessageFuzzTest {
    private static final int[] TYPES = new int[] {Nfnetlink.type(Nfnetlink.NFNL_SUBSYS_NFTABLES, Nfnetlink.NFT_MSG_NEWTABLE),
            Nfnetlink.type(Nfnetlink.NFNL_SUBSYS_NFTABLES, Nfnetlink.NFT_MSG_NEWCHAIN),
            Nfnetlink.type(Nfnetlink.NFNL_SUBSYS_NFTABLES, Nfnetlink.NFT_MSG_NEWRULE),
            Nfnetlink.type(Nfnetlink.NFNL_SUBSYS_NFTABLES, Nfnetlink.NFT_MSG_DELRULE),
            Nfnetlink.type(Nfnetlink.NFNL_SUBSYS_NFTABLES, Nfnetlink.NFT_MSG_NEWGEN)};
    private final NftMessage decoder = new NftMessage();
    private final NfGenMessage generic = new NfGenMessage();
    private final byte[] out = new byte[1 << 16];
    long sum;

    @FuzzTest(maxDuration = "5s")
    void decodeOrFailCleanly(byte[] data) {
        FuzzedDatagrams.decode(data, TYPES, m -> {
            NftMessage n = decoder.wrap(m);
            sum += n.family() + n.handle() + n.tableFlags() + n.generationId() + n.generationProcessId() + n.kind().ordinal();
            n.tableName();
            n.chainNameEquals("input");
            sum += generic.wrap(m).resourceId() + generic.subsystem();
        });
    }
}
