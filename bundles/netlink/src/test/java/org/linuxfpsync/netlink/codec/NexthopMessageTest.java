package org.linuxfpsync.netlink.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * {@link NexthopMessage} over the messages this kernel (6.18) sent for {@code ip nexthop}, captured by
 * {@code FamilyChannelsLiveTest} (its nexthop test lists the commands), and over hand-made bad ones.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class NexthopMessageTest {

    @Test
    void the_captured_dump_and_events_say_what_ip_nexthop_made() throws Exception {
        Path dir = Path.of(getClass().getResource("NexthopMessageFuzzTestInputs/decodeOrFailCleanly").toURI());
        NexthopMessage nh = new NexthopMessage();
        DatagramWalker walker = new DatagramWalker();
        byte[] gateway = new byte[16];
        List<String> seen = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path seed : files.sorted().toList()) {
                byte[] bytes = Files.readAllBytes(seed);
                walker.reset(DecodeEverything.direct(bytes), 0, bytes.length);
                while (walker.next()) {
                    nh.wrap(walker.message());
                    StringBuilder s = new StringBuilder(walker.message().type() == Rtnetlink.RTM_DELNEXTHOP ? "del " : "")
                            .append("id ").append(nh.id()).append(" family ").append(nh.family());
                    int length = nh.copyGateway(gateway);
                    if (length > 0) {
                        s.append(" via ").append(java.net.InetAddress.getByAddress(java.util.Arrays.copyOf(gateway, length))
                                .getHostAddress());
                    }
                    s.append(nh.oif() > 0 ? " dev" : "").append(nh.blackhole() ? " blackhole" : "")
                            .append(nh.fdb() ? " fdb" : "").append(nh.flags() != 0 ? " flags " + nh.flags() : "");
                    if (nh.isGroup()) {
                        s.append(" group");
                        for (int i = 0; i < nh.memberCount(); i++) {
                            s.append(' ').append(nh.memberId(i)).append(',').append(nh.memberWeight(i));
                        }
                        s.append(" type ").append(nh.groupType());
                    }
                    if (nh.isResilient()) {
                        s.append(" buckets ").append(nh.buckets()).append(" idle ").append(nh.idleTimer())
                                .append(" unbalanced ").append(nh.unbalancedTimer());
                    }
                    seen.add(s.toString());
                }
            }
        }
        assertThat(seen).contains("id 1 family 2 via 192.0.2.2 dev", "id 2 family 2 via 192.0.2.3 dev flags 4",
                "id 3 family 2 blackhole", "id 10 family 0 group 1,1 2,3 type 0",
                "id 5 family 10 via 2001:db8:0:0:0:0:0:2 dev", "id 4 family 2 dev", "id 6 family 2 via 192.0.2.4 fdb",
                "id 11 family 0 group 1,2 2,1 type 1 buckets 8 idle 6000 unbalanced 3000",
                "id 1 family 2 via 192.0.2.9 dev", "del id 3 family 2 blackhole");
    }

    @Test
    void a_group_array_that_is_not_whole_nexthop_grp_structures_is_refused_in_one_line() throws Exception {
        NlMsg m = message(new NlMessageWriter(128).beginMessage(Rtnetlink.RTM_NEWNEXTHOP, 0, 0, 0).u8(0).u8(0).u8(0).u8(0)
                .u32(0).attrU32(Rtnetlink.NHA_ID, 10).attrBytes(Rtnetlink.NHA_GROUP, new byte[12]));
        assertThatThrownBy(() -> new NexthopMessage().wrap(m)).isInstanceOf(NetlinkFormatException.class)
                .hasMessage("NHA_GROUP in RTM_NEWNEXTHOP: 12 bytes, not a multiple of 8");
    }

    @Test
    void an_ipv4_nexthop_with_a_16_byte_gateway_and_a_short_bucket_count_are_refused() throws Exception {
        NlMsg gateway = message(new NlMessageWriter(128).beginMessage(Rtnetlink.RTM_NEWNEXTHOP, 0, 0, 0)
                .u8(Rtnetlink.AF_INET).u8(0).u8(0).u8(0).u32(0).attrU32(Rtnetlink.NHA_ID, 1)
                .attrBytes(Rtnetlink.NHA_GATEWAY, new byte[16]));
        assertThatThrownBy(() -> new NexthopMessage().wrap(gateway)).hasMessage(
                "NHA_GATEWAY in RTM_NEWNEXTHOP: 16 bytes, need 4 for the message's family");
        NlMsg buckets = message(new NlMessageWriter(128).beginMessage(Rtnetlink.RTM_NEWNEXTHOP, 0, 0, 0).u8(0).u8(0)
                .u8(0).u8(0).u32(0).attrU32(Rtnetlink.NHA_ID, 11).beginNest(Rtnetlink.NHA_RES_GROUP)
                .attrU8(Rtnetlink.NHA_RES_GROUP_BUCKETS, 8).endNest());
        assertThatThrownBy(() -> new NexthopMessage().wrap(buckets)).hasMessage(
                "NHA_RES_GROUP_BUCKETS in NHA_RES_GROUP: 1 bytes, need 2");
    }

    private static NlMsg message(NlMessageWriter w) throws NetlinkFormatException {
        ByteBuffer buffer = w.endMessage().toDirectBuffer();
        return new NlMsg().wrap(buffer, 0, buffer.remaining());
    }
}
