/*
 * fpc.h - the FPC protocol between the linux-fp-sync cache manager and a fast path manager.
 *
 * Everything here is described in docs/fpc-protocol.md; the Java codec
 * (org.linuxfpsync.fpc.codec) is the reference implementation and a test compiles this header
 * against frames it wrote. All integers on the wire are big-endian: read them with the
 * fpc_get_* helpers below, which need no alignment.
 */
#ifndef FPC_H
#define FPC_H

#include <stddef.h>
#include <stdint.h>

/* ---- framing ----------------------------------------------------------------------------- */

#define FPC_VERSION          1          /* header version; anything else: close the connection */
#define FPC_HDR_LEN          12
#define FPC_MAX_FRAME_LEN    (1u << 20) /* 1 MiB, header included */
#define FPC_TLV_HDR_LEN      4

struct fpc_hdr {
	uint8_t  version;   /* FPC_VERSION */
	uint8_t  flags;     /* 0; receivers ignore unknown bits */
	uint16_t type;      /* FPC_MSG_*, big-endian */
	uint32_t length;    /* whole frame, header included, big-endian */
	uint32_t seq;       /* sender's counter, echoed in ERROR, big-endian */
} __attribute__((packed));

struct fpc_tlv {
	uint16_t type;      /* big-endian */
	uint16_t length;    /* value bytes only, big-endian; no padding follows */
} __attribute__((packed));

_Static_assert(sizeof(struct fpc_hdr) == FPC_HDR_LEN, "fpc_hdr is 12 bytes");
_Static_assert(sizeof(struct fpc_tlv) == FPC_TLV_HDR_LEN, "fpc_tlv is 4 bytes");

/* ---- message types (high byte = object family) ---------------------------------------------- */

#define FPC_MSG_HELLO        0x0001
#define FPC_MSG_ERROR        0x0002
#define FPC_MSG_GR_BEGIN     0x0003
#define FPC_MSG_GR_END       0x0004
#define FPC_MSG_IF_CREATE    0x0100
#define FPC_MSG_IF_UPDATE    0x0101
#define FPC_MSG_IF_DELETE    0x0102

#define FPC_FAMILY(type)     (((type) >> 8) & 0xff)
#define FPC_FAMILY_SYSTEM      0x00
#define FPC_FAMILY_INTERFACES  0x01

/* ---- TLVs ----------------------------------------------------------------------------------- */

/* HELLO */
#define FPC_HELLO_VERSION_MAX  1   /* u16 */
#define FPC_HELLO_NAME         2   /* string */
#define FPC_HELLO_INSTANCE     3   /* u32, client only */
#define FPC_HELLO_FEATURES     4   /* u32 sync-mask bits */
#define FPC_HELLO_EPOCH        5   /* u64, server only, below 2^63 */

/* ERROR */
#define FPC_ERROR_SEQ          1   /* u32: seq of the refused frame */
#define FPC_ERROR_TYPE         2   /* u16: its message type */
#define FPC_ERROR_CODE         3   /* u32: FPC_E* */
#define FPC_ERROR_MESSAGE      4   /* string: one line */

/* GR_BEGIN, GR_END */
#define FPC_GR_FAMILY          1   /* u8: FPC_FAMILY_* */
#define FPC_GR_VRFID           2   /* u32 */

/* IF_CREATE, IF_UPDATE (full state); IF_DELETE carries IFUID, VRFID, IFNAME */
#define FPC_IF_IFUID           1   /* u64, required, never 0 */
#define FPC_IF_VRFID           2   /* u32, required */
#define FPC_IF_IFINDEX         3   /* u32 */
#define FPC_IF_IFNAME          4   /* string, at most FPC_IFNAME_MAX bytes */
#define FPC_IF_TYPE            5   /* u16: FPC_IFTYPE_* */
#define FPC_IF_SUBTYPE         6   /* u16: FPC_IFSUBTYPE_* */
#define FPC_IF_FLAGS           7   /* u32: the kernel's ifi_flags (IFF_*) */
#define FPC_IF_MTU             8   /* u32 */
#define FPC_IF_MAC             9   /* bytes, at most FPC_MAC_MAX */
#define FPC_IF_MASTER_IFUID    10  /* u64, 0 or absent: no master */
#define FPC_IF_KIND            11  /* string: IFLA_INFO_KIND, at most FPC_KIND_MAX bytes */
#define FPC_IF_OPERSTATE       12  /* u8: IF_OPER_* */
#define FPC_IF_ARPHRD          13  /* u16: ARPHRD_* */
#define FPC_IF_SLAVE_KIND      14  /* string: IFLA_INFO_SLAVE_KIND, at most FPC_KIND_MAX bytes */

#define FPC_IFNAME_MAX         15  /* IFNAMSIZ - 1: a char[16] holds it with its NUL */
#define FPC_MAC_MAX            32  /* MAX_ADDR_LEN */
#define FPC_KIND_MAX           31

/* ---- generated from FpcSchema (CHeaderTest, -Dfpc.doc.update=true) ---- */

/* session messages added to version 1 */
#define FPC_MSG_FLUSH                  0x0005 /* delete every object of one family in one vrf */
#define FPC_MSG_STATS_REQUEST          0x0006 /* ask for interface counters */
#define FPC_MSG_STATS_REPLY            0x0007 /* the counters of one interface */
#define FPC_MSG_MROUTE_STATS_REQUEST   0x0008 /* ask for multicast route counters */
#define FPC_MSG_MROUTE_STATS_REPLY     0x0009 /* the counters of one multicast route */

/* object families (GR_BEGIN/GR_END/FLUSH FAMILY, the message types' high byte) */
#define FPC_FAMILY_ADDRESSES           0x02   /* addresses */
#define FPC_FAMILY_ROUTES              0x03   /* routes */
#define FPC_FAMILY_NEIGHBOURS          0x04   /* neighbours */
#define FPC_FAMILY_RULES               0x05   /* rules */
#define FPC_FAMILY_BRIDGE_PORTS        0x06   /* bridge-ports */
#define FPC_FAMILY_BRIDGE_VLANS        0x07   /* bridge-vlans */
#define FPC_FAMILY_FDB                 0x08   /* fdb */
#define FPC_FAMILY_VXLAN               0x09   /* vxlan */
#define FPC_FAMILY_VLAN                0x0a   /* vlan */
#define FPC_FAMILY_MACVLAN             0x0b   /* macvlan */
#define FPC_FAMILY_LAG                 0x0c   /* lag */
#define FPC_FAMILY_GRE                 0x0d   /* gre */
#define FPC_FAMILY_TUNNELS             0x0e   /* tunnels */
#define FPC_FAMILY_IPSEC_SA            0x0f   /* ipsec-sa */
#define FPC_FAMILY_IPSEC_SP            0x10   /* ipsec-sp */
#define FPC_FAMILY_SVTI                0x11   /* svti */
#define FPC_FAMILY_NETFILTER           0x12   /* netfilter */
#define FPC_FAMILY_CONNTRACK           0x13   /* conntrack */
#define FPC_FAMILY_BPF                 0x14   /* bpf */
#define FPC_FAMILY_MROUTES             0x15   /* mroutes */
#define FPC_FAMILY_BRIDGES             0x16   /* bridges */
#define FPC_FAMILY_NEXTHOPS            0x17   /* nexthops */
#define FPC_FAMILY_IPSEC_SA_REPLAY     0x18   /* ipsec-sa-replay */

/* object message types */
#define FPC_MSG_ADDR_ADD               0x0200 /* an interface address, created or replaced */
#define FPC_MSG_ADDR_DEL               0x0201 /* the address is gone */
#define FPC_MSG_ROUTE_ADD              0x0300 /* full state of a route, created or replaced */
#define FPC_MSG_ROUTE_DEL              0x0301 /* the route is gone */
#define FPC_MSG_NEIGH_ADD              0x0400 /* a neighbour entry, created or replaced */
#define FPC_MSG_NEIGH_DEL              0x0401 /* the neighbour entry is gone */
#define FPC_MSG_RULE_ADD               0x0500 /* a policy routing rule */
#define FPC_MSG_RULE_DEL               0x0501 /* the rule is gone */
#define FPC_MSG_BRPORT_ADD             0x0600 /* bridge port state, created or replaced */
#define FPC_MSG_BRPORT_DEL             0x0601 /* the interface left its bridge */
#define FPC_MSG_BRVLAN_ADD             0x0700 /* a VLAN of a bridge port */
#define FPC_MSG_BRVLAN_DEL             0x0701 /* the VLAN left the port */
#define FPC_MSG_FDB_ADD                0x0800 /* an FDB entry, created or replaced */
#define FPC_MSG_FDB_DEL                0x0801 /* the FDB entry is gone */
#define FPC_MSG_VXLAN_ADD              0x0900 /* VXLAN parameters of an interface */
#define FPC_MSG_VXLAN_DEL              0x0901 /* the parameters are gone */
#define FPC_MSG_VLAN_ADD               0x0a00 /* VLAN parameters of an interface */
#define FPC_MSG_VLAN_DEL               0x0a01 /* the parameters are gone */
#define FPC_MSG_MACVLAN_ADD            0x0b00 /* MACVLAN parameters of an interface */
#define FPC_MSG_MACVLAN_DEL            0x0b01 /* the parameters are gone */
#define FPC_MSG_LAG_ADD                0x0c00 /* a bond and its slaves */
#define FPC_MSG_LAG_DEL                0x0c01 /* the bond parameters are gone */
#define FPC_MSG_GRE_ADD                0x0d00 /* GRE parameters of an interface */
#define FPC_MSG_GRE_DEL                0x0d01 /* the parameters are gone */
#define FPC_MSG_TUNNEL_ADD             0x0e00 /* tunnel parameters of an interface */
#define FPC_MSG_TUNNEL_DEL             0x0e01 /* the parameters are gone */
#define FPC_MSG_SA_ADD                 0x0f00 /* an SA, created or replaced */
#define FPC_MSG_SA_DEL                 0x0f01 /* the SA is gone */
#define FPC_MSG_SP_ADD                 0x1000 /* a policy, created or replaced */
#define FPC_MSG_SP_DEL                 0x1001 /* the policy is gone */
#define FPC_MSG_SVTI_ADD               0x1100 /* vti or xfrm parameters of an interface */
#define FPC_MSG_SVTI_DEL               0x1101 /* the parameters are gone */
#define FPC_MSG_NF_TABLE_ADD           0x1200 /* the rules of a table or chain */
#define FPC_MSG_NF_TABLE_DEL           0x1201 /* the table or chain is gone */
#define FPC_MSG_CT_ADD                 0x1300 /* a flow, created or changed */
#define FPC_MSG_CT_DEL                 0x1301 /* the flow is gone */
#define FPC_MSG_BPF_ADD                0x1400 /* a capture on an interface, created or its filter replaced */
#define FPC_MSG_BPF_DEL                0x1401 /* the capture is gone */
#define FPC_MSG_MROUTE_ADD             0x1500 /* a multicast route, created or replaced */
#define FPC_MSG_MROUTE_DEL             0x1501 /* the multicast route is gone */
#define FPC_MSG_BRIDGE_ADD             0x1600 /* the forwarding parameters of a bridge, created or replaced */
#define FPC_MSG_BRIDGE_DEL             0x1601 /* the parameters are gone */
#define FPC_MSG_NEXTHOP_ADD            0x1700 /* a nexthop object or group, created or replaced */
#define FPC_MSG_NEXTHOP_DEL            0x1701 /* the nexthop object is gone */
#define FPC_MSG_SA_REPLAY              0x1800 /* the replay state of an SA, created or replaced */
#define FPC_MSG_SA_REPLAY_DEL          0x1801 /* the SA is gone, or IPsec HA was disabled */

/* FlushAttr: TLVs of FLUSH */
#define FPC_FLUSH_FAMILY               1      /* u8, required */
#define FPC_FLUSH_VRFID                2      /* u32, required */

/* StatsRequestAttr: TLVs of STATS_REQUEST */
#define FPC_STATS_REQ_VRFID            1      /* u32, optional */
#define FPC_STATS_REQ_IFUID            2      /* u64, optional */

/* StatsReplyAttr: TLVs of STATS_REPLY */
#define FPC_STATS_REQUEST_SEQ          1      /* u32, required */
#define FPC_STATS_IFUID                2      /* u64, optional */
#define FPC_STATS_VRFID                3      /* u32, optional */
#define FPC_STATS_RX_PACKETS           4      /* u64, optional */
#define FPC_STATS_RX_BYTES             5      /* u64, optional */
#define FPC_STATS_TX_PACKETS           6      /* u64, optional */
#define FPC_STATS_TX_BYTES             7      /* u64, optional */
#define FPC_STATS_RX_DROPPED           8      /* u64, optional */
#define FPC_STATS_TX_DROPPED           9      /* u64, optional */
#define FPC_STATS_RX_ERRORS            10     /* u64, optional */
#define FPC_STATS_TX_ERRORS            11     /* u64, optional */
#define FPC_STATS_LAST                 12     /* u8, optional */

/* MrouteStatsRequestAttr: TLVs of MROUTE_STATS_REQUEST */
#define FPC_MROUTE_STATS_REQ_VRFID     1      /* u32, optional */

/* MrouteStatsReplyAttr: TLVs of MROUTE_STATS_REPLY */
#define FPC_MROUTE_STATS_REQUEST_SEQ   1      /* u32, required */
#define FPC_MROUTE_STATS_VRFID         2      /* u32, optional */
#define FPC_MROUTE_STATS_FAMILY        3      /* u8, optional */
#define FPC_MROUTE_STATS_TABLE         4      /* u32, optional */
#define FPC_MROUTE_STATS_SOURCE        5      /* address, optional */
#define FPC_MROUTE_STATS_GROUP         6      /* address, optional */
#define FPC_MROUTE_STATS_PACKETS       7      /* u64, optional */
#define FPC_MROUTE_STATS_BYTES         8      /* u64, optional */
#define FPC_MROUTE_STATS_WRONG_IF      9      /* u64, optional */
#define FPC_MROUTE_STATS_LAST          10     /* u8, optional */

/* AddressAttr: TLVs of ADDR_ADD (the _DEL sends the key ones) */
#define FPC_ADDR_VRFID                 1      /* u32, key */
#define FPC_ADDR_IFUID                 2      /* u64, key */
#define FPC_ADDR_FAMILY                3      /* u8, key */
#define FPC_ADDR_LOCAL                 4      /* address, key */
#define FPC_ADDR_PREFIXLEN             5      /* u8, key */
#define FPC_ADDR_PEER                  6      /* address, optional */
#define FPC_ADDR_BROADCAST             7      /* address, optional */
#define FPC_ADDR_FLAGS                 8      /* u32, optional */
#define FPC_ADDR_SCOPE                 9      /* u8, optional */
#define FPC_ADDR_LABEL                 10     /* string, optional, at most 15 bytes */
#define FPC_ADDR_VALID_LFT             11     /* u32, optional */
#define FPC_ADDR_PREFERRED_LFT         12     /* u32, optional */

/* RouteAttr: TLVs of ROUTE_ADD (the _DEL sends the key ones) */
#define FPC_ROUTE_VRFID                1      /* u32, key */
#define FPC_ROUTE_TABLE                2      /* u32, key */
#define FPC_ROUTE_FAMILY               3      /* u8, key */
#define FPC_ROUTE_DST                  4      /* address, key */
#define FPC_ROUTE_PREFIXLEN            5      /* u8, key */
#define FPC_ROUTE_TOS                  6      /* u8, key, 0 when absent */
#define FPC_ROUTE_PRIORITY             7      /* u32, key, 0 when absent */
#define FPC_ROUTE_TYPE                 8      /* u8, optional */
#define FPC_ROUTE_PROTOCOL             9      /* u8, optional */
#define FPC_ROUTE_SCOPE                10     /* u8, optional */
#define FPC_ROUTE_PREFSRC              11     /* address, optional */
#define FPC_ROUTE_MTU                  12     /* u32, optional */
#define FPC_ROUTE_PREF                 13     /* u8, optional */
#define FPC_ROUTE_NEXTHOP              14     /* nested of FPC_NH_*, optional, repeated */
#define FPC_ROUTE_OIF_IFUID            15     /* u64, key, 0 when absent */
#define FPC_ROUTE_NH_ID                16     /* u32, optional */

/* NexthopAttr: TLVs inside a nested TLV */
#define FPC_NH_GATEWAY                 1      /* address, optional */
#define FPC_NH_IFUID                   2      /* u64, optional */
#define FPC_NH_WEIGHT                  3      /* u16, optional */
#define FPC_NH_FLAGS                   4      /* u32, optional */

/* NeighbourAttr: TLVs of NEIGH_ADD (the _DEL sends the key ones) */
#define FPC_NEIGH_VRFID                1      /* u32, key */
#define FPC_NEIGH_IFUID                2      /* u64, key */
#define FPC_NEIGH_FAMILY               3      /* u8, key */
#define FPC_NEIGH_DST                  4      /* address, key */
#define FPC_NEIGH_LLADDR               5      /* bytes, optional, at most 32 bytes */
#define FPC_NEIGH_STATE                6      /* u16, optional */
#define FPC_NEIGH_FLAGS                7      /* u8, optional */

/* RuleAttr: TLVs of RULE_ADD (the _DEL sends the key ones) */
#define FPC_RULE_VRFID                 1      /* u32, key */
#define FPC_RULE_FAMILY                2      /* u8, key */
#define FPC_RULE_PRIORITY              3      /* u32, key */
#define FPC_RULE_ACTION                4      /* u8, key */
#define FPC_RULE_TABLE                 5      /* u32, key, 0 when absent */
#define FPC_RULE_SRC                   6      /* address, key, 0 when absent */
#define FPC_RULE_SRC_LEN               7      /* u8, key, 0 when absent */
#define FPC_RULE_DST                   8      /* address, key, 0 when absent */
#define FPC_RULE_DST_LEN               9      /* u8, key, 0 when absent */
#define FPC_RULE_IIFNAME               10     /* string, key, 0 when absent, at most 15 bytes */
#define FPC_RULE_OIFNAME               11     /* string, key, 0 when absent, at most 15 bytes */
#define FPC_RULE_FWMARK                12     /* u32, key, 0 when absent */
#define FPC_RULE_FWMASK                13     /* u32, key, 0 when absent */
#define FPC_RULE_TOS                   14     /* u8, key, 0 when absent */
#define FPC_RULE_FLAGS                 15     /* u32, key, 0 when absent */
#define FPC_RULE_GOTO                  16     /* u32, key, 0 when absent */

/* BridgePortAttr: TLVs of BRPORT_ADD (the _DEL sends the key ones) */
#define FPC_BRPORT_VRFID               1      /* u32, key */
#define FPC_BRPORT_IFUID               2      /* u64, key */
#define FPC_BRPORT_BRIDGE_IFUID        3      /* u64, required */
#define FPC_BRPORT_STATE               4      /* u8, optional */
#define FPC_BRPORT_FLAGS               5      /* u32, optional */
#define FPC_BRPORT_PRIORITY            6      /* u16, optional */
#define FPC_BRPORT_COST                7      /* u32, optional */

/* BridgeVlanAttr: TLVs of BRVLAN_ADD (the _DEL sends the key ones) */
#define FPC_BRVLAN_VRFID               1      /* u32, key */
#define FPC_BRVLAN_IFUID               2      /* u64, key */
#define FPC_BRVLAN_VID                 3      /* u16, key */
#define FPC_BRVLAN_FLAGS               4      /* u16, optional */

/* FdbAttr: TLVs of FDB_ADD (the _DEL sends the key ones) */
#define FPC_FDB_VRFID                  1      /* u32, key */
#define FPC_FDB_IFUID                  2      /* u64, key */
#define FPC_FDB_MAC                    3      /* bytes, key, at most 32 bytes */
#define FPC_FDB_VLAN                   4      /* u16, key, 0 when absent */
#define FPC_FDB_REMOTE                 5      /* address, key, 0 when absent */
#define FPC_FDB_PORT_IFUID             6      /* u64, optional */
#define FPC_FDB_VNI                    7      /* u32, optional */
#define FPC_FDB_DST_PORT               8      /* u16, optional */
#define FPC_FDB_STATE                  9      /* u16, optional */
#define FPC_FDB_FLAGS                  10     /* u8, optional */
#define FPC_FDB_VIA_IFUID              11     /* u64, optional */

/* VxlanAttr: TLVs of VXLAN_ADD (the _DEL sends the key ones) */
#define FPC_VXLAN_VRFID                1      /* u32, key */
#define FPC_VXLAN_IFUID                2      /* u64, key */
#define FPC_VXLAN_VNI                  3      /* u32, required */
#define FPC_VXLAN_LOCAL                4      /* address, optional */
#define FPC_VXLAN_REMOTE               5      /* address, optional */
#define FPC_VXLAN_DST_PORT             6      /* u16, optional */
#define FPC_VXLAN_TTL                  7      /* u8, optional */
#define FPC_VXLAN_TOS                  8      /* u8, optional */
#define FPC_VXLAN_LEARNING             9      /* u8, optional */
#define FPC_VXLAN_COLLECT_METADATA     10     /* u8, optional */
#define FPC_VXLAN_LINK_IFUID           11     /* u64, optional */

/* VlanAttr: TLVs of VLAN_ADD (the _DEL sends the key ones) */
#define FPC_VLAN_VRFID                 1      /* u32, key */
#define FPC_VLAN_IFUID                 2      /* u64, key */
#define FPC_VLAN_VLAN_ID               3      /* u16, required */
#define FPC_VLAN_PROTOCOL              4      /* u16, optional */
#define FPC_VLAN_PARENT_IFUID          5      /* u64, required */
#define FPC_VLAN_FLAGS                 6      /* u32, optional */

/* MacvlanAttr: TLVs of MACVLAN_ADD (the _DEL sends the key ones) */
#define FPC_MACVLAN_VRFID              1      /* u32, key */
#define FPC_MACVLAN_IFUID              2      /* u64, key */
#define FPC_MACVLAN_MODE               3      /* u32, required */
#define FPC_MACVLAN_PARENT_IFUID       4      /* u64, required */
#define FPC_MACVLAN_FLAGS              5      /* u16, optional */
#define FPC_MACVLAN_SOURCE_MAC         6      /* bytes, optional, repeated, at most 32 bytes */

/* LagAttr: TLVs of LAG_ADD (the _DEL sends the key ones) */
#define FPC_LAG_VRFID                  1      /* u32, key */
#define FPC_LAG_IFUID                  2      /* u64, key */
#define FPC_LAG_MODE                   3      /* u8, required */
#define FPC_LAG_ACTIVE_SLAVE_IFUID     4      /* u64, optional */
#define FPC_LAG_XMIT_HASH_POLICY       5      /* u8, optional */
#define FPC_LAG_SLAVE                  6      /* nested of FPC_LAG_SLAVE_*, optional, repeated */

/* LagSlaveAttr: TLVs inside a nested TLV */
#define FPC_LAG_SLAVE_IFUID            1      /* u64, required */
#define FPC_LAG_SLAVE_STATE            2      /* u8, optional */
#define FPC_LAG_SLAVE_LINK             3      /* u8, optional */
#define FPC_LAG_SLAVE_AGGREGATOR_ID    4      /* u16, optional */
#define FPC_LAG_SLAVE_LACP_ACTOR_STATE 5      /* u8, optional */
#define FPC_LAG_SLAVE_LACP_PARTNER_STATE 6      /* u8, optional */

/* GreAttr: TLVs of GRE_ADD (the _DEL sends the key ones) */
#define FPC_GRE_VRFID                  1      /* u32, key */
#define FPC_GRE_IFUID                  2      /* u64, key */
#define FPC_GRE_KIND                   3      /* u8, required */
#define FPC_GRE_LOCAL                  4      /* address, optional */
#define FPC_GRE_REMOTE                 5      /* address, optional */
#define FPC_GRE_IKEY                   6      /* u32, optional */
#define FPC_GRE_OKEY                   7      /* u32, optional */
#define FPC_GRE_IFLAGS                 8      /* u16, optional */
#define FPC_GRE_OFLAGS                 9      /* u16, optional */
#define FPC_GRE_TTL                    10     /* u8, optional */
#define FPC_GRE_TOS                    11     /* u8, optional */
#define FPC_GRE_PMTUDISC               12     /* u8, optional */
#define FPC_GRE_LINK_IFUID             13     /* u64, optional */
#define FPC_GRE_LINK_VRFID             14     /* u32, optional */
#define FPC_GRE_IGNORE_DF              15     /* u8, optional */
#define FPC_GRE_FWMARK                 16     /* u32, optional */
#define FPC_GRE_COLLECT_METADATA       17     /* u8, optional */
#define FPC_GRE_ENCAP_TYPE             18     /* u16, optional */
#define FPC_GRE_ENCAP_FLAGS            19     /* u16, optional */
#define FPC_GRE_ENCAP_SPORT            20     /* u16, optional */
#define FPC_GRE_ENCAP_DPORT            21     /* u16, optional */
#define FPC_GRE_ENCAP_LIMIT            22     /* u8, optional */
#define FPC_GRE_FLOWINFO               23     /* u32, optional */
#define FPC_GRE_FLAGS                  24     /* u32, optional */
#define FPC_GRE_ERSPAN_VER             25     /* u8, optional */
#define FPC_GRE_ERSPAN_INDEX           26     /* u32, optional */
#define FPC_GRE_ERSPAN_DIR             27     /* u8, optional */
#define FPC_GRE_ERSPAN_HWID            28     /* u16, optional */
#define FPC_GRE_FALLBACK               29     /* u8, optional */

/* TunnelAttr: TLVs of TUNNEL_ADD (the _DEL sends the key ones) */
#define FPC_TUNNEL_VRFID               1      /* u32, key */
#define FPC_TUNNEL_IFUID               2      /* u64, key */
#define FPC_TUNNEL_KIND                3      /* u8, required */
#define FPC_TUNNEL_LOCAL               4      /* address, optional */
#define FPC_TUNNEL_REMOTE              5      /* address, optional */
#define FPC_TUNNEL_TTL                 6      /* u8, optional */
#define FPC_TUNNEL_TOS                 7      /* u8, optional */
#define FPC_TUNNEL_PROTO               8      /* u8, optional */
#define FPC_TUNNEL_FLAGS               9      /* u32, optional */
#define FPC_TUNNEL_LINK_IFUID          10     /* u64, optional */
#define FPC_TUNNEL_LINK_VRFID          11     /* u32, optional */
#define FPC_TUNNEL_FLOWLABEL           12     /* u32, optional */
#define FPC_TUNNEL_ENCAP_LIMIT         13     /* u8, optional */
#define FPC_TUNNEL_PMTUDISC            14     /* u8, optional */
#define FPC_TUNNEL_FWMARK              15     /* u32, optional */
#define FPC_TUNNEL_COLLECT_METADATA    16     /* u8, optional */
#define FPC_TUNNEL_ENCAP_TYPE          17     /* u16, optional */
#define FPC_TUNNEL_ENCAP_FLAGS         18     /* u16, optional */
#define FPC_TUNNEL_ENCAP_SPORT         19     /* u16, optional */
#define FPC_TUNNEL_ENCAP_DPORT         20     /* u16, optional */
#define FPC_TUNNEL_IP6RD_PREFIX        21     /* address, optional */
#define FPC_TUNNEL_IP6RD_PREFIXLEN     22     /* u16, optional */
#define FPC_TUNNEL_IP6RD_RELAY_PREFIX  23     /* address, optional */
#define FPC_TUNNEL_IP6RD_RELAY_PREFIXLEN 24     /* u16, optional */
#define FPC_TUNNEL_FALLBACK            25     /* u8, optional */

/* SaAttr: TLVs of SA_ADD (the _DEL sends the key ones) */
#define FPC_SA_VRFID                   1      /* u32, key */
#define FPC_SA_FAMILY                  2      /* u8, key */
#define FPC_SA_DADDR                   3      /* address, key */
#define FPC_SA_SPI                     4      /* u32, key */
#define FPC_SA_PROTO                   5      /* u8, key */
#define FPC_SA_SADDR                   6      /* address, optional */
#define FPC_SA_MODE                    7      /* u8, optional */
#define FPC_SA_REQID                   8      /* u32, optional */
#define FPC_SA_REPLAY_WINDOW           9      /* u32, optional */
#define FPC_SA_FLAGS                   10     /* u32, optional */
#define FPC_SA_SELECTOR                11     /* nested of FPC_SEL_*, optional */
#define FPC_SA_AUTH_ALG                12     /* string, optional, at most 63 bytes */
#define FPC_SA_AUTH_KEY                13     /* bytes, optional, SECRET, at most 1024 bytes */
#define FPC_SA_AUTH_TRUNC_BITS         14     /* u32, optional */
#define FPC_SA_ENC_ALG                 15     /* string, optional, at most 63 bytes */
#define FPC_SA_ENC_KEY                 16     /* bytes, optional, SECRET, at most 1024 bytes */
#define FPC_SA_AEAD_ALG                17     /* string, optional, at most 63 bytes */
#define FPC_SA_AEAD_KEY                18     /* bytes, optional, SECRET, at most 1024 bytes */
#define FPC_SA_AEAD_ICV_BITS           19     /* u32, optional */
#define FPC_SA_ENCAP_TYPE              20     /* u16, optional */
#define FPC_SA_ENCAP_SPORT             21     /* u16, optional */
#define FPC_SA_ENCAP_DPORT             22     /* u16, optional */
#define FPC_SA_MARK                    23     /* u32, key, 0 when absent */
#define FPC_SA_MARK_MASK               24     /* u32, key, 0 when absent */
#define FPC_SA_IF_ID                   25     /* u32, optional */
#define FPC_SA_COMP_ALG                26     /* string, optional, at most 63 bytes */
#define FPC_SA_SOFT_BYTE_LIMIT         27     /* u64, optional */
#define FPC_SA_HARD_BYTE_LIMIT         28     /* u64, optional */
#define FPC_SA_SOFT_PACKET_LIMIT       29     /* u64, optional */
#define FPC_SA_HARD_PACKET_LIMIT       30     /* u64, optional */
#define FPC_SA_SOFT_ADD_EXPIRES        31     /* u64, optional */
#define FPC_SA_HARD_ADD_EXPIRES        32     /* u64, optional */
#define FPC_SA_SOFT_USE_EXPIRES        33     /* u64, optional */
#define FPC_SA_HARD_USE_EXPIRES        34     /* u64, optional */
#define FPC_SA_EXTRA_FLAGS             35     /* u32, optional */
#define FPC_SA_DIR                     36     /* u8, optional */
#define FPC_SA_OFFLOAD_IFUID           37     /* u64, optional */
#define FPC_SA_OFFLOAD_FLAGS           38     /* u8, optional */
#define FPC_SA_SET_MARK                39     /* u32, optional */
#define FPC_SA_SET_MARK_MASK           40     /* u32, optional */

/* SelectorAttr: TLVs inside a nested TLV */
#define FPC_SEL_FAMILY                 1      /* u8, required */
#define FPC_SEL_SADDR                  2      /* address, optional */
#define FPC_SEL_DADDR                  3      /* address, optional */
#define FPC_SEL_SPREFIXLEN             4      /* u8, optional */
#define FPC_SEL_DPREFIXLEN             5      /* u8, optional */
#define FPC_SEL_PROTO                  6      /* u8, optional */
#define FPC_SEL_SPORT                  7      /* u16, optional */
#define FPC_SEL_SPORT_MASK             8      /* u16, optional */
#define FPC_SEL_DPORT                  9      /* u16, optional */
#define FPC_SEL_DPORT_MASK             10     /* u16, optional */
#define FPC_SEL_IFUID                  11     /* u64, optional */

/* SpAttr: TLVs of SP_ADD (the _DEL sends the key ones) */
#define FPC_SP_VRFID                   1      /* u32, key */
#define FPC_SP_INDEX                   2      /* u32, key */
#define FPC_SP_DIR                     3      /* u8, required */
#define FPC_SP_ACTION                  4      /* u8, optional */
#define FPC_SP_PRIORITY                5      /* u32, optional */
#define FPC_SP_SELECTOR                6      /* nested of FPC_SEL_*, required */
#define FPC_SP_TMPL                    7      /* nested of FPC_TMPL_*, optional, repeated */
#define FPC_SP_MARK                    8      /* u32, optional */
#define FPC_SP_MARK_MASK               9      /* u32, optional */
#define FPC_SP_IF_ID                   10     /* u32, optional */
#define FPC_SP_FLAGS                   11     /* u8, optional */

/* SpTemplateAttr: TLVs inside a nested TLV */
#define FPC_TMPL_FAMILY                1      /* u8, required */
#define FPC_TMPL_DADDR                 2      /* address, optional */
#define FPC_TMPL_SADDR                 3      /* address, optional */
#define FPC_TMPL_SPI                   4      /* u32, optional */
#define FPC_TMPL_PROTO                 5      /* u8, required */
#define FPC_TMPL_MODE                  6      /* u8, optional */
#define FPC_TMPL_REQID                 7      /* u32, optional */
#define FPC_TMPL_OPTIONAL              8      /* u8, optional */

/* SvtiAttr: TLVs of SVTI_ADD (the _DEL sends the key ones) */
#define FPC_SVTI_VRFID                 1      /* u32, key */
#define FPC_SVTI_IFUID                 2      /* u64, key */
#define FPC_SVTI_LOCAL                 3      /* address, optional */
#define FPC_SVTI_REMOTE                4      /* address, optional */
#define FPC_SVTI_IKEY                  5      /* u32, optional */
#define FPC_SVTI_OKEY                  6      /* u32, optional */
#define FPC_SVTI_LINK_IFUID            7      /* u64, optional */
#define FPC_SVTI_LINK_VRFID            8      /* u32, optional */
#define FPC_SVTI_KIND                  9      /* u8, required */
#define FPC_SVTI_FWMARK                10     /* u32, optional */
#define FPC_SVTI_IF_ID                 11     /* u32, optional */
#define FPC_SVTI_COLLECT_METADATA      12     /* u8, optional */
#define FPC_SVTI_FALLBACK              13     /* u8, optional */

/* NetfilterAttr: TLVs of NF_TABLE_ADD (the _DEL sends the key ones) */
#define FPC_NF_VRFID                   1      /* u32, key */
#define FPC_NF_FAMILY                  2      /* u8, key */
#define FPC_NF_TABLE                   3      /* string, key, at most 255 bytes */
#define FPC_NF_CHAIN                   4      /* string, key, 0 when absent, at most 255 bytes */
#define FPC_NF_FORMAT                  5      /* u8, required */
#define FPC_NF_RULES                   6      /* bytes, optional, repeated */
#define FPC_NF_POLICY                  7      /* u8, optional */
#define FPC_NF_GENERATION              8      /* u32, optional */
#define FPC_NF_ORIGIN                  9      /* u8, key */

/* ConntrackAttr: TLVs of CT_ADD (the _DEL sends the key ones) */
#define FPC_CT_VRFID                   1      /* u32, key */
#define FPC_CT_ZONE                    2      /* u16, key, 0 when absent */
#define FPC_CT_ORIG                    3      /* nested of FPC_TUPLE_*, key */
#define FPC_CT_REPLY                   4      /* nested of FPC_TUPLE_*, required */
#define FPC_CT_STATUS                  5      /* u32, optional */
#define FPC_CT_MARK                    6      /* u32, optional */
#define FPC_CT_ID                      7      /* u32, optional */
#define FPC_CT_TCP_STATE               8      /* u8, optional */
#define FPC_CT_TCP_FLAGS_ORIG          9      /* u8, optional */
#define FPC_CT_TCP_FLAGS_REPLY         10     /* u8, optional */
#define FPC_CT_TCP_WSCALE_ORIG         11     /* u8, optional */
#define FPC_CT_TCP_WSCALE_REPLY        12     /* u8, optional */
#define FPC_CT_HELPER                  13     /* string, optional, at most 15 bytes */
#define FPC_CT_LABELS                  14     /* bytes, optional */
#define FPC_CT_TIMEOUT                 15     /* u32, optional */

/* CtTupleAttr: TLVs inside a nested TLV */
#define FPC_TUPLE_FAMILY               1      /* u8, required */
#define FPC_TUPLE_SRC                  2      /* address, required */
#define FPC_TUPLE_DST                  3      /* address, required */
#define FPC_TUPLE_PROTO                4      /* u8, required */
#define FPC_TUPLE_SPORT                5      /* u16, optional */
#define FPC_TUPLE_DPORT                6      /* u16, optional */
#define FPC_TUPLE_ICMP_ID              7      /* u16, optional */
#define FPC_TUPLE_ICMP_TYPE            8      /* u8, optional */
#define FPC_TUPLE_ICMP_CODE            9      /* u8, optional */

/* BpfAttr: TLVs of BPF_ADD (the _DEL sends the key ones) */
#define FPC_BPF_VRFID                  1      /* u32, key */
#define FPC_BPF_IFUID                  2      /* u64, key, 0 when absent */
#define FPC_BPF_ID                     3      /* u32, key */
#define FPC_BPF_PROGRAM                4      /* bytes, optional, at most 32768 bytes */
#define FPC_BPF_SOCKET_TYPE            5      /* u8, required */
#define FPC_BPF_PROTOCOL               6      /* u16, required */
#define FPC_BPF_PID                    7      /* u32, optional */
#define FPC_BPF_APPLICATION            8      /* string, optional */
#define FPC_BPF_PROMISC                9      /* u8, optional */

/* MrouteAttr: TLVs of MROUTE_ADD (the _DEL sends the key ones) */
#define FPC_MROUTE_VRFID               1      /* u32, key */
#define FPC_MROUTE_FAMILY              2      /* u8, key */
#define FPC_MROUTE_TABLE               3      /* u32, key, 0 when absent */
#define FPC_MROUTE_SOURCE              4      /* address, key */
#define FPC_MROUTE_GROUP               5      /* address, key */
#define FPC_MROUTE_IIF_IFUID           6      /* u64, required */
#define FPC_MROUTE_OIF                 7      /* nested of FPC_OIF_*, optional, repeated */

/* MrouteOifAttr: TLVs inside a nested TLV */
#define FPC_OIF_IFUID                  1      /* u64, required */
#define FPC_OIF_TTL                    2      /* u8, optional */

/* BridgeAttr: TLVs of BRIDGE_ADD (the _DEL sends the key ones) */
#define FPC_BRIDGE_VRFID               1      /* u32, key */
#define FPC_BRIDGE_IFUID               2      /* u64, key */
#define FPC_BRIDGE_AGEING_TIME         3      /* u32, optional */
#define FPC_BRIDGE_STP_STATE           4      /* u32, optional */
#define FPC_BRIDGE_FORWARD_DELAY       5      /* u32, optional */
#define FPC_BRIDGE_VLAN_FILTERING      6      /* u8, optional */
#define FPC_BRIDGE_VLAN_PROTOCOL       7      /* u16, optional */
#define FPC_BRIDGE_VLAN_DEFAULT_PVID   8      /* u16, optional */
#define FPC_BRIDGE_GROUP_FWD_MASK      9      /* u16, optional */
#define FPC_BRIDGE_MCAST_SNOOPING      10     /* u8, optional */

/* NexthopObjectAttr: TLVs of NEXTHOP_ADD (the _DEL sends the key ones) */
#define FPC_NEXTHOP_VRFID              1      /* u32, key */
#define FPC_NEXTHOP_ID                 2      /* u32, key */
#define FPC_NEXTHOP_FAMILY             3      /* u8, optional */
#define FPC_NEXTHOP_PROTOCOL           4      /* u8, optional */
#define FPC_NEXTHOP_SCOPE              5      /* u8, optional */
#define FPC_NEXTHOP_FLAGS              6      /* u32, optional */
#define FPC_NEXTHOP_GATEWAY            7      /* address, optional */
#define FPC_NEXTHOP_IFUID              8      /* u64, optional */
#define FPC_NEXTHOP_BLACKHOLE          9      /* u8, optional */
#define FPC_NEXTHOP_FDB                10     /* u8, optional */
#define FPC_NEXTHOP_ENCAP_TYPE         11     /* u16, optional */
#define FPC_NEXTHOP_GROUP_TYPE         12     /* u8, optional */
#define FPC_NEXTHOP_MEMBER             13     /* nested of FPC_NHGRP_*, optional, repeated */
#define FPC_NEXTHOP_BUCKETS            14     /* u16, optional */
#define FPC_NEXTHOP_IDLE_TIMER         15     /* u32, optional */
#define FPC_NEXTHOP_UNBALANCED_TIMER   16     /* u32, optional */

/* NexthopGroupMemberAttr: TLVs inside a nested TLV */
#define FPC_NHGRP_ID                   1      /* u32, required */
#define FPC_NHGRP_WEIGHT               2      /* u16, optional */

/* SaReplayAttr: TLVs of SA_REPLAY (the _DEL sends the key ones) */
#define FPC_SA_REPLAY_VRFID            1      /* u32, key */
#define FPC_SA_REPLAY_FAMILY           2      /* u8, key */
#define FPC_SA_REPLAY_DADDR            3      /* address, key */
#define FPC_SA_REPLAY_SPI              4      /* u32, key */
#define FPC_SA_REPLAY_PROTO            5      /* u8, key */
#define FPC_SA_REPLAY_OSEQ             6      /* u64, required */
#define FPC_SA_REPLAY_SEQ              7      /* u64, required */
#define FPC_SA_REPLAY_BITMAP           8      /* bytes, required, at most 512 bytes */
#define FPC_SA_REPLAY_ESN              9      /* u8, optional */
#define FPC_SA_REPLAY_REPLAY_WINDOW    10     /* u32, optional */
#define FPC_SA_REPLAY_REPLAY_THRESH    11     /* u32, optional */
#define FPC_SA_REPLAY_ETIMER_THRESH    12     /* u32, optional */
#define FPC_SA_REPLAY_MARK             13     /* u32, key, 0 when absent */
#define FPC_SA_REPLAY_MARK_MASK        14     /* u32, key, 0 when absent */

/* ---- end of generated ---- */

/* ---- codes ---------------------------------------------------------------------------------- */

/* ERROR CODE values: Linux errno numbers */
#define FPC_ENOENT             2   /* IF_UPDATE/IF_DELETE of an unknown ifuid */
#define FPC_EINVAL             22  /* missing required TLV, bad TLV size or value */
#define FPC_EPROTO             71  /* broken header, frame before HELLO, second HELLO: then close */
#define FPC_EMSGSIZE           90  /* reserved */
#define FPC_EOPNOTSUPP         95  /* unknown message type or object family */

/* Interface types (BSD if_types.h values, as "type:" of show interfaces) */
#define FPC_IFTYPE_OTHER       1
#define FPC_IFTYPE_ETHER       6
#define FPC_IFTYPE_PPP         23
#define FPC_IFTYPE_LOOP        24
#define FPC_IFTYPE_TUNNEL      131
#define FPC_IFTYPE_BRIDGE_PORT 249

/* Interface subtypes: which IFLA_INFO_KIND */
#define FPC_IFSUBTYPE_NONE     0
#define FPC_IFSUBTYPE_VETH     1
#define FPC_IFSUBTYPE_VLAN     2
#define FPC_IFSUBTYPE_MACVLAN  3
#define FPC_IFSUBTYPE_VXLAN    4
#define FPC_IFSUBTYPE_BRIDGE   5
#define FPC_IFSUBTYPE_BOND     6
#define FPC_IFSUBTYPE_GRE      7
#define FPC_IFSUBTYPE_GRETAP   8
#define FPC_IFSUBTYPE_IPIP     9
#define FPC_IFSUBTYPE_SIT      10
#define FPC_IFSUBTYPE_VTI      11
#define FPC_IFSUBTYPE_VTI6     12
#define FPC_IFSUBTYPE_IP6TNL   13
#define FPC_IFSUBTYPE_TUN      14
#define FPC_IFSUBTYPE_DUMMY    15
#define FPC_IFSUBTYPE_VRF      16
#define FPC_IFSUBTYPE_MACVTAP  17
#define FPC_IFSUBTYPE_IP6GRE   18
#define FPC_IFSUBTYPE_OTHER    255

/* ---- helpers -------------------------------------------------------------------------------- */

static inline uint16_t fpc_get_u16(const uint8_t *p)
{
	return (uint16_t)((p[0] << 8) | p[1]);
}

static inline uint32_t fpc_get_u32(const uint8_t *p)
{
	return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

static inline uint64_t fpc_get_u64(const uint8_t *p)
{
	return ((uint64_t)fpc_get_u32(p) << 32) | fpc_get_u32(p + 4);
}

/*
 * Looks at the bytes received so far.
 * Returns the frame's length when a whole frame is there, 0 when more bytes are needed, and
 * -FPC_EPROTO when the header is broken (answer ERROR EPROTO and close the connection).
 */
static inline long fpc_frame_check(const uint8_t *buf, size_t avail)
{
	uint32_t len;

	if (avail < 1)
		return 0;
	if (buf[0] != FPC_VERSION)
		return -FPC_EPROTO;
	if (avail < 8)
		return 0;
	len = fpc_get_u32(buf + 4);
	if (len < FPC_HDR_LEN || len > FPC_MAX_FRAME_LEN)
		return -FPC_EPROTO;
	return avail < len ? 0 : (long)len;
}

/*
 * Walks the TLVs of a whole frame: start with *off = FPC_HDR_LEN.
 * Returns 1 and sets type, length and value for the next TLV, 0 after the last one, and
 * -FPC_EINVAL when a TLV overruns the frame (refuse the frame with ERROR EINVAL, keep the
 * connection). Skip the TLV types you do not know.
 */
static inline int fpc_tlv_next(const uint8_t *frame, uint32_t frame_len, uint32_t *off,
			       uint16_t *type, uint16_t *len, const uint8_t **value)
{
	uint32_t left;

	if (*off >= frame_len)
		return 0;
	left = frame_len - *off;
	if (left < FPC_TLV_HDR_LEN)
		return -FPC_EINVAL;
	*type = fpc_get_u16(frame + *off);
	*len = fpc_get_u16(frame + *off + 2);
	if (*len > left - FPC_TLV_HDR_LEN)
		return -FPC_EINVAL;
	*value = frame + *off + FPC_TLV_HDR_LEN;
	*off += FPC_TLV_HDR_LEN + *len;
	return 1;
}

#endif /* FPC_H */
