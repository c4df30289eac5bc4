package org.linuxfpsync.fpm.internal;

import java.util.Arrays;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer over {@link XtablesSave}: a FORMAT 1 blob is an FPC frame's bytes, outside input to the FPM.
 * The first byte picks the family (IPv4, IPv6, bridge), the rest is the blob: it is written as lines
 * or as one {@code # not an x_tables blob} line, never an exception, never a loop without end.
 * Without JAZZER_FUZZ it replays the seeds in {@code XtablesSaveFuzzTestInputs/writeOrSaySo/}:
 * blobs captured from a kernel (those of XtablesSaveTest).
 */
class XtablesSaveFuzzTest {
    private static final int[] FAMILIES = {2, 10, 7};
    long lines;

    @FuzzTest(maxDuration = "5s")
    void writeOrSaySo(byte[] data) {
        if (data.length < 1) {
            return;
        }
        lines += XtablesSave.lines(FAMILIES[(data[0] & 0xff) % 3], Arrays.copyOfRange(data, 1, data.length)).size();
    }
}
