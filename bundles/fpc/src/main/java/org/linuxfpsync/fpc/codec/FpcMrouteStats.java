package org.linuxfpsync.fpc.codec;

import java.net.InetAddress;

/**
 * One MROUTE_STATS_REPLY: what the fast path forwarded on one multicast route, in answer to the
 * MROUTE_STATS_REQUEST whose seq it names. The last reply to a request has {@code last} set; an
 * answer that matched no route is a single reply with {@code group} null and {@code last} set.
 *
 * @param requestSeq seq of the MROUTE_STATS_REQUEST answered
 * @param vrfid      the route's vrf
 * @param family     2 (AF_INET) or 10 (AF_INET6)
 * @param table      its multicast routing table
 * @param source     its source, the family's any address for (*,G)
 * @param group      its group, null in an empty answer
 * @param wrongIf    packets that arrived on another interface than the route's input interface
 * @param last       true on the last reply to the request
 */
public record FpcMrouteStats(int requestSeq, int vrfid, int family, long table, InetAddress source,
                             InetAddress group, long packets, long bytes, long wrongIf, boolean last) {
}
