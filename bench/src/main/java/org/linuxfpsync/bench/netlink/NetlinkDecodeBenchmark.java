package org.linuxfpsync.bench.netlink;

import static org.linuxfpsync.netlink.codec.Rtnetlink.*;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.linuxfpsync.netlink.codec.DatagramWalker;
import org.linuxfpsync.netlink.codec.LinkMessage;
import org.linuxfpsync.netlink.codec.NeighbourMessage;
import org.linuxfpsync.netlink.codec.NetlinkFormatException;
import org.linuxfpsync.netlink.codec.NlMessageWriter;
import org.linuxfpsync.netlink.codec.NlMsg;
import org.linuxfpsync.netlink.codec.RouteMessage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parse cost per message of the decoders on the reader thread's hot path: walk a datagram holding
 * one kernel notification, decode it and read what a sync feature reads. The bytes have the
 * kernel's layout (the attributes, order and sizes of a 6.x kernel's notification for the same
 * object, written with NlMessageWriter). Run with {@code -prof gc}: gc.alloc.rate.norm must be 0.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NetlinkDecodeBenchmark {
    private static final byte[] DST = {10, 20, 0, 0};
    private static final byte[] GATEWAY = {(byte) 192, 0, 2, 2};
    private static final byte[] GATEWAY2 = {(byte) 192, 0, 2, 3};
    private static final byte[] MAC = {0x02, 0x11, 0x22, 0x33, 0x44, 0x55};

    private final DatagramWalker walker = new DatagramWalker();
    private final RouteMessage route = new RouteMessage();
    private final LinkMessage link = new LinkMessage();
    private final NeighbourMessage neighbour = new NeighbourMessage();
    private final byte[] address = new byte[LinkMessage.MAX_ADDR_LEN];
    private ByteBuffer routeEvent;
    private ByteBuffer multipathRouteEvent;
    private ByteBuffer linkEvent;
    private ByteBuffer neighbourEvent;

    private static NlMessageWriter rtmsg(NlMessageWriter w, int dstLength) {
        return w.u8(AF_INET).u8(dstLength).u8(0).u8(0).u8(RT_TABLE_MAIN).u8(RTPROT_STATIC).u8(RT_SCOPE_UNIVERSE)
                .u8(RTN_UNICAST).u32(0);
    }

    @Setup
    public void buildMessages() {
        // ip route add 10.20.0.0/24 via 192.0.2.2 dev v0 (RTM_NEWROUTE as notified)
        routeEvent = rtmsg(new NlMessageWriter(256).beginMessage(RTM_NEWROUTE, 0, 0, 0), 24)
                .attrU32(RTA_TABLE, RT_TABLE_MAIN).attrBytes(RTA_DST, DST).attrBytes(RTA_GATEWAY, GATEWAY)
                .attrU32(RTA_OIF, 3).endMessage().toDirectBuffer();
        // ip route add 10.20.0.0/24 nexthop via 192.0.2.2 dev v0 weight 1 nexthop via 192.0.2.3 dev v0 weight 3
        multipathRouteEvent = rtmsg(new NlMessageWriter(256).beginMessage(RTM_NEWROUTE, 0, 0, 0), 24)
                .attrU32(RTA_TABLE, RT_TABLE_MAIN).attrBytes(RTA_DST, DST)
                .beginNest(RTA_MULTIPATH)
                .beginNexthop(0, 0, 3).attrBytes(RTA_GATEWAY, GATEWAY).endNexthop()
                .beginNexthop(0, 2, 3).attrBytes(RTA_GATEWAY, GATEWAY2).endNexthop()
                .endNest().endMessage().toDirectBuffer();
        // ip link add v0 type veth peer name v1 (RTM_NEWLINK of v0, the attributes a feature reads and their neighbours)
        linkEvent = new NlMessageWriter(1024).beginMessage(RTM_NEWLINK, 0, 0, 0)
                .ifinfomsg(AF_UNSPEC, ARPHRD_ETHER, 3, IFF_BROADCAST | IFF_MULTICAST, 0xffffffff)
                .attrString(IFLA_IFNAME, "v0").attrU32(IFLA_TXQLEN, 1000).attrU8(IFLA_OPERSTATE, IF_OPER_DOWN)
                .attrU8(IFLA_LINKMODE, 0).attrU32(IFLA_MTU, 1500).attrU32(IFLA_MIN_MTU, 68).attrU32(IFLA_MAX_MTU, 65535)
                .attrU32(IFLA_GROUP, 0).attrU32(IFLA_PROMISCUITY, 0).attrU32(IFLA_NUM_TX_QUEUES, 2)
                .attrU32(IFLA_NUM_RX_QUEUES, 2).attrU8(IFLA_CARRIER, 0).attrString(IFLA_QDISC, "noop")
                .attrU32(IFLA_CARRIER_CHANGES, 0).attrU8(IFLA_PROTO_DOWN, 0).attrBytes(IFLA_ADDRESS, MAC)
                .attrBytes(IFLA_BROADCAST, new byte[] {-1, -1, -1, -1, -1, -1}).attrU32(IFLA_LINK, 2)
                .beginNest(IFLA_LINKINFO).attrString(IFLA_INFO_KIND, "veth").endNest()
                .attrU32(IFLA_LINK_NETNSID, 0).endMessage().toDirectBuffer();
        // ip neigh add 192.0.2.9 lladdr 02:11:22:33:44:55 dev v0 nud reachable
        neighbourEvent = new NlMessageWriter(256).beginMessage(RTM_NEWNEIGH, 0, 0, 0)
                .u8(AF_INET).u8(0).u16(0).u32(3).u16(NUD_REACHABLE).u8(0).u8(RTN_UNICAST)
                .attrBytes(NDA_DST, new byte[] {(byte) 192, 0, 2, 9}).attrBytes(NDA_LLADDR, MAC)
                .beginNest(NDA_CACHEINFO).u32(0).u32(0).u32(0).u32(0).endNest().attrU32(NDA_PROBES, 0)
                .endMessage().toDirectBuffer();
    }

    private NlMsg only(ByteBuffer datagram) throws NetlinkFormatException {
        walker.reset(datagram, 0, datagram.limit());
        walker.next();
        return walker.message();
    }

    @Benchmark
    public long route() throws NetlinkFormatException {
        RouteMessage r = route.wrap(only(routeEvent));
        return r.table() + r.dstPrefixLength() + r.copyDst(address) + r.copyGateway(address) + r.oif() + r.type();
    }

    @Benchmark
    public long multipathRoute() throws NetlinkFormatException {
        RouteMessage r = route.wrap(only(multipathRouteEvent));
        long sum = r.table() + r.dstPrefixLength() + r.copyDst(address);
        RouteMessage.Nexthops n = r.nexthops();
        while (n.next()) {
            sum += n.ifindex() + n.weight() + n.copyGateway(address);
        }
        return sum;
    }

    @Benchmark
    public long link() throws NetlinkFormatException {
        LinkMessage l = link.wrap(only(linkEvent));
        return l.ifindex() + l.flags() + l.mtu() + l.master() + l.link() + l.copyAddress(address)
                + (l.kindEquals("veth") ? 1 : 0) + (l.ifnameEquals("v0") ? 1 : 0);
    }

    @Benchmark
    public long neighbour() throws NetlinkFormatException {
        NeighbourMessage n = neighbour.wrap(only(neighbourEvent));
        return n.ifindex() + n.state() + n.copyDst(address) + n.copyLladdr(address);
    }
}
