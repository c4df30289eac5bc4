package org.linuxfpsync.netlink.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer over {@link XfrmFlushMessage} and {@link XfrmMigrateMessage}: every message of the input,
 * typed FLUSHSA, FLUSHPOLICY or MIGRATE, decodes or fails with NetlinkFormatException, and every
 * accessor, each move of a migration included, then reads without failing. Without JAZZER_FUZZ it
 * replays the seeds of {@code XfrmFlushAndMigrateFuzzTestInputs/decodeOrFailCleanly/} (one FLUSHPOLICY the fuzzer found
 * when this harness read a FLUSHSA-only field of it).
 */
class XfrmFlushAndMigrateFuzzTest {
    private static final int[] TYPES = new int[] {Xfrm.XFRM_MSG_FLUSHSA, Xfrm.XFRM_MSG_FLUSHPOLICY,
        Xfrm.XFRM_MSG_MIGRATE};
    private final XfrmFlushMessage flush = new XfrmFlushMessage();
    private final XfrmMigrateMessage migrate = new XfrmMigrateMessage();
    private final byte[] out = new byte[1 << 16];
    long sum;

    @FuzzTest(maxDuration = "5s")
    void decodeOrFailCleanly(byte[] data) {
        FuzzedDatagrams.decode(data, TYPES, m -> {
            if (m.type() == Xfrm.XFRM_MSG_MIGRATE) {
                XfrmMigrateMessage g = migrate.wrap(m);
                sum += g.direction() + g.selector().dport() + g.selector().copySaddr(out);
                for (int i = 0; i < g.migrations(); i++) {
                    sum += g.proto(i) + g.newFamily(i);
                }
            } else {
                XfrmFlushMessage f = flush.wrap(m);
                // each flush has its one field: FLUSHSA the protocol, FLUSHPOLICY the policy type
                if (m.type() == Xfrm.XFRM_MSG_FLUSHSA) {
                    sum += f.proto() + (f.flushes(50) ? 1 : 0);
                } else {
                    sum += f.policyType();
                }
            }
        });
    }
}
