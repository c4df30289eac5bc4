package org.linuxfpsync.netlink.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The fuzz seeds are real kernel messages (captured in a throw-away namespace: KernelSeedCapture for
 * links, FamilyChannelsLiveTest with -Dnetlink.captureSeeds for the other kinds; the one xfrm SA
 * is uapi-encoded): every one must decode with its decoder, without error.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class KernelSeedsTest {

    private static List<Path> seeds() throws IOException, URISyntaxException {
        Path dir = Path.of(KernelSeedsTest.class.getResource(
                "LinkMessageFuzzTestInputs/arbitraryDatagramsDecodeOrFailCleanly").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    @Test
    void every_captured_kernel_datagram_decodes_without_error() throws Exception {
        DecodeEverything decoder = new DecodeEverything();
        int messages = 0;
        for (Path seed : seeds()) {
            byte[] bytes = Files.readAllBytes(seed);
            messages += decoder.decode(DecodeEverything.direct(bytes), bytes.length);
        }
        assertThat(seeds()).hasSizeGreaterThan(10);
        assertThat(messages).isGreaterThan(seeds().size());
    }

    @Test
    void the_captured_dump_and_events_describe_the_links_that_were_made() throws Exception {
        DatagramWalker walker = new DatagramWalker();
        LinkMessage link = new LinkMessage();
        List<String> links = new ArrayList<>();
        boolean done = false;
        for (Path seed : seeds()) {
            byte[] bytes = Files.readAllBytes(seed);
            ByteBuffer datagram = DecodeEverything.direct(bytes);
            walker.reset(datagram, 0, bytes.length);
            while (walker.next()) {
                NlMsg msg = walker.message();
                done |= msg.type() == Rtnetlink.NLMSG_DONE;
                if (msg.type() == Rtnetlink.RTM_NEWLINK && link.wrap(msg).family() == Rtnetlink.AF_UNSPEC) {
                    links.add(link.ifname() + "/" + link.kind() + "/" + link.slaveKind() + "/" + link.mtu());
                }
            }
        }
        assertThat(done).isTrue();
        assertThat(links).contains("lo/null/null/65536", "v0/veth/bridge/1500", "v1/veth/null/1400",
                "br0/bridge/null/1500", "vx0/vxlan/null/1500", "mv0/macvlan/null/1400");
    }

    private interface SeedDecoder {
        void decode(NlMsg message) throws NetlinkFormatException;
    }

    @Test
    void every_seed_of_every_decoder_decodes_with_that_decoder_without_error() throws Exception {
        Map<String, SeedDecoder> decoders = new LinkedHashMap<>();
        AddressMessage address = new AddressMessage();
        RouteMessage route = new RouteMessage();
        NeighbourMessage neighbour = new NeighbourMessage();
        RuleMessage rule = new RuleMessage();
        NexthopMessage nexthop = new NexthopMessage();
        NetconfMessage netconf = new NetconfMessage();
        XfrmSaMessage sa = new XfrmSaMessage();
        XfrmPolicyMessage policy = new XfrmPolicyMessage();
        ConntrackMessage conntrack = new ConntrackMessage();
        NftMessage nft = new NftMessage();
        AuditMessage audit = new AuditMessage();
        PacketDiagMessage packet = new PacketDiagMessage();
        decoders.put("AddressMessage", address::wrap);
        decoders.put("RouteMessage", route::wrap);
        decoders.put("NeighbourMessage", neighbour::wrap);
        decoders.put("RuleMessage", rule::wrap);
        decoders.put("NexthopMessage", nexthop::wrap);
        decoders.put("NetconfMessage", netconf::wrap);
        decoders.put("XfrmSaMessage", sa::wrap);
        decoders.put("XfrmPolicyMessage", policy::wrap);
        decoders.put("ConntrackMessage", conntrack::wrap);
        decoders.put("NftMessage", nft::wrap);
        decoders.put("AuditMessage", audit::wrap);
        decoders.put("PacketDiagMessage", packet::wrap);
        DatagramWalker walker = new DatagramWalker();
        Map<String, Integer> decoded = new LinkedHashMap<>();
        for (Map.Entry<String, SeedDecoder> decoder : decoders.entrySet()) {
            Path dir = Path.of(KernelSeedsTest.class.getResource(decoder.getKey() + "FuzzTestInputs/decodeOrFailCleanly").toURI());
            try (Stream<Path> files = Files.list(dir)) {
                for (Path seed : files.sorted().toList()) {
                    byte[] bytes = Files.readAllBytes(seed);
                    walker.reset(DecodeEverything.direct(bytes), 0, bytes.length);
                    while (walker.next()) {
                        decoder.getValue().decode(walker.message());
                        decoded.merge(decoder.getKey(), 1, Integer::sum);
                    }
                }
            }
        }
        assertThat(decoded).containsOnlyKeys(decoders.keySet()).allSatisfy((name, count) -> assertThat(count).isPositive());
    }
}
