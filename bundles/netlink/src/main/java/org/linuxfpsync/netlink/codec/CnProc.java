package org.linuxfpsync.netlink.codec;

/**
 * The process events connector: {@code linux/connector.h} (NETLINK_CONNECTOR, {@code struct cn_msg})
 * and {@code linux/cn_proc.h} ({@code struct proc_event}). The kernel sends each event as one
 * netlink message of type NLMSG_DONE from port 0: {@code nlmsghdr}, {@code cn_msg}, {@code proc_event}.
 *
 * <pre>
 *   struct cb_id { __u32 idx; __u32 val; };
 *   struct cn_msg { struct cb_id id; __u32 seq; __u32 ack; __u16 len; __u16 flags; __u8 data[]; };
 *   struct proc_event { __u32 what; __u32 cpu; __u64 timestamp_ns (aligned 8); union event_data; };
 * </pre>
 */
public final class CnProc {
    /** {@code NETLINK_CONNECTOR} of {@code linux/netlink.h}: registered in the initial network namespace only. */
    public static final int NETLINK_CONNECTOR = 11;
    public static final int CN_IDX_PROC = 1;
    public static final int CN_VAL_PROC = 1;
    /** {@code sizeof(struct cn_msg)}. */
    public static final int CN_MSG_LENGTH = 20;
    /** {@code what}, {@code cpu} and {@code timestamp_ns}: the part of {@code struct proc_event} before its union. */
    public static final int PROC_EVENT_HEADER_LENGTH = 16;

    /** {@code enum proc_cn_mcast_op}. */
    public static final int PROC_CN_MCAST_LISTEN = 1;
    public static final int PROC_CN_MCAST_IGNORE = 2;

    /** {@code enum what} of {@code struct proc_event}: one bit each. */
    public static final int PROC_EVENT_NONE = 0x00000000;
    public static final int PROC_EVENT_FORK = 0x00000001;
    public static final int PROC_EVENT_EXEC = 0x00000002;
    public static final int PROC_EVENT_UID = 0x00000004;
    public static final int PROC_EVENT_GID = 0x00000040;
    public static final int PROC_EVENT_SID = 0x00000080;
    public static final int PROC_EVENT_PTRACE = 0x00000100;
    public static final int PROC_EVENT_COMM = 0x00000200;
    public static final int PROC_EVENT_COREDUMP = 0x40000000;
    public static final int PROC_EVENT_EXIT = 0x80000000;

    private CnProc() {
    }

    /** The name of a proc event, as {@code show netlink} counts them: {@code PROC_EVENT_EXEC}, {@code PROC_EVENT_[0x400]}. */
    public static String eventName(int what) {
        switch (what) {
            case PROC_EVENT_NONE: return "PROC_EVENT_NONE";
            case PROC_EVENT_FORK: return "PROC_EVENT_FORK";
            case PROC_EVENT_EXEC: return "PROC_EVENT_EXEC";
            case PROC_EVENT_UID: return "PROC_EVENT_UID";
            case PROC_EVENT_GID: return "PROC_EVENT_GID";
            case PROC_EVENT_SID: return "PROC_EVENT_SID";
            case PROC_EVENT_PTRACE: return "PROC_EVENT_PTRACE";
            case PROC_EVENT_COMM: return "PROC_EVENT_COMM";
            case PROC_EVENT_COREDUMP: return "PROC_EVENT_COREDUMP";
            case PROC_EVENT_EXIT: return "PROC_EVENT_EXIT";
            default: return "PROC_EVENT_[0x" + Integer.toHexString(what) + "]";
        }
    }
}
