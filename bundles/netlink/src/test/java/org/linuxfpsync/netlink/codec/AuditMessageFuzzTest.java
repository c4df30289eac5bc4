package org.linuxfpsync.netlink.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer over {@link AuditMessage}: every message of the input, its type forced into the decoder's set,
 * decodes or fails with NetlinkFormatException, and every accessor then reads without failing.
 * Without JAZZER_FUZZ it replays the seeds in {@code AuditMessageFuzzTestInputs/decodeOrFailCleanly/}:
 * real kernel messages captured by {@code FamilyChannelsLiveTest} with {@code -Dnetlink.captureSeeds}.
 */
class AuditMessageFuzzTest {
    private static final int[] TYPES = new int[] {Audit.AUDIT_NETFILTER_CFG, Audit.AUDIT_SYSCALL, Audit.AUDIT_USER_AVC, Audit.AUDIT_EOE};
    private final AuditMessage decoder = new AuditMessage();
    private final byte[] out = new byte[1 << 16];
    long sum;

    @FuzzTest(maxDuration = "5s")
    void decodeOrFailCleanly(byte[] data) {
        FuzzedDatagrams.decode(data, TYPES, m -> {
            AuditMessage a = decoder.wrap(m);
            sum += a.timestampMillis() + a.serial() + a.textLength() + a.fieldLong("pid", 0) + (a.fieldEquals("table", "filter") ? 1 : 0);
            a.field("msg");
            a.text();
        });
    }
}
