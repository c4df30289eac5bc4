package org.linuxfpsync.netlink.codec;

/**
 * NETLINK_AUDIT constants, named exactly as in {@code linux/audit.h}; checked against the
 * header by {@code RtnetlinkConstantsTest}.
 */
public final class Audit {
    private Audit() {
    }

    /** The read-only multicast group of kernel audit records (joining needs CAP_AUDIT_READ). */
    public static final int AUDIT_NLGRP_READLOG = 1;

    public static final int AUDIT_GET = 1000;
    public static final int AUDIT_SET = 1001;
    public static final int AUDIT_USER = 1005;
    public static final int AUDIT_FIRST_USER_MSG = 1100;
    public static final int AUDIT_USER_AVC = 1107;
    public static final int AUDIT_LAST_USER_MSG = 1199;
    public static final int AUDIT_DAEMON_START = 1200;
    public static final int AUDIT_SYSCALL = 1300;
    public static final int AUDIT_CONFIG_CHANGE = 1305;
    public static final int AUDIT_SOCKADDR = 1306;
    public static final int AUDIT_EOE = 1320;
    public static final int AUDIT_NETFILTER_PKT = 1324;
    public static final int AUDIT_NETFILTER_CFG = 1325;
    public static final int AUDIT_PROCTITLE = 1327;
    public static final int AUDIT_KERNEL = 2000;
    /** Record types above this are not audit records (reserved). */
    public static final int AUDIT_LAST_USER_MSG2 = 2999;
}
