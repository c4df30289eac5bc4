package org.linuxfpsync.fpc.codec;

/**
 * One STATS_REPLY: the counters of one interface, in answer to the STATS_REQUEST whose seq it
 * names. The last reply to a request has {@code last} set; an answer that matched no interface is
 * a single reply with {@code ifuid} 0 and {@code last} set.
 *
 * @param requestSeq seq of the STATS_REQUEST answered
 * @param ifuid      the interface counted, 0 in an empty answer
 * @param vrfid      its vrf
 * @param last       true on the last reply to the request
 */
public record FpcInterfaceStats(int requestSeq, long ifuid, int vrfid, long rxPackets, long rxBytes, long txPackets,
                                long txBytes, long rxDropped, long txDropped, long rxErrors, long txErrors,
                                boolean last) {
}
