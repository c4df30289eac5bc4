package org.linuxfpsync.netlink.codec;

import java.util.Arrays;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer over {@link XtTable}: the first byte of the input picks the family (IPv4, IPv6, bridge), the
 * rest are the getsockopt replies; they decode or fail with NetlinkFormatException, never another
 * exception. Without JAZZER_FUZZ it replays the seeds in {@code XtTableFuzzTestInputs/decodeOrFailCleanly/}:
 * the tables of {@link XtTableUapiEncodedTest}, encoded as the kernel writes them.
 */
class XtTableFuzzTest {
    private static final int[] FAMILIES = {Xtables.NFPROTO_IPV4, Xtables.NFPROTO_IPV6, Xtables.NFPROTO_BRIDGE};
    private static final String[] TABLES = {"filter", "nat", "filter"};
    long sum;

    @FuzzTest(maxDuration = "5s")
    void decodeOrFailCleanly(byte[] data) {
        if (data.length < 1) {
            return;
        }
        int which = (data[0] & 0xff) % FAMILIES.length;
        try {
            XtTable t = XtTable.decode(FAMILIES[which], TABLES[which], Arrays.copyOfRange(data, 1, data.length));
            sum += t.entries() + t.validHooks() + t.blob().length + XtTable.headerSize(t.family()) + t.name().length();
        } catch (NetlinkFormatException expected) {
            sum++;
        }
    }
}
