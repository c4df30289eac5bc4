package org.linuxfpsync.netlink.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.linuxfpsync.netlink.codec.Rtnetlink.*;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * Address, route, neighbour, rule and netconf decoders on bytes laid out as the uapi headers
 * define them (written field by field with NlMessageWriter), each with its error cases.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RtnetlinkDecodersTest {
    private static final byte[] V4_A = {10, 0, 0, 1};
    private static final byte[] V4_GW = {(byte) 192, 0, 2, 1};
    private static final byte[] V4_GW2 = {(byte) 192, 0, 2, 2};
    private static final byte[] V6_A = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    private static final byte[] MAC = {0x02, 0x11, 0x22, 0x33, 0x44, 0x55};

    private final NlMsg msg = new NlMsg();
    private final byte[] out = new byte[16];

    private NlMsg first(ByteBuffer datagram) throws NetlinkFormatException {
        return msg.wrap(datagram, 0, datagram.limit());
    }

    private static NlMessageWriter rtmsg(NlMessageWriter w, int family, int dstLen, int table, int protocol, int scope,
                                         int type, int flags) {
        return w.u8(family).u8(dstLen).u8(0).u8(0).u8(table).u8(protocol).u8(scope).u8(type).u32(flags);
    }

    // ---- addresses

    private static NlMessageWriter ifaddrmsg(NlMessageWriter w, int family, int prefixLength, int flags, int scope, int ifindex) {
        return w.u8(family).u8(prefixLength).u8(flags).u8(scope).u32(ifindex);
    }

    @Test
    void an_IPv4_address_decodes_with_its_label_lifetimes_and_32_bit_flags() throws Exception {
        NlMessageWriter w = new NlMessageWriter(256).beginMessage(RTM_NEWADDR, 0, 0, 0);
        ifaddrmsg(w, AF_INET, 24, IFA_F_PERMANENT, RT_SCOPE_UNIVERSE, 3)
                .attrBytes(IFA_ADDRESS, V4_A).attrBytes(IFA_LOCAL, V4_A).attrBytes(IFA_BROADCAST, new byte[] {10, 0, 0, (byte) 255})
                .attrString(IFA_LABEL, "v0:1").attrU32(IFA_FLAGS, IFA_F_PERMANENT | IFA_F_NOPREFIXROUTE)
                .beginNest(IFA_CACHEINFO).u32(-1).u32(-1).u32(100).u32(200).endNest()
                .attrU32(IFA_RT_PRIORITY, 50).attrU8(IFA_PROTO, 1).endMessage();
        AddressMessage a = new AddressMessage().wrap(first(w.toDirectBuffer()));

        assertThat(a.family()).isEqualTo(AF_INET);
        assertThat(a.prefixLength()).isEqualTo(24);
        assertThat(a.scope()).isEqualTo(RT_SCOPE_UNIVERSE);
        assertThat(a.ifindex()).isEqualTo(3);
        assertThat(a.flags()).as("IFA_FLAGS wins over ifa_flags").isEqualTo(IFA_F_PERMANENT | IFA_F_NOPREFIXROUTE);
        assertThat(a.copyAddress(out)).isEqualTo(4);
        assertThat(out).startsWith(V4_A);
        assertThat(a.copyLocal(out)).isEqualTo(4);
        assertThat(a.copyBroadcast(out)).isEqualTo(4);
        assertThat(out[3]).isEqualTo((byte) 255);
        assertThat(a.label()).isEqualTo("v0:1");
        assertThat(a.labelEquals("v0:1")).isTrue();
        assertThat(a.preferredLifetime()).isEqualTo(0xffffffffL);
        assertThat(a.validLifetime()).isEqualTo(0xffffffffL);
        assertThat(a.routePriority()).isEqualTo(50);
        assertThat(a.protocol()).isEqualTo(1);
    }

    @Test
    void an_address_without_IFA_FLAGS_reads_the_8_bit_flags_and_absent_fields_as_documented() throws Exception {
        NlMessageWriter w = new NlMessageWriter(128).beginMessage(RTM_DELADDR, 0, 0, 0);
        ifaddrmsg(w, AF_INET6, 64, IFA_F_TENTATIVE, RT_SCOPE_LINK, 4).attrBytes(IFA_ADDRESS, V6_A).endMessage();
        AddressMessage a = new AddressMessage().wrap(first(w.toDirectBuffer()));

        assertThat(a.flags()).isEqualTo(IFA_F_TENTATIVE);
        assertThat(a.copyAddress(out)).isEqualTo(16);
        assertThat(a.copyLocal(out)).isZero();
        assertThat(a.label()).isNull();
        assertThat(a.preferredLifetime()).isEqualTo(-1);
        assertThat(a.routePriority()).isZero();
    }

    @Test
    void address_errors_name_the_field_and_the_lengths() {
        NlMessageWriter v6InV4 = new NlMessageWriter(128).beginMessage(RTM_NEWADDR, 0, 0, 0);
        ifaddrmsg(v6InV4, AF_INET, 24, 0, 0, 3).attrBytes(IFA_LOCAL, V6_A).endMessage();
        assertThatThrownBy(() -> new AddressMessage().wrap(first(v6InV4.toDirectBuffer())))
                .isInstanceOf(NetlinkFormatException.class)
                .hasMessage("IFA_LOCAL in RTM_NEWADDR: 16 bytes, need 4 for the message's family");

        NlMessageWriter truncated = new NlMessageWriter(64).beginMessage(RTM_NEWADDR, 0, 0, 0).u32(0).endMessage();
        assertThatThrownBy(() -> new AddressMessage().wrap(first(truncated.toDirectBuffer())))
                .isInstanceOf(NetlinkFormatException.class)
                .hasMessage("truncated ifaddrmsg in RTM_NEWADDR: 4 bytes, need 8");

        NlMessageWriter longLabel = new NlMessageWriter(128).beginMessage(RTM_NEWADDR, 0, 0, 0);
        ifaddrmsg(longLabel, AF_INET, 24, 0, 0, 3).attrString(IFA_LABEL, "a-label-of-16-ch").endMessage();
        assertThatThrownBy(() -> new AddressMessage().wrap(first(longLabel.toDirectBuffer())))
                .hasMessage("IFA_LABEL in RTM_NEWADDR: 17 bytes, longer than IFNAMSIZ (16)");

        NlMessageWriter shortFlags = new NlMessageWriter(128).beginMessage(RTM_NEWADDR, 0, 0, 0);
        ifaddrmsg(shortFlags, AF_INET, 24, 0, 0, 3).attrU16(IFA_FLAGS, 1).endMessage();
        assertThatThrownBy(() -> new AddressMessage().wrap(first(shortFlags.toDirectBuffer())))
                .hasMessage("IFA_FLAGS in RTM_NEWADDR: 2 bytes, need 4");

        NlMessageWriter link = new NlMessageWriter(64).beginMessage(RTM_NEWLINK, 0, 0, 0).zeros(16).endMessage();
        assertThatIllegalArgumentException().isThrownBy(() -> new AddressMessage().wrap(first(link.toDirectBuffer())))
                .withMessage("not an address message: RTM_NEWLINK");
    }

    // ---- routes

    @Test
    void a_single_path_IPv4_route_decodes_with_gateway_oif_metric_mtu_and_a_32_bit_table() throws Exception {
        NlMessageWriter w = new NlMessageWriter(256).beginMessage(RTM_NEWROUTE, 0, 0, 0);
        rtmsg(w, AF_INET, 8, RT_TABLE_COMPAT, RTPROT_STATIC, RT_SCOPE_UNIVERSE, RTN_UNICAST, 0)
                .attrU32(RTA_TABLE, 1000).attrBytes(RTA_DST, V4_A).attrBytes(RTA_GATEWAY, V4_GW).attrU32(RTA_OIF, 3)
                .attrU32(RTA_PRIORITY, 20).attrBytes(RTA_PREFSRC, V4_GW2)
                .beginNest(RTA_METRICS).attrU32(RTAX_MTU, 1400).attrU32(RTAX_ADVMSS, 1360).attrString(RTAX_CC_ALGO, "cubic").endNest()
                .attrU16(RTA_ENCAP_TYPE, 1).attrU8(RTA_PREF, 0).endMessage();
        RouteMessage r = new RouteMessage().wrap(first(w.toDirectBuffer()));

        assertThat(r.family()).isEqualTo(AF_INET);
        assertThat(r.dstPrefixLength()).isEqualTo(8);
        assertThat(r.table()).as("RTA_TABLE, not rtm_table").isEqualTo(1000);
        assertThat(r.protocol()).isEqualTo(RTPROT_STATIC);
        assertThat(r.scope()).isEqualTo(RT_SCOPE_UNIVERSE);
        assertThat(r.type()).isEqualTo(RTN_UNICAST);
        assertThat(r.copyDst(out)).isEqualTo(4);
        assertThat(out).startsWith(V4_A);
        assertThat(r.copyGateway(out)).isEqualTo(4);
        assertThat(out).startsWith(V4_GW);
        assertThat(r.copyPrefsrc(out)).isEqualTo(4);
        assertThat(r.oif()).isEqualTo(3);
        assertThat(r.priority()).isEqualTo(20);
        assertThat(r.mtu()).isEqualTo(1400);
        assertThat(r.metric(RTAX_ADVMSS)).isEqualTo(1360);
        assertThat(r.metric(RTAX_CC_ALGO)).isEqualTo(-1);
        assertThat(r.metric(RTAX_HOPLIMIT)).isEqualTo(-1);
        assertThat(r.encapType()).isEqualTo(1);
        assertThat(r.preference()).isZero();
        assertThat(r.nexthopCount()).isZero();
        assertThat(r.nexthops().next()).isFalse();
        assertThat(r.viaFamily()).isEqualTo(-1);
        assertThat(r.nexthopId()).isZero();
    }

    @Test
    void without_RTA_TABLE_the_8_bit_rtm_table_is_the_table_and_a_default_route_has_no_dst() throws Exception {
        NlMessageWriter w = new NlMessageWriter(128).beginMessage(RTM_DELROUTE, 0, 0, 0);
        rtmsg(w, AF_INET6, 0, RT_TABLE_MAIN, RTPROT_BOOT, RT_SCOPE_UNIVERSE, RTN_BLACKHOLE, 0).attrU32(RTA_NH_ID, 7).endMessage();
        RouteMessage r = new RouteMessage().wrap(first(w.toDirectBuffer()));

        assertThat(r.table()).isEqualTo(RT_TABLE_MAIN);
        assertThat(r.type()).isEqualTo(RTN_BLACKHOLE);
        assertThat(r.copyDst(out)).isZero();
        assertThat(r.dstPrefixLength()).isZero();
        assertThat(r.nexthopId()).isEqualTo(7);
        assertThat(r.mtu()).isEqualTo(-1);
        assertThat(r.oif()).isZero();
    }

    /** A multicast cache entry (ipmr_fill_mroute): its addresses are its IP family's, checked as such. */
    @Test
    void a_multicast_cache_entry_has_addresses_of_its_ip_family_and_ttls_in_rtnh_hops() throws Exception {
        NlMessageWriter w = new NlMessageWriter(256).beginMessage(RTM_NEWROUTE, 0, 0, 0);
        w.u8(RTNL_FAMILY_IP6MR).u8(128).u8(128).u8(0).u8(RT_TABLE_MAIN).u8(RTPROT_STATIC).u8(0).u8(RTN_MULTICAST)
                .u32(0).attrU32(RTA_TABLE, RT_TABLE_MAIN).attrBytes(RTA_SRC, V6_A).attrBytes(RTA_DST, V6_A)
                .attrU32(RTA_IIF, 2).beginNest(RTA_MULTIPATH).beginNexthop(0, 5, 3).endNexthop().endNest().endMessage();
        RouteMessage r = new RouteMessage().wrap(first(w.toDirectBuffer()));
        assertThat(r.copyDst(out)).isEqualTo(16);
        assertThat(r.iif()).isEqualTo(2);
        RouteMessage.Nexthops oif = r.nexthops();
        assertThat(oif.next()).isTrue();
        assertThat(oif.ifindex() + " ttl " + oif.hops()).isEqualTo("3 ttl 5");

        NlMessageWriter v6InV4 = new NlMessageWriter(128).beginMessage(RTM_NEWROUTE, 0, 0, 0);
        v6InV4.u8(RTNL_FAMILY_IPMR).u8(32).u8(32).u8(0).u8(RT_TABLE_DEFAULT).u8(RTPROT_STATIC).u8(0).u8(RTN_MULTICAST)
                .u32(0).attrBytes(RTA_DST, V6_A).endMessage();
        assertThatThrownBy(() -> new RouteMessage().wrap(first(v6InV4.toDirectBuffer())))
                .isInstanceOf(NetlinkFormatException.class).hasMessageContaining("RTA_DST");
    }

    /** 10.0.0.1/32 nexthop via 192.0.2.1 dev 3 weight 1, via 192.0.2.2 dev 4 weight 3, via inet6 2001:db8::1 dev 5 weight 2. */
    static NlMessageWriter multipathRoute() {
        NlMessageWriter w = new NlMessageWriter(512).beginMessage(RTM_NEWROUTE, NLM_F_MULTI, 1, 0);
        rtmsg(w, AF_INET, 32, RT_TABLE_MAIN, RTPROT_STATIC, RT_SCOPE_UNIVERSE, RTN_UNICAST, 0)
                .attrU32(RTA_TABLE, RT_TABLE_MAIN).attrBytes(RTA_DST, V4_A)
                .beginNest(RTA_MULTIPATH)
                .beginNexthop(0, 0, 3).attrBytes(RTA_GATEWAY, V4_GW).endNexthop()
                .beginNexthop(RTNH_F_ONLINK, 2, 4).attrBytes(RTA_GATEWAY, V4_GW2).endNexthop()
                .beginNexthop(0, 1, 5).beginNest(RTA_VIA).u16(AF_INET6).bytes(V6_A).endNest().endNexthop()
                .endNest().endMessage();
        return w;
    }

    @Test
    void a_multipath_route_walks_its_nexthops_with_weights_gateways_and_via() throws Exception {
        RouteMessage r = new RouteMessage().wrap(first(multipathRoute().toDirectBuffer()));

        assertThat(r.nexthopCount()).isEqualTo(3);
        List<String> nexthops = new ArrayList<>();
        RouteMessage.Nexthops n = r.nexthops();
        while (n.next()) {
            int gateway = n.copyGateway(out);
            nexthops.add("dev " + n.ifindex() + " weight " + n.weight() + " hops " + n.hops() + " flags " + n.flags()
                    + " gateway " + gateway + "/" + (gateway > 0 ? out[3] : -1) + " via " + n.viaFamily() + "/"
                    + (n.viaFamily() > 0 ? n.copyVia(out) + ":" + out[15] : "-"));
        }
        assertThat(nexthops).containsExactly(
                "dev 3 weight 1 hops 0 flags 0 gateway 4/1 via -1/-",
                "dev 4 weight 3 hops 2 flags 4 gateway 4/2 via -1/-",
                "dev 5 weight 2 hops 1 flags 0 gateway 0/-1 via 10/16:1");
        assertThat(r.nexthops().next()).as("nexthops() starts over").isTrue();
    }

    @Test
    void route_errors_name_the_field_and_the_lengths() {
        NlMessageWriter shortOif = new NlMessageWriter(128).beginMessage(RTM_NEWROUTE, 0, 0, 0);
        rtmsg(shortOif, AF_INET, 32, 254, 4, 0, 1, 0).attrU16(RTA_OIF, 3).endMessage();
        assertThatThrownBy(() -> new RouteMessage().wrap(first(shortOif.toDirectBuffer())))
                .isInstanceOf(NetlinkFormatException.class).hasMessage("RTA_OIF in RTM_NEWROUTE: 2 bytes, need 4");

        NlMessageWriter v4GatewayInV6 = new NlMessageWriter(128).beginMessage(RTM_NEWROUTE, 0, 0, 0);
        rtmsg(v4GatewayInV6, AF_INET6, 128, 254, 4, 0, 1, 0).attrBytes(RTA_GATEWAY, V4_GW).endMessage();
        assertThatThrownBy(() -> new RouteMessage().wrap(first(v4GatewayInV6.toDirectBuffer())))
                .hasMessage("RTA_GATEWAY in RTM_NEWROUTE: 4 bytes, need 16 for the message's family");

        NlMessageWriter truncated = new NlMessageWriter(64).beginMessage(RTM_NEWROUTE, 0, 0, 0).zeros(8).endMessage();
        assertThatThrownBy(() -> new RouteMessage().wrap(first(truncated.toDirectBuffer())))
                .hasMessage("truncated rtmsg in RTM_NEWROUTE: 8 bytes, need 12");

        NlMessageWriter badMetric = new NlMessageWriter(128).beginMessage(RTM_NEWROUTE, 0, 0, 0);
        rtmsg(badMetric, AF_INET, 32, 254, 4, 0, 1, 0).beginNest(RTA_METRICS).attrU8(RTAX_MTU, 1).endNest().endMessage();
        assertThatThrownBy(() -> new RouteMessage().wrap(first(badMetric.toDirectBuffer())))
                .hasMessage("RTAX_MTU in RTA_METRICS: 1 bytes, need 4");

        NlMessageWriter badVia = new NlMessageWriter(128).beginMessage(RTM_NEWROUTE, 0, 0, 0);
        rtmsg(badVia, AF_INET, 32, 254, 4, 0, 1, 0).beginNest(RTA_VIA).u16(AF_INET6).bytes(V4_A).endNest().endMessage();
        assertThatThrownBy(() -> new RouteMessage().wrap(first(badVia.toDirectBuffer())))
                .hasMessage("RTA_VIA in RTM_NEWROUTE: 6 bytes, need 18 for rtvia_family 10");
    }

    @Test
    void a_nexthop_whose_rtnh_len_overruns_RTA_MULTIPATH_or_is_too_small_is_refused() {
        NlMessageWriter overrun = multipathRoute();
        // the second rtnexthop starts after nlmsghdr 16, rtmsg 12, RTA_TABLE 8, RTA_DST 8, the nest header 4, the first nexthop 16
        int second = 16 + 12 + 8 + 8 + 4 + 16;
        overrun.patchU16(second, 200);
        assertThatThrownBy(() -> new RouteMessage().wrap(first(overrun.toDirectBuffer())))
                .isInstanceOf(NetlinkFormatException.class)
                .hasMessage("rtnexthop 1 in RTA_MULTIPATH of RTM_NEWROUTE: rtnh_len 200 > 46 bytes left");

        NlMessageWriter tiny = multipathRoute();
        tiny.patchU16(second, 4);
        assertThatThrownBy(() -> new RouteMessage().wrap(first(tiny.toDirectBuffer())))
                .hasMessage("rtnexthop 1 in RTA_MULTIPATH of RTM_NEWROUTE: rtnh_len 4 < 8");

        NlMessageWriter badGateway = new NlMessageWriter(256).beginMessage(RTM_NEWROUTE, 0, 0, 0);
        rtmsg(badGateway, AF_INET, 32, 254, 4, 0, 1, 0).beginNest(RTA_MULTIPATH)
                .beginNexthop(0, 0, 3).attrBytes(RTA_GATEWAY, V6_A).endNexthop().endNest().endMessage();
        assertThatThrownBy(() -> new RouteMessage().wrap(first(badGateway.toDirectBuffer())))
                .hasMessage("RTA_GATEWAY in RTA_MULTIPATH: 16 bytes, need 4 for the message's family");
    }

    @Test
    void decoding_a_multipath_route_and_walking_its_nexthops_allocates_nothing() throws Exception {
        ByteBuffer datagram = multipathRoute().toDirectBuffer();
        RouteMessage route = new RouteMessage();
        NlMsg view = new NlMsg();
        long allocated = Allocations.bytesAllocatedBy(() -> {
            RouteMessage r = route.wrap(view.wrap(datagram, 0, datagram.limit()));
            long sum = r.table() + r.copyDst(out) + r.oif();
            RouteMessage.Nexthops n = r.nexthops();
            while (n.next()) {
                sum += n.ifindex() + n.weight() + n.copyGateway(out) + n.copyVia(out);
            }
            return sum;
        });
        // 100,000 decodes: one allocation per message would be megabytes; allow the probe's own noise.
        assertThat(allocated).isLessThan(Allocations.NOISE_BYTES);
    }

    // ---- neighbours

    private static NlMessageWriter ndmsg(NlMessageWriter w, int family, int ifindex, int state, int flags, int type) {
        return w.u8(family).u8(0).u16(0).u32(ifindex).u16(state).u8(flags).u8(type);
    }

    @Test
    void an_ARP_entry_and_a_bridge_FDB_entry_decode() throws Exception {
        NlMessageWriter arp = new NlMessageWriter(128).beginMessage(RTM_NEWNEIGH, 0, 0, 0);
        ndmsg(arp, AF_INET, 3, NUD_REACHABLE, NTF_ROUTER, RTN_UNICAST).attrBytes(NDA_DST, V4_GW).attrBytes(NDA_LLADDR, MAC)
                .attrU32(NDA_PROBES, 2).beginNest(NDA_CACHEINFO).zeros(16).endNest().endMessage();
        NeighbourMessage n = new NeighbourMessage().wrap(first(arp.toDirectBuffer()));
        assertThat(n.family()).isEqualTo(AF_INET);
        assertThat(n.ifindex()).isEqualTo(3);
        assertThat(n.state()).isEqualTo(NUD_REACHABLE);
        assertThat(n.flags()).isEqualTo(NTF_ROUTER);
        assertThat(n.type()).isEqualTo(RTN_UNICAST);
        assertThat(n.copyDst(out)).isEqualTo(4);
        assertThat(out).startsWith(V4_GW);
        assertThat(n.lladdrLength()).isEqualTo(6);
        assertThat(n.copyLladdr(out)).isEqualTo(6);
        assertThat(out).startsWith(MAC);
        assertThat(n.probes()).isEqualTo(2);
        assertThat(n.vlan()).isEqualTo(-1);

        NlMessageWriter fdb = new NlMessageWriter(128).beginMessage(RTM_NEWNEIGH, 0, 0, 0);
        ndmsg(fdb, AF_BRIDGE, 7, NUD_PERMANENT, NTF_SELF, 0).attrBytes(NDA_LLADDR, MAC).attrBytes(NDA_DST, V6_A)
                .attrU16(NDA_VLAN, 100).attrU32(NDA_MASTER, 5).attrU32(NDA_VNI, 42).attrBe16(NDA_PORT, 4789).endMessage();
        NeighbourMessage f = new NeighbourMessage().wrap(first(fdb.toDirectBuffer()));
        assertThat(f.family()).isEqualTo(AF_BRIDGE);
        assertThat(f.copyDst(out)).as("a VXLAN remote may be IPv6 in an FDB entry").isEqualTo(16);
        assertThat(f.vlan()).isEqualTo(100);
        assertThat(f.master()).isEqualTo(5);
        assertThat(f.vni()).isEqualTo(42);
        assertThat(f.port()).isEqualTo(4789);
    }

    @Test
    void neighbour_errors_name_the_field_and_the_lengths() {
        NlMessageWriter longLladdr = new NlMessageWriter(128).beginMessage(RTM_NEWNEIGH, 0, 0, 0);
        ndmsg(longLladdr, AF_INET, 3, NUD_STALE, 0, 1).attrBytes(NDA_LLADDR, new byte[33]).endMessage();
        assertThatThrownBy(() -> new NeighbourMessage().wrap(first(longLladdr.toDirectBuffer())))
                .isInstanceOf(NetlinkFormatException.class)
                .hasMessage("NDA_LLADDR in RTM_NEWNEIGH: 33 bytes, longer than MAX_ADDR_LEN (32)");

        NlMessageWriter oddRemote = new NlMessageWriter(128).beginMessage(RTM_NEWNEIGH, 0, 0, 0);
        ndmsg(oddRemote, AF_BRIDGE, 3, NUD_PERMANENT, 0, 0).attrBytes(NDA_DST, new byte[6]).endMessage();
        assertThatThrownBy(() -> new NeighbourMessage().wrap(first(oddRemote.toDirectBuffer())))
                .hasMessage("NDA_DST in RTM_NEWNEIGH: 6 bytes, need 4 or 16");

        NlMessageWriter truncated = new NlMessageWriter(64).beginMessage(RTM_DELNEIGH, 0, 0, 0).zeros(11).endMessage();
        assertThatThrownBy(() -> new NeighbourMessage().wrap(first(truncated.toDirectBuffer())))
                .hasMessage("truncated ndmsg in RTM_DELNEIGH: 11 bytes, need 12");
    }

    // ---- rules

    @Test
    void a_policy_routing_rule_decodes_with_priority_table_mark_and_interfaces() throws Exception {
        NlMessageWriter w = new NlMessageWriter(256).beginMessage(RTM_NEWRULE, 0, 0, 0)
                .u8(AF_INET).u8(24).u8(0).u8(0).u8(RT_TABLE_COMPAT).u8(0).u8(0).u8(FR_ACT_TO_TBL).u32(FIB_RULE_INVERT)
                .attrU32(FRA_PRIORITY, 100).attrU32(FRA_TABLE, 1000).attrU32(FRA_FWMARK, 0x10).attrU32(FRA_FWMASK, 0xff)
                .attrBytes(FRA_DST, V4_A).attrString(FRA_IIFNAME, "v0").attrString(FRA_OIFNAME, "vrf-blue")
                .attrU8(FRA_L3MDEV, 1).attrU8(FRA_PROTOCOL, RTPROT_BOOT).endMessage();
        RuleMessage r = new RuleMessage().wrap(first(w.toDirectBuffer()));

        assertThat(r.family()).isEqualTo(AF_INET);
        assertThat(r.dstPrefixLength()).isEqualTo(24);
        assertThat(r.table()).isEqualTo(1000);
        assertThat(r.action()).isEqualTo(FR_ACT_TO_TBL);
        assertThat(r.flags()).isEqualTo(FIB_RULE_INVERT);
        assertThat(r.priority()).isEqualTo(100);
        assertThat(r.fwmark()).isEqualTo(0x10);
        assertThat(r.fwmask()).isEqualTo(0xff);
        assertThat(r.copyDst(out)).isEqualTo(4);
        assertThat(r.iifname()).isEqualTo("v0");
        assertThat(r.oifnameEquals("vrf-blue")).isTrue();
        assertThat(r.l3mdev()).isEqualTo(1);
        assertThat(r.protocol()).isEqualTo(RTPROT_BOOT);
        assertThat(r.gotoTarget()).isEqualTo(-1);
    }

    @Test
    void rule_errors_name_the_field_and_the_lengths() {
        NlMessageWriter w = new NlMessageWriter(128).beginMessage(RTM_NEWRULE, 0, 0, 0)
                .u8(AF_INET).zeros(7).u32(0).attrBytes(FRA_IIFNAME, new byte[] {'v', '0'}).endMessage();
        assertThatThrownBy(() -> new RuleMessage().wrap(first(w.toDirectBuffer())))
                .isInstanceOf(NetlinkFormatException.class).hasMessage("FRA_IIFNAME in RTM_NEWRULE: not NUL-terminated (2 bytes)");
    }

    // ---- netconf

    @Test
    void netconf_for_one_device_and_for_all_devices_decodes() throws Exception {
        NlMessageWriter w = new NlMessageWriter(128).beginMessage(RTM_NEWNETCONF, 0, 0, 0).u8(AF_INET).align()
                .attrU32(NETCONFA_IFINDEX, NETCONFA_IFINDEX_ALL).attrU32(NETCONFA_FORWARDING, 1).attrU32(NETCONFA_RP_FILTER, 2)
                .endMessage();
        NetconfMessage n = new NetconfMessage().wrap(first(w.toDirectBuffer()));
        assertThat(n.family()).isEqualTo(AF_INET);
        assertThat(n.ifindex()).isEqualTo(NETCONFA_IFINDEX_ALL);
        assertThat(n.forwarding()).isEqualTo(1);
        assertThat(n.rpFilter()).isEqualTo(2);
        assertThat(n.proxyNeigh()).as("absent: a notification carries only what changed").isEqualTo(-1);

        NlMessageWriter bad = new NlMessageWriter(128).beginMessage(RTM_NEWNETCONF, 0, 0, 0).u8(AF_INET).align()
                .attrU8(NETCONFA_IFINDEX, 1).endMessage();
        assertThatThrownBy(() -> new NetconfMessage().wrap(first(bad.toDirectBuffer())))
                .hasMessage("NETCONFA_IFINDEX in RTM_NEWNETCONF: 1 bytes, need 4");
    }
}
