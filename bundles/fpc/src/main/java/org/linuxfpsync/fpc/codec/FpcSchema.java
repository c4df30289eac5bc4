package org.linuxfpsync.fpc.codec;

import static org.linuxfpsync.fpc.codec.TlvForm.ADDRESS;
import static org.linuxfpsync.fpc.codec.TlvForm.BYTES;
import static org.linuxfpsync.fpc.codec.TlvForm.NESTED;
import static org.linuxfpsync.fpc.codec.TlvForm.STRING;
import static org.linuxfpsync.fpc.codec.TlvForm.U16;
import static org.linuxfpsync.fpc.codec.TlvForm.U32;
import static org.linuxfpsync.fpc.codec.TlvForm.U64;
import static org.linuxfpsync.fpc.codec.TlvForm.U8;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.linuxfpsync.fpc.codec.MessageSpec.Role;
import org.linuxfpsync.fpc.codec.TlvSpec.Use;

/**
 * Every message of FPC version 1 and the form of each of its TLVs: the tables of
 * docs/fpc-protocol.md as data. The document's TLV tables and the defines of fpc.h are checked
 * against it by tests, the reference FPM validates and stores objects by it, and the
 * {@code *Attr} classes give its numbers names for senders.
 */
public final class FpcSchema {

    static final TlvList HELLO_TLVS = new TlvList("HELLO", "HelloAttr",
            "", List.of(
            req(HelloAttr.VERSION_MAX, "VERSION_MAX", U16, "highest protocol version the sender speaks (1)"),
            opt(HelloAttr.NAME, "NAME", STRING, "software name: `cmgrd`, `linux-fp-sync-fpm`"),
            opt(HelloAttr.INSTANCE, "INSTANCE", U32, "client only: the cache manager instance id (`-I`)"),
            opt(HelloAttr.FEATURES, "FEATURES", U32,
                    "sync-mask bits (section 7.5): wanted (client), supported (server)"),
            opt(HelloAttr.EPOCH, "EPOCH", U64, "server only: session epoch, below 2^63")));

    static final TlvList ERROR_TLVS = new TlvList("ERROR", "ErrorAttr",
            "", List.of(
            opt(ErrorAttr.SEQ, "SEQ", U32, "seq of the refused frame (0 when the header was unreadable)"),
            opt(ErrorAttr.TYPE, "TYPE", U16, "its message type; absent when the header was unreadable"),
            req(ErrorAttr.CODE, "CODE", U32, "an errno value (table 7.2)"),
            opt(ErrorAttr.MESSAGE, "MESSAGE", STRING,
                    "one line, at most 256 characters, saying what was wrong").withMax(256)));

    static final TlvList GR_TLVS = new TlvList("GR", "GrAttr",
            "", List.of(
            req(GrAttr.FAMILY, "FAMILY", U8, "object family (section 7.1)"),
            req(GrAttr.VRFID, "VRFID", U32, "the vrf replayed")));

    static final TlvList INTERFACE_TLVS = new TlvList("IF", "InterfaceAttr",
            "", List.of(
            key(InterfaceAttr.IFUID, "IFUID", U64,
                    "stable for the life of the interface, unique across vrfs; 0 is reserved"),
            req(InterfaceAttr.VRFID, "VRFID", U32, "the vrf (network namespace) of the interface"),
            opt(InterfaceAttr.IFINDEX, "IFINDEX", U32, "the kernel's ifindex in that namespace"),
            opt(InterfaceAttr.IFNAME, "IFNAME", STRING, "the kernel's name, at most 15 bytes").withMax(15),
            opt(InterfaceAttr.TYPE, "TYPE", U16, "fast path interface type (table 7.3)"),
            opt(InterfaceAttr.SUBTYPE, "SUBTYPE", U16, "fast path interface subtype (table 7.4)"),
            opt(InterfaceAttr.FLAGS, "FLAGS", U32, "the kernel's `ifi_flags` (table 7.6)"),
            opt(InterfaceAttr.MTU, "MTU", U32, ""),
            opt(InterfaceAttr.MAC, "MAC", BYTES, "link-layer address (`IFLA_ADDRESS`), at most 32 bytes").withMax(32),
            opt(InterfaceAttr.MASTER_IFUID, "MASTER_IFUID", U64,
                    "ifuid of the master (bridge, bond, vrf); absent or 0 when none"),
            opt(InterfaceAttr.KIND, "KIND", STRING, "`IFLA_INFO_KIND`, at most 31 bytes").withMax(31),
            opt(InterfaceAttr.OPERSTATE, "OPERSTATE", U8, "`IF_OPER_*` (table 7.7)"),
            opt(InterfaceAttr.ARPHRD, "ARPHRD", U16, "the kernel's `ARPHRD_*` link type"),
            opt(InterfaceAttr.SLAVE_KIND, "SLAVE_KIND", STRING,
                    "`IFLA_INFO_SLAVE_KIND` when enslaved, at most 31 bytes").withMax(31)));

    static final TlvList ADDRESS_TLVS = new TlvList("ADDR", "AddressAttr",
            "TLVs of ADDR_ADD and ADDR_DEL (an interface address, `RTM_NEWADDR`).", List.of(
            key(AddressAttr.VRFID, "VRFID", U32, "the vrf of the interface"),
            key(AddressAttr.IFUID, "IFUID", U64, "the interface holding the address"),
            key(AddressAttr.FAMILY, "FAMILY", U8, "address family: 2 AF_INET, 10 AF_INET6"),
            key(AddressAttr.LOCAL, "LOCAL", ADDRESS, "the address itself (`IFA_LOCAL`; `IFA_ADDRESS` for IPv6)"),
            key(AddressAttr.PREFIXLEN, "PREFIXLEN", U8, "`ifa_prefixlen`, at most 32 (IPv4) or 128 (IPv6)"),
            opt(AddressAttr.PEER, "PEER", ADDRESS,
                    "the peer of a point-to-point address (`IFA_ADDRESS` when it differs from LOCAL)"),
            opt(AddressAttr.BROADCAST, "BROADCAST", ADDRESS, "`IFA_BROADCAST` (IPv4)"),
            opt(AddressAttr.FLAGS, "FLAGS", U32,
                    "`IFA_F_*` (`IFA_FLAGS`): 0x01 secondary/temporary, 0x02 nodad, 0x40 tentative, 0x80 "
                    + "permanent, 0x200 noprefixroute..."),
            opt(AddressAttr.SCOPE, "SCOPE", U8, "`RT_SCOPE_*`: 0 universe (global), 200 site, 253 link, 254 host"),
            opt(AddressAttr.LABEL, "LABEL", STRING, "`IFA_LABEL` (IPv4), at most 15 bytes").withMax(15),
            opt(AddressAttr.VALID_LFT, "VALID_LFT", U32, "valid lifetime in seconds, 0xffffffff forever"),
            opt(AddressAttr.PREFERRED_LFT, "PREFERRED_LFT", U32, "preferred lifetime in seconds, 0xffffffff forever")));

    static final TlvList NEXTHOP_TLVS = new TlvList("NH", "NexthopAttr",
            "TLVs inside a NEXTHOP of ROUTE_ADD.", List.of(
            opt(NexthopAttr.GATEWAY, "GATEWAY", ADDRESS,
                    "`RTA_GATEWAY` (or `RTA_VIA`: an IPv6 gateway of an IPv4 route); absent for a directly "
                    + "connected route"),
            opt(NexthopAttr.IFUID, "IFUID", U64, "the output interface"),
            opt(NexthopAttr.WEIGHT, "WEIGHT", U16, "1..256, ip's `weight` (`rtnh_hops` + 1); 1 when absent"),
            opt(NexthopAttr.FLAGS, "FLAGS", U32, "`RTNH_F_*`: 0x1 dead, 0x4 onlink, 0x8 offload, 0x10 linkdown")));

    static final TlvList ROUTE_TLVS = new TlvList("ROUTE", "RouteAttr",
            "TLVs of ROUTE_ADD and ROUTE_DEL (`RTM_NEWROUTE`). The key is the kernel's route identity.", List.of(
            key(RouteAttr.VRFID, "VRFID", U32, "the vrf"),
            key(RouteAttr.TABLE, "TABLE", U32,
                    "routing table (`RTA_TABLE`): 254 main, 255 local, 253 default, or any other number"),
            key(RouteAttr.FAMILY, "FAMILY", U8, "address family: 2 AF_INET, 10 AF_INET6"),
            key(RouteAttr.DST, "DST", ADDRESS,
                    "destination network (host bits zero); `0.0.0.0`/`::` with PREFIXLEN 0 for the default route"),
            key(RouteAttr.PREFIXLEN, "PREFIXLEN", U8, "`rtm_dst_len`, at most 32 (IPv4) or 128 (IPv6)"),
            key0(RouteAttr.TOS, "TOS", U8, "`rtm_tos`"),
            key0(RouteAttr.PRIORITY, "PRIORITY", U32, "`RTA_PRIORITY`, ip's `metric`"),
            opt(RouteAttr.TYPE, "TYPE", U8,
                    "`RTN_*`: 1 unicast (when absent), 2 local, 3 broadcast, 4 anycast, 5 multicast, 6 blackhole, "
                    + "7 unreachable, 8 prohibit, 9 throw"),
            opt(RouteAttr.PROTOCOL, "PROTOCOL", U8,
                    "`RTPROT_*`: 2 kernel, 3 boot, 4 static, 11 zebra, 16 dhcp, 186 bgp, 188 ospf..."),
            opt(RouteAttr.SCOPE, "SCOPE", U8, "`RT_SCOPE_*`: 0 universe, 200 site, 253 link, 254 host"),
            opt(RouteAttr.PREFSRC, "PREFSRC", ADDRESS, "`RTA_PREFSRC`"),
            opt(RouteAttr.MTU, "MTU", U32, "`RTAX_MTU` of `RTA_METRICS`: path MTU to use for this route"),
            opt(RouteAttr.PREF, "PREF", U8, "IPv6 router preference (`RTA_PREF`): 0 medium, 1 high, 3 low"),
            opt(RouteAttr.NEXTHOP, "NEXTHOP", NESTED,
                    "one next hop (table NEXTHOP below); repeated, in the kernel's order, for a multipath route; "
                    + "absent for blackhole, unreachable, prohibit").withNested(NEXTHOP_TLVS).asRepeated(),
            key0(RouteAttr.OIF_IFUID, "OIF_IFUID", U64,
                    "the output interface of a single-path route (`RTA_OIF`); absent for a multipath route and a "
                    + "route without one. The kernel keeps routes that differ by their interface only: IPv6's "
                    + "`fe80::/64` and `ff00::/8` of every link, IPv4's prefix routes of one subnet on two links")));

    static final TlvList NEIGHBOUR_TLVS = new TlvList("NEIGH", "NeighbourAttr",
            "TLVs of NEIGH_ADD and NEIGH_DEL (`RTM_NEWNEIGH` of AF_INET, AF_INET6).", List.of(
            key(NeighbourAttr.VRFID, "VRFID", U32, "the vrf of the interface"),
            key(NeighbourAttr.IFUID, "IFUID", U64, "the interface"),
            key(NeighbourAttr.FAMILY, "FAMILY", U8, "address family: 2 AF_INET, 10 AF_INET6"),
            key(NeighbourAttr.DST, "DST", ADDRESS, "the neighbour's IP address (`NDA_DST`)"),
            opt(NeighbourAttr.LLADDR, "LLADDR", BYTES,
                    "its link-layer address (`NDA_LLADDR`), at most 32 bytes").withMax(32),
            opt(NeighbourAttr.STATE, "STATE", U16,
                    "`NUD_*`: 0x01 incomplete, 0x02 reachable, 0x04 stale, 0x08 delay, 0x10 probe, 0x20 failed, "
                    + "0x40 noarp, 0x80 permanent"),
            opt(NeighbourAttr.FLAGS, "FLAGS", U8, "`NTF_*`: 0x01 use, 0x08 proxy, 0x10 extern_learn, 0x80 router")));

    static final TlvList RULE_TLVS = new TlvList("RULE", "RuleAttr",
            "TLVs of RULE_ADD and RULE_DEL (`RTM_NEWRULE`). Every TLV is part of the key, as the kernel matches "
            + "a rule to delete on all of them.", List.of(
            key(RuleAttr.VRFID, "VRFID", U32, "the vrf"),
            key(RuleAttr.FAMILY, "FAMILY", U8, "address family: 2 AF_INET, 10 AF_INET6"),
            key(RuleAttr.PRIORITY, "PRIORITY", U32, "`FRA_PRIORITY`"),
            key(RuleAttr.ACTION, "ACTION", U8,
                    "`FR_ACT_*`: 1 to table, 2 goto, 3 nop, 6 blackhole, 7 unreachable, 8 prohibit"),
            key0(RuleAttr.TABLE, "TABLE", U32, "`FRA_TABLE` for action 1"),
            key0(RuleAttr.SRC, "SRC", ADDRESS, "`FRA_SRC`; absent: from all"),
            key0(RuleAttr.SRC_LEN, "SRC_LEN", U8, "source prefix length"),
            key0(RuleAttr.DST, "DST", ADDRESS, "`FRA_DST`"),
            key0(RuleAttr.DST_LEN, "DST_LEN", U8, "destination prefix length"),
            key0(RuleAttr.IIFNAME, "IIFNAME", STRING,
                    "`FRA_IIFNAME`, at most 15 bytes (rules name interfaces, which may not exist yet)").withMax(15),
            key0(RuleAttr.OIFNAME, "OIFNAME", STRING, "`FRA_OIFNAME`, at most 15 bytes").withMax(15),
            key0(RuleAttr.FWMARK, "FWMARK", U32, "`FRA_FWMARK`"),
            key0(RuleAttr.FWMASK, "FWMASK", U32, "`FRA_FWMASK`"),
            key0(RuleAttr.TOS, "TOS", U8, "`frh_tos`"),
            key0(RuleAttr.FLAGS, "FLAGS", U32, "`FIB_RULE_*`: 0x2 invert"),
            key0(RuleAttr.GOTO, "GOTO", U32, "`FRA_GOTO`: target priority of action 2")));

    static final TlvList BRIDGE_PORT_TLVS = new TlvList("BRPORT", "BridgePortAttr",
            "TLVs of BRPORT_ADD and BRPORT_DEL (a bridge port, `IFLA_PROTINFO` of AF_BRIDGE).", List.of(
            key(BridgePortAttr.VRFID, "VRFID", U32, "the vrf"),
            key(BridgePortAttr.IFUID, "IFUID", U64, "the port"),
            req(BridgePortAttr.BRIDGE_IFUID, "BRIDGE_IFUID", U64, "its bridge"),
            opt(BridgePortAttr.STATE, "STATE", U8,
                    "`BR_STATE_*`: 0 disabled, 1 listening, 2 learning, 3 forwarding, 4 blocking"),
            opt(BridgePortAttr.FLAGS, "FLAGS", U32,
                    "0x1 learning, 0x2 unicast flood, 0x4 multicast flood, 0x8 broadcast flood, 0x10 hairpin, 0x20 "
                    + "proxy ARP, 0x40 neighbour suppression, 0x80 isolated"),
            opt(BridgePortAttr.PRIORITY, "PRIORITY", U16, "`IFLA_BRPORT_PRIORITY`"),
            opt(BridgePortAttr.COST, "COST", U32, "`IFLA_BRPORT_COST`")));

    static final TlvList BRIDGE_VLAN_TLVS = new TlvList("BRVLAN", "BridgeVlanAttr",
            "TLVs of BRVLAN_ADD and BRVLAN_DEL (one VLAN of a bridge port or of the bridge itself, "
            + "`IFLA_AF_SPEC` `BRIDGE_VLAN_INFO`).", List.of(
            key(BridgeVlanAttr.VRFID, "VRFID", U32, "the vrf"),
            key(BridgeVlanAttr.IFUID, "IFUID", U64, "the port (or the bridge)"),
            key(BridgeVlanAttr.VID, "VID", U16, "1..4094"),
            opt(BridgeVlanAttr.FLAGS, "FLAGS", U16, "`BRIDGE_VLAN_INFO_*`: 0x2 pvid, 0x4 untagged")));

    static final TlvList FDB_TLVS = new TlvList("FDB", "FdbAttr",
            "TLVs of FDB_ADD and FDB_DEL (a forwarding database entry, `RTM_NEWNEIGH` of AF_BRIDGE). IFUID is "
            + "the device whose table holds the entry: the bridge for its learned and static entries (so a station "
            + "moving to another port replaces its entry), the VXLAN device for its own remote entries.", List.of(
            key(FdbAttr.VRFID, "VRFID", U32, "the vrf"),
            key(FdbAttr.IFUID, "IFUID", U64,
                    "the device holding the table: the bridge (NTF_MASTER) or the device itself (NTF_SELF)"),
            key(FdbAttr.MAC, "MAC", BYTES, "the station's MAC address, 6 bytes").withMax(32),
            key0(FdbAttr.VLAN, "VLAN", U16, "`NDA_VLAN`"),
            key0(FdbAttr.REMOTE, "REMOTE", ADDRESS, "VXLAN remote (`NDA_DST`); a VXLAN entry may have several"),
            opt(FdbAttr.PORT_IFUID, "PORT_IFUID", U64,
                    "the port the station is behind (`ndm_ifindex` of a bridge entry)"),
            opt(FdbAttr.VNI, "VNI", U32, "`NDA_VNI`"),
            opt(FdbAttr.DST_PORT, "DST_PORT", U16, "VXLAN UDP port (`NDA_PORT`)"),
            opt(FdbAttr.STATE, "STATE", U16,
                    "`NUD_*`: 0x80 permanent (static, local), 0x40 noarp, 0x02 reachable (learned)"),
            opt(FdbAttr.FLAGS, "FLAGS", U8, "`NTF_*`: 0x02 self, 0x04 master, 0x10 extern_learn, 0x40 sticky"),
            opt(FdbAttr.VIA_IFUID, "VIA_IFUID", U64,
                    "the device a VXLAN remote is reached through (`NDA_IFINDEX`)")));

    static final TlvList VXLAN_TLVS = new TlvList("VXLAN", "VxlanAttr",
            "TLVs of VXLAN_ADD and VXLAN_DEL (`IFLA_VXLAN_*` of a vxlan interface).", List.of(
            key(VxlanAttr.VRFID, "VRFID", U32, "the vrf"),
            key(VxlanAttr.IFUID, "IFUID", U64, "the vxlan interface"),
            req(VxlanAttr.VNI, "VNI", U32, "`IFLA_VXLAN_ID`"),
            opt(VxlanAttr.LOCAL, "LOCAL", ADDRESS, "source address"),
            opt(VxlanAttr.REMOTE, "REMOTE", ADDRESS, "unicast remote or multicast group (`IFLA_VXLAN_GROUP`)"),
            opt(VxlanAttr.DST_PORT, "DST_PORT", U16, "UDP destination port"),
            opt(VxlanAttr.TTL, "TTL", U8, "0: inherit"),
            opt(VxlanAttr.TOS, "TOS", U8, "1: inherit"),
            opt(VxlanAttr.LEARNING, "LEARNING", U8, "1: learn remote MACs"),
            opt(VxlanAttr.COLLECT_METADATA, "COLLECT_METADATA", U8, "1: external (flow-based) mode"),
            opt(VxlanAttr.LINK_IFUID, "LINK_IFUID", U64, "the underlay device (`IFLA_VXLAN_LINK`)")));

    static final TlvList VLAN_TLVS = new TlvList("VLAN", "VlanAttr",
            "TLVs of VLAN_ADD and VLAN_DEL (`IFLA_VLAN_*`).", List.of(
            key(VlanAttr.VRFID, "VRFID", U32, "the vrf"),
            key(VlanAttr.IFUID, "IFUID", U64, "the vlan interface"),
            req(VlanAttr.VLAN_ID, "VLAN_ID", U16, "0..4094"),
            opt(VlanAttr.PROTOCOL, "PROTOCOL", U16, "0x8100 (802.1Q, when absent) or 0x88a8 (802.1ad)"),
            req(VlanAttr.PARENT_IFUID, "PARENT_IFUID", U64, "the lower device (`IFLA_LINK`)"),
            opt(VlanAttr.FLAGS, "FLAGS", U32,
                    "`VLAN_FLAG_*`: 0x1 reorder_hdr, 0x2 gvrp, 0x4 loose_binding, 0x8 mvrp, 0x10 bridge_binding")));

    static final TlvList MACVLAN_TLVS = new TlvList("MACVLAN", "MacvlanAttr",
            "TLVs of MACVLAN_ADD and MACVLAN_DEL (`IFLA_MACVLAN_*`, macvlan and macvtap).", List.of(
            key(MacvlanAttr.VRFID, "VRFID", U32, "the vrf"),
            key(MacvlanAttr.IFUID, "IFUID", U64, "the macvlan interface"),
            req(MacvlanAttr.MODE, "MODE", U32, "`MACVLAN_MODE_*`: 1 private, 2 vepa, 4 bridge, 8 passthru, 16 source"),
            req(MacvlanAttr.PARENT_IFUID, "PARENT_IFUID", U64, "the lower device"),
            opt(MacvlanAttr.FLAGS, "FLAGS", U16, "`MACVLAN_FLAG_*`: 0x1 nopromisc, 0x2 nodst"),
            opt(MacvlanAttr.SOURCE_MAC, "SOURCE_MAC", BYTES,
                    "a source MAC of a mode source device (`IFLA_MACVLAN_MACADDR_DATA`), 6 bytes")
                    .withMax(32).asRepeated()));

    static final TlvList LAG_SLAVE_TLVS = new TlvList("LAG_SLAVE", "LagSlaveAttr",
            "TLVs inside a SLAVE of LAG_ADD (`IFLA_BOND_SLAVE_*`).", List.of(
            req(LagSlaveAttr.IFUID, "IFUID", U64, "the slave"),
            opt(LagSlaveAttr.STATE, "STATE", U8, "`BOND_STATE_*`: 0 active, 1 backup"),
            opt(LagSlaveAttr.LINK, "LINK", U8, "`BOND_LINK_*`: 0 up, 1 fail, 2 down, 3 back"),
            opt(LagSlaveAttr.AGGREGATOR_ID, "AGGREGATOR_ID", U16, "802.3ad aggregator"),
            opt(LagSlaveAttr.LACP_ACTOR_STATE, "LACP_ACTOR_STATE", U8, "802.3ad actor port state bits"),
            opt(LagSlaveAttr.LACP_PARTNER_STATE, "LACP_PARTNER_STATE", U8, "802.3ad partner port state bits")));

    static final TlvList LAG_TLVS = new TlvList("LAG", "LagAttr",
            "TLVs of LAG_ADD and LAG_DEL (a bonding device, `IFLA_BOND_*`).", List.of(
            key(LagAttr.VRFID, "VRFID", U32, "the vrf"),
            key(LagAttr.IFUID, "IFUID", U64, "the bond"),
            req(LagAttr.MODE, "MODE", U8,
                    "`BOND_MODE_*`: 0 balance-rr, 1 active-backup, 2 balance-xor, 3 broadcast, 4 802.3ad, 5 "
                    + "balance-tlb, 6 balance-alb"),
            opt(LagAttr.ACTIVE_SLAVE_IFUID, "ACTIVE_SLAVE_IFUID", U64, "the active slave (active-backup, tlb, alb)"),
            opt(LagAttr.XMIT_HASH_POLICY, "XMIT_HASH_POLICY", U8,
                    "`BOND_XMIT_POLICY_*`: 0 layer2, 1 layer3+4, 2 layer2+3, 3 encap2+3, 4 encap3+4"),
            opt(LagAttr.SLAVE, "SLAVE", NESTED,
                    "one slave (table SLAVE below); repeated").withNested(LAG_SLAVE_TLVS).asRepeated()));

    static final TlvList GRE_TLVS = new TlvList("GRE", "GreAttr",
            "TLVs of GRE_ADD and GRE_DEL (`IFLA_GRE_*` of gre, gretap, ip6gre, ip6gretap).", List.of(
            key(GreAttr.VRFID, "VRFID", U32, "the vrf"),
            key(GreAttr.IFUID, "IFUID", U64, "the tunnel interface"),
            req(GreAttr.KIND, "KIND", U8, "1 gre, 2 gretap, 3 ip6gre, 4 ip6gretap"),
            opt(GreAttr.LOCAL, "LOCAL", ADDRESS, "outer source"),
            opt(GreAttr.REMOTE, "REMOTE", ADDRESS, "outer destination; absent for a multipoint tunnel"),
            opt(GreAttr.IKEY, "IKEY", U32, "input key"),
            opt(GreAttr.OKEY, "OKEY", U32, "output key"),
            opt(GreAttr.IFLAGS, "IFLAGS", U16, "`GRE_*` input flags: 0x8000 csum, 0x2000 key, 0x1000 seq"),
            opt(GreAttr.OFLAGS, "OFLAGS", U16, "`GRE_*` output flags"),
            opt(GreAttr.TTL, "TTL", U8, "0: inherit"),
            opt(GreAttr.TOS, "TOS", U8, "TOS or traffic class; 1: inherit"),
            opt(GreAttr.PMTUDISC, "PMTUDISC", U8, "1: path MTU discovery (DF set)"),
            opt(GreAttr.LINK_IFUID, "LINK_IFUID", U64, "the underlay device (`IFLA_GRE_LINK`)"),
            opt(GreAttr.LINK_VRFID, "LINK_VRFID", U32,
                    "the vrf of the outer packets when it differs (`IFLA_LINK_NETNSID`)")));

    static final TlvList TUNNEL_TLVS = new TlvList("TUNNEL", "TunnelAttr",
            "TLVs of TUNNEL_ADD and TUNNEL_DEL (`IFLA_IPTUN_*` of ipip, sit, ip6tnl).", List.of(
            key(TunnelAttr.VRFID, "VRFID", U32, "the vrf"),
            key(TunnelAttr.IFUID, "IFUID", U64, "the tunnel interface"),
            req(TunnelAttr.KIND, "KIND", U8, "1 ipip, 2 sit, 3 ip6tnl"),
            opt(TunnelAttr.LOCAL, "LOCAL", ADDRESS, "outer source"),
            opt(TunnelAttr.REMOTE, "REMOTE", ADDRESS, "outer destination"),
            opt(TunnelAttr.TTL, "TTL", U8, "0: inherit (hop limit for ip6tnl)"),
            opt(TunnelAttr.TOS, "TOS", U8, "TOS or traffic class"),
            opt(TunnelAttr.PROTO, "PROTO", U8, "inner protocol of ip6tnl and ipip: 4 IPv4, 41 IPv6, 0 any"),
            opt(TunnelAttr.FLAGS, "FLAGS", U32, "`IFLA_IPTUN_FLAGS`"),
            opt(TunnelAttr.LINK_IFUID, "LINK_IFUID", U64, "the underlay device (`IFLA_IPTUN_LINK`)"),
            opt(TunnelAttr.LINK_VRFID, "LINK_VRFID", U32, "the vrf of the outer packets when it differs")));

    static final TlvList SELECTOR_TLVS = new TlvList("SEL", "SelectorAttr",
            "TLVs inside a SELECTOR (`struct xfrm_selector`) of SA_ADD and SP_ADD.", List.of(
            req(SelectorAttr.FAMILY, "FAMILY", U8, "address family: 2 AF_INET, 10 AF_INET6"),
            opt(SelectorAttr.SADDR, "SADDR", ADDRESS, "source; absent: any"),
            opt(SelectorAttr.DADDR, "DADDR", ADDRESS, "destination; absent: any"),
            opt(SelectorAttr.SPREFIXLEN, "SPREFIXLEN", U8, "source prefix length"),
            opt(SelectorAttr.DPREFIXLEN, "DPREFIXLEN", U8, "destination prefix length"),
            opt(SelectorAttr.PROTO, "PROTO", U8, "upper-layer protocol, 0 any"),
            opt(SelectorAttr.SPORT, "SPORT", U16, "source port"),
            opt(SelectorAttr.SPORT_MASK, "SPORT_MASK", U16, ""),
            opt(SelectorAttr.DPORT, "DPORT", U16, "destination port"),
            opt(SelectorAttr.DPORT_MASK, "DPORT_MASK", U16, ""),
            opt(SelectorAttr.IFUID, "IFUID", U64, "interface the selector is bound to")));

    static final TlvList SA_TLVS = new TlvList("SA", "SaAttr",
            "TLVs of SA_ADD and SA_DEL (an IPsec security association, `XFRM_MSG_NEWSA`). The key material is "
            + "opaque bytes: a receiver may use it, never print or log it.", List.of(
            key(SaAttr.VRFID, "VRFID", U32, "the vrf"),
            key(SaAttr.FAMILY, "FAMILY", U8, "outer address family: 2 AF_INET, 10 AF_INET6"),
            key(SaAttr.DADDR, "DADDR", ADDRESS, "outer destination"),
            key(SaAttr.SPI, "SPI", U32, ""),
            key(SaAttr.PROTO, "PROTO", U8, "50 ESP, 51 AH, 108 IPcomp"),
            opt(SaAttr.SADDR, "SADDR", ADDRESS, "outer source"),
            opt(SaAttr.MODE, "MODE", U8, "`XFRM_MODE_*`: 0 transport, 1 tunnel, 4 beet"),
            opt(SaAttr.REQID, "REQID", U32, "links the SA to policy templates"),
            opt(SaAttr.REPLAY_WINDOW, "REPLAY_WINDOW", U32, "anti-replay window in packets"),
            opt(SaAttr.FLAGS, "FLAGS", U32,
                    "`XFRM_STATE_*`: 0x1 noecn, 0x2 decap_dscp, 0x4 nopmtudisc, 0x8 wildrecv, 0x10 icmp, 0x20 "
                    + "af_unspec, 0x40 align4, 0x80 esn"),
            opt(SaAttr.SELECTOR, "SELECTOR", NESTED,
                    "the traffic the SA may carry (table SELECTOR)").withNested(SELECTOR_TLVS),
            opt(SaAttr.AUTH_ALG, "AUTH_ALG", STRING,
                    "authentication algorithm (`hmac(sha256)`), at most 63 bytes").withMax(63),
            opt(SaAttr.AUTH_KEY, "AUTH_KEY", BYTES, "authentication key: secret").withMax(1024).asSecret(),
            opt(SaAttr.AUTH_TRUNC_BITS, "AUTH_TRUNC_BITS", U32, "ICV length in bits"),
            opt(SaAttr.ENC_ALG, "ENC_ALG", STRING, "encryption algorithm (`cbc(aes)`), at most 63 bytes").withMax(63),
            opt(SaAttr.ENC_KEY, "ENC_KEY", BYTES, "encryption key: secret").withMax(1024).asSecret(),
            opt(SaAttr.AEAD_ALG, "AEAD_ALG", STRING,
                    "AEAD algorithm (`rfc4106(gcm(aes))`), at most 63 bytes").withMax(63),
            opt(SaAttr.AEAD_KEY, "AEAD_KEY", BYTES, "AEAD key and salt: secret").withMax(1024).asSecret(),
            opt(SaAttr.AEAD_ICV_BITS, "AEAD_ICV_BITS", U32, "ICV length in bits"),
            opt(SaAttr.ENCAP_TYPE, "ENCAP_TYPE", U16, "NAT traversal: 2 ESP in UDP"),
            opt(SaAttr.ENCAP_SPORT, "ENCAP_SPORT", U16, ""),
            opt(SaAttr.ENCAP_DPORT, "ENCAP_DPORT", U16, ""),
            opt(SaAttr.MARK, "MARK", U32, "`XFRMA_MARK` value"),
            opt(SaAttr.MARK_MASK, "MARK_MASK", U32, "`XFRMA_MARK` mask"),
            opt(SaAttr.IF_ID, "IF_ID", U32, "`XFRMA_IF_ID` (xfrm interfaces)")));

    static final TlvList SA_REPLAY_TLVS = new TlvList("SA_REPLAY", "SaReplayAttr",
            "TLVs of SA_REPLAY: the sequence numbers of a known SA, for IPsec high availability (the seed's "
            + "`-R`).", List.of(
            key(SaReplayAttr.VRFID, "VRFID", U32, "the vrf"),
            key(SaReplayAttr.FAMILY, "FAMILY", U8, "outer address family"),
            key(SaReplayAttr.DADDR, "DADDR", ADDRESS, "outer destination"),
            key(SaReplayAttr.SPI, "SPI", U32, ""),
            key(SaReplayAttr.PROTO, "PROTO", U8, "50 ESP, 51 AH"),
            opt(SaReplayAttr.OSEQ, "OSEQ", U64, "last output sequence number (high 32 bits: ESN)"),
            opt(SaReplayAttr.SEQ, "SEQ", U64, "highest input sequence number seen (high 32 bits: ESN)"),
            opt(SaReplayAttr.BITMAP, "BITMAP", BYTES,
                    "input replay window bitmap, bit 0 = SEQ, at most 512 bytes").withMax(512)));

    static final TlvList SP_TEMPLATE_TLVS = new TlvList("TMPL", "SpTemplateAttr",
            "TLVs inside a TMPL of SP_ADD (`struct xfrm_user_tmpl`).", List.of(
            req(SpTemplateAttr.FAMILY, "FAMILY", U8, "outer address family"),
            opt(SpTemplateAttr.DADDR, "DADDR", ADDRESS, "tunnel destination"),
            opt(SpTemplateAttr.SADDR, "SADDR", ADDRESS, "tunnel source"),
            opt(SpTemplateAttr.SPI, "SPI", U32, "0: any"),
            req(SpTemplateAttr.PROTO, "PROTO", U8, "50 ESP, 51 AH, 108 IPcomp"),
            opt(SpTemplateAttr.MODE, "MODE", U8, "`XFRM_MODE_*`"),
            opt(SpTemplateAttr.REQID, "REQID", U32, ""),
            opt(SpTemplateAttr.OPTIONAL, "OPTIONAL", U8, "1: the transform may be skipped")));

    static final TlvList SP_TLVS = new TlvList("SP", "SpAttr",
            "TLVs of SP_ADD and SP_DEL (an IPsec security policy, `XFRM_MSG_NEWPOLICY`). The key is the kernel's "
            + "policy index, which every policy message carries.", List.of(
            key(SpAttr.VRFID, "VRFID", U32, "the vrf"),
            key(SpAttr.INDEX, "INDEX", U32, "the kernel's policy index"),
            req(SpAttr.DIR, "DIR", U8, "`XFRM_POLICY_*`: 0 in, 1 out, 2 fwd"),
            opt(SpAttr.ACTION, "ACTION", U8, "0 allow, 1 block"),
            opt(SpAttr.PRIORITY, "PRIORITY", U32, "lower wins"),
            req(SpAttr.SELECTOR, "SELECTOR", NESTED, "the traffic matched (table SELECTOR)").withNested(SELECTOR_TLVS),
            opt(SpAttr.TMPL, "TMPL", NESTED,
                    "one transform to apply (table TMPL below); repeated, in order")
                    .withNested(SP_TEMPLATE_TLVS).asRepeated(),
            opt(SpAttr.MARK, "MARK", U32, ""),
            opt(SpAttr.MARK_MASK, "MARK_MASK", U32, ""),
            opt(SpAttr.IF_ID, "IF_ID", U32, "`XFRMA_IF_ID`"),
            opt(SpAttr.FLAGS, "FLAGS", U8, "`XFRM_POLICY_*` flags: 0x1 localok, 0x2 icmp")));

    static final TlvList SVTI_TLVS = new TlvList("SVTI", "SvtiAttr",
            "TLVs of SVTI_ADD and SVTI_DEL (a vti or vti6 interface: route-based IPsec).", List.of(
            key(SvtiAttr.VRFID, "VRFID", U32, "the vrf"),
            key(SvtiAttr.IFUID, "IFUID", U64, "the vti interface"),
            opt(SvtiAttr.LOCAL, "LOCAL", ADDRESS, "outer source"),
            opt(SvtiAttr.REMOTE, "REMOTE", ADDRESS, "outer destination"),
            opt(SvtiAttr.IKEY, "IKEY", U32, "input key: the mark matching inbound SAs"),
            opt(SvtiAttr.OKEY, "OKEY", U32, "output key: the mark of outbound lookups"),
            opt(SvtiAttr.LINK_IFUID, "LINK_IFUID", U64, "the underlay device"),
            opt(SvtiAttr.LINK_VRFID, "LINK_VRFID", U32, "the vrf of the outer packets when it differs")));

    static final TlvList NETFILTER_TLVS = new TlvList("NF", "NetfilterAttr",
            "TLVs of NF_TABLE_ADD and NF_TABLE_DEL: the rules of one netfilter table (or one chain of it) as an "
            + "opaque blob the fast path compiles.", List.of(
            key(NetfilterAttr.VRFID, "VRFID", U32, "the vrf"),
            key(NetfilterAttr.FAMILY, "FAMILY", U8, "`NFPROTO_*`: 2 IPv4, 3 ARP, 7 bridge (ebtables), 10 IPv6"),
            key(NetfilterAttr.TABLE, "TABLE", STRING,
                    "`filter`, `nat`, `mangle`, `raw`, `broute`..., at most 31 bytes").withMax(31),
            key0(NetfilterAttr.CHAIN, "CHAIN", STRING,
                    "one chain of the table; absent: the whole table; at most 31 bytes").withMax(31),
            req(NetfilterAttr.FORMAT, "FORMAT", U8,
                    "1: x_tables replace blob (`ipt_replace`, `ip6t_replace`, `ebt_replace` and its entries), 2: "
                    + "nftables netlink rule messages"),
            opt(NetfilterAttr.RULES, "RULES", BYTES,
                    "a piece of the blob; repeated: the blob is the concatenation of the RULES TLVs in order")
                    .asRepeated(),
            opt(NetfilterAttr.POLICY, "POLICY", U8, "chain policy: 0 drop, 1 accept")));

    static final TlvList CT_TUPLE_TLVS = new TlvList("TUPLE", "CtTupleAttr",
            "TLVs inside ORIG and REPLY of CT_ADD (`CTA_TUPLE_*`).", List.of(
            req(CtTupleAttr.FAMILY, "FAMILY", U8, "address family: 2 AF_INET, 10 AF_INET6"),
            req(CtTupleAttr.SRC, "SRC", ADDRESS, "source address"),
            req(CtTupleAttr.DST, "DST", ADDRESS, "destination address"),
            req(CtTupleAttr.PROTO, "PROTO", U8, "6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6, 132 SCTP..."),
            opt(CtTupleAttr.SPORT, "SPORT", U16, "source port"),
            opt(CtTupleAttr.DPORT, "DPORT", U16, "destination port"),
            opt(CtTupleAttr.ICMP_ID, "ICMP_ID", U16, ""),
            opt(CtTupleAttr.ICMP_TYPE, "ICMP_TYPE", U8, ""),
            opt(CtTupleAttr.ICMP_CODE, "ICMP_CODE", U8, "")));

    static final TlvList CONNTRACK_TLVS = new TlvList("CT", "ConntrackAttr",
            "TLVs of CT_ADD and CT_DEL (a connection, `IPCTNL_MSG_CT_NEW`). NAT shows as a REPLY tuple that is "
            + "not the inverse of ORIG, and the status bits say which side was translated.", List.of(
            key(ConntrackAttr.VRFID, "VRFID", U32, "the vrf"),
            key0(ConntrackAttr.ZONE, "ZONE", U16, "`CTA_ZONE`"),
            key(ConntrackAttr.ORIG, "ORIG", NESTED, "the original direction (table TUPLE)").withNested(CT_TUPLE_TLVS),
            req(ConntrackAttr.REPLY, "REPLY", NESTED, "the reply direction (table TUPLE)").withNested(CT_TUPLE_TLVS),
            opt(ConntrackAttr.STATUS, "STATUS", U32,
                    "`IPS_*`: 0x2 seen reply, 0x4 assured, 0x8 confirmed, 0x10 src NAT, 0x20 dst NAT"),
            opt(ConntrackAttr.MARK, "MARK", U32, "`CTA_MARK`"),
            opt(ConntrackAttr.TIMEOUT, "TIMEOUT", U32, "seconds left"),
            opt(ConntrackAttr.ID, "ID", U32, "`CTA_ID`")));

    static final TlvList BPF_TLVS = new TlvList("BPF", "BpfAttr",
            "TLVs of BPF_ADD and BPF_DEL: a classic BPF filter attached to an interface (a capture: tcpdump).", List.of(
            key(BpfAttr.VRFID, "VRFID", U32, "the vrf"),
            key(BpfAttr.IFUID, "IFUID", U64, "the interface captured"),
            key(BpfAttr.ID, "ID", U32, "the filter among those of the interface (the capturing socket's inode)"),
            req(BpfAttr.PROGRAM, "PROGRAM", BYTES,
                    "1 to 4096 instructions of 8 bytes: u16 code, u8 jt, u8 jf, u32 k, big-endian").withMax(32768)));

    static final TlvList MROUTE_OIF_TLVS = new TlvList("OIF", "MrouteOifAttr",
            "TLVs inside an OIF of MROUTE_ADD.", List.of(
            req(MrouteOifAttr.IFUID, "IFUID", U64, "the output interface"),
            opt(MrouteOifAttr.TTL, "TTL", U8, "TTL threshold")));

    static final TlvList MROUTE_TLVS = new TlvList("MROUTE", "MrouteAttr",
            "TLVs of MROUTE_ADD and MROUTE_DEL (a multicast forwarding cache entry, `RTM_NEWROUTE` of "
            + "RTNL_FAMILY_IPMR/IP6MR).", List.of(
            key(MrouteAttr.VRFID, "VRFID", U32, "the vrf"),
            key(MrouteAttr.FAMILY, "FAMILY", U8, "address family: 2 AF_INET, 10 AF_INET6"),
            key0(MrouteAttr.TABLE, "TABLE", U32, "multicast routing table"),
            key(MrouteAttr.SOURCE, "SOURCE", ADDRESS, "source address (`RTA_SRC`), 0 for (*,G)"),
            key(MrouteAttr.GROUP, "GROUP", ADDRESS, "group address (`RTA_DST`)"),
            req(MrouteAttr.IIF_IFUID, "IIF_IFUID", U64, "the input interface"),
            opt(MrouteAttr.OIF, "OIF", NESTED,
                    "one output interface (table OIF below); repeated").withNested(MROUTE_OIF_TLVS).asRepeated()));

    static final TlvList BRIDGE_TLVS = new TlvList("BRIDGE", "BridgeAttr",
            "TLVs of BRIDGE_ADD and BRIDGE_DEL (the forwarding parameters of a bridge device, `IFLA_BR_*` of "
            + "`IFLA_INFO_DATA`).", List.of(
            key(BridgeAttr.VRFID, "VRFID", U32, "the vrf"),
            key(BridgeAttr.IFUID, "IFUID", U64, "the bridge"),
            opt(BridgeAttr.AGEING_TIME, "AGEING_TIME", U32,
                    "`IFLA_BR_AGEING_TIME`: how long a learned entry lives, in hundredths of a second"),
            opt(BridgeAttr.STP_STATE, "STP_STATE", U32, "`IFLA_BR_STP_STATE`: 0 off, 1 kernel STP, 2 user-space STP"),
            opt(BridgeAttr.FORWARD_DELAY, "FORWARD_DELAY", U32,
                    "`IFLA_BR_FORWARD_DELAY`: listening and learning time of a port, in hundredths of a second"),
            opt(BridgeAttr.VLAN_FILTERING, "VLAN_FILTERING", U8,
                    "`IFLA_BR_VLAN_FILTERING`: 1 when the bridge filters by VLAN (table bridge-vlans)"),
            opt(BridgeAttr.VLAN_PROTOCOL, "VLAN_PROTOCOL", U16,
                    "`IFLA_BR_VLAN_PROTOCOL`: 0x8100 (802.1Q) or 0x88a8 (802.1ad)"),
            opt(BridgeAttr.VLAN_DEFAULT_PVID, "VLAN_DEFAULT_PVID", U16,
                    "`IFLA_BR_VLAN_DEFAULT_PVID`: the PVID of a new port, 0 for none"),
            opt(BridgeAttr.GROUP_FWD_MASK, "GROUP_FWD_MASK", U16,
                    "`IFLA_BR_GROUP_FWD_MASK`: the link-local groups 01:80:c2:00:00:0X forwarded, one bit per X"),
            opt(BridgeAttr.MCAST_SNOOPING, "MCAST_SNOOPING", U8,
                    "`IFLA_BR_MCAST_SNOOPING`: 1 when multicast is forwarded by IGMP/MLD membership")));

    static final TlvList FLUSH_TLVS = new TlvList("FLUSH", "FlushAttr",
            "TLVs of FLUSH.", List.of(
            req(FlushAttr.FAMILY, "FAMILY", U8, "the object family to empty (section 7.1)"),
            req(FlushAttr.VRFID, "VRFID", U32, "in this vrf")));

    static final TlvList STATS_REQUEST_TLVS = new TlvList("STATS_REQ", "StatsRequestAttr",
            "TLVs of STATS_REQUEST.", List.of(
            opt(StatsRequestAttr.VRFID, "VRFID", U32, "only the interfaces of this vrf; absent: every vrf"),
            opt(StatsRequestAttr.IFUID, "IFUID", U64, "only this interface")));

    static final TlvList STATS_REPLY_TLVS = new TlvList("STATS", "StatsReplyAttr",
            "TLVs of STATS_REPLY.", List.of(
            req(StatsReplyAttr.REQUEST_SEQ, "REQUEST_SEQ", U32, "seq of the STATS_REQUEST answered"),
            opt(StatsReplyAttr.IFUID, "IFUID", U64, "the interface counted; absent in an empty answer"),
            opt(StatsReplyAttr.VRFID, "VRFID", U32, "its vrf"),
            opt(StatsReplyAttr.RX_PACKETS, "RX_PACKETS", U64, ""),
            opt(StatsReplyAttr.RX_BYTES, "RX_BYTES", U64, ""),
            opt(StatsReplyAttr.TX_PACKETS, "TX_PACKETS", U64, ""),
            opt(StatsReplyAttr.TX_BYTES, "TX_BYTES", U64, ""),
            opt(StatsReplyAttr.RX_DROPPED, "RX_DROPPED", U64, ""),
            opt(StatsReplyAttr.TX_DROPPED, "TX_DROPPED", U64, ""),
            opt(StatsReplyAttr.RX_ERRORS, "RX_ERRORS", U64, ""),
            opt(StatsReplyAttr.TX_ERRORS, "TX_ERRORS", U64, ""),
            opt(StatsReplyAttr.LAST, "LAST", U8, "1 on the last reply to the request")));

    static final ObjectFamily ADDRESSES = new ObjectFamily(FpcMessageType.FAMILY_ADDRESSES, "addresses", "Addresses",
            "base (IPv4); ipv6 0x10000 (IPv6)", ADDRESS_TLVS, List.of(
                new MessageSpec(FpcMessageType.ADDR_ADD, "ADDR_ADD", Role.ADD,
                        "an interface address, created or replaced", ADDRESS_TLVS),
                new MessageSpec(FpcMessageType.ADDR_DEL, "ADDR_DEL", Role.DEL, "the address is gone", ADDRESS_TLVS)));

    static final ObjectFamily ROUTES = new ObjectFamily(FpcMessageType.FAMILY_ROUTES, "routes", "Routes",
            "base (IPv4); ipv6 0x10000 (IPv6)", ROUTE_TLVS, List.of(
                new MessageSpec(FpcMessageType.ROUTE_ADD, "ROUTE_ADD", Role.ADD,
                        "full state of a route, created or replaced", ROUTE_TLVS),
                new MessageSpec(FpcMessageType.ROUTE_DEL, "ROUTE_DEL", Role.DEL, "the route is gone", ROUTE_TLVS)));

    static final ObjectFamily NEIGHBOURS = new ObjectFamily(FpcMessageType.FAMILY_NEIGHBOURS, "neighbours",
            "Neighbours",
            "base (ARP); ipv6 0x10000 (NDP)", NEIGHBOUR_TLVS, List.of(
                new MessageSpec(FpcMessageType.NEIGH_ADD, "NEIGH_ADD", Role.ADD,
                        "a neighbour entry, created or replaced", NEIGHBOUR_TLVS),
                new MessageSpec(FpcMessageType.NEIGH_DEL, "NEIGH_DEL", Role.DEL,
                        "the neighbour entry is gone", NEIGHBOUR_TLVS)));

    static final ObjectFamily RULES = new ObjectFamily(FpcMessageType.FAMILY_RULES, "rules", "Policy rules",
            "base", RULE_TLVS, List.of(
                new MessageSpec(FpcMessageType.RULE_ADD, "RULE_ADD", Role.ADD, "a policy routing rule", RULE_TLVS),
                new MessageSpec(FpcMessageType.RULE_DEL, "RULE_DEL", Role.DEL, "the rule is gone", RULE_TLVS)));

    static final ObjectFamily BRIDGE_PORTS = new ObjectFamily(FpcMessageType.FAMILY_BRIDGE_PORTS, "bridge-ports",
            "Bridge ports",
            "bridge 0x2", BRIDGE_PORT_TLVS, List.of(
                new MessageSpec(FpcMessageType.BRPORT_ADD, "BRPORT_ADD", Role.ADD,
                        "bridge port state, created or replaced", BRIDGE_PORT_TLVS),
                new MessageSpec(FpcMessageType.BRPORT_DEL, "BRPORT_DEL", Role.DEL,
                        "the interface left its bridge", BRIDGE_PORT_TLVS)));

    static final ObjectFamily BRIDGE_VLANS = new ObjectFamily(FpcMessageType.FAMILY_BRIDGE_VLANS, "bridge-vlans",
            "Bridge VLANs",
            "bridge 0x2", BRIDGE_VLAN_TLVS, List.of(
                new MessageSpec(FpcMessageType.BRVLAN_ADD, "BRVLAN_ADD", Role.ADD,
                        "a VLAN of a bridge port", BRIDGE_VLAN_TLVS),
                new MessageSpec(FpcMessageType.BRVLAN_DEL, "BRVLAN_DEL", Role.DEL,
                        "the VLAN left the port", BRIDGE_VLAN_TLVS)));

    static final ObjectFamily FDB = new ObjectFamily(FpcMessageType.FAMILY_FDB, "fdb", "Forwarding database",
            "bridge 0x2; vxlan 0x1 (VXLAN remotes)", FDB_TLVS, List.of(
                new MessageSpec(FpcMessageType.FDB_ADD, "FDB_ADD", Role.ADD,
                        "an FDB entry, created or replaced", FDB_TLVS),
                new MessageSpec(FpcMessageType.FDB_DEL, "FDB_DEL", Role.DEL, "the FDB entry is gone", FDB_TLVS)));

    static final ObjectFamily VXLAN = new ObjectFamily(FpcMessageType.FAMILY_VXLAN, "vxlan", "VXLAN",
            "vxlan 0x1", VXLAN_TLVS, List.of(
                new MessageSpec(FpcMessageType.VXLAN_ADD, "VXLAN_ADD", Role.ADD,
                        "VXLAN parameters of an interface", VXLAN_TLVS),
                new MessageSpec(FpcMessageType.VXLAN_DEL, "VXLAN_DEL", Role.DEL,
                        "the parameters are gone", VXLAN_TLVS)));

    static final ObjectFamily VLAN = new ObjectFamily(FpcMessageType.FAMILY_VLAN, "vlan", "VLAN",
            "vlan 0x4", VLAN_TLVS, List.of(
                new MessageSpec(FpcMessageType.VLAN_ADD, "VLAN_ADD", Role.ADD,
                        "VLAN parameters of an interface", VLAN_TLVS),
                new MessageSpec(FpcMessageType.VLAN_DEL, "VLAN_DEL", Role.DEL, "the parameters are gone", VLAN_TLVS)));

    static final ObjectFamily MACVLAN = new ObjectFamily(FpcMessageType.FAMILY_MACVLAN, "macvlan", "MACVLAN",
            "macvlan 0x8", MACVLAN_TLVS, List.of(
                new MessageSpec(FpcMessageType.MACVLAN_ADD, "MACVLAN_ADD", Role.ADD,
                        "MACVLAN parameters of an interface", MACVLAN_TLVS),
                new MessageSpec(FpcMessageType.MACVLAN_DEL, "MACVLAN_DEL", Role.DEL,
                        "the parameters are gone", MACVLAN_TLVS)));

    static final ObjectFamily LAG = new ObjectFamily(FpcMessageType.FAMILY_LAG, "lag", "LAG (bonding)",
            "lag 0x10", LAG_TLVS, List.of(
                new MessageSpec(FpcMessageType.LAG_ADD, "LAG_ADD", Role.ADD, "a bond and its slaves", LAG_TLVS),
                new MessageSpec(FpcMessageType.LAG_DEL, "LAG_DEL", Role.DEL,
                        "the bond parameters are gone", LAG_TLVS)));

    static final ObjectFamily GRE = new ObjectFamily(FpcMessageType.FAMILY_GRE, "gre", "GRE and GRETAP",
            "gre 0x40", GRE_TLVS, List.of(
                new MessageSpec(FpcMessageType.GRE_ADD, "GRE_ADD", Role.ADD,
                        "GRE parameters of an interface", GRE_TLVS),
                new MessageSpec(FpcMessageType.GRE_DEL, "GRE_DEL", Role.DEL, "the parameters are gone", GRE_TLVS)));

    static final ObjectFamily TUNNELS = new ObjectFamily(FpcMessageType.FAMILY_TUNNELS, "tunnels",
            "IP tunnels (ipip, sit, ip6tnl)",
            "tunnel 0x80", TUNNEL_TLVS, List.of(
                new MessageSpec(FpcMessageType.TUNNEL_ADD, "TUNNEL_ADD", Role.ADD,
                        "tunnel parameters of an interface", TUNNEL_TLVS),
                new MessageSpec(FpcMessageType.TUNNEL_DEL, "TUNNEL_DEL", Role.DEL,
                        "the parameters are gone", TUNNEL_TLVS)));

    static final ObjectFamily IPSEC_SA = new ObjectFamily(FpcMessageType.FAMILY_IPSEC_SA, "ipsec-sa",
            "IPsec security associations",
            "ipsec 0x100", SA_TLVS, List.of(
                new MessageSpec(FpcMessageType.SA_ADD, "SA_ADD", Role.ADD, "an SA, created or replaced", SA_TLVS),
                new MessageSpec(FpcMessageType.SA_DEL, "SA_DEL", Role.DEL, "the SA is gone", SA_TLVS),
                new MessageSpec(FpcMessageType.SA_REPLAY, "SA_REPLAY", Role.AMEND,
                        "sequence numbers of a known SA (IPsec HA)", SA_REPLAY_TLVS)));

    static final ObjectFamily IPSEC_SP = new ObjectFamily(FpcMessageType.FAMILY_IPSEC_SP, "ipsec-sp",
            "IPsec security policies",
            "ipsec 0x100", SP_TLVS, List.of(
                new MessageSpec(FpcMessageType.SP_ADD, "SP_ADD", Role.ADD, "a policy, created or replaced", SP_TLVS),
                new MessageSpec(FpcMessageType.SP_DEL, "SP_DEL", Role.DEL, "the policy is gone", SP_TLVS)));

    static final ObjectFamily SVTI = new ObjectFamily(FpcMessageType.FAMILY_SVTI, "svti", "SVTI (vti, vti6)",
            "svti 0x200", SVTI_TLVS, List.of(
                new MessageSpec(FpcMessageType.SVTI_ADD, "SVTI_ADD", Role.ADD,
                        "vti parameters of an interface", SVTI_TLVS),
                new MessageSpec(FpcMessageType.SVTI_DEL, "SVTI_DEL", Role.DEL, "the parameters are gone", SVTI_TLVS)));

    static final ObjectFamily NETFILTER = new ObjectFamily(FpcMessageType.FAMILY_NETFILTER, "netfilter",
            "Netfilter tables",
            "filter/audit 0x400; ebtables 0x20 (family 7); nat 0x1000 (table nat)", NETFILTER_TLVS, List.of(
                new MessageSpec(FpcMessageType.NF_TABLE_ADD, "NF_TABLE_ADD", Role.ADD,
                        "the rules of a table or chain", NETFILTER_TLVS),
                new MessageSpec(FpcMessageType.NF_TABLE_DEL, "NF_TABLE_DEL", Role.DEL,
                        "the table or chain is gone", NETFILTER_TLVS)));

    static final ObjectFamily CONNTRACK = new ObjectFamily(FpcMessageType.FAMILY_CONNTRACK, "conntrack",
            "Conntrack (with NAT)",
            "conntrack 0x800; nat 0x1000", CONNTRACK_TLVS, List.of(
                new MessageSpec(FpcMessageType.CT_ADD, "CT_ADD", Role.ADD,
                        "a connection, created or replaced", CONNTRACK_TLVS),
                new MessageSpec(FpcMessageType.CT_DEL, "CT_DEL", Role.DEL, "the connection is gone", CONNTRACK_TLVS)));

    static final ObjectFamily BPF = new ObjectFamily(FpcMessageType.FAMILY_BPF, "bpf", "BPF filters",
            "bpf 0x2000", BPF_TLVS, List.of(
                new MessageSpec(FpcMessageType.BPF_ADD, "BPF_ADD", Role.ADD,
                        "a capture filter on an interface", BPF_TLVS),
                new MessageSpec(FpcMessageType.BPF_DEL, "BPF_DEL", Role.DEL, "the filter is gone", BPF_TLVS)));

    static final ObjectFamily MROUTES = new ObjectFamily(FpcMessageType.FAMILY_MROUTES, "mroutes", "Multicast routes",
            "multicast 0x8000; ipv6 0x10000 (IPv6)", MROUTE_TLVS, List.of(
                new MessageSpec(FpcMessageType.MROUTE_ADD, "MROUTE_ADD", Role.ADD,
                        "a multicast route, created or replaced", MROUTE_TLVS),
                new MessageSpec(FpcMessageType.MROUTE_DEL, "MROUTE_DEL", Role.DEL,
                        "the multicast route is gone", MROUTE_TLVS)));

    static final ObjectFamily BRIDGES = new ObjectFamily(FpcMessageType.FAMILY_BRIDGES, "bridges", "Bridges",
            "bridge 0x2", BRIDGE_TLVS, List.of(
                new MessageSpec(FpcMessageType.BRIDGE_ADD, "BRIDGE_ADD", Role.ADD,
                        "the forwarding parameters of a bridge, created or replaced", BRIDGE_TLVS),
                new MessageSpec(FpcMessageType.BRIDGE_DEL, "BRIDGE_DEL", Role.DEL,
                        "the parameters are gone", BRIDGE_TLVS)));

    static final ObjectFamily INTERFACES = new ObjectFamily(FpcMessageType.FAMILY_INTERFACES, "interfaces",
            "Interfaces", "base", INTERFACE_TLVS, List.of(
                new MessageSpec(FpcMessageType.IF_CREATE, "IF_CREATE", Role.ADD,
                        "full state of an interface, created or replaced", INTERFACE_TLVS),
                new MessageSpec(FpcMessageType.IF_UPDATE, "IF_UPDATE", Role.UPDATE,
                        "full state of a known interface", INTERFACE_TLVS),
                new MessageSpec(FpcMessageType.IF_DELETE, "IF_DELETE", Role.DEL, "the interface is gone",
                        INTERFACE_TLVS)));

    private static final List<MessageSpec> SESSION_MESSAGES = List.of(
            new MessageSpec(FpcMessageType.HELLO, "HELLO", Role.SESSION,
                    "first frame of a session: versions, name, features", HELLO_TLVS),
            new MessageSpec(FpcMessageType.ERROR, "ERROR", Role.SESSION, "a frame could not be applied", ERROR_TLVS),
            new MessageSpec(FpcMessageType.GR_BEGIN, "GR_BEGIN", Role.SESSION,
                    "a replay of one family in one vrf begins", GR_TLVS),
            new MessageSpec(FpcMessageType.GR_END, "GR_END", Role.SESSION,
                    "the replay ended: sweep what it did not refresh", GR_TLVS),
            new MessageSpec(FpcMessageType.FLUSH, "FLUSH", Role.SESSION,
                    "delete every object of one family in one vrf", FLUSH_TLVS),
            new MessageSpec(FpcMessageType.STATS_REQUEST, "STATS_REQUEST", Role.SESSION,
                    "ask for interface counters", STATS_REQUEST_TLVS),
            new MessageSpec(FpcMessageType.STATS_REPLY, "STATS_REPLY", Role.SESSION,
                    "the counters of one interface", STATS_REPLY_TLVS));

    private static final List<ObjectFamily> FAMILIES = List.of(INTERFACES, ADDRESSES, ROUTES, NEIGHBOURS, RULES,
            BRIDGE_PORTS, BRIDGE_VLANS, FDB, VXLAN, VLAN, MACVLAN, LAG, GRE, TUNNELS, IPSEC_SA, IPSEC_SP, SVTI,
            NETFILTER, CONNTRACK, BPF, MROUTES, BRIDGES);

    private static final Map<Integer, MessageSpec> MESSAGES = new TreeMap<>();
    private static final ObjectFamily[] BY_CODE = new ObjectFamily[256];

    static {
        for (MessageSpec m : SESSION_MESSAGES) {
            register(m);
        }
        for (ObjectFamily f : FAMILIES) {
            if (BY_CODE[f.code()] != null) {
                throw new ExceptionInInitializerError("family " + f.code() + " defined twice");
            }
            BY_CODE[f.code()] = f;
            for (MessageSpec m : f.messages()) {
                if (m.family() != f.code()) {
                    throw new ExceptionInInitializerError(m.name() + " is not in family " + f.code());
                }
                register(m);
            }
        }
    }

    private FpcSchema() {
    }

    /** Every object family, in code order. */
    public static List<ObjectFamily> families() {
        return FAMILIES;
    }

    /** The object family with this code, or null. */
    public static ObjectFamily family(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** The message with this type, or null for a type FPC version 1 does not define. */
    public static MessageSpec message(int type) {
        return MESSAGES.get(type);
    }

    /** Every message, in type order. */
    public static List<MessageSpec> messages() {
        List<MessageSpec> all = new ArrayList<>(MESSAGES.values());
        all.sort(Comparator.comparingInt(MessageSpec::type));
        return all;
    }

    private static void register(MessageSpec m) {
        if (MESSAGES.put(m.type(), m) != null) {
            throw new ExceptionInInitializerError(String.format("message type 0x%04x defined twice", m.type()));
        }
    }

    private static TlvSpec key(int type, String name, TlvForm form, String meaning) {
        return TlvSpec.of(type, name, form, Use.KEY, meaning);
    }

    private static TlvSpec key0(int type, String name, TlvForm form, String meaning) {
        return TlvSpec.of(type, name, form, Use.KEY_OPTIONAL, meaning);
    }

    private static TlvSpec req(int type, String name, TlvForm form, String meaning) {
        return TlvSpec.of(type, name, form, Use.REQUIRED, meaning);
    }

    private static TlvSpec opt(int type, String name, TlvForm form, String meaning) {
        return TlvSpec.of(type, name, form, Use.OPTIONAL, meaning);
    }
}
