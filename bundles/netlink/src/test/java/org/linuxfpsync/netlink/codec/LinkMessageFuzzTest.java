package org.linuxfpsync.netlink.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer over the datagram walker and the link decoder. Without JAZZER_FUZZ it replays the
 * seeds in {@code LinkMessageFuzzTestInputs/arbitraryDatagramsDecodeOrFailCleanly/} (real kernel
 * datagrams captured by {@code KernelSeedCapture}); with JAZZER_FUZZ=1 it fuzzes for 5 s.
 */
class LinkMessageFuzzTest {
    private final DecodeEverything decoder = new DecodeEverything();

    @FuzzTest(maxDuration = "5s")
    void arbitraryDatagramsDecodeOrFailCleanly(byte[] data) {
        try {
            decoder.decode(DecodeEverything.direct(data), data.length);
        } catch (NetlinkFormatException expected) {
            // the one outcome allowed for bytes that do not parse
        }
    }
}
