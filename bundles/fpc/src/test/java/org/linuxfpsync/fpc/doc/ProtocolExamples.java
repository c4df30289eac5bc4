package org.linuxfpsync.fpc.doc;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

import org.linuxfpsync.fpc.codec.AddressAttr;
import org.linuxfpsync.fpc.codec.BpfAttr;
import org.linuxfpsync.fpc.codec.BridgeAttr;
import org.linuxfpsync.fpc.codec.BridgePortAttr;
import org.linuxfpsync.fpc.codec.BridgeVlanAttr;
import org.linuxfpsync.fpc.codec.ConntrackAttr;
import org.linuxfpsync.fpc.codec.CtTupleAttr;
import org.linuxfpsync.fpc.codec.ErrorAttr;
import org.linuxfpsync.fpc.codec.FdbAttr;
import org.linuxfpsync.fpc.codec.FlushAttr;
import org.linuxfpsync.fpc.codec.FpInterfaceSubtype;
import org.linuxfpsync.fpc.codec.FpInterfaceType;
import org.linuxfpsync.fpc.codec.FpcCodecs;
import org.linuxfpsync.fpc.codec.FpcHello;
import org.linuxfpsync.fpc.codec.FpcMessageType;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.fpc.codec.GreAttr;
import org.linuxfpsync.fpc.codec.InterfaceAttr;
import org.linuxfpsync.fpc.codec.LagAttr;
import org.linuxfpsync.fpc.codec.LagSlaveAttr;
import org.linuxfpsync.fpc.codec.MacvlanAttr;
import org.linuxfpsync.fpc.codec.MrouteAttr;
import org.linuxfpsync.fpc.codec.MrouteOifAttr;
import org.linuxfpsync.fpc.codec.MrouteStatsReplyAttr;
import org.linuxfpsync.fpc.codec.MrouteStatsRequestAttr;
import org.linuxfpsync.fpc.codec.NeighbourAttr;
import org.linuxfpsync.fpc.codec.NetfilterAttr;
import org.linuxfpsync.fpc.codec.NexthopAttr;
import org.linuxfpsync.fpc.codec.NexthopGroupMemberAttr;
import org.linuxfpsync.fpc.codec.NexthopObjectAttr;
import org.linuxfpsync.fpc.codec.RouteAttr;
import org.linuxfpsync.fpc.codec.RuleAttr;
import org.linuxfpsync.fpc.codec.SaAttr;
import org.linuxfpsync.fpc.codec.SaReplayAttr;
import org.linuxfpsync.fpc.codec.SelectorAttr;
import org.linuxfpsync.fpc.codec.SpAttr;
import org.linuxfpsync.fpc.codec.SpTemplateAttr;
import org.linuxfpsync.fpc.codec.StatsReplyAttr;
import org.linuxfpsync.fpc.codec.StatsRequestAttr;
import org.linuxfpsync.fpc.codec.SvtiAttr;
import org.linuxfpsync.fpc.codec.TunnelAttr;
import org.linuxfpsync.fpc.codec.VlanAttr;
import org.linuxfpsync.fpc.codec.VxlanAttr;

/** The example frames of docs/fpc-protocol.md, made by the Java encoder: one session, in order. */
final class ProtocolExamples {
    static final long EPOCH = 1764000000000L;
    static final long ETH0 = 0x061a1e72L;
    static final long BR0 = 0x42e9f282L;
    static final long VETH1 = 0x33117022L;
    static final long ETH1 = 0x33117023L;
    static final long VXLAN10 = 0x5a17c0de0010L;
    static final long VLAN100 = 0x1e5b6a0764L;
    static final long MACVLAN0 = 0x2c4d11aa01L;
    static final long BOND0 = 0x7b0d0001L;
    static final long GRE1 = 0x63e00001L;
    static final long IP6TNL1 = 0x63e00002L;
    static final long VTI1 = 0x63e00003L;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    /** Not a real key: 20 bytes of AES-128-GCM key and salt, to show the layout. */
    static final byte[] EXAMPLE_KEY = {
        0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, (byte) 0x88, (byte) 0x99,
        (byte) 0xaa, (byte) 0xbb, (byte) 0xcc, (byte) 0xdd, (byte) 0xee, (byte) 0xff, 0x01, 0x02, 0x03, 0x04};

    private ProtocolExamples() {
    }

    /** Name (as in the document's markers) to frame bytes. */
    static Map<String, byte[]> all() {
        FrameWriter w = new FrameWriter();
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("hello-client", copy(FpcCodecs.helloFrame(w, 0, FpcHello.client("cmgrd", 0, 0x1ffff))));
        m.put("hello-server", copy(FpcCodecs.helloFrame(w, 0, FpcHello.server("linux-fp-sync-fpm", 0x1ffff, EPOCH))));
        m.put("gr-begin", copy(FpcCodecs.grFrame(w, FpcMessageType.GR_BEGIN, 1, InterfaceAttr.FAMILY_INTERFACES, 0)));
        m.put("if-create", ifCreateEth0());
        m.put("if-create-bridge-port", copy(w.begin(InterfaceAttr.IF_CREATE, 3)
                .putU64(InterfaceAttr.IFUID, VETH1)
                .putU32(InterfaceAttr.VRFID, 0)
                .putU32(InterfaceAttr.IFINDEX, 11)
                .putString(InterfaceAttr.IFNAME, "veth1")
                .putU16(InterfaceAttr.TYPE, FpInterfaceType.ETHER)
                .putU16(InterfaceAttr.SUBTYPE, FpInterfaceSubtype.VETH)
                .putU32(InterfaceAttr.FLAGS, 0x11143)
                .putU32(InterfaceAttr.MTU, 1500)
                .putBytes(InterfaceAttr.MAC, new byte[] {0x42, 0x0e, (byte) 0xbe, (byte) 0xc1, (byte) 0xb0, 0x0a})
                .putU64(InterfaceAttr.MASTER_IFUID, BR0)
                .putString(InterfaceAttr.KIND, "veth")
                .putU8(InterfaceAttr.OPERSTATE, 6)
                .putU16(InterfaceAttr.ARPHRD, 1)
                .putString(InterfaceAttr.SLAVE_KIND, "bridge")
                .finish()));
        m.put("gr-end", copy(FpcCodecs.grFrame(w, FpcMessageType.GR_END, 4, InterfaceAttr.FAMILY_INTERFACES, 0)));
        m.put("if-update", copy(w.begin(InterfaceAttr.IF_UPDATE, 5)
                .putU64(InterfaceAttr.IFUID, ETH0)
                .putU32(InterfaceAttr.VRFID, 0)
                .putU32(InterfaceAttr.IFINDEX, 2)
                .putString(InterfaceAttr.IFNAME, "eth0")
                .putU16(InterfaceAttr.TYPE, FpInterfaceType.ETHER)
                .putU16(InterfaceAttr.SUBTYPE, FpInterfaceSubtype.NONE)
                .putU32(InterfaceAttr.FLAGS, 0x1003)
                .putU32(InterfaceAttr.MTU, 9000)
                .putBytes(InterfaceAttr.MAC, new byte[] {0x52, 0x54, 0x00, 0x12, 0x34, 0x56})
                .putU8(InterfaceAttr.OPERSTATE, 2)
                .putU16(InterfaceAttr.ARPHRD, 1)
                .finish()));
        m.put("if-delete", copy(w.begin(InterfaceAttr.IF_DELETE, 6)
                .putU64(InterfaceAttr.IFUID, ETH0)
                .putU32(InterfaceAttr.VRFID, 0)
                .putString(InterfaceAttr.IFNAME, "eth0")
                .finish()));
        m.put("error", copy(FpcCodecs.errorFrame(w, 1, 7, InterfaceAttr.IF_UPDATE, ErrorAttr.ENOENT,
                "IF_UPDATE of unknown ifuid 0x61a1e72: send IF_CREATE")));
        m.putAll(sessionExamples(w));
        m.putAll(objectExamples(w));
        return m;
    }

    static Map<String, byte[]> sessionExamples(FrameWriter w) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("flush", copy(w.begin(FpcMessageType.FLUSH, 20)
                .putU8(FlushAttr.FAMILY, NeighbourAttr.FAMILY_NEIGHBOURS)
                .putU32(FlushAttr.VRFID, 0)
                .finish()));
        m.put("stats-request", copy(w.begin(FpcMessageType.STATS_REQUEST, 21)
                .putU32(StatsRequestAttr.VRFID, 0)
                .finish()));
        m.put("stats-reply", copy(w.begin(FpcMessageType.STATS_REPLY, 9)
                .putU32(StatsReplyAttr.REQUEST_SEQ, 21)
                .putU64(StatsReplyAttr.IFUID, ETH0)
                .putU32(StatsReplyAttr.VRFID, 0)
                .putU64(StatsReplyAttr.RX_PACKETS, 1200)
                .putU64(StatsReplyAttr.RX_BYTES, 1_350_000)
                .putU64(StatsReplyAttr.TX_PACKETS, 800)
                .putU64(StatsReplyAttr.TX_BYTES, 96_000)
                .putU8(StatsReplyAttr.LAST, 1)
                .finish()));
        m.put("mroute-stats-request", copy(w.begin(FpcMessageType.MROUTE_STATS_REQUEST, 22)
                .putU32(MrouteStatsRequestAttr.VRFID, 0)
                .finish()));
        m.put("mroute-stats-reply", copy(w.begin(FpcMessageType.MROUTE_STATS_REPLY, 10)
                .putU32(MrouteStatsReplyAttr.REQUEST_SEQ, 22)
                .putU32(MrouteStatsReplyAttr.VRFID, 0)
                .putU8(MrouteStatsReplyAttr.FAMILY, 2)
                .putU32(MrouteStatsReplyAttr.TABLE, 254)
                .putAddress(MrouteStatsReplyAttr.SOURCE, new byte[] {10, 0, 0, 1})
                .putAddress(MrouteStatsReplyAttr.GROUP, new byte[] {(byte) 239, 1, 1, 1})
                .putU64(MrouteStatsReplyAttr.PACKETS, 4200)
                .putU64(MrouteStatsReplyAttr.BYTES, 5_880_000)
                .putU64(MrouteStatsReplyAttr.WRONG_IF, 0)
                .putU8(MrouteStatsReplyAttr.LAST, 1)
                .finish()));
        return m;
    }

    /** One ADD (or more) per object family, keyed by the message name in lower case with dashes. */
    static Map<String, byte[]> objectExamples(FrameWriter w) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("addr-add", copy(w.begin(AddressAttr.ADDR_ADD, 30)
                .putU32(AddressAttr.VRFID, 0)
                .putU64(AddressAttr.IFUID, ETH0)
                .putU8(AddressAttr.FAMILY, AF_INET)
                .putAddress(AddressAttr.LOCAL, ip("10.1.0.1"))
                .putU8(AddressAttr.PREFIXLEN, 24)
                .putAddress(AddressAttr.BROADCAST, ip("10.1.0.255"))
                .putU32(AddressAttr.FLAGS, 0x80)
                .putU8(AddressAttr.SCOPE, 0)
                .putString(AddressAttr.LABEL, "eth0")
                .finish()));
        m.put("route-add", routeAdd(w));
        m.put("route-del", copy(w.begin(RouteAttr.ROUTE_DEL, 32)
                .putU32(RouteAttr.VRFID, 0)
                .putU32(RouteAttr.TABLE, 254)
                .putU8(RouteAttr.FAMILY, AF_INET)
                .putAddress(RouteAttr.DST, ip("10.9.0.0"))
                .putU8(RouteAttr.PREFIXLEN, 16)
                .putU32(RouteAttr.PRIORITY, 20)
                .finish()));
        m.put("neigh-add", copy(w.begin(NeighbourAttr.NEIGH_ADD, 33)
                .putU32(NeighbourAttr.VRFID, 0)
                .putU64(NeighbourAttr.IFUID, ETH0)
                .putU8(NeighbourAttr.FAMILY, AF_INET6)
                .putAddress(NeighbourAttr.DST, ip("2001:db8::2"))
                .putBytes(NeighbourAttr.LLADDR, new byte[] {0x52, 0x54, 0, 0, 0, 3})
                .putU16(NeighbourAttr.STATE, 0x02)
                .putU8(NeighbourAttr.FLAGS, 0x80)
                .finish()));
        m.put("rule-add", copy(w.begin(RuleAttr.RULE_ADD, 34)
                .putU32(RuleAttr.VRFID, 0)
                .putU8(RuleAttr.FAMILY, AF_INET)
                .putU32(RuleAttr.PRIORITY, 100)
                .putU8(RuleAttr.ACTION, 1)
                .putU32(RuleAttr.TABLE, 100)
                .putAddress(RuleAttr.SRC, ip("10.1.0.0"))
                .putU8(RuleAttr.SRC_LEN, 24)
                .putString(RuleAttr.IIFNAME, "eth0")
                .putU32(RuleAttr.FWMARK, 0x10)
                .putU32(RuleAttr.FWMASK, 0xff)
                .finish()));
        m.put("brport-add", copy(w.begin(BridgePortAttr.BRPORT_ADD, 35)
                .putU32(BridgePortAttr.VRFID, 0)
                .putU64(BridgePortAttr.IFUID, VETH1)
                .putU64(BridgePortAttr.BRIDGE_IFUID, BR0)
                .putU8(BridgePortAttr.STATE, 3)
                .putU32(BridgePortAttr.FLAGS, 0x0f)
                .putU16(BridgePortAttr.PRIORITY, 32)
                .putU32(BridgePortAttr.COST, 2)
                .finish()));
        m.put("brvlan-add", copy(w.begin(BridgeVlanAttr.BRVLAN_ADD, 36)
                .putU32(BridgeVlanAttr.VRFID, 0)
                .putU64(BridgeVlanAttr.IFUID, VETH1)
                .putU16(BridgeVlanAttr.VID, 10)
                .putU16(BridgeVlanAttr.FLAGS, 0x6)
                .finish()));
        m.put("fdb-add", copy(w.begin(FdbAttr.FDB_ADD, 37)
                .putU32(FdbAttr.VRFID, 0)
                .putU64(FdbAttr.IFUID, BR0)
                .putBytes(FdbAttr.MAC, new byte[] {0x52, 0x54, 0, 0, 0, 9})
                .putU16(FdbAttr.VLAN, 10)
                .putU64(FdbAttr.PORT_IFUID, VETH1)
                .putU16(FdbAttr.STATE, 0x02)
                .putU8(FdbAttr.FLAGS, 0x04)
                .finish()));
        m.put("vxlan-add", copy(w.begin(VxlanAttr.VXLAN_ADD, 38)
                .putU32(VxlanAttr.VRFID, 0)
                .putU64(VxlanAttr.IFUID, VXLAN10)
                .putU32(VxlanAttr.VNI, 10)
                .putAddress(VxlanAttr.LOCAL, ip("192.0.2.1"))
                .putAddress(VxlanAttr.REMOTE, ip("239.1.1.1"))
                .putU16(VxlanAttr.DST_PORT, 4789)
                .putU8(VxlanAttr.TTL, 16)
                .putU8(VxlanAttr.LEARNING, 1)
                .putU8(VxlanAttr.COLLECT_METADATA, 0)
                .putU64(VxlanAttr.LINK_IFUID, ETH0)
                .finish()));
        m.put("vlan-add", copy(w.begin(VlanAttr.VLAN_ADD, 39)
                .putU32(VlanAttr.VRFID, 0)
                .putU64(VlanAttr.IFUID, VLAN100)
                .putU16(VlanAttr.VLAN_ID, 100)
                .putU16(VlanAttr.PROTOCOL, 0x8100)
                .putU64(VlanAttr.PARENT_IFUID, ETH0)
                .putU32(VlanAttr.FLAGS, 0x1)
                .finish()));
        m.put("macvlan-add", copy(w.begin(MacvlanAttr.MACVLAN_ADD, 40)
                .putU32(MacvlanAttr.VRFID, 0)
                .putU64(MacvlanAttr.IFUID, MACVLAN0)
                .putU32(MacvlanAttr.MODE, 4)
                .putU64(MacvlanAttr.PARENT_IFUID, ETH0)
                .finish()));
        m.put("lag-add", copy(w.begin(LagAttr.LAG_ADD, 41)
                .putU32(LagAttr.VRFID, 0)
                .putU64(LagAttr.IFUID, BOND0)
                .putU8(LagAttr.MODE, 4)
                .putU8(LagAttr.XMIT_HASH_POLICY, 1)
                .beginNested(LagAttr.SLAVE)
                    .putU64(LagSlaveAttr.IFUID, ETH0)
                    .putU8(LagSlaveAttr.STATE, 0)
                    .putU8(LagSlaveAttr.LINK, 0)
                    .putU16(LagSlaveAttr.AGGREGATOR_ID, 1)
                    .putU8(LagSlaveAttr.LACP_ACTOR_STATE, 0x3d)
                    .putU8(LagSlaveAttr.LACP_PARTNER_STATE, 0x3d)
                .endNested()
                .beginNested(LagAttr.SLAVE)
                    .putU64(LagSlaveAttr.IFUID, ETH1)
                    .putU8(LagSlaveAttr.STATE, 0)
                    .putU8(LagSlaveAttr.LINK, 0)
                    .putU16(LagSlaveAttr.AGGREGATOR_ID, 1)
                    .putU8(LagSlaveAttr.LACP_ACTOR_STATE, 0x3d)
                    .putU8(LagSlaveAttr.LACP_PARTNER_STATE, 0x3d)
                .endNested()
                .finish()));
        m.put("gre-add", copy(w.begin(GreAttr.GRE_ADD, 42)
                .putU32(GreAttr.VRFID, 0)
                .putU64(GreAttr.IFUID, GRE1)
                .putU8(GreAttr.KIND, 1)
                .putAddress(GreAttr.LOCAL, ip("192.0.2.1"))
                .putAddress(GreAttr.REMOTE, ip("198.51.100.7"))
                .putU32(GreAttr.IKEY, 42)
                .putU32(GreAttr.OKEY, 42)
                .putU16(GreAttr.IFLAGS, 0x2000)
                .putU16(GreAttr.OFLAGS, 0x2000)
                .putU8(GreAttr.TTL, 64)
                .putU8(GreAttr.PMTUDISC, 1)
                .finish()));
        m.put("tunnel-add", copy(w.begin(TunnelAttr.TUNNEL_ADD, 43)
                .putU32(TunnelAttr.VRFID, 0)
                .putU64(TunnelAttr.IFUID, IP6TNL1)
                .putU8(TunnelAttr.KIND, 3)
                .putAddress(TunnelAttr.LOCAL, ip("2001:db8::1"))
                .putAddress(TunnelAttr.REMOTE, ip("2001:db8:ffff::1"))
                .putU8(TunnelAttr.TTL, 64)
                .putU8(TunnelAttr.PROTO, 4)
                .putU64(TunnelAttr.LINK_IFUID, ETH0)
                .putU8(TunnelAttr.ENCAP_LIMIT, 4)
                .finish()));
        w.begin(SaAttr.SA_ADD, 44)
                .putU32(SaAttr.VRFID, 0)
                .putU8(SaAttr.FAMILY, AF_INET)
                .putAddress(SaAttr.DADDR, ip("198.51.100.7"))
                .putU32(SaAttr.SPI, 0xc0ffee01)
                .putU8(SaAttr.PROTO, 50)
                .putAddress(SaAttr.SADDR, ip("192.0.2.1"))
                .putU8(SaAttr.MODE, 1)
                .putU32(SaAttr.REQID, 7)
                .putU32(SaAttr.REPLAY_WINDOW, 64);
        selector(w, SaAttr.SELECTOR);
        m.put("sa-add", copy(w
                .putString(SaAttr.AEAD_ALG, "rfc4106(gcm(aes))")
                .putBytes(SaAttr.AEAD_KEY, EXAMPLE_KEY)
                .putU32(SaAttr.AEAD_ICV_BITS, 128)
                .finish()));
        m.put("sa-replay", copy(w.begin(SaReplayAttr.SA_REPLAY, 45)
                .putU32(SaReplayAttr.VRFID, 0)
                .putU8(SaReplayAttr.FAMILY, AF_INET)
                .putAddress(SaReplayAttr.DADDR, ip("198.51.100.7"))
                .putU32(SaReplayAttr.SPI, 0xc0ffee01)
                .putU8(SaReplayAttr.PROTO, 50)
                .putU64(SaReplayAttr.OSEQ, 0)
                .putU64(SaReplayAttr.SEQ, 1042)
                .putBytes(SaReplayAttr.BITMAP, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xfb})
                .putU32(SaReplayAttr.REPLAY_THRESH, 2)
                .putU32(SaReplayAttr.ETIMER_THRESH, 10)
                .finish()));
        w.begin(SpAttr.SP_ADD, 46)
                .putU32(SpAttr.VRFID, 0)
                .putU32(SpAttr.INDEX, 0x61)
                .putU8(SpAttr.DIR, 1)
                .putU8(SpAttr.ACTION, 0)
                .putU32(SpAttr.PRIORITY, 1000);
        selector(w, SpAttr.SELECTOR);
        m.put("sp-add", copy(w
                .beginNested(SpAttr.TMPL)
                    .putU8(SpTemplateAttr.FAMILY, AF_INET)
                    .putAddress(SpTemplateAttr.DADDR, ip("198.51.100.7"))
                    .putAddress(SpTemplateAttr.SADDR, ip("192.0.2.1"))
                    .putU8(SpTemplateAttr.PROTO, 50)
                    .putU8(SpTemplateAttr.MODE, 1)
                    .putU32(SpTemplateAttr.REQID, 7)
                .endNested()
                .finish()));
        m.put("svti-add", copy(w.begin(SvtiAttr.SVTI_ADD, 47)
                .putU32(SvtiAttr.VRFID, 0)
                .putU64(SvtiAttr.IFUID, VTI1)
                .putAddress(SvtiAttr.LOCAL, ip("192.0.2.1"))
                .putAddress(SvtiAttr.REMOTE, ip("198.51.100.7"))
                .putU32(SvtiAttr.IKEY, 5)
                .putU32(SvtiAttr.OKEY, 5)
                .putU8(SvtiAttr.KIND, 1)
                .finish()));
        // the whole table ip filter, its blob one NEWTABLE (little-endian host: nlmsghdr, nfgenmsg, NFTA_TABLE_NAME)
        m.put("nf-table-add", copy(w.begin(NetfilterAttr.NF_TABLE_ADD, 48)
                .putU32(NetfilterAttr.VRFID, 0)
                .putU8(NetfilterAttr.FAMILY, 2)
                .putString(NetfilterAttr.TABLE, "filter")
                .putU8(NetfilterAttr.FORMAT, 2)
                .putBytes(NetfilterAttr.RULES, new byte[] {0x20, 0, 0, 0, 0, 0x0a, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                    2, 0, 0, 0, 0x0b, 0, 1, 0, 'f', 'i', 'l', 't', 'e', 'r', 0, 0})
                .putU32(NetfilterAttr.GENERATION, 2)
                .putU8(NetfilterAttr.ORIGIN, 1)
                .finish()));
        m.put("ct-add", copy(w.begin(ConntrackAttr.CT_ADD, 49)
                .putU32(ConntrackAttr.VRFID, 0)
                .putU16(ConntrackAttr.ZONE, 0)
                .beginNested(ConntrackAttr.ORIG)
                    .putU8(CtTupleAttr.FAMILY, AF_INET)
                    .putAddress(CtTupleAttr.SRC, ip("10.1.0.2"))
                    .putAddress(CtTupleAttr.DST, ip("203.0.113.5"))
                    .putU8(CtTupleAttr.PROTO, 6)
                    .putU16(CtTupleAttr.SPORT, 40000)
                    .putU16(CtTupleAttr.DPORT, 443)
                .endNested()
                .beginNested(ConntrackAttr.REPLY)
                    .putU8(CtTupleAttr.FAMILY, AF_INET)
                    .putAddress(CtTupleAttr.SRC, ip("203.0.113.5"))
                    .putAddress(CtTupleAttr.DST, ip("192.0.2.1"))
                    .putU8(CtTupleAttr.PROTO, 6)
                    .putU16(CtTupleAttr.SPORT, 443)
                    .putU16(CtTupleAttr.DPORT, 40000)
                .endNested()
                .putU32(ConntrackAttr.STATUS, 0x19e)
                .putU32(ConntrackAttr.ID, 0x8a301c00)
                .putU8(ConntrackAttr.TCP_STATE, 3)
                .putU32(ConntrackAttr.TIMEOUT, 431999)
                .finish()));
        m.put("bpf-add", copy(w.begin(BpfAttr.BPF_ADD, 50)
                .putU32(BpfAttr.VRFID, 0)
                .putU64(BpfAttr.IFUID, ETH0)
                .putU32(BpfAttr.ID, 81234)
                // tcpdump -dd icmp, shortened: ldh [12]; jeq #0x800 jt 0 jf 1; ret #262144; ret #0
                .putBytes(BpfAttr.PROGRAM, new byte[] {0, 0x28, 0, 0, 0, 0, 0, 12, 0, 0x15, 0, 1, 0, 0, 0x08, 0,
                    0, 0x06, 0, 0, 0, 0x04, 0, 0, 0, 0x06, 0, 0, 0, 0, 0, 0})
                .putU8(BpfAttr.SOCKET_TYPE, 3 /* SOCK_RAW */)
                .putU16(BpfAttr.PROTOCOL, 0x0003)
                .putU32(BpfAttr.PID, 4242)
                .putString(BpfAttr.APPLICATION, "tcpdump")
                .putU8(BpfAttr.PROMISC, 1)
                .finish()));
        m.put("mroute-add", copy(w.begin(MrouteAttr.MROUTE_ADD, 51)
                .putU32(MrouteAttr.VRFID, 0)
                .putU8(MrouteAttr.FAMILY, AF_INET)
                .putU32(MrouteAttr.TABLE, 253)
                .putAddress(MrouteAttr.SOURCE, ip("10.1.0.2"))
                .putAddress(MrouteAttr.GROUP, ip("239.1.1.1"))
                .putU64(MrouteAttr.IIF_IFUID, ETH0)
                .beginNested(MrouteAttr.OIF)
                    .putU64(MrouteOifAttr.IFUID, ETH1)
                    .putU8(MrouteOifAttr.TTL, 1)
                .endNested()
                .finish()));
        m.put("bridge-add", copy(w.begin(BridgeAttr.BRIDGE_ADD, 52)
                .putU32(BridgeAttr.VRFID, 0)
                .putU64(BridgeAttr.IFUID, BR0)
                .putU32(BridgeAttr.AGEING_TIME, 30000)
                .putU32(BridgeAttr.STP_STATE, 0)
                .putU32(BridgeAttr.FORWARD_DELAY, 1500)
                .putU8(BridgeAttr.VLAN_FILTERING, 1)
                .putU16(BridgeAttr.VLAN_PROTOCOL, 0x8100)
                .putU16(BridgeAttr.VLAN_DEFAULT_PVID, 1)
                .putU16(BridgeAttr.GROUP_FWD_MASK, 0)
                .putU8(BridgeAttr.MCAST_SNOOPING, 1)
                .finish()));
        m.put("nexthop-add", copy(w.begin(NexthopObjectAttr.NEXTHOP_ADD, 53)
                .putU32(NexthopObjectAttr.VRFID, 0)
                .putU32(NexthopObjectAttr.ID, 10)
                .putU8(NexthopObjectAttr.GROUP_TYPE, 1)
                .beginNested(NexthopObjectAttr.MEMBER)
                    .putU32(NexthopGroupMemberAttr.ID, 1)
                .endNested()
                .beginNested(NexthopObjectAttr.MEMBER)
                    .putU32(NexthopGroupMemberAttr.ID, 2)
                    .putU16(NexthopGroupMemberAttr.WEIGHT, 3)
                .endNested()
                .putU16(NexthopObjectAttr.BUCKETS, 8)
                .putU32(NexthopObjectAttr.IDLE_TIMER, 12000)
                .putU32(NexthopObjectAttr.UNBALANCED_TIMER, 0)
                .finish()));
        return m;
    }

    /** The SELECTOR of the examples' SA and SP: 10.1.0.0/24 to 10.2.0.0/24. */
    private static void selector(FrameWriter w, int tlv) {
        w.beginNested(tlv)
                .putU8(SelectorAttr.FAMILY, AF_INET)
                .putAddress(SelectorAttr.SADDR, ip("10.1.0.0"))
                .putAddress(SelectorAttr.DADDR, ip("10.2.0.0"))
                .putU8(SelectorAttr.SPREFIXLEN, 24)
                .putU8(SelectorAttr.DPREFIXLEN, 24)
                .endNested();
    }

    /** A route with two next hops: the frame of the C header test and the benchmarks' unit of work. */
    static byte[] routeAdd(FrameWriter w) {
        return copy(w.begin(RouteAttr.ROUTE_ADD, 31)
                .putU32(RouteAttr.VRFID, 0)
                .putU32(RouteAttr.TABLE, 254)
                .putU8(RouteAttr.FAMILY, AF_INET)
                .putAddress(RouteAttr.DST, ip("10.9.0.0"))
                .putU8(RouteAttr.PREFIXLEN, 16)
                .putU32(RouteAttr.PRIORITY, 20)
                .putU8(RouteAttr.TYPE, 1)
                .putU8(RouteAttr.PROTOCOL, 186)
                .putU8(RouteAttr.SCOPE, 0)
                .beginNested(RouteAttr.NEXTHOP)
                    .putAddress(NexthopAttr.GATEWAY, ip("10.1.0.2"))
                    .putU64(NexthopAttr.IFUID, ETH0)
                    .putU16(NexthopAttr.WEIGHT, 1)
                .endNested()
                .beginNested(RouteAttr.NEXTHOP)
                    .putAddress(NexthopAttr.GATEWAY, ip("10.2.0.3"))
                    .putU64(NexthopAttr.IFUID, ETH1)
                    .putU16(NexthopAttr.WEIGHT, 2)
                    .putU32(NexthopAttr.FLAGS, 0x4)
                .endNested()
                .finish());
    }

    static byte[] ip(String literal) {
        try {
            return java.net.InetAddress.getByName(literal).getAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    /** eth0, up with carrier: the frame the C header test decodes. */
    static byte[] ifCreateEth0() {
        return copy(new FrameWriter().begin(InterfaceAttr.IF_CREATE, 2)
                .putU64(InterfaceAttr.IFUID, ETH0)
                .putU32(InterfaceAttr.VRFID, 0)
                .putU32(InterfaceAttr.IFINDEX, 2)
                .putString(InterfaceAttr.IFNAME, "eth0")
                .putU16(InterfaceAttr.TYPE, FpInterfaceType.ETHER)
                .putU16(InterfaceAttr.SUBTYPE, FpInterfaceSubtype.NONE)
                .putU32(InterfaceAttr.FLAGS, 0x11043)
                .putU32(InterfaceAttr.MTU, 1500)
                .putBytes(InterfaceAttr.MAC, new byte[] {0x52, 0x54, 0x00, 0x12, 0x34, 0x56})
                .putU8(InterfaceAttr.OPERSTATE, 6)
                .putU16(InterfaceAttr.ARPHRD, 1)
                .finish());
    }

    private static byte[] copy(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
