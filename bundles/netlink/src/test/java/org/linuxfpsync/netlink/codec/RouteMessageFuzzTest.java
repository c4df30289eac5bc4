package org.linuxfpsync.netlink.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer over {@link RouteMessage}: every message of the input, its type forced into the decoder's set,
 * decodes or fails with NetlinkFormatException, and every accessor then reads without failing.
 * Without JAZZER_FUZZ it replays the seeds in {@code RouteMessageFuzzTestInputs/decodeOrFailCleanly/}:
 * real kernel messages captured by {@code FamilyChannelsLiveTest} with {@code -Dnetlink.captureSeeds}.
 */
class RouteMessageFuzzTest {
    private static final int[] TYPES = new int[] {Rtnetlink.RTM_NEWROUTE, Rtnetlink.RTM_DELROUTE};
    private final RouteMessage decoder = new RouteMessage();
    private final byte[] out = new byte[1 << 16];
    long sum;

    @FuzzTest(maxDuration = "5s")
    void decodeOrFailCleanly(byte[] data) {
        FuzzedDatagrams.decode(data, TYPES, m -> {
            RouteMessage r = decoder.wrap(m);
            sum += r.family() + r.dstPrefixLength() + r.table() + r.type() + r.protocol() + r.scope() + r.flags()
                    + r.copyDst(out) + r.copySrc(out) + r.copyGateway(out) + r.copyPrefsrc(out) + r.oif() + r.priority()
                    + r.mtu() + r.metric(Rtnetlink.RTAX_ADVMSS) + r.nexthopId() + r.encapType() + r.viaFamily() + r.copyVia(out);
            RouteMessage.Nexthops n = r.nexthops();
            while (n.next()) {
                sum += n.ifindex() + n.weight() + n.flags() + n.copyGateway(out) + n.viaFamily() + n.copyVia(out);
            }
        });
    }
}
