package org.linuxfpsync.netlink.codec;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.linuxfpsync.netlink.NetlinkFamily;

/**
 * Names of netlink message types as the uapi headers spell them, for counters and logs:
 * {@code RTM_NEWLINK}, {@code XFRM_MSG_NEWSA}, {@code IPCTNL_MSG_CT_NEW}; a type without a
 * known name reads {@code RTM_[80]} (the prefix of its family, the number in brackets).
 *
 * <p>Every name is computed once and kept in a per-family table of all 65536 types, so that
 * {@link #name} allocates nothing after the first call for a type: it runs for every message
 * on the reader thread.
 */
public final class MessageTypeNames {
    private static final int TYPES = 1 << 16;
    private static final NetlinkFamily[] FAMILIES = NetlinkFamily.values();
    private static final AtomicReferenceArray<String[]> TABLES = new AtomicReferenceArray<>(FAMILIES.length);

    // linux/netfilter/nfnetlink.h: NFNL_SUBSYS_* (type = subsys << 8 | message)
    private static final String[] NFNL_SUBSYS = {
        "NFNL_SUBSYS_NONE", "NFNL_SUBSYS_CTNETLINK", "NFNL_SUBSYS_CTNETLINK_EXP", "NFNL_SUBSYS_QUEUE",
        "NFNL_SUBSYS_ULOG", "NFNL_SUBSYS_OSF", "NFNL_SUBSYS_IPSET", "NFNL_SUBSYS_ACCT",
        "NFNL_SUBSYS_CTNETLINK_TIMEOUT", "NFNL_SUBSYS_CTHELPER", "NFNL_SUBSYS_NFTABLES",
        "NFNL_SUBSYS_NFT_COMPAT", "NFNL_SUBSYS_HOOK",
    };
    private static final int NFNL_SUBSYS_CTNETLINK = 1;
    private static final int NFNL_SUBSYS_CTNETLINK_EXP = 2;
    private static final int NFNL_SUBSYS_NFTABLES = 10;

    private MessageTypeNames() {
    }

    /** The name of {@code type} (an unsigned 16-bit {@code nlmsg_type}) in {@code family}. */
    public static String name(NetlinkFamily family, int type) {
        String[] table = table(family);
        int index = type & 0xffff;
        String name = table[index];
        if (name == null) {
            // Benign race: two threads may compute the same immutable String.
            name = bracketName(family, index);
            table[index] = name;
        }
        return name;
    }

    private static String[] table(NetlinkFamily family) {
        String[] table = TABLES.get(family.ordinal());
        if (table == null) {
            table = knownNames(family);
            if (!TABLES.compareAndSet(family.ordinal(), null, table)) {
                table = TABLES.get(family.ordinal());
            }
        }
        return table;
    }

    private static String bracketName(NetlinkFamily family, int type) {
        if (type < Rtnetlink.NLMSG_MIN_TYPE) {
            return "NLMSG_[" + type + "]";
        }
        switch (family) {
            case ROUTE:
                return "RTM_[" + type + "]";
            case XFRM:
                return "XFRM_MSG_[" + type + "]";
            case AUDIT:
                return "AUDIT_[" + type + "]";
            case SOCK_DIAG:
                return "SOCK_DIAG_[" + type + "]";
            case NETFILTER:
                int subsys = type >>> 8;
                return subsys < NFNL_SUBSYS.length
                        ? NFNL_SUBSYS[subsys] + "_[" + (type & 0xff) + "]"
                        : "NFNL_[" + type + "]";
            default:
                return family.name() + "_[" + type + "]";
        }
    }

    private static String[] knownNames(NetlinkFamily family) {
        String[] t = new String[TYPES];
        t[Rtnetlink.NLMSG_NOOP] = "NLMSG_NOOP";
        t[Rtnetlink.NLMSG_ERROR] = "NLMSG_ERROR";
        t[Rtnetlink.NLMSG_DONE] = "NLMSG_DONE";
        t[Rtnetlink.NLMSG_OVERRUN] = "NLMSG_OVERRUN";
        switch (family) {
            case ROUTE:
                rtmNames(t);
                break;
            case XFRM:
                // linux/xfrm.h: consecutive from XFRM_MSG_BASE (0x10)
                sequence(t, 0x10, "XFRM_MSG_NEWSA", "XFRM_MSG_DELSA", "XFRM_MSG_GETSA",
                        "XFRM_MSG_NEWPOLICY", "XFRM_MSG_DELPOLICY", "XFRM_MSG_GETPOLICY",
                        "XFRM_MSG_ALLOCSPI", "XFRM_MSG_ACQUIRE", "XFRM_MSG_EXPIRE",
                        "XFRM_MSG_UPDPOLICY", "XFRM_MSG_UPDSA", "XFRM_MSG_POLEXPIRE",
                        "XFRM_MSG_FLUSHSA", "XFRM_MSG_FLUSHPOLICY", "XFRM_MSG_NEWAE", "XFRM_MSG_GETAE",
                        "XFRM_MSG_REPORT", "XFRM_MSG_MIGRATE", "XFRM_MSG_NEWSADINFO",
                        "XFRM_MSG_GETSADINFO", "XFRM_MSG_NEWSPDINFO", "XFRM_MSG_GETSPDINFO",
                        "XFRM_MSG_MAPPING", "XFRM_MSG_SETDEFAULT", "XFRM_MSG_GETDEFAULT");
                break;
            case AUDIT:
                // linux/audit.h
                sequence(t, 1000, "AUDIT_GET", "AUDIT_SET", "AUDIT_LIST", "AUDIT_ADD", "AUDIT_DEL",
                        "AUDIT_USER", "AUDIT_LOGIN", "AUDIT_WATCH_INS", "AUDIT_WATCH_REM",
                        "AUDIT_WATCH_LIST", "AUDIT_SIGNAL_INFO", "AUDIT_ADD_RULE", "AUDIT_DEL_RULE",
                        "AUDIT_LIST_RULES", "AUDIT_TRIM", "AUDIT_MAKE_EQUIV", "AUDIT_TTY_GET",
                        "AUDIT_TTY_SET", "AUDIT_SET_FEATURE", "AUDIT_GET_FEATURE");
                t[1107] = "AUDIT_USER_AVC";
                t[1124] = "AUDIT_USER_TTY";
                t[1300] = "AUDIT_SYSCALL";
                t[1302] = "AUDIT_PATH";
                t[1303] = "AUDIT_IPC";
                t[1304] = "AUDIT_SOCKETCALL";
                t[1305] = "AUDIT_CONFIG_CHANGE";
                t[1306] = "AUDIT_SOCKADDR";
                t[1307] = "AUDIT_CWD";
                t[1309] = "AUDIT_EXECVE";
                t[1320] = "AUDIT_EOE";
                t[1324] = "AUDIT_NETFILTER_PKT";
                t[1325] = "AUDIT_NETFILTER_CFG";
                t[1327] = "AUDIT_PROCTITLE";
                t[1334] = "AUDIT_BPF";
                t[1400] = "AUDIT_AVC";
                t[2000] = "AUDIT_KERNEL";
                break;
            case SOCK_DIAG:
                // linux/inet_diag.h (legacy) and linux/sock_diag.h
                t[18] = "TCPDIAG_GETSOCK";
                t[19] = "DCCPDIAG_GETSOCK";
                t[20] = "SOCK_DIAG_BY_FAMILY";
                t[21] = "SOCK_DESTROY";
                break;
            case NETFILTER:
                // linux/netfilter/nfnetlink.h: batch markers use the reserved subsystem 0
                t[Rtnetlink.NLMSG_MIN_TYPE] = "NFNL_MSG_BATCH_BEGIN";
                t[Rtnetlink.NLMSG_MIN_TYPE + 1] = "NFNL_MSG_BATCH_END";
                // linux/netfilter/nfnetlink_conntrack.h
                sequence(t, NFNL_SUBSYS_CTNETLINK << 8, "IPCTNL_MSG_CT_NEW", "IPCTNL_MSG_CT_GET",
                        "IPCTNL_MSG_CT_DELETE", "IPCTNL_MSG_CT_GET_CTRZERO", "IPCTNL_MSG_CT_GET_STATS_CPU",
                        "IPCTNL_MSG_CT_GET_STATS", "IPCTNL_MSG_CT_GET_DYING", "IPCTNL_MSG_CT_GET_UNCONFIRMED");
                sequence(t, NFNL_SUBSYS_CTNETLINK_EXP << 8, "IPCTNL_MSG_EXP_NEW", "IPCTNL_MSG_EXP_GET",
                        "IPCTNL_MSG_EXP_DELETE", "IPCTNL_MSG_EXP_GET_STATS_CPU");
                // linux/netfilter/nf_tables.h
                sequence(t, NFNL_SUBSYS_NFTABLES << 8, "NFT_MSG_NEWTABLE", "NFT_MSG_GETTABLE",
                        "NFT_MSG_DELTABLE", "NFT_MSG_NEWCHAIN", "NFT_MSG_GETCHAIN", "NFT_MSG_DELCHAIN",
                        "NFT_MSG_NEWRULE", "NFT_MSG_GETRULE", "NFT_MSG_DELRULE", "NFT_MSG_NEWSET",
                        "NFT_MSG_GETSET", "NFT_MSG_DELSET", "NFT_MSG_NEWSETELEM", "NFT_MSG_GETSETELEM",
                        "NFT_MSG_DELSETELEM", "NFT_MSG_NEWGEN", "NFT_MSG_GETGEN", "NFT_MSG_TRACE",
                        "NFT_MSG_NEWOBJ", "NFT_MSG_GETOBJ", "NFT_MSG_DELOBJ", "NFT_MSG_GETOBJ_RESET",
                        "NFT_MSG_NEWFLOWTABLE", "NFT_MSG_GETFLOWTABLE", "NFT_MSG_DELFLOWTABLE");
                break;
            default:
                break;
        }
        return t;
    }

    /**
     * The RTM_* names come from {@link Rtnetlink} itself so that the two cannot disagree (the
     * RTM_F_* route flags share the prefix but are not message types).
     */
    private static void rtmNames(String[] t) {
        for (Field field : Rtnetlink.class.getFields()) {
            if (field.getName().startsWith("RTM_") && !field.getName().startsWith("RTM_F_") && Modifier.isStatic(field.getModifiers())
                    && field.getType() == int.class) {
                try {
                    t[field.getInt(null)] = field.getName();
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private static void sequence(String[] t, int first, String... names) {
        for (int i = 0; i < names.length; i++) {
            t[first + i] = names[i];
        }
    }
}
