package org.linuxfpsync.netlink.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer over {@link ProcEventMessage}: every message of the input, its type forced to NLMSG_DONE,
 * decodes or fails with NetlinkFormatException, and every accessor then reads without failing.
 * Without JAZZER_FUZZ it replays the seeds in {@code ProcEventMessageFuzzTestInputs/decodeOrFailCleanly/}:
 * real proc connector messages (the acknowledgement of PROC_CN_MCAST_LISTEN, fork, exec, exit) read
 * from this machine's kernel 6.18.
 */
class ProcEventMessageFuzzTest {
    private static final int[] TYPES = new int[] {Rtnetlink.NLMSG_DONE};
    private final ProcEventMessage decoder = new ProcEventMessage();
    long sum;

    @FuzzTest(maxDuration = "5s")
    void decodeOrFailCleanly(byte[] data) {
        FuzzedDatagrams.decode(data, TYPES, m -> {
            ProcEventMessage e = decoder.wrap(m);
            sum += e.what() + e.cpu() + e.timestampNanos() + e.pid() + e.tgid() + e.ackError() + e.connectorSeq()
                    + e.connectorAck() + CnProc.eventName(e.what()).length();
        });
    }
}
