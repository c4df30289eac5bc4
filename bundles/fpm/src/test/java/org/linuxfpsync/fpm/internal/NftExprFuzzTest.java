package org.linuxfpsync.fpm.internal;

import java.util.Arrays;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer over {@link NftExpr}: a rule's expressions come in an FPC frame, outside input to the FPM. The
 * first byte picks the family, the rest is NFTA_RULE_EXPRESSIONS: decompiled or null, never an
 * exception. Without JAZZER_FUZZ it replays the seeds in {@code NftExprFuzzTestInputs/decompileOrNull/}:
 * rules of the tables NftExprTest captured from a kernel.
 */
class NftExprFuzzTest {
    private static final String[] FAMILIES = {"inet", "ip", "ip6", "bridge"};
    long decompiled;

    @FuzzTest(maxDuration = "5s")
    void decompileOrNull(byte[] data) {
        if (data.length < 1) {
            return;
        }
        var expr = NftExpr.decompile(FAMILIES[(data[0] & 0xff) % FAMILIES.length],
                Arrays.copyOfRange(data, 1, data.length));
        decompiled += expr == null ? 0 : expr.size();
    }
}
