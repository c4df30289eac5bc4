package org.linuxfpsync.fpm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.linuxfpsync.fpc.codec.BridgeAttr;
import org.linuxfpsync.fpc.codec.BridgePortAttr;
import org.linuxfpsync.fpc.codec.BridgeVlanAttr;
import org.linuxfpsync.fpc.codec.FdbAttr;
import org.linuxfpsync.fpc.codec.FpcMessageType;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.fpc.codec.GreAttr;
import org.linuxfpsync.fpc.codec.InterfaceAttr;
import org.linuxfpsync.fpc.codec.LagAttr;
import org.linuxfpsync.fpc.codec.LagSlaveAttr;
import org.linuxfpsync.fpc.codec.SvtiAttr;
import org.linuxfpsync.fpc.codec.TunnelAttr;
import org.linuxfpsync.fpc.codec.MacvlanAttr;
import org.linuxfpsync.fpc.codec.VlanAttr;
import org.linuxfpsync.fpc.codec.VxlanAttr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The L2 tables in the dump as iproute2 6.1 writes the same things (docs/fpm-dump.md "L2"): the
 * expected JSON of each link is what {@code ip -j -d link} prints for the fields FPC carries, field
 * for field in ip's order (vxlan, macvlan and bridge were checked against this kernel's ip output;
 * vlan and bond, which this kernel cannot create, against ip/iplink_vlan.c, iplink_bond.c and
 * iplink_bond_slave.c of iproute2 6.1), {@code bridge -j fdb show} and {@code bridge -j vlan show}.
 */
class L2DumpTest {
    private static final long ETH0 = 0x10;
    private static final long ETH1 = 0x11;
    private static final long BOND = 0x12;
    private static final long VLAN = 0x13;
    private static final long BR = 0x14;
    private static final long PORT = 0x15;
    private static final long VX = 0x16;
    private static final long MV = 0x17;

    private final FpmTables tables = new FpmTables();
    private final List<byte[]> replies = new ArrayList<>();
    private final FpmSession session = new FpmSession(tables, new FpmCounters(), 0x1ffff, () -> 1,
            f -> replies.add(Frames.copy(f)), () -> { });
    private final Frames frames = new Frames();
    private final FrameWriter w = new FrameWriter();
    private int seq = 100;

    @Test
    void aBondItsSlavesAndAVlanAreWrittenAsIpDetailsWritesThem() throws Exception {
        feed(frames.hello(), link(ETH0, 2, "eth0", null, "bond", BOND), link(ETH1, 3, "eth1", null, "bond", BOND),
                link(BOND, 4, "bond0", "bond", null, 0), link(VLAN, 5, "bond0.100", "vlan", null, 0));
        feed(Frames.copy(add(LagAttr.LAG_ADD).putU32(LagAttr.VRFID, 0).putU64(LagAttr.IFUID, BOND).putU8(LagAttr.MODE, 4)
                .putU64(LagAttr.ACTIVE_SLAVE_IFUID, ETH1).putU8(LagAttr.XMIT_HASH_POLICY, 1)
                .beginNested(LagAttr.SLAVE).putU64(LagSlaveAttr.IFUID, ETH0).putU8(LagSlaveAttr.STATE, 0)
                .putU8(LagSlaveAttr.LINK, 0).putU16(LagSlaveAttr.AGGREGATOR_ID, 1)
                .putU8(LagSlaveAttr.LACP_ACTOR_STATE, 0x3d).putU8(LagSlaveAttr.LACP_PARTNER_STATE, 0x3d).endNested()
                .beginNested(LagAttr.SLAVE).putU64(LagSlaveAttr.IFUID, ETH1).putU8(LagSlaveAttr.STATE, 1)
                .putU8(LagSlaveAttr.LINK, 2).endNested().finish()));
        feed(Frames.copy(add(VlanAttr.VLAN_ADD).putU32(VlanAttr.VRFID, 0).putU64(VlanAttr.IFUID, VLAN)
                .putU16(VlanAttr.VLAN_ID, 100).putU16(VlanAttr.PROTOCOL, 0x88a8).putU64(VlanAttr.PARENT_IFUID, BOND)
                .putU32(VlanAttr.FLAGS, 0x1 | 0x4 | 0x8).finish()));
        assertThat(errors()).isEmpty();

        JsonNode vrf = vrf0();
        assertThat(link(vrf, "bond0").path("linkinfo").toString()).isEqualTo("{\"info_kind\":\"bond\",\"info_data\":"
                + "{\"mode\":\"802.3ad\",\"active_slave\":\"eth1\",\"xmit_hash_policy\":\"layer3+4\"}}");
        assertThat(link(vrf, "eth0").path("linkinfo").path("info_slave_data").toString()).isEqualTo(
                "{\"state\":\"ACTIVE\",\"mii_status\":\"UP\",\"ad_aggregator_id\":1,\"ad_actor_oper_port_state\":61,"
                + "\"ad_actor_oper_port_state_str\":[\"active\",\"aggregating\",\"in_sync\",\"collecting\","
                + "\"distributing\"],\"ad_partner_oper_port_state\":61,\"ad_partner_oper_port_state_str\":[\"active\","
                + "\"aggregating\",\"in_sync\",\"collecting\",\"distributing\"]}");
        assertThat(link(vrf, "eth1").path("linkinfo").path("info_slave_data").toString()).isEqualTo(
                "{\"state\":\"BACKUP\",\"mii_status\":\"DOWN\"}");
        JsonNode vlan = link(vrf, "bond0.100");
        assertThat(vlan.path("link").asText()).isEqualTo("bond0");
        assertThat(fields(vlan)).startsWith("ifindex", "link", "ifname");
        // vlan_print_flags: REORDER_HDR, GVRP, MVRP, LOOSE_BINDING, BRIDGE_BINDING
        assertThat(vlan.path("linkinfo").path("info_data").toString()).isEqualTo(
                "{\"protocol\":\"802.1ad\",\"id\":100,\"flags\":[\"REORDER_HDR\",\"MVRP\",\"LOOSE_BINDING\"]}");
    }

    @Test
    void aBridgeItsPortAVxlanAndAMacvlanAreWrittenAsIpDetailsWritesThem() throws Exception {
        feed(frames.hello(), link(BR, 4, "br0", "bridge", null, 0), link(PORT, 5, "v0", "veth", "bridge", BR),
                link(VX, 6, "vx0", "vxlan", "bridge", BR), link(MV, 7, "mv0", "macvlan", null, 0));
        feed(Frames.copy(add(BridgeAttr.BRIDGE_ADD).putU32(BridgeAttr.VRFID, 0).putU64(BridgeAttr.IFUID, BR)
                .putU32(BridgeAttr.AGEING_TIME, 30000).putU32(BridgeAttr.STP_STATE, 1)
                .putU32(BridgeAttr.FORWARD_DELAY, 1500).putU8(BridgeAttr.VLAN_FILTERING, 1)
                .putU16(BridgeAttr.VLAN_PROTOCOL, 0x8100).putU16(BridgeAttr.VLAN_DEFAULT_PVID, 1)
                .putU16(BridgeAttr.GROUP_FWD_MASK, 0x4000).putU8(BridgeAttr.MCAST_SNOOPING, 1).finish()),
                Frames.copy(add(BridgePortAttr.BRPORT_ADD).putU32(BridgePortAttr.VRFID, 0).putU64(BridgePortAttr.IFUID, PORT)
                .putU64(BridgePortAttr.BRIDGE_IFUID, BR).putU8(BridgePortAttr.STATE, 2).putU32(BridgePortAttr.FLAGS, 0x1e)
                .putU16(BridgePortAttr.PRIORITY, 32).putU32(BridgePortAttr.COST, 2).finish()),
                Frames.copy(add(VxlanAttr.VXLAN_ADD).putU32(VxlanAttr.VRFID, 0).putU64(VxlanAttr.IFUID, VX)
                .putU32(VxlanAttr.VNI, 42).putAddress(VxlanAttr.LOCAL, ip("2001:db8::1"))
                .putAddress(VxlanAttr.REMOTE, ip("ff05::100")).putU16(VxlanAttr.DST_PORT, 4789)
                .putU8(VxlanAttr.TTL, 16).putU8(VxlanAttr.TOS, 1).putU8(VxlanAttr.LEARNING, 0)
                .putU8(VxlanAttr.COLLECT_METADATA, 0).putU64(VxlanAttr.LINK_IFUID, PORT).finish()),
                Frames.copy(add(MacvlanAttr.MACVLAN_ADD).putU32(MacvlanAttr.VRFID, 0).putU64(MacvlanAttr.IFUID, MV)
                .putU32(MacvlanAttr.MODE, 16).putU64(MacvlanAttr.PARENT_IFUID, PORT).putU16(MacvlanAttr.FLAGS, 2)
                .putBytes(MacvlanAttr.SOURCE_MAC, new byte[] {2, 0, 0, 0, 0, 1})
                .putBytes(MacvlanAttr.SOURCE_MAC, new byte[] {2, 0, 0, 0, 0, 2}).finish()));
        assertThat(errors()).isEmpty();

        JsonNode vrf = vrf0();
        assertThat(link(vrf, "br0").path("linkinfo").path("info_data").toString()).isEqualTo("{\"forward_delay\":1500,"
                + "\"ageing_time\":30000,\"stp_state\":1,\"vlan_filtering\":1,\"vlan_protocol\":\"802.1Q\","
                + "\"vlan_default_pvid\":1,\"group_fwd_mask\":\"0x4000\",\"mcast_snooping\":1}");
        assertThat(link(vrf, "v0").path("linkinfo").path("info_slave_data").toString()).isEqualTo("{\"state\":"
                + "\"learning\",\"priority\":32,\"cost\":2,\"hairpin\":true,\"learning\":false,\"flood\":true,"
                + "\"proxy_arp\":false,\"mcast_flood\":true,\"bcast_flood\":true,\"neigh_suppress\":false,"
                + "\"isolated\":false}");
        assertThat(link(vrf, "vx0").path("linkinfo").toString()).isEqualTo("{\"info_kind\":\"vxlan\",\"info_data\":"
                + "{\"id\":42,\"group6\":\"ff05::100\",\"local6\":\"2001:db8::1\",\"link\":\"v0\",\"port\":4789,"
                + "\"learning\":false,\"tos\":\"0x1\",\"ttl\":16},\"info_slave_kind\":\"bridge\"}");
        assertThat(link(vrf, "mv0").path("link").asText()).isEqualTo("v0");
        assertThat(link(vrf, "mv0").path("linkinfo").path("info_data").toString()).isEqualTo("{\"mode\":\"source\","
                + "\"nodst\":true,\"macaddr_count\":2,\"macaddr_data\":[\"02:00:00:00:00:01\",\"02:00:00:00:00:02\"]}");
    }

    @Test
    void greTunnelsOfEachFamilyAreWrittenAsIpDetailsWritesThemTheFallbackOneMarked() throws Exception {
        long gre0 = 0x20;
        long gre1 = 0x21;
        long gre6 = 0x22;
        long span6 = 0x23;
        feed(frames.hello(), link(ETH0, 2, "eth0", null, null, 0), link(gre0, 3, "gre0", "gre", null, 0),
                link(gre1, 4, "gre1", "gre", null, 0), link(gre6, 5, "gre6", "ip6gre", null, 0),
                link(span6, 6, "span6", "ip6erspan", null, 0));
        feed(Frames.copy(gre(gre0, 1).putU16(GreAttr.IFLAGS, 0).putU16(GreAttr.OFLAGS, 0).putU8(GreAttr.TTL, 0)
                .putU8(GreAttr.TOS, 0).putU8(GreAttr.PMTUDISC, 1).putU8(GreAttr.IGNORE_DF, 0).putU32(GreAttr.FWMARK, 0)
                .putU8(GreAttr.FALLBACK, 1).finish()),
                Frames.copy(gre(gre1, 1).putAddress(GreAttr.LOCAL, ip("10.0.0.1")).putAddress(GreAttr.REMOTE,
                ip("10.0.0.2")).putU32(GreAttr.IKEY, 42).putU32(GreAttr.OKEY, 42).putU16(GreAttr.IFLAGS, 0x3000)
                .putU16(GreAttr.OFLAGS, 0xa000).putU8(GreAttr.TTL, 64).putU8(GreAttr.TOS, 0x10).putU8(GreAttr.PMTUDISC, 1)
                .putU64(GreAttr.LINK_IFUID, ETH0).putU8(GreAttr.IGNORE_DF, 0).putU32(GreAttr.FWMARK, 7)
                .putU16(GreAttr.ENCAP_TYPE, 1).putU16(GreAttr.ENCAP_FLAGS, 1).putU16(GreAttr.ENCAP_SPORT, 0)
                .putU16(GreAttr.ENCAP_DPORT, 5555).finish()),
                Frames.copy(gre(gre6, 3).putAddress(GreAttr.LOCAL, ip("2001:db8::1")).putAddress(GreAttr.REMOTE,
                ip("2001:db8::2")).putU32(GreAttr.IKEY, 0x01020304).putU16(GreAttr.IFLAGS, 0x2000)
                .putU16(GreAttr.OFLAGS, 0).putU8(GreAttr.TTL, 64).putU32(GreAttr.FWMARK, 0).putU8(GreAttr.ENCAP_LIMIT, 4)
                .putU32(GreAttr.FLOWINFO, 0x00712345).putU32(GreAttr.FLAGS, 0x2).finish()),
                Frames.copy(gre(span6, 6).putAddress(GreAttr.LOCAL, ip("2001:db8::1")).putAddress(GreAttr.REMOTE,
                ip("2001:db8::5")).putU32(GreAttr.IKEY, 7).putU32(GreAttr.OKEY, 7).putU16(GreAttr.IFLAGS, 0x2000)
                .putU16(GreAttr.OFLAGS, 0x2000).putU8(GreAttr.TTL, 0).putU32(GreAttr.FWMARK, 0)
                .putU8(GreAttr.COLLECT_METADATA, 1).putU8(GreAttr.ENCAP_LIMIT, 4).putU32(GreAttr.FLOWINFO, 0)
                .putU32(GreAttr.FLAGS, 0).putU8(GreAttr.ERSPAN_VER, 2).putU8(GreAttr.ERSPAN_DIR, 1)
                .putU16(GreAttr.ERSPAN_HWID, 0x3f).finish()));
        assertThat(errors()).isEmpty();

        // ip/link_gre.c and link_gre6.c gre_print_opt, tunnel.c tnl_print_endpoint and tnl_print_encap
        JsonNode vrf = vrf0();
        assertThat(link(vrf, "gre0").path("linkinfo").path("info_data").toString()).isEqualTo("{\"remote\":\"any\","
                + "\"local\":\"any\",\"ttl\":0,\"pmtudisc\":true,\"fp_fallback\":true}");
        assertThat(link(vrf, "gre1").path("linkinfo").path("info_data").toString()).isEqualTo("{\"remote\":"
                + "\"10.0.0.2\",\"local\":\"10.0.0.1\",\"link\":\"eth0\",\"ttl\":64,\"tos\":\"0x10\","
                + "\"pmtudisc\":true,\"ikey\":\"0.0.0.42\",\"okey\":\"0.0.0.42\",\"iseq\":true,\"ocsum\":true,"
                + "\"fwmark\":\"0x7\",\"encap\":{\"type\":\"fou\",\"sport\":0,\"dport\":5555,\"csum\":true,"
                + "\"csum6\":false,\"remcsum\":false}}");
        assertThat(link(vrf, "gre6").path("linkinfo").path("info_data").toString()).isEqualTo("{\"remote\":"
                + "\"2001:db8::2\",\"local\":\"2001:db8::1\",\"ttl\":64,\"encap_limit\":4,"
                + "\"ip6_tnl_f_use_orig_tclass\":true,\"flowlabel\":\"0x12345\",\"ikey\":\"1.2.3.4\"}");
        assertThat(link(vrf, "span6").path("linkinfo").path("info_data").toString()).isEqualTo("{\"external\":true,"
                + "\"remote\":\"2001:db8::5\",\"local\":\"2001:db8::1\",\"ttl\":0,\"encap_limit\":4,"
                + "\"tclass\":\"0x00\",\"flowlabel\":\"0x00000\",\"ikey\":\"0.0.0.7\",\"okey\":\"0.0.0.7\","
                + "\"erspan_ver\":2,\"erspan_dir\":\"egress\",\"erspan_hwid\":\"0x3f\"}");
        assertThat(vrf.has("gre")).isFalse();
    }

    @Test
    void ipTunnelsOfEachKindAndModeAreWrittenAsIpDetailsWritesThemTheFallbackOneMarked() throws Exception {
        feed(frames.hello(), link(ETH0, 2, "eth0", null, null, 0), link(0x30, 3, "tunl0", "ipip", null, 0),
                link(0x31, 4, "ipip1", "ipip", null, 0), link(0x32, 5, "6rd1", "sit", null, 0),
                link(0x33, 6, "ip6t1", "ip6tnl", null, 0), link(0x34, 7, "ip6t2", "ip6tnl", null, 0),
                link(0x35, 8, "ipipx", "ipip", null, 0));
        feed(Frames.copy(tunnel(0x30, 1).putU8(TunnelAttr.TTL, 0).putU8(TunnelAttr.TOS, 0).putU8(TunnelAttr.PROTO, 4)
                .putU8(TunnelAttr.PMTUDISC, 1).putU32(TunnelAttr.FWMARK, 0).putU8(TunnelAttr.FALLBACK, 1).finish()),
                Frames.copy(tunnel(0x31, 1).putAddress(TunnelAttr.LOCAL, ip("10.0.0.1"))
                .putAddress(TunnelAttr.REMOTE, ip("10.0.0.2")).putU8(TunnelAttr.TTL, 64).putU8(TunnelAttr.TOS, 0x10)
                .putU8(TunnelAttr.PROTO, 4).putU64(TunnelAttr.LINK_IFUID, ETH0).putU8(TunnelAttr.PMTUDISC, 0)
                .putU32(TunnelAttr.FWMARK, 7).putU16(TunnelAttr.ENCAP_TYPE, 1).putU16(TunnelAttr.ENCAP_FLAGS, 1)
                .putU16(TunnelAttr.ENCAP_SPORT, 0).putU16(TunnelAttr.ENCAP_DPORT, 5555).finish()),
                Frames.copy(tunnel(0x32, 2).putAddress(TunnelAttr.LOCAL, ip("10.0.0.1")).putU8(TunnelAttr.TTL, 64)
                .putU8(TunnelAttr.TOS, 0).putU8(TunnelAttr.PROTO, 41).putU32(TunnelAttr.FLAGS, 1)
                .putU8(TunnelAttr.PMTUDISC, 1).putU32(TunnelAttr.FWMARK, 0)
                .putAddress(TunnelAttr.IP6RD_PREFIX, ip("2001:db8::")).putU16(TunnelAttr.IP6RD_PREFIXLEN, 32)
                .putAddress(TunnelAttr.IP6RD_RELAY_PREFIX, ip("10.0.0.0")).putU16(TunnelAttr.IP6RD_RELAY_PREFIXLEN, 8)
                .finish()),
                Frames.copy(tunnel(0x33, 3).putAddress(TunnelAttr.LOCAL, ip("2001:db8::1"))
                .putAddress(TunnelAttr.REMOTE, ip("2001:db8::2")).putU8(TunnelAttr.TTL, 255).putU8(TunnelAttr.TOS, 0x28)
                .putU8(TunnelAttr.PROTO, 4).putU32(TunnelAttr.FLAGS, 0x1).putU64(TunnelAttr.LINK_IFUID, ETH0)
                .putU32(TunnelAttr.FLOWLABEL, 0x12345).putU8(TunnelAttr.ENCAP_LIMIT, 0).putU32(TunnelAttr.FWMARK, 9)
                .putU16(TunnelAttr.ENCAP_TYPE, 2).putU16(TunnelAttr.ENCAP_FLAGS, 0).putU16(TunnelAttr.ENCAP_SPORT, 0)
                .putU16(TunnelAttr.ENCAP_DPORT, 6080).finish()),
                Frames.copy(tunnel(0x34, 3).putAddress(TunnelAttr.REMOTE, ip("2001:db8::3")).putU8(TunnelAttr.TTL, 64)
                .putU8(TunnelAttr.TOS, 0).putU8(TunnelAttr.PROTO, 0).putU32(TunnelAttr.FLAGS, 0x26)
                .putU32(TunnelAttr.FLOWLABEL, 0).putU8(TunnelAttr.ENCAP_LIMIT, 4).putU32(TunnelAttr.FWMARK, 0).finish()),
                Frames.copy(tunnel(0x35, 1).putU8(TunnelAttr.TTL, 0).putU8(TunnelAttr.PROTO, 0)
                .putU8(TunnelAttr.COLLECT_METADATA, 1).finish()));
        assertThat(errors()).isEmpty();

        // ip/link_iptnl.c iptunnel_print_opt, link_ip6tnl.c ip6tunnel_print_opt, tunnel.c tnl_print_encap
        JsonNode vrf = vrf0();
        assertThat(infoData(vrf, "tunl0")).isEqualTo("{\"proto\":\"ipip\",\"remote\":\"any\",\"local\":\"any\","
                + "\"ttl\":0,\"pmtudisc\":true,\"fp_fallback\":true}");
        assertThat(infoData(vrf, "ipip1")).isEqualTo("{\"proto\":\"ipip\",\"remote\":\"10.0.0.2\",\"local\":"
                + "\"10.0.0.1\",\"link\":\"eth0\",\"ttl\":64,\"tos\":\"0x10\",\"pmtudisc\":false,\"fwmark\":\"0x7\","
                + "\"encap\":{\"type\":\"fou\",\"sport\":0,\"dport\":5555,\"csum\":true,\"csum6\":false,"
                + "\"remcsum\":false}}");
        assertThat(infoData(vrf, "6rd1")).isEqualTo("{\"proto\":\"ip6ip\",\"remote\":\"any\",\"local\":"
                + "\"10.0.0.1\",\"ttl\":64,\"pmtudisc\":true,\"isatap\":true,\"prefix\":\"2001:db8::\","
                + "\"prefixlen\":32,\"relay_prefix\":\"10.0.0.0\",\"relay_prefixlen\":8}");
        assertThat(infoData(vrf, "ip6t1")).isEqualTo("{\"proto\":\"ipip6\",\"remote\":\"2001:db8::2\",\"local\":"
                + "\"2001:db8::1\",\"link\":\"eth0\",\"ttl\":255,\"ip6_tnl_f_ign_encap_limit\":true,"
                + "\"tclass\":\"0x28\",\"flowlabel\":\"0x12345\",\"fwmark\":\"0x9\",\"encap\":{\"type\":\"gue\","
                + "\"sport\":0,\"dport\":6080,\"csum\":false,\"csum6\":false,\"remcsum\":false}}");
        // flags 0x26: use the inner traffic class, flow label and fwmark
        assertThat(infoData(vrf, "ip6t2")).isEqualTo("{\"proto\":\"any\",\"remote\":\"2001:db8::3\",\"local\":"
                + "\"::\",\"ttl\":64,\"encap_limit\":4,\"ip6_tnl_f_use_orig_tclass\":true,"
                + "\"ip6_tnl_f_use_orig_flowlabel\":true,\"ip6_tnl_f_use_orig_fwmark\":true}");
        assertThat(infoData(vrf, "ipipx")).isEqualTo("{\"external\":true}");
        assertThat(vrf.has("tunnels")).isFalse();
    }

    @Test
    void vtiAndXfrmInterfacesAreWrittenAsIpDetailsWritesThem() throws Exception {
        feed(frames.hello(), link(ETH0, 2, "eth0", null, null, 0), link(0x40, 3, "ip_vti0", "vti", null, 0),
                link(0x41, 4, "vti1", "vti", null, 0), link(0x42, 5, "vti61", "vti6", null, 0),
                link(0x43, 6, "xfrm1", "xfrm", null, 0), link(0x44, 7, "xfrmx", "xfrm", null, 0));
        feed(Frames.copy(svti(0x40).putU32(SvtiAttr.IKEY, 0).putU32(SvtiAttr.OKEY, 0).putU8(SvtiAttr.KIND, 1)
                .putU32(SvtiAttr.FWMARK, 0).putU8(SvtiAttr.FALLBACK, 1).finish()),
                Frames.copy(svti(0x41).putAddress(SvtiAttr.LOCAL, ip("10.0.0.1")).putAddress(SvtiAttr.REMOTE,
                ip("10.0.0.2")).putU32(SvtiAttr.IKEY, 5).putU32(SvtiAttr.OKEY, 6).putU64(SvtiAttr.LINK_IFUID, ETH0)
                .putU8(SvtiAttr.KIND, 1).putU32(SvtiAttr.FWMARK, 9).finish()),
                Frames.copy(svti(0x42).putAddress(SvtiAttr.REMOTE, ip("2001:db8::2")).putU32(SvtiAttr.IKEY, 0x10000)
                .putU32(SvtiAttr.OKEY, 0x10000).putU8(SvtiAttr.KIND, 2).putU32(SvtiAttr.FWMARK, 0).finish()),
                Frames.copy(svti(0x43).putU64(SvtiAttr.LINK_IFUID, ETH0).putU8(SvtiAttr.KIND, 3)
                .putU32(SvtiAttr.IF_ID, 42).finish()),
                Frames.copy(svti(0x44).putU8(SvtiAttr.KIND, 3).putU8(SvtiAttr.COLLECT_METADATA, 1).finish()));
        assertThat(errors()).isEmpty();

        // ip/link_vti.c vti_print_opt, link_vti6.c vti6_print_opt, link_xfrm.c xfrm_print_opt
        JsonNode vrf = vrf0();
        assertThat(infoData(vrf, "ip_vti0")).isEqualTo("{\"remote\":\"any\",\"local\":\"any\",\"ikey\":\"0.0.0.0\","
                + "\"okey\":\"0.0.0.0\",\"fp_fallback\":true}");
        assertThat(infoData(vrf, "vti1")).isEqualTo("{\"remote\":\"10.0.0.2\",\"local\":\"10.0.0.1\",\"link\":"
                + "\"eth0\",\"ikey\":\"0.0.0.5\",\"okey\":\"0.0.0.6\",\"fwmark\":\"0x9\"}");
        assertThat(infoData(vrf, "vti61")).isEqualTo("{\"remote\":\"2001:db8::2\",\"local\":\"::\",\"ikey\":"
                + "\"0.1.0.0\",\"okey\":\"0.1.0.0\"}");
        assertThat(infoData(vrf, "xfrm1")).isEqualTo("{\"if_id\":\"0x2a\"}");
        assertThat(infoData(vrf, "xfrmx")).isEqualTo("{\"external\":true}");
        assertThat(vrf.has("svti")).isFalse();
    }

    @Test
    void theFdbAndTheBridgeVlansAreWrittenAsBridgeWritesThem() throws Exception {
        feed(frames.hello(), link(BR, 4, "br0", "bridge", null, 0), link(PORT, 5, "v0", "veth", "bridge", BR),
                link(VX, 6, "vx0", "vxlan", "bridge", BR), link(ETH0, 2, "eth0", null, null, 0));
        feed(Frames.copy(add(FdbAttr.FDB_ADD).putU32(FdbAttr.VRFID, 0).putU64(FdbAttr.IFUID, BR)
                .putBytes(FdbAttr.MAC, new byte[] {2, 0, 0, 0, 0, 9}).putU16(FdbAttr.VLAN, 10)
                .putU64(FdbAttr.PORT_IFUID, PORT).putU16(FdbAttr.STATE, 0x02).putU8(FdbAttr.FLAGS, 0).finish()),
                Frames.copy(add(FdbAttr.FDB_ADD).putU32(FdbAttr.VRFID, 0).putU64(FdbAttr.IFUID, BR)
                .putBytes(FdbAttr.MAC, new byte[] {2, 0, 0, 0, 0, 8}).putU64(FdbAttr.PORT_IFUID, PORT)
                .putU16(FdbAttr.STATE, 0x40).putU8(FdbAttr.FLAGS, 0x10).finish()),
                Frames.copy(add(FdbAttr.FDB_ADD).putU32(FdbAttr.VRFID, 0).putU64(FdbAttr.IFUID, VX)
                .putBytes(FdbAttr.MAC, new byte[6]).putAddress(FdbAttr.REMOTE, ip("10.0.0.2"))
                .putU32(FdbAttr.VNI, 100).putU16(FdbAttr.DST_PORT, 4790).putU16(FdbAttr.STATE, 0x80)
                .putU8(FdbAttr.FLAGS, 0x02).putU64(FdbAttr.VIA_IFUID, ETH0).finish()),
                Frames.copy(add(BridgeVlanAttr.BRVLAN_ADD).putU32(BridgeVlanAttr.VRFID, 0).putU64(BridgeVlanAttr.IFUID, PORT)
                .putU16(BridgeVlanAttr.VID, 10).putU16(BridgeVlanAttr.FLAGS, 0).finish()),
                Frames.copy(add(BridgeVlanAttr.BRVLAN_ADD).putU32(BridgeVlanAttr.VRFID, 0).putU64(BridgeVlanAttr.IFUID, PORT)
                .putU16(BridgeVlanAttr.VID, 1).putU16(BridgeVlanAttr.FLAGS, 6).finish()),
                Frames.copy(add(BridgeVlanAttr.BRVLAN_ADD).putU32(BridgeVlanAttr.VRFID, 0).putU64(BridgeVlanAttr.IFUID, BR)
                .putU16(BridgeVlanAttr.VID, 1).putU16(BridgeVlanAttr.FLAGS, 2).finish()));
        assertThat(errors()).isEmpty();

        JsonNode vrf = vrf0();
        List<String> fdb = new ArrayList<>();
        vrf.path("fdb").forEach(e -> fdb.add(e.toString()));
        assertThat(fdb).containsExactlyInAnyOrder(
                "{\"mac\":\"02:00:00:00:00:09\",\"ifname\":\"v0\",\"vlan\":10,\"flags\":[],\"master\":\"br0\","
                        + "\"state\":\"\",\"ifuid\":\"0x14\"}",
                "{\"mac\":\"02:00:00:00:00:08\",\"ifname\":\"v0\",\"flags\":[\"extern_learn\"],\"master\":\"br0\","
                        + "\"state\":\"static\",\"ifuid\":\"0x14\"}",
                "{\"mac\":\"00:00:00:00:00:00\",\"ifname\":\"vx0\",\"dst\":\"10.0.0.2\",\"port\":4790,\"vni\":100,"
                        + "\"viaIf\":\"eth0\",\"flags\":[\"self\"],\"state\":\"permanent\",\"ifuid\":\"0x16\"}");
        // by ifindex: br0 (4) before v0 (5); each VLAN alone, by VID
        assertThat(vrf.path("bridge_vlans").toString()).isEqualTo("["
                + "{\"ifname\":\"br0\",\"vlans\":[{\"vlan\":1,\"flags\":[\"PVID\"]}],\"ifuid\":\"0x14\"},"
                + "{\"ifname\":\"v0\",\"vlans\":[{\"vlan\":1,\"flags\":[\"PVID\",\"Egress Untagged\"]},{\"vlan\":10}],"
                + "\"ifuid\":\"0x15\"}]");
    }

    @Test
    void aStaleObjectOfAReplaySaysSoInItsLink() throws Exception {
        feed(frames.hello(), link(VX, 6, "vx0", "vxlan", null, 0),
                Frames.copy(add(VxlanAttr.VXLAN_ADD).putU32(VxlanAttr.VRFID, 0).putU64(VxlanAttr.IFUID, VX)
                .putU32(VxlanAttr.VNI, 42).finish()));
        feed(Frames.copy(org.linuxfpsync.fpc.codec.FpcCodecs.grFrame(w, FpcMessageType.GR_BEGIN, seq++,
                VxlanAttr.FAMILY_VXLAN, 0)));
        assertThat(link(vrf0(), "vx0").path("linkinfo").path("info_data").toString())
                .isEqualTo("{\"id\":42,\"fp_stale\":true}");
    }

    private byte[] link(long ifuid, int ifindex, String name, String kind, String slaveKind, long master) {
        FrameWriter f = w.begin(InterfaceAttr.IF_CREATE, seq++).putU64(InterfaceAttr.IFUID, ifuid)
                .putU32(InterfaceAttr.VRFID, 0).putU32(InterfaceAttr.IFINDEX, ifindex).putString(InterfaceAttr.IFNAME, name)
                .putU32(InterfaceAttr.FLAGS, 0x11043).putU32(InterfaceAttr.MTU, 1500);
        if (master != 0) {
            f.putU64(InterfaceAttr.MASTER_IFUID, master);
        }
        if (kind != null) {
            f.putString(InterfaceAttr.KIND, kind);
        }
        if (slaveKind != null) {
            f.putString(InterfaceAttr.SLAVE_KIND, slaveKind);
        }
        return Frames.copy(f.finish());
    }

    /** The ERROR frames the FPM answered (the HELLO's answer aside). */
    private List<byte[]> errors() {
        return Frames.errors(replies);
    }

    private FrameWriter tunnel(long ifuid, int kind) {
        return add(TunnelAttr.TUNNEL_ADD).putU32(TunnelAttr.VRFID, 0).putU64(TunnelAttr.IFUID, ifuid)
                .putU8(TunnelAttr.KIND, kind);
    }

    private FrameWriter svti(long ifuid) {
        return add(SvtiAttr.SVTI_ADD).putU32(SvtiAttr.VRFID, 0).putU64(SvtiAttr.IFUID, ifuid);
    }

    private static String infoData(JsonNode vrf, String ifname) {
        return link(vrf, ifname).path("linkinfo").path("info_data").toString();
    }

    private FrameWriter gre(long ifuid, int kind) {
        return add(GreAttr.GRE_ADD).putU32(GreAttr.VRFID, 0).putU64(GreAttr.IFUID, ifuid).putU8(GreAttr.KIND, kind);
    }

    private FrameWriter add(int type) {
        return w.begin(type, seq++);
    }

    private void feed(byte[]... list) throws Exception {
        for (byte[] f : list) {
            assertThat(session.receive(f, 0, f.length)).isTrue();
        }
    }

    private JsonNode vrf0() throws Exception {
        return new ObjectMapper().readTree(FpmDump.toJson(1, tables)).path("vrfs").get(0);
    }

    private static JsonNode link(JsonNode vrf, String ifname) {
        for (JsonNode l : vrf.path("links")) {
            if (ifname.equals(l.path("ifname").asText())) {
                return l;
            }
        }
        throw new AssertionError("no link " + ifname);
    }

    private static List<String> fields(JsonNode o) {
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static byte[] ip(String literal) throws Exception {
        return InetAddress.getByName(literal).getAddress();
    }
}
