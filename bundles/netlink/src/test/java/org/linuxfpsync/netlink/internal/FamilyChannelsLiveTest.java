package org.linuxfpsync.netlink.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.linuxfpsync.netlink.codec.Rtnetlink.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import jnr.ffi.Pointer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.linuxfpsync.netlink.ChannelStats;
import org.linuxfpsync.netlink.DumpRequest;
import org.linuxfpsync.netlink.NetlinkFamily;
import org.linuxfpsync.netlink.NetlinkListener;
import org.linuxfpsync.netlink.NetlinkRequest;
import org.linuxfpsync.netlink.ResyncReason;
import org.linuxfpsync.netlink.SubscriptionSpec;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.AddressMessage;
import org.linuxfpsync.netlink.codec.Audit;
import org.linuxfpsync.netlink.codec.AuditMessage;
import org.linuxfpsync.netlink.codec.ConntrackMessage;
import org.linuxfpsync.netlink.codec.NeighbourMessage;
import org.linuxfpsync.netlink.codec.NetconfMessage;
import org.linuxfpsync.netlink.codec.NetlinkRequests;
import org.linuxfpsync.netlink.codec.NexthopMessage;
import org.linuxfpsync.netlink.codec.Nfnetlink;
import org.linuxfpsync.netlink.codec.NftMessage;
import org.linuxfpsync.netlink.codec.PacketDiagMessage;
import org.linuxfpsync.netlink.codec.RouteMessage;
import org.linuxfpsync.netlink.codec.RuleMessage;
import org.linuxfpsync.netlink.codec.SockDiag;
import org.linuxfpsync.netlink.codec.NlMsg;
import org.linuxfpsync.netlink.codec.Xfrm;
import org.linuxfpsync.netlink.codec.XfrmAeventMessage;
import org.linuxfpsync.netlink.codec.XfrmPolicyMessage;

/**
 * Every channel of {@code show netlink} opened in a throw-away namespace and receiving real kernel
 * messages, decoded by the decoder of their kind: the rtnetlink kinds, xfrm policies, conntrack
 * entries (with NAT) and nftables objects on separate netfilter channels, packet sockets and
 * their BPF filter through the command-only sock_diag channel, and audit records.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FamilyChannelsLiveTest extends NamespaceLiveTest {
    private static final int VRFID = 5;

    @BeforeEach
    void startTransport() {
        startService(Map.of());
    }

    private Vrf vrf() {
        return new Vrf(VRFID, ns.name());
    }

    private List<String> channelNames() {
        return service.channels().stream().map(ChannelStats::name).toList();
    }

    @Test
    void route_address_neighbour_rule_and_netconf_events_decode_on_the_route_channel() throws Exception {
        CollectingListener routes = new CollectingListener("RouteMessageFuzzTest", "route");
        CollectingListener addresses = new CollectingListener("AddressMessageFuzzTest", "address");
        CollectingListener neighbours = new CollectingListener("NeighbourMessageFuzzTest", "neigh");
        CollectingListener rules = new CollectingListener("RuleMessageFuzzTest", "rule");
        CollectingListener netconf = new CollectingListener("NetconfMessageFuzzTest", "netconf");
        service.subscribe(new SubscriptionSpec(NetlinkFamily.ROUTE, vrf(), new int[] {RTNLGRP_IPV4_ROUTE, RTNLGRP_IPV6_ROUTE},
                new int[] {RTM_NEWROUTE, RTM_DELROUTE}, List.of(new DumpRequest(RTM_GETROUTE, NetlinkRequests.rtmsgDump(AF_UNSPEC)))),
                routes);
        service.subscribe(new SubscriptionSpec(NetlinkFamily.ROUTE, vrf(), new int[] {RTNLGRP_IPV4_IFADDR, RTNLGRP_IPV6_IFADDR},
                new int[] {RTM_NEWADDR, RTM_DELADDR}, List.of(new DumpRequest(RTM_GETADDR, NetlinkRequests.ifaddrmsgDump(AF_UNSPEC)))),
                addresses);
        service.subscribe(new SubscriptionSpec(NetlinkFamily.ROUTE, vrf(), new int[] {RTNLGRP_NEIGH},
                new int[] {RTM_NEWNEIGH, RTM_DELNEIGH}, List.of(new DumpRequest(RTM_GETNEIGH, NetlinkRequests.ndmsgDump(AF_UNSPEC)))),
                neighbours);
        service.subscribe(new SubscriptionSpec(NetlinkFamily.ROUTE, vrf(), new int[] {RTNLGRP_IPV4_RULE, RTNLGRP_IPV6_RULE},
                new int[] {RTM_NEWRULE, RTM_DELRULE}, List.of(new DumpRequest(RTM_GETRULE, NetlinkRequests.fibRuleHdrDump(AF_UNSPEC)))),
                rules);
        service.subscribe(new SubscriptionSpec(NetlinkFamily.ROUTE, vrf(), new int[] {RTNLGRP_IPV4_NETCONF},
                new int[] {RTM_NEWNETCONF, RTM_DELNETCONF},
                List.of(new DumpRequest(RTM_GETNETCONF, NetlinkRequests.netconfmsgDump(AF_INET)))), netconf);

        ns.ipBatch(List.of("link add v0 type veth peer name v1", "link set v0 up", "link set v1 up",
                "addr add 192.0.2.1/24 dev v0 label v0:web", "addr add 2001:db8::1/64 dev v0 nodad",
                "route add 10.20.0.0/24 nexthop via 192.0.2.2 dev v0 weight 1 nexthop via 192.0.2.3 dev v0 weight 3",
                "route add 10.30.0.0/16 via 192.0.2.2 table 1000 mtu 1400",
                "route add 2001:db8:1::/64 nexthop via 2001:db8::2 dev v0 nexthop via 2001:db8::3 dev v0",
                "route add blackhole 10.40.0.0/16",
                "neigh add 192.0.2.9 lladdr 02:00:00:00:00:09 dev v0 nud permanent",
                "rule add pref 100 fwmark 0x10/0xff table 1000", "rule add pref 200 from 10.0.0.0/8 iif v0 table 100"));
        ns.exec("sh", "-c", "echo 1 > /proc/sys/net/ipv4/conf/v0/forwarding");

        RouteMessage route = new RouteMessage();
        Eventually.await("the IPv4 multipath route with weights 1 and 3", () -> routes.received(m -> {
            if (m.type() != RTM_NEWROUTE || route.wrap(m).nexthopCount() != 2) {
                return false;
            }
            RouteMessage.Nexthops n = route.nexthops();
            return route.family() == AF_INET && n.next() && n.weight() == 1 && n.next() && n.weight() == 3;
        }));
        Eventually.await("the IPv6 multipath route", () -> routes.received(m -> m.type() == RTM_NEWROUTE
                && route.wrap(m).family() == AF_INET6 && route.nexthopCount() == 2));
        Eventually.await("the route in table 1000 with its MTU metric", () -> routes.received(m -> m.type() == RTM_NEWROUTE
                && route.wrap(m).table() == 1000 && route.mtu() == 1400));
        Eventually.await("the blackhole route", () -> routes.received(m -> m.type() == RTM_NEWROUTE
                && route.wrap(m).type() == RTN_BLACKHOLE));
        AddressMessage address = new AddressMessage();
        Eventually.await("the labelled IPv4 address", () -> addresses.received(m -> m.type() == RTM_NEWADDR
                && address.wrap(m).labelEquals("v0:web") && address.prefixLength() == 24));
        NeighbourMessage neighbour = new NeighbourMessage();
        Eventually.await("the permanent neighbour", () -> neighbours.received(m -> m.type() == RTM_NEWNEIGH
                && neighbour.wrap(m).state() == NUD_PERMANENT && neighbour.lladdrLength() == 6));
        RuleMessage rule = new RuleMessage();
        Eventually.await("the fwmark rule", () -> rules.received(m -> m.type() == RTM_NEWRULE
                && rule.wrap(m).priority() == 100 && rule.fwmark() == 0x10 && rule.fwmask() == 0xff && rule.table() == 1000));
        Eventually.await("the iif rule", () -> rules.received(m -> m.type() == RTM_NEWRULE
                && rule.wrap(m).priority() == 200 && rule.iifnameEquals("v0")));
        NetconfMessage conf = new NetconfMessage();
        Eventually.await("forwarding on v0", () -> netconf.received(m -> m.type() == RTM_NEWNETCONF
                && conf.wrap(m).forwarding() == 1 && conf.ifindex() > 0));
        assertThat(netconf.received(m -> conf.wrap(m).ifindex() == NETCONFA_IFINDEX_ALL)).as("conf/all in the dump").isTrue();
        assertThat(channelNames()).containsExactly("netlink-route-listen-5", "netlink-route-cmd-5");
    }

    @Test
    void nexthop_objects_groups_and_resilient_groups_are_dumped_and_notified() throws Exception {
        ns.ipBatch(List.of("link set lo up", "link add v0 type veth peer name v1", "link set v0 up", "link set v1 up",
                "addr add 192.0.2.1/24 dev v0", "addr add 2001:db8::1/64 dev v0 nodad",
                "nexthop add id 1 via 192.0.2.2 dev v0", "nexthop add id 2 via 192.0.2.3 dev v0 onlink",
                "nexthop add id 3 blackhole", "nexthop add id 10 group 1/2,3"));
        CollectingListener nexthops = new CollectingListener("NexthopMessageFuzzTest", "nexthop");
        service.subscribe(new SubscriptionSpec(NetlinkFamily.ROUTE, vrf(), new int[] {RTNLGRP_NEXTHOP},
                new int[] {RTM_NEWNEXTHOP, RTM_DELNEXTHOP},
                List.of(new DumpRequest(RTM_GETNEXTHOP, NetlinkRequests.nhmsgDump(AF_UNSPEC)))), nexthops);
        NexthopMessage nh = new NexthopMessage();
        Eventually.await("the dumped group 10: 1 and 2 weight 3", () -> nexthops.received(m -> m.type() == RTM_NEWNEXTHOP
                && nh.wrap(m).id() == 10 && nh.memberCount() == 2 && nh.memberId(0) == 1 && nh.memberWeight(0) == 1
                && nh.memberId(1) == 2 && nh.memberWeight(1) == 3 && nh.groupType() == NEXTHOP_GRP_TYPE_MPATH));

        ns.ipBatch(List.of("nexthop add id 5 via 2001:db8::2 dev v0", "nexthop add id 4 dev v0",
                "nexthop add id 6 via 192.0.2.4 fdb",
                "nexthop add id 11 group 1,2/2 type resilient buckets 8 idle_timer 60 unbalanced_timer 30",
                "nexthop replace id 1 via 192.0.2.9 dev v0", "nexthop del id 3"));
        byte[] gateway = new byte[16];
        Eventually.await("the resilient group 11", () -> nexthops.received(m -> m.type() == RTM_NEWNEXTHOP
                && nh.wrap(m).id() == 11 && nh.groupType() == NEXTHOP_GRP_TYPE_RES && nh.isResilient()
                && nh.buckets() == 8 && nh.idleTimer() == 6000 && nh.unbalancedTimer() == 3000
                && nh.memberWeight(0) == 2));
        Eventually.await("the IPv6 nexthop 5", () -> nexthops.received(m -> m.type() == RTM_NEWNEXTHOP
                && nh.wrap(m).id() == 5 && nh.family() == AF_INET6 && nh.copyGateway(gateway) == 16 && nh.oif() > 0));
        Eventually.await("the fdb nexthop 6", () -> nexthops.received(m -> m.type() == RTM_NEWNEXTHOP
                && nh.wrap(m).id() == 6 && nh.fdb() && nh.oif() == 0));
        Eventually.await("nexthop 1 replaced by 192.0.2.9", () -> nexthops.received(m -> m.type() == RTM_NEWNEXTHOP
                && nh.wrap(m).id() == 1 && nh.copyGateway(gateway) == 4 && (gateway[3] & 0xff) == 9));
        Eventually.await("the blackhole 3 deleted", () -> nexthops.received(m -> m.type() == RTM_DELNEXTHOP
                && nh.wrap(m).id() == 3 && nh.blackhole()));
    }

    @Test
    void an_xfrm_policy_added_and_deleted_reaches_netlink_xfrm_listen() throws Exception {
        CollectingListener policies = new CollectingListener("XfrmPolicyMessageFuzzTest", "policy");
        service.subscribe(new SubscriptionSpec(NetlinkFamily.XFRM, vrf(), new int[] {Xfrm.XFRMNLGRP_POLICY},
                new int[] {Xfrm.XFRM_MSG_NEWPOLICY, Xfrm.XFRM_MSG_DELPOLICY, Xfrm.XFRM_MSG_UPDPOLICY},
                List.of(new DumpRequest(Xfrm.XFRM_MSG_GETPOLICY, new byte[0]))), policies);

        ns.ip("xfrm", "policy", "add", "src", "10.0.0.1/32", "dst", "10.0.0.2/32", "proto", "udp", "dir", "out",
                "priority", "100", "tmpl", "src", "192.0.2.1", "dst", "192.0.2.2", "proto", "esp", "reqid", "7", "mode", "tunnel");
        ns.ip("xfrm", "policy", "delete", "src", "10.0.0.1/32", "dst", "10.0.0.2/32", "proto", "udp", "dir", "out");

        XfrmPolicyMessage policy = new XfrmPolicyMessage();
        Eventually.await("XFRM_MSG_NEWPOLICY with its ESP template", () -> policies.received(m ->
                m.type() == Xfrm.XFRM_MSG_NEWPOLICY && policy.wrap(m).direction() == Xfrm.XFRM_POLICY_OUT
                        && policy.priority() == 100 && policy.selector().proto() == 17 && policy.templateCount() == 1
                        && policy.templates().next() && policy.templates().next() && true));
        assertThat(policies.received(m -> {
            if (m.type() != Xfrm.XFRM_MSG_NEWPOLICY) {
                return false;
            }
            XfrmPolicyMessage.Templates t = policy.wrap(m).templates();
            return t.next() && t.proto() == Xfrm.IPPROTO_ESP && t.reqid() == 7 && t.mode() == Xfrm.XFRM_MODE_TUNNEL;
        })).isTrue();
        Eventually.await("XFRM_MSG_DELPOLICY", () -> policies.received(m -> m.type() == Xfrm.XFRM_MSG_DELPOLICY
                && policy.wrap(m).direction() == Xfrm.XFRM_POLICY_OUT));
        assertThat(channelNames()).containsExactly("netlink-xfrm-listen-5", "netlink-xfrm-cmd-5");
    }

    @Test
    void GETAE_follow_ups_of_a_dump_bring_a_larval_SAs_replay_state_and_a_refused_one_does_not_fail_the_dump()
            throws Exception {
        // ALLOCSPI makes a larval SA with an SPI (this kernel refuses ESP states, not larval ones)
        ns.ip("xfrm", "state", "allocspi", "src", "10.0.0.1", "dst", "10.0.0.2", "proto", "esp", "mode", "tunnel",
                "min", "0x200", "max", "0x200");
        CollectingListener answers = new CollectingListener("XfrmAeventMessageTest", "aevent");
        byte[] dst = {10, 0, 0, 2};
        int flags = Xfrm.XFRM_AE_RVAL | Xfrm.XFRM_AE_RTHR | Xfrm.XFRM_AE_ETHR;
        List<NetlinkRequest> followUps = List.of(
                new NetlinkRequest(Xfrm.XFRM_MSG_GETAE,
                        XfrmAeventMessage.getAeRequest(AF_INET, dst, 0x200, Xfrm.IPPROTO_ESP, flags, 0, 0)),
                new NetlinkRequest(Xfrm.XFRM_MSG_GETAE,   // no such SA: ESRCH
                        XfrmAeventMessage.getAeRequest(AF_INET, dst, 0x999, Xfrm.IPPROTO_ESP, flags, 0, 0)));
        service.subscribe(new SubscriptionSpec(NetlinkFamily.XFRM, vrf(), new int[] {Xfrm.XFRMNLGRP_AEVENTS},
                new int[] {Xfrm.XFRM_MSG_NEWAE}, List.of(new DumpRequest(Xfrm.XFRM_MSG_GETSA, new byte[0]))),
                new NetlinkListener() {
                    @Override
                    public void dumpStarted(ResyncReason reason) {
                    }

                    @Override
                    public void message(NlMsg message, boolean fromDump) {
                        assertThat(fromDump).isTrue();
                        answers.message(message, true);
                    }

                    @Override
                    public List<NetlinkRequest> followUps() {
                        return followUps;
                    }

                    @Override
                    public void dumpFinished(boolean complete) {
                        answers.dumpFinished(complete);
                    }
                });

        XfrmAeventMessage aevent = new XfrmAeventMessage();
        assertThat(answers.completeDumps).isEqualTo(1);
        assertThat(answers.messages).hasSize(1);
        assertThat(answers.received(m -> aevent.wrap(m).spi() == 0x200 && aevent.proto() == Xfrm.IPPROTO_ESP
                && !aevent.esn() && aevent.outboundSequence() == 0 && aevent.inboundSequence() == 0
                && aevent.bitmapWord(0) == 0 && aevent.flags() == flags && aevent.replayThreshold() >= 0
                && aevent.eventTimerThreshold() >= 0)).isTrue();
    }

    @Test
    void conntrack_entries_with_NAT_and_nftables_objects_arrive_on_two_netfilter_channels() throws Exception {
        assumeTrue(TestNamespace.hasTool("nft"), "nft (nftables) not installed");
        CollectingListener conntrack = new CollectingListener("ConntrackMessageFuzzTest", "conntrack");
        CollectingListener nftables = new CollectingListener("NftMessageFuzzTest", "nft");
        int ctNew = Nfnetlink.type(Nfnetlink.NFNL_SUBSYS_CTNETLINK, Nfnetlink.IPCTNL_MSG_CT_NEW);
        int ctDelete = Nfnetlink.type(Nfnetlink.NFNL_SUBSYS_CTNETLINK, Nfnetlink.IPCTNL_MSG_CT_DELETE);
        service.subscribe(new SubscriptionSpec(NetlinkFamily.NETFILTER, vrf(),
                new int[] {Nfnetlink.NFNLGRP_CONNTRACK_NEW, Nfnetlink.NFNLGRP_CONNTRACK_DESTROY}, new int[] {ctNew, ctDelete},
                List.of(new DumpRequest(Nfnetlink.type(Nfnetlink.NFNL_SUBSYS_CTNETLINK, Nfnetlink.IPCTNL_MSG_CT_GET),
                        NetlinkRequests.nfgenmsgDump(AF_INET))), "conntrack"), conntrack);
        int[] nftTypes = new int[16];
        for (int i = 0; i < nftTypes.length; i++) {
            nftTypes[i] = Nfnetlink.type(Nfnetlink.NFNL_SUBSYS_NFTABLES, i);
        }
        service.subscribe(new SubscriptionSpec(NetlinkFamily.NETFILTER, vrf(), new int[] {Nfnetlink.NFNLGRP_NFTABLES},
                nftTypes, List.of(new DumpRequest(Nfnetlink.type(Nfnetlink.NFNL_SUBSYS_NFTABLES, Nfnetlink.NFT_MSG_GETTABLE),
                        NetlinkRequests.nfgenmsgDump(AF_UNSPEC))), "nftables"), nftables);

        ns.ip("link", "set", "lo", "up");
        ns.ip("addr", "add", "127.0.0.2/8", "dev", "lo");
        // a DNAT on the output hook: the reply tuple of the UDP flow then comes from 127.0.0.2:10
        ns.exec("nft", "add table ip cmgrtest; add chain ip cmgrtest out { type nat hook output priority -100 ; };"
                + " add rule ip cmgrtest out udp dport 9 dnat to 127.0.0.2:10");
        ns.exec("bash", "-c", "echo hello > /dev/udp/127.0.0.1/9");

        ConntrackMessage ct = new ConntrackMessage();
        byte[] address = new byte[16];
        Eventually.await("IPCTNL_MSG_CT_NEW of the UDP flow, NATed", () -> conntrack.received(m -> m.type() == ctNew
                && ct.wrap(m).original().protocol() == 17 && ct.original().dstPort() == 9 && ct.natted()
                && ct.reply().srcPort() == 10 && ct.reply().copySrc(address) == 4 && address[3] == 2), service::channels);
        NftMessage nft = new NftMessage();
        Eventually.await("NFT_MSG_NEWTABLE, NEWCHAIN, NEWRULE and NEWGEN", () -> nftables.received(m ->
                nft.wrap(m).kind() == NftMessage.Kind.TABLE && nft.tableNameEquals("cmgrtest"))
                && nftables.received(m -> nft.wrap(m).kind() == NftMessage.Kind.CHAIN && nft.chainNameEquals("out"))
                && nftables.received(m -> nft.wrap(m).kind() == NftMessage.Kind.RULE && nft.handle() > 0)
                && nftables.received(m -> nft.wrap(m).kind() == NftMessage.Kind.GENERATION && nft.generationId() > 0));
        assertThat(channelNames()).containsExactly("netlink-netfilter-conntrack-listen-5", "netlink-netfilter-conntrack-cmd-5",
                "netlink-netfilter-nftables-listen-5", "netlink-netfilter-nftables-cmd-5");
        ChannelStats conntrackListen = service.channels().get(0);
        assertThat(conntrackListen.packetsByType()).containsKey("IPCTNL_MSG_CT_NEW");
    }

    @Test
    void a_packet_socket_and_its_BPF_filter_are_dumped_through_the_command_only_sock_diag_channel() throws Exception {
        Posix posix = service.posix();
        int fd = NetworkNamespace.socketIn(posix, ns.name(), AF_PACKET, 3 /* SOCK_RAW */, 0x0300 /* htons(ETH_P_ALL) */,
                "packet");
        try {
            // ldh [12]; jeq #0x800, 0, 1; ret #262144; ret #0
            ByteBuffer program = ByteBuffer.allocateDirect(32).order(ByteOrder.nativeOrder());
            program.putShort((short) 0x28).put((byte) 0).put((byte) 0).putInt(12);
            program.putShort((short) 0x15).put((byte) 0).put((byte) 1).putInt(0x0800);
            program.putShort((short) 0x06).put((byte) 0).put((byte) 0).putInt(0x40000);
            program.putShort((short) 0x06).put((byte) 0).put((byte) 0).putInt(0);
            Pointer filter = posix.wrap(program.flip()); // the pointer starts at the buffer's position
            Pointer fprog = posix.allocate(16); // struct sock_fprog { unsigned short len; struct sock_filter *filter; }
            fprog.putShort(0, (short) 4);
            fprog.putAddress(8, filter.address());
            int attached = posix.libc().setsockopt(fd, 1 /* SOL_SOCKET */, 26 /* SO_ATTACH_FILTER */, fprog, 16);
            assertThat(attached).as("SO_ATTACH_FILTER: %s", attached < 0 ? posix.describe(posix.errno()) : "").isZero();

            CollectingListener sockets = new CollectingListener("PacketDiagMessageFuzzTest", "packet");
            service.subscribe(new SubscriptionSpec(NetlinkFamily.SOCK_DIAG, vrf(), new int[0],
                    new int[] {SockDiag.SOCK_DIAG_BY_FAMILY}, List.of(new DumpRequest(SockDiag.SOCK_DIAG_BY_FAMILY,
                            NetlinkRequests.packetDiagDump(SockDiag.PACKET_SHOW_INFO | SockDiag.PACKET_SHOW_FILTER)))), sockets);

            PacketDiagMessage packet = new PacketDiagMessage();
            assertThat(sockets.received(m -> packet.wrap(m).protocol() == 3 && packet.filterLength() == 4
                    && packet.filterCode(0) == 0x28 && packet.filterK(1) == 0x0800 && packet.filterK(2) == 0x40000))
                    .as("the initial dump, delivered before subscribe() returned").isTrue();
            assertThat(channelNames()).containsExactly("netlink-sock-diag-cmd-5");
        } finally {
            posix.libc().close(fd);
        }
    }

    @Test
    void the_audit_channel_opens_in_a_namespace_and_receives_records_in_the_initial_one() throws Exception {
        // The kernel multicasts audit records to AUDIT_NLGRP_READLOG of the initial network namespace
        // only (kauditd_send_multicast_skb): a channel in another namespace joins, but never receives.
        CollectingListener inNamespace = new CollectingListener("AuditMessageFuzzTest", "audit-ns");
        service.subscribe(new SubscriptionSpec(NetlinkFamily.AUDIT, vrf(), new int[] {Audit.AUDIT_NLGRP_READLOG},
                new int[] {Audit.AUDIT_USER_AVC, Audit.AUDIT_NETFILTER_CFG}, List.of()), inNamespace);
        CollectingListener initial = new CollectingListener("AuditMessageFuzzTest", "audit");
        service.subscribe(new SubscriptionSpec(NetlinkFamily.AUDIT, Vrf.defaultVrf(), new int[] {Audit.AUDIT_NLGRP_READLOG},
                new int[] {Audit.AUDIT_USER_AVC, Audit.AUDIT_NETFILTER_CFG}, List.of()), initial);

        // A user-space AVC record (the one type the kernel relays while auditing is disabled), sent
        // from the test namespace: read-only for the host, it ends in the kernel log at most.
        String marker = "cmgr-test " + ns.name();
        try (NetlinkSocket sender = NetlinkSocket.open(service.posix(), NetlinkFamily.AUDIT, ns.name(), "audit-sender")) {
            // NUL-terminated: the kernel takes the last byte of a user message for its terminator
            byte[] text = ("avc:  granted  { read } for " + marker + "\0").getBytes(StandardCharsets.US_ASCII);
            ByteBuffer request = ByteBuffer.allocateDirect(256).order(ByteOrder.nativeOrder());
            int length = NetlinkRequests.writeRequest(request, 0, Audit.AUDIT_USER_AVC, NLM_F_REQUEST, 1, text);
            sender.send(service.posix().wrap(request), length, 0);
        }

        AuditMessage audit = new AuditMessage();
        Eventually.await("our AUDIT_USER_AVC record on netlink-audit-listen-0", () -> initial.received(m ->
                m.type() == Audit.AUDIT_USER_AVC && audit.wrap(m).findField("msg") && audit.field("msg").contains(marker)
                        && audit.serial() > 0), service::channels);
        assertThat(inNamespace.messages).as("nothing reaches a namespace other than the initial one").isEmpty();
        assertThat(channelNames()).containsExactly("netlink-audit-listen-5", "netlink-audit-cmd-5",
                "netlink-audit-listen-0", "netlink-audit-cmd-0");
        assertThat(Arrays.asList(service.channels().get(2).packetsByType().keySet().toArray())).contains("AUDIT_USER_AVC");
    }
}
