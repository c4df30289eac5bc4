package org.linuxfpsync.netlink.codec;

/**
 * Netlink and rtnetlink constants, named exactly as in the kernel's uapi headers
 * ({@code linux/netlink.h}, {@code linux/rtnetlink.h}, {@code linux/if_link.h},
 * {@code linux/if.h}, {@code linux/if_arp.h}, {@code linux/if_addr.h}, {@code linux/neighbour.h},
 * {@code linux/fib_rules.h}, {@code linux/netconf.h}, {@code linux/net_namespace.h}, {@code bits/socket.h}) so that a grep finds
 * both sides. The values are checked against the headers of the build machine by
 * {@code RtnetlinkConstantsTest}; only constants those headers define are listed here.
 */
public final class Rtnetlink {
    private Rtnetlink() {
    }

    // ---- linux/netlink.h: control message types (types below NLMSG_MIN_TYPE are reserved)
    public static final int NLMSG_NOOP = 0x1;
    public static final int NLMSG_ERROR = 0x2;
    public static final int NLMSG_DONE = 0x3;
    public static final int NLMSG_OVERRUN = 0x4;
    public static final int NLMSG_MIN_TYPE = 0x10;

    // ---- linux/netlink.h: nlmsg_flags
    public static final int NLM_F_REQUEST = 0x01;
    public static final int NLM_F_MULTI = 0x02;
    public static final int NLM_F_ACK = 0x04;
    public static final int NLM_F_ECHO = 0x08;
    /** The dump was inconsistent: the table changed while it was being dumped. */
    public static final int NLM_F_DUMP_INTR = 0x10;
    public static final int NLM_F_DUMP_FILTERED = 0x20;
    /** Modifiers to GET requests. */
    public static final int NLM_F_ROOT = 0x100;
    public static final int NLM_F_MATCH = 0x200;
    public static final int NLM_F_ATOMIC = 0x400;
    public static final int NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH;
    /** Modifiers to NEW requests. */
    public static final int NLM_F_REPLACE = 0x100;
    public static final int NLM_F_EXCL = 0x200;
    public static final int NLM_F_CREATE = 0x400;
    public static final int NLM_F_APPEND = 0x800;
    /** Modifiers to DELETE requests. */
    public static final int NLM_F_NONREC = 0x100;
    public static final int NLM_F_BULK = 0x200;
    /** Flags of NLMSG_ERROR (acknowledgements). */
    public static final int NLM_F_CAPPED = 0x100;
    public static final int NLM_F_ACK_TLVS = 0x200;

    // ---- linux/netlink.h: struct nlattr
    public static final int NLA_F_NESTED = 1 << 15;
    public static final int NLA_F_NET_BYTEORDER = 1 << 14;
    /** As the header defines it: apply with {@code &} to an unsigned 16-bit nla_type. */
    public static final int NLA_TYPE_MASK = ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER);
    public static final int NLA_HDRLEN = 4;

    // ---- linux/netlink.h: extended acknowledgement TLVs (after struct nlmsgerr)
    public static final int NLMSGERR_ATTR_UNUSED = 0;
    public static final int NLMSGERR_ATTR_MSG = 1;
    public static final int NLMSGERR_ATTR_OFFS = 2;

    // ---- linux/rtnetlink.h: message types
    public static final int RTM_NEWLINK = 16;
    public static final int RTM_DELLINK = 17;
    public static final int RTM_GETLINK = 18;
    public static final int RTM_SETLINK = 19;
    public static final int RTM_NEWADDR = 20;
    public static final int RTM_DELADDR = 21;
    public static final int RTM_GETADDR = 22;
    public static final int RTM_NEWROUTE = 24;
    public static final int RTM_DELROUTE = 25;
    public static final int RTM_GETROUTE = 26;
    public static final int RTM_NEWNEIGH = 28;
    public static final int RTM_DELNEIGH = 29;
    public static final int RTM_GETNEIGH = 30;
    public static final int RTM_NEWRULE = 32;
    public static final int RTM_DELRULE = 33;
    public static final int RTM_GETRULE = 34;
    public static final int RTM_NEWQDISC = 36;
    public static final int RTM_DELQDISC = 37;
    public static final int RTM_GETQDISC = 38;
    public static final int RTM_NEWTCLASS = 40;
    public static final int RTM_DELTCLASS = 41;
    public static final int RTM_GETTCLASS = 42;
    public static final int RTM_NEWTFILTER = 44;
    public static final int RTM_DELTFILTER = 45;
    public static final int RTM_GETTFILTER = 46;
    public static final int RTM_NEWACTION = 48;
    public static final int RTM_DELACTION = 49;
    public static final int RTM_GETACTION = 50;
    public static final int RTM_NEWPREFIX = 52;
    public static final int RTM_GETMULTICAST = 58;
    public static final int RTM_GETANYCAST = 62;
    public static final int RTM_NEWNEIGHTBL = 64;
    public static final int RTM_GETNEIGHTBL = 66;
    public static final int RTM_SETNEIGHTBL = 67;
    public static final int RTM_NEWNDUSEROPT = 68;
    public static final int RTM_NEWADDRLABEL = 72;
    public static final int RTM_DELADDRLABEL = 73;
    public static final int RTM_GETADDRLABEL = 74;
    public static final int RTM_GETDCB = 78;
    public static final int RTM_SETDCB = 79;
    public static final int RTM_NEWNETCONF = 80;
    public static final int RTM_DELNETCONF = 81;
    public static final int RTM_GETNETCONF = 82;
    public static final int RTM_NEWMDB = 84;
    public static final int RTM_DELMDB = 85;
    public static final int RTM_GETMDB = 86;
    public static final int RTM_NEWNSID = 88;
    public static final int RTM_DELNSID = 89;
    public static final int RTM_GETNSID = 90;
    public static final int RTM_NEWSTATS = 92;
    public static final int RTM_GETSTATS = 94;
    public static final int RTM_SETSTATS = 95;
    public static final int RTM_NEWCACHEREPORT = 96;
    public static final int RTM_NEWCHAIN = 100;
    public static final int RTM_DELCHAIN = 101;
    public static final int RTM_GETCHAIN = 102;
    public static final int RTM_NEWNEXTHOP = 104;
    public static final int RTM_DELNEXTHOP = 105;
    public static final int RTM_GETNEXTHOP = 106;
    public static final int RTM_NEWLINKPROP = 108;
    public static final int RTM_DELLINKPROP = 109;
    public static final int RTM_GETLINKPROP = 110;
    public static final int RTM_NEWVLAN = 112;
    public static final int RTM_DELVLAN = 113;
    public static final int RTM_GETVLAN = 114;
    public static final int RTM_NEWNEXTHOPBUCKET = 116;
    public static final int RTM_DELNEXTHOPBUCKET = 117;
    public static final int RTM_GETNEXTHOPBUCKET = 118;
    public static final int RTM_NEWTUNNEL = 120;
    public static final int RTM_DELTUNNEL = 121;
    public static final int RTM_GETTUNNEL = 122;

    // ---- linux/rtnetlink.h: multicast groups, as group numbers (not RTMGRP_* bit masks)
    public static final int RTNLGRP_NONE = 0;
    public static final int RTNLGRP_LINK = 1;
    public static final int RTNLGRP_NOTIFY = 2;
    public static final int RTNLGRP_NEIGH = 3;
    public static final int RTNLGRP_TC = 4;
    public static final int RTNLGRP_IPV4_IFADDR = 5;
    public static final int RTNLGRP_IPV4_MROUTE = 6;
    public static final int RTNLGRP_IPV4_ROUTE = 7;
    public static final int RTNLGRP_IPV4_RULE = 8;
    public static final int RTNLGRP_IPV6_IFADDR = 9;
    public static final int RTNLGRP_IPV6_MROUTE = 10;
    public static final int RTNLGRP_IPV6_ROUTE = 11;
    public static final int RTNLGRP_IPV6_IFINFO = 12;
    public static final int RTNLGRP_DECnet_IFADDR = 13;
    public static final int RTNLGRP_DECnet_ROUTE = 15;
    public static final int RTNLGRP_DECnet_RULE = 16;
    public static final int RTNLGRP_IPV6_PREFIX = 18;
    public static final int RTNLGRP_IPV6_RULE = 19;
    public static final int RTNLGRP_ND_USEROPT = 20;
    public static final int RTNLGRP_PHONET_IFADDR = 21;
    public static final int RTNLGRP_PHONET_ROUTE = 22;
    public static final int RTNLGRP_DCB = 23;
    public static final int RTNLGRP_IPV4_NETCONF = 24;
    public static final int RTNLGRP_IPV6_NETCONF = 25;
    public static final int RTNLGRP_MDB = 26;
    public static final int RTNLGRP_MPLS_ROUTE = 27;
    public static final int RTNLGRP_NSID = 28;
    public static final int RTNLGRP_MPLS_NETCONF = 29;
    public static final int RTNLGRP_IPV4_MROUTE_R = 30;
    public static final int RTNLGRP_IPV6_MROUTE_R = 31;
    public static final int RTNLGRP_NEXTHOP = 32;
    public static final int RTNLGRP_BRVLAN = 33;
    public static final int RTNLGRP_MCTP_IFADDR = 34;
    public static final int RTNLGRP_TUNNEL = 35;
    public static final int RTNLGRP_STATS = 36;

    // ---- linux/if_link.h: attributes of RTM_NEWLINK (after struct ifinfomsg)
    public static final int IFLA_UNSPEC = 0;
    public static final int IFLA_ADDRESS = 1;
    public static final int IFLA_BROADCAST = 2;
    public static final int IFLA_IFNAME = 3;
    public static final int IFLA_MTU = 4;
    public static final int IFLA_LINK = 5;
    public static final int IFLA_QDISC = 6;
    public static final int IFLA_STATS = 7;
    public static final int IFLA_COST = 8;
    public static final int IFLA_PRIORITY = 9;
    public static final int IFLA_MASTER = 10;
    public static final int IFLA_WIRELESS = 11;
    public static final int IFLA_PROTINFO = 12;
    public static final int IFLA_TXQLEN = 13;
    public static final int IFLA_MAP = 14;
    public static final int IFLA_WEIGHT = 15;
    public static final int IFLA_OPERSTATE = 16;
    public static final int IFLA_LINKMODE = 17;
    public static final int IFLA_LINKINFO = 18;
    public static final int IFLA_NET_NS_PID = 19;
    public static final int IFLA_IFALIAS = 20;
    public static final int IFLA_NUM_VF = 21;
    public static final int IFLA_VFINFO_LIST = 22;
    public static final int IFLA_STATS64 = 23;
    public static final int IFLA_VF_PORTS = 24;
    public static final int IFLA_PORT_SELF = 25;
    public static final int IFLA_AF_SPEC = 26;
    public static final int IFLA_GROUP = 27;
    public static final int IFLA_NET_NS_FD = 28;
    public static final int IFLA_EXT_MASK = 29;
    /** IFLA_EXT_MASK filters of RTM_GETLINK. */
    public static final int RTEXT_FILTER_BRVLAN = 1 << 1;
    public static final int RTEXT_FILTER_BRVLAN_COMPRESSED = 1 << 2;
    public static final int IFLA_PROMISCUITY = 30;
    public static final int IFLA_NUM_TX_QUEUES = 31;
    public static final int IFLA_NUM_RX_QUEUES = 32;
    public static final int IFLA_CARRIER = 33;
    public static final int IFLA_PHYS_PORT_ID = 34;
    public static final int IFLA_CARRIER_CHANGES = 35;
    public static final int IFLA_PHYS_SWITCH_ID = 36;
    public static final int IFLA_LINK_NETNSID = 37;
    public static final int IFLA_PHYS_PORT_NAME = 38;
    public static final int IFLA_PROTO_DOWN = 39;
    public static final int IFLA_GSO_MAX_SEGS = 40;
    public static final int IFLA_GSO_MAX_SIZE = 41;
    public static final int IFLA_PAD = 42;
    public static final int IFLA_XDP = 43;
    public static final int IFLA_EVENT = 44;
    public static final int IFLA_NEW_NETNSID = 45;
    public static final int IFLA_IF_NETNSID = 46;
    public static final int IFLA_TARGET_NETNSID = 46;
    public static final int IFLA_CARRIER_UP_COUNT = 47;
    public static final int IFLA_CARRIER_DOWN_COUNT = 48;
    public static final int IFLA_NEW_IFINDEX = 49;
    public static final int IFLA_MIN_MTU = 50;
    public static final int IFLA_MAX_MTU = 51;
    public static final int IFLA_PROP_LIST = 52;
    public static final int IFLA_ALT_IFNAME = 53;
    public static final int IFLA_PERM_ADDRESS = 54;
    public static final int IFLA_PROTO_DOWN_REASON = 55;
    public static final int IFLA_PARENT_DEV_NAME = 56;
    public static final int IFLA_PARENT_DEV_BUS_NAME = 57;
    public static final int IFLA_GRO_MAX_SIZE = 58;
    public static final int IFLA_TSO_MAX_SIZE = 59;
    public static final int IFLA_TSO_MAX_SEGS = 60;
    public static final int IFLA_ALLMULTI = 61;

    // ---- linux/if_link.h: nested in IFLA_LINKINFO
    public static final int IFLA_INFO_UNSPEC = 0;
    public static final int IFLA_INFO_KIND = 1;
    public static final int IFLA_INFO_DATA = 2;
    public static final int IFLA_INFO_XSTATS = 3;
    public static final int IFLA_INFO_SLAVE_KIND = 4;
    public static final int IFLA_INFO_SLAVE_DATA = 5;

    // ---- linux/if_addr.h: attributes of RTM_NEWADDR (after struct ifaddrmsg)
    public static final int IFA_UNSPEC = 0;
    public static final int IFA_ADDRESS = 1;
    public static final int IFA_LOCAL = 2;
    public static final int IFA_LABEL = 3;
    public static final int IFA_BROADCAST = 4;
    public static final int IFA_ANYCAST = 5;
    public static final int IFA_CACHEINFO = 6;
    public static final int IFA_MULTICAST = 7;
    public static final int IFA_FLAGS = 8;
    public static final int IFA_RT_PRIORITY = 9;
    public static final int IFA_TARGET_NETNSID = 10;
    public static final int IFA_PROTO = 11;

    // ---- linux/if_addr.h: ifa_flags (IFA_FLAGS extends them to 32 bits)
    public static final int IFA_F_SECONDARY = 0x01;
    public static final int IFA_F_TEMPORARY = IFA_F_SECONDARY;
    public static final int IFA_F_NODAD = 0x02;
    public static final int IFA_F_OPTIMISTIC = 0x04;
    public static final int IFA_F_DADFAILED = 0x08;
    public static final int IFA_F_HOMEADDRESS = 0x10;
    public static final int IFA_F_DEPRECATED = 0x20;
    public static final int IFA_F_TENTATIVE = 0x40;
    public static final int IFA_F_PERMANENT = 0x80;
    public static final int IFA_F_MANAGETEMPADDR = 0x100;
    public static final int IFA_F_NOPREFIXROUTE = 0x200;
    public static final int IFA_F_MCAUTOJOIN = 0x400;
    public static final int IFA_F_STABLE_PRIVACY = 0x800;

    // ---- linux/rtnetlink.h: rtm_type
    public static final int RTN_UNSPEC = 0;
    public static final int RTN_UNICAST = 1;
    public static final int RTN_LOCAL = 2;
    public static final int RTN_BROADCAST = 3;
    public static final int RTN_ANYCAST = 4;
    public static final int RTN_MULTICAST = 5;
    public static final int RTN_BLACKHOLE = 6;
    public static final int RTN_UNREACHABLE = 7;
    public static final int RTN_PROHIBIT = 8;
    public static final int RTN_THROW = 9;
    public static final int RTN_NAT = 10;
    public static final int RTN_XRESOLVE = 11;

    // ---- linux/rtnetlink.h: rtm_protocol (a few)
    public static final int RTPROT_UNSPEC = 0;
    public static final int RTPROT_REDIRECT = 1;
    public static final int RTPROT_KERNEL = 2;
    public static final int RTPROT_BOOT = 3;
    public static final int RTPROT_STATIC = 4;
    public static final int RTPROT_RA = 9;
    public static final int RTPROT_ZEBRA = 11;
    public static final int RTPROT_DHCP = 16;
    public static final int RTPROT_BGP = 186;
    public static final int RTPROT_ISIS = 187;
    public static final int RTPROT_OSPF = 188;

    // ---- linux/rtnetlink.h: rtm_scope
    public static final int RT_SCOPE_UNIVERSE = 0;
    public static final int RT_SCOPE_SITE = 200;
    public static final int RT_SCOPE_LINK = 253;
    public static final int RT_SCOPE_HOST = 254;
    public static final int RT_SCOPE_NOWHERE = 255;

    // ---- linux/rtnetlink.h: rtm_flags
    public static final int RTM_F_NOTIFY = 0x100;
    public static final int RTM_F_CLONED = 0x200;
    public static final int RTM_F_EQUALIZE = 0x400;
    public static final int RTM_F_PREFIX = 0x800;
    public static final int RTM_F_LOOKUP_TABLE = 0x1000;
    public static final int RTM_F_FIB_MATCH = 0x2000;
    public static final int RTM_F_OFFLOAD = 0x4000;
    public static final int RTM_F_TRAP = 0x8000;
    public static final int RTM_F_OFFLOAD_FAILED = 0x20000000;

    // ---- linux/rtnetlink.h: reserved table ids (rtm_table is 8 bits: RTA_TABLE carries the rest)
    public static final int RT_TABLE_UNSPEC = 0;
    public static final int RT_TABLE_COMPAT = 252;
    public static final int RT_TABLE_DEFAULT = 253;
    public static final int RT_TABLE_MAIN = 254;
    public static final int RT_TABLE_LOCAL = 255;

    // ---- linux/rtnetlink.h: attributes of RTM_NEWROUTE (after struct rtmsg)
    public static final int RTA_UNSPEC = 0;
    public static final int RTA_DST = 1;
    public static final int RTA_SRC = 2;
    public static final int RTA_IIF = 3;
    public static final int RTA_OIF = 4;
    public static final int RTA_GATEWAY = 5;
    public static final int RTA_PRIORITY = 6;
    public static final int RTA_PREFSRC = 7;
    public static final int RTA_METRICS = 8;
    public static final int RTA_MULTIPATH = 9;
    public static final int RTA_PROTOINFO = 10;
    public static final int RTA_FLOW = 11;
    public static final int RTA_CACHEINFO = 12;
    public static final int RTA_SESSION = 13;
    public static final int RTA_MP_ALGO = 14;
    public static final int RTA_TABLE = 15;
    public static final int RTA_MARK = 16;
    public static final int RTA_MFC_STATS = 17;
    public static final int RTA_VIA = 18;
    public static final int RTA_NEWDST = 19;
    public static final int RTA_PREF = 20;
    public static final int RTA_ENCAP_TYPE = 21;
    public static final int RTA_ENCAP = 22;
    public static final int RTA_EXPIRES = 23;
    public static final int RTA_PAD = 24;
    public static final int RTA_UID = 25;
    public static final int RTA_TTL_PROPAGATE = 26;
    public static final int RTA_IP_PROTO = 27;
    public static final int RTA_SPORT = 28;
    public static final int RTA_DPORT = 29;
    public static final int RTA_NH_ID = 30;

    // ---- linux/rtnetlink.h: rtnh_flags of struct rtnexthop (RTA_MULTIPATH)
    public static final int RTNH_F_DEAD = 1;
    public static final int RTNH_F_PERVASIVE = 2;
    public static final int RTNH_F_ONLINK = 4;
    public static final int RTNH_F_OFFLOAD = 8;
    public static final int RTNH_F_LINKDOWN = 16;
    public static final int RTNH_F_UNRESOLVED = 32;
    public static final int RTNH_F_TRAP = 64;
    public static final int RTNH_ALIGNTO = 4;

    // ---- linux/rtnetlink.h: RTA_METRICS nest
    public static final int RTAX_UNSPEC = 0;
    public static final int RTAX_LOCK = 1;
    public static final int RTAX_MTU = 2;
    public static final int RTAX_WINDOW = 3;
    public static final int RTAX_RTT = 4;
    public static final int RTAX_RTTVAR = 5;
    public static final int RTAX_SSTHRESH = 6;
    public static final int RTAX_CWND = 7;
    public static final int RTAX_ADVMSS = 8;
    public static final int RTAX_REORDERING = 9;
    public static final int RTAX_HOPLIMIT = 10;
    public static final int RTAX_INITCWND = 11;
    public static final int RTAX_FEATURES = 12;
    public static final int RTAX_RTO_MIN = 13;
    public static final int RTAX_INITRWND = 14;
    public static final int RTAX_QUICKACK = 15;
    public static final int RTAX_CC_ALGO = 16;
    public static final int RTAX_FASTOPEN_NO_COOKIE = 17;

    // ---- linux/nexthop.h: attributes of RTM_NEWNEXTHOP (after struct nhmsg)
    public static final int NHA_UNSPEC = 0;
    public static final int NHA_ID = 1;
    public static final int NHA_GROUP = 2;
    public static final int NHA_GROUP_TYPE = 3;
    public static final int NHA_BLACKHOLE = 4;
    public static final int NHA_OIF = 5;
    public static final int NHA_GATEWAY = 6;
    public static final int NHA_ENCAP_TYPE = 7;
    public static final int NHA_ENCAP = 8;
    public static final int NHA_GROUPS = 9;
    public static final int NHA_MASTER = 10;
    public static final int NHA_FDB = 11;
    public static final int NHA_RES_GROUP = 12;
    public static final int NHA_RES_BUCKET = 13;

    // ---- linux/nexthop.h: NHA_GROUP_TYPE
    public static final int NEXTHOP_GRP_TYPE_MPATH = 0;
    public static final int NEXTHOP_GRP_TYPE_RES = 1;

    // ---- linux/nexthop.h: the NHA_RES_GROUP nest
    public static final int NHA_RES_GROUP_PAD = 0;
    public static final int NHA_RES_GROUP_BUCKETS = 1;
    public static final int NHA_RES_GROUP_IDLE_TIMER = 2;
    public static final int NHA_RES_GROUP_UNBALANCED_TIMER = 3;
    public static final int NHA_RES_GROUP_UNBALANCED_TIME = 4;

    // ---- linux/neighbour.h: attributes of RTM_NEWNEIGH (after struct ndmsg)
    public static final int NDA_UNSPEC = 0;
    public static final int NDA_DST = 1;
    public static final int NDA_LLADDR = 2;
    public static final int NDA_CACHEINFO = 3;
    public static final int NDA_PROBES = 4;
    public static final int NDA_VLAN = 5;
    public static final int NDA_PORT = 6;
    public static final int NDA_VNI = 7;
    public static final int NDA_IFINDEX = 8;
    public static final int NDA_MASTER = 9;
    public static final int NDA_LINK_NETNSID = 10;
    public static final int NDA_SRC_VNI = 11;
    public static final int NDA_PROTOCOL = 12;
    public static final int NDA_NH_ID = 13;
    public static final int NDA_FDB_EXT_ATTRS = 14;
    public static final int NDA_FLAGS_EXT = 15;

    // ---- linux/neighbour.h: ndm_flags
    public static final int NTF_USE = 1 << 0;
    public static final int NTF_SELF = 1 << 1;
    public static final int NTF_MASTER = 1 << 2;
    public static final int NTF_PROXY = 1 << 3;
    public static final int NTF_EXT_LEARNED = 1 << 4;
    public static final int NTF_OFFLOADED = 1 << 5;
    public static final int NTF_STICKY = 1 << 6;
    public static final int NTF_ROUTER = 1 << 7;

    // ---- linux/neighbour.h: ndm_state
    public static final int NUD_NONE = 0x00;
    public static final int NUD_INCOMPLETE = 0x01;
    public static final int NUD_REACHABLE = 0x02;
    public static final int NUD_STALE = 0x04;
    public static final int NUD_DELAY = 0x08;
    public static final int NUD_PROBE = 0x10;
    public static final int NUD_FAILED = 0x20;
    public static final int NUD_NOARP = 0x40;
    public static final int NUD_PERMANENT = 0x80;

    // ---- linux/fib_rules.h: attributes of RTM_NEWRULE (after struct fib_rule_hdr)
    public static final int FRA_UNSPEC = 0;
    public static final int FRA_DST = 1;
    public static final int FRA_SRC = 2;
    public static final int FRA_IIFNAME = 3;
    public static final int FRA_GOTO = 4;
    public static final int FRA_PRIORITY = 6;
    public static final int FRA_FWMARK = 10;
    public static final int FRA_FLOW = 11;
    public static final int FRA_TUN_ID = 12;
    public static final int FRA_SUPPRESS_IFGROUP = 13;
    public static final int FRA_SUPPRESS_PREFIXLEN = 14;
    public static final int FRA_TABLE = 15;
    public static final int FRA_FWMASK = 16;
    public static final int FRA_OIFNAME = 17;
    public static final int FRA_PAD = 18;
    public static final int FRA_L3MDEV = 19;
    public static final int FRA_UID_RANGE = 20;
    public static final int FRA_PROTOCOL = 21;
    public static final int FRA_IP_PROTO = 22;
    public static final int FRA_SPORT_RANGE = 23;
    public static final int FRA_DPORT_RANGE = 24;

    // ---- linux/fib_rules.h: fib_rule_hdr.action and flags
    public static final int FR_ACT_UNSPEC = 0;
    public static final int FR_ACT_TO_TBL = 1;
    public static final int FR_ACT_GOTO = 2;
    public static final int FR_ACT_NOP = 3;
    public static final int FR_ACT_BLACKHOLE = 6;
    public static final int FR_ACT_UNREACHABLE = 7;
    public static final int FR_ACT_PROHIBIT = 8;
    public static final int FIB_RULE_PERMANENT = 0x00000001;
    public static final int FIB_RULE_INVERT = 0x00000002;

    // ---- linux/netconf.h: attributes of RTM_NEWNETCONF (after struct netconfmsg)
    public static final int NETCONFA_UNSPEC = 0;
    public static final int NETCONFA_IFINDEX = 1;
    public static final int NETCONFA_FORWARDING = 2;
    public static final int NETCONFA_RP_FILTER = 3;
    public static final int NETCONFA_MC_FORWARDING = 4;
    public static final int NETCONFA_PROXY_NEIGH = 5;
    public static final int NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN = 6;
    public static final int NETCONFA_INPUT = 7;
    public static final int NETCONFA_BC_FORWARDING = 8;
    /** NETCONFA_IFINDEX of the "all" settings ({@code net.ipv4.conf.all}). */
    public static final int NETCONFA_IFINDEX_ALL = -1;
    /** NETCONFA_IFINDEX of the defaults for new devices ({@code net.ipv4.conf.default}). */
    public static final int NETCONFA_IFINDEX_DEFAULT = -2;

    // ---- bits/socket.h: address families (ifi_family, ifa_family, rtm_family, ...)
    public static final int AF_UNSPEC = 0;
    public static final int AF_INET = 2;
    public static final int AF_BRIDGE = 7;
    public static final int AF_INET6 = 10;
    public static final int AF_NETLINK = 16;
    public static final int AF_PACKET = 17;
    public static final int AF_MPLS = 28;

    // ---- linux/rtnetlink.h: rtm_family of the multicast forwarding caches (ipmr, ip6mr)
    public static final int RTNL_FAMILY_IPMR = 128;
    public static final int RTNL_FAMILY_IP6MR = 129;

    // ---- linux/if.h: enum net_device_flags (ifi_flags)
    public static final int IFF_UP = 1 << 0;
    public static final int IFF_BROADCAST = 1 << 1;
    public static final int IFF_DEBUG = 1 << 2;
    public static final int IFF_LOOPBACK = 1 << 3;
    public static final int IFF_POINTOPOINT = 1 << 4;
    public static final int IFF_NOTRAILERS = 1 << 5;
    public static final int IFF_RUNNING = 1 << 6;
    public static final int IFF_NOARP = 1 << 7;
    public static final int IFF_PROMISC = 1 << 8;
    public static final int IFF_ALLMULTI = 1 << 9;
    public static final int IFF_MASTER = 1 << 10;
    public static final int IFF_SLAVE = 1 << 11;
    public static final int IFF_MULTICAST = 1 << 12;
    public static final int IFF_PORTSEL = 1 << 13;
    public static final int IFF_AUTOMEDIA = 1 << 14;
    public static final int IFF_DYNAMIC = 1 << 15;
    public static final int IFF_LOWER_UP = 1 << 16;
    public static final int IFF_DORMANT = 1 << 17;
    public static final int IFF_ECHO = 1 << 18;

    // ---- linux/if.h: RFC 2863 operational states (IFLA_OPERSTATE)
    public static final int IF_OPER_UNKNOWN = 0;
    public static final int IF_OPER_NOTPRESENT = 1;
    public static final int IF_OPER_DOWN = 2;
    public static final int IF_OPER_LOWERLAYERDOWN = 3;
    public static final int IF_OPER_TESTING = 4;
    public static final int IF_OPER_DORMANT = 5;
    public static final int IF_OPER_UP = 6;

    /** linux/if.h: interface name buffer size, terminating NUL included. */
    public static final int IFNAMSIZ = 16;

    // ---- linux/if_arp.h: ifi_type
    public static final int ARPHRD_ETHER = 1;
    public static final int ARPHRD_TUNNEL = 768;
    public static final int ARPHRD_LOOPBACK = 772;
    public static final int ARPHRD_IPGRE = 778;
    public static final int ARPHRD_NONE = 0xFFFE;
    public static final int ARPHRD_VOID = 0xFFFF;

    // ---- linux/net_namespace.h: attributes of RTM_GETNSID and RTM_NEWNSID
    public static final int NETNSA_NSID = 1;
    public static final int NETNSA_FD = 3;
}
