package org.linuxfpsync.netlink.codec;

/**
 * NETLINK_NETFILTER constants, named exactly as in {@code linux/netfilter/nfnetlink.h},
 * {@code nfnetlink_conntrack.h}, {@code nf_conntrack_common.h} and {@code nf_tables.h}; checked
 * against the headers by {@code RtnetlinkConstantsTest}. A netfilter message type is
 * {@code subsystem << 8 | message}: use {@link #type}.
 */
public final class Nfnetlink {
    private Nfnetlink() {
    }

    /** The nlmsg_type of {@code message} of {@code subsystem} ({@code NFNL_SUBSYS_*}). */
    public static int type(int subsystem, int message) {
        return subsystem << 8 | message;
    }

    /** {@code NFNL_SUBSYS_ID}. */
    public static int subsystem(int type) {
        return (type & 0xff00) >> 8;
    }

    /** {@code NFNL_MSG_TYPE}. */
    public static int message(int type) {
        return type & 0x00ff;
    }

    // ---- nfnetlink.h: multicast groups (group numbers)
    public static final int NFNLGRP_NONE = 0;
    public static final int NFNLGRP_CONNTRACK_NEW = 1;
    public static final int NFNLGRP_CONNTRACK_UPDATE = 2;
    public static final int NFNLGRP_CONNTRACK_DESTROY = 3;
    public static final int NFNLGRP_CONNTRACK_EXP_NEW = 4;
    public static final int NFNLGRP_CONNTRACK_EXP_UPDATE = 5;
    public static final int NFNLGRP_CONNTRACK_EXP_DESTROY = 6;
    public static final int NFNLGRP_NFTABLES = 7;
    public static final int NFNLGRP_ACCT_QUOTA = 8;
    public static final int NFNLGRP_NFTRACE = 9;

    // ---- nfnetlink.h: subsystems
    public static final int NFNL_SUBSYS_NONE = 0;
    public static final int NFNL_SUBSYS_CTNETLINK = 1;
    public static final int NFNL_SUBSYS_CTNETLINK_EXP = 2;
    public static final int NFNL_SUBSYS_QUEUE = 3;
    public static final int NFNL_SUBSYS_ULOG = 4;
    public static final int NFNL_SUBSYS_NFTABLES = 10;
    public static final int NFNETLINK_V0 = 0;
    public static final int NFNL_MSG_BATCH_BEGIN = Rtnetlink.NLMSG_MIN_TYPE;
    public static final int NFNL_MSG_BATCH_END = Rtnetlink.NLMSG_MIN_TYPE + 1;

    // ---- nfnetlink_conntrack.h: messages of NFNL_SUBSYS_CTNETLINK
    public static final int IPCTNL_MSG_CT_NEW = 0;
    public static final int IPCTNL_MSG_CT_GET = 1;
    public static final int IPCTNL_MSG_CT_DELETE = 2;
    public static final int IPCTNL_MSG_CT_GET_CTRZERO = 3;

    // ---- nfnetlink_conntrack.h: enum ctattr_type
    public static final int CTA_UNSPEC = 0;
    public static final int CTA_TUPLE_ORIG = 1;
    public static final int CTA_TUPLE_REPLY = 2;
    public static final int CTA_STATUS = 3;
    public static final int CTA_PROTOINFO = 4;
    public static final int CTA_HELP = 5;
    public static final int CTA_NAT_SRC = 6;
    public static final int CTA_TIMEOUT = 7;
    public static final int CTA_MARK = 8;
    public static final int CTA_COUNTERS_ORIG = 9;
    public static final int CTA_COUNTERS_REPLY = 10;
    public static final int CTA_USE = 11;
    public static final int CTA_ID = 12;
    public static final int CTA_NAT_DST = 13;
    public static final int CTA_TUPLE_MASTER = 14;
    public static final int CTA_SEQ_ADJ_ORIG = 15;
    public static final int CTA_SEQ_ADJ_REPLY = 16;
    public static final int CTA_SECMARK = 17;
    public static final int CTA_ZONE = 18;
    public static final int CTA_SECCTX = 19;
    public static final int CTA_TIMESTAMP = 20;
    public static final int CTA_MARK_MASK = 21;
    public static final int CTA_LABELS = 22;
    public static final int CTA_LABELS_MASK = 23;
    public static final int CTA_SYNPROXY = 24;
    public static final int CTA_FILTER = 25;
    public static final int CTA_STATUS_MASK = 26;

    // ---- enum ctattr_tuple, ctattr_ip, ctattr_l4proto
    public static final int CTA_TUPLE_IP = 1;
    public static final int CTA_TUPLE_PROTO = 2;
    public static final int CTA_TUPLE_ZONE = 3;
    public static final int CTA_IP_V4_SRC = 1;
    public static final int CTA_IP_V4_DST = 2;
    public static final int CTA_IP_V6_SRC = 3;
    public static final int CTA_IP_V6_DST = 4;
    public static final int CTA_PROTO_NUM = 1;
    public static final int CTA_PROTO_SRC_PORT = 2;
    public static final int CTA_PROTO_DST_PORT = 3;
    public static final int CTA_PROTO_ICMP_ID = 4;
    public static final int CTA_PROTO_ICMP_TYPE = 5;
    public static final int CTA_PROTO_ICMP_CODE = 6;
    public static final int CTA_PROTO_ICMPV6_ID = 7;
    public static final int CTA_PROTO_ICMPV6_TYPE = 8;
    public static final int CTA_PROTO_ICMPV6_CODE = 9;

    // ---- enum ctattr_protoinfo, ctattr_protoinfo_tcp, ctattr_help (nests of CTA_PROTOINFO, CTA_HELP)
    public static final int CTA_PROTOINFO_TCP = 1;
    public static final int CTA_PROTOINFO_TCP_STATE = 1;
    public static final int CTA_PROTOINFO_TCP_WSCALE_ORIGINAL = 2;
    public static final int CTA_PROTOINFO_TCP_WSCALE_REPLY = 3;
    public static final int CTA_PROTOINFO_TCP_FLAGS_ORIGINAL = 4;
    public static final int CTA_PROTOINFO_TCP_FLAGS_REPLY = 5;
    public static final int CTA_HELP_NAME = 1;

    // ---- nf_conntrack_common.h: CTA_STATUS bits
    public static final int IPS_EXPECTED = 1 << 0;
    public static final int IPS_SEEN_REPLY = 1 << 1;
    public static final int IPS_ASSURED = 1 << 2;
    public static final int IPS_CONFIRMED = 1 << 3;
    public static final int IPS_SRC_NAT = 1 << 4;
    public static final int IPS_DST_NAT = 1 << 5;
    public static final int IPS_NAT_MASK = IPS_DST_NAT | IPS_SRC_NAT;
    public static final int IPS_SRC_NAT_DONE = 1 << 7;
    public static final int IPS_DST_NAT_DONE = 1 << 8;
    public static final int IPS_DYING = 1 << 9;
    public static final int IPS_OFFLOAD = 1 << 14;
    public static final int IPS_HW_OFFLOAD = 1 << 15;

    // ---- nf_tables.h: messages of NFNL_SUBSYS_NFTABLES
    public static final int NFT_MSG_NEWTABLE = 0;
    public static final int NFT_MSG_GETTABLE = 1;
    public static final int NFT_MSG_DELTABLE = 2;
    public static final int NFT_MSG_NEWCHAIN = 3;
    public static final int NFT_MSG_GETCHAIN = 4;
    public static final int NFT_MSG_DELCHAIN = 5;
    public static final int NFT_MSG_NEWRULE = 6;
    public static final int NFT_MSG_GETRULE = 7;
    public static final int NFT_MSG_DELRULE = 8;
    public static final int NFT_MSG_NEWSET = 9;
    public static final int NFT_MSG_NEWGEN = 15;

    // ---- nf_tables.h: table, chain, rule and generation attributes
    public static final int NFTA_TABLE_NAME = 1;
    public static final int NFTA_TABLE_FLAGS = 2;
    public static final int NFTA_TABLE_USE = 3;
    public static final int NFTA_TABLE_HANDLE = 4;
    public static final int NFTA_TABLE_PAD = 5;
    public static final int NFTA_TABLE_USERDATA = 6;
    public static final int NFTA_TABLE_OWNER = 7;
    public static final int NFTA_CHAIN_TABLE = 1;
    public static final int NFTA_CHAIN_HANDLE = 2;
    public static final int NFTA_CHAIN_NAME = 3;
    public static final int NFTA_CHAIN_HOOK = 4;
    public static final int NFTA_CHAIN_POLICY = 5;
    public static final int NFTA_CHAIN_USE = 6;
    public static final int NFTA_CHAIN_TYPE = 7;
    public static final int NFTA_CHAIN_COUNTERS = 8;
    public static final int NFTA_CHAIN_PAD = 9;
    public static final int NFTA_CHAIN_FLAGS = 10;
    public static final int NFTA_RULE_TABLE = 1;
    public static final int NFTA_RULE_CHAIN = 2;
    public static final int NFTA_RULE_HANDLE = 3;
    public static final int NFTA_RULE_EXPRESSIONS = 4;
    public static final int NFTA_RULE_COMPAT = 5;
    public static final int NFTA_RULE_POSITION = 6;
    public static final int NFTA_RULE_USERDATA = 7;
    public static final int NFTA_GEN_ID = 1;
    public static final int NFTA_GEN_PROC_PID = 2;
    public static final int NFTA_GEN_PROC_NAME = 3;
    /** {@code NFT_NAME_MAXLEN}: table, chain and set names, NUL included. */
    public static final int NFT_NAME_MAXLEN = 256;
    public static final int NFT_TABLE_MAXNAMELEN = NFT_NAME_MAXLEN;
}
