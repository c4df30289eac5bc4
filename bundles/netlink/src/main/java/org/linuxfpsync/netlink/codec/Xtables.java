package org.linuxfpsync.netlink.codec;

/**
 * Constants and layouts of the legacy x_tables socket options (iptables-legacy, ip6tables-legacy,
 * ebtables-legacy), as {@code linux/netfilter/x_tables.h}, {@code linux/netfilter_ipv4/ip_tables.h},
 * {@code linux/netfilter_ipv6/ip6_tables.h} and {@code linux/netfilter_bridge/ebtables.h} define them
 * for a 64-bit kernel (pointers 8 bytes); checked against the headers by {@code XtTableTest}.
 */
public final class Xtables {
    private Xtables() {
    }

    public static final int NFPROTO_IPV4 = 2;
    public static final int NFPROTO_BRIDGE = 7;
    public static final int NFPROTO_IPV6 = 10;

    /** getsockopt levels: SOL_IP for IPT_ and EBT_, SOL_IPV6 for IP6T_. */
    public static final int SOL_IP = 0;
    public static final int SOL_IPV6 = 41;

    public static final int IPT_SO_GET_INFO = 64;
    public static final int IPT_SO_GET_ENTRIES = 65;
    public static final int IP6T_SO_GET_INFO = 64;
    public static final int IP6T_SO_GET_ENTRIES = 65;
    public static final int EBT_SO_GET_INFO = 128;
    public static final int EBT_SO_GET_ENTRIES = 129;

    /** XT_TABLE_MAXNAMELEN, EBT_TABLE_MAXNAMELEN. */
    public static final int TABLE_NAME_LENGTH = 32;
    public static final int NF_INET_NUMHOOKS = 5;
    public static final int NF_BR_NUMHOOKS = 6;

    /** sizeof(struct ipt_getinfo), = sizeof(struct ip6t_getinfo). */
    public static final int GETINFO_SIZE = 84;
    public static final int GETINFO_VALID_HOOKS = 32;
    public static final int GETINFO_HOOK_ENTRY = 36;
    public static final int GETINFO_UNDERFLOW = 56;
    public static final int GETINFO_NUM_ENTRIES = 76;
    public static final int GETINFO_SIZE_FIELD = 80;
    /** sizeof(struct ipt_get_entries) = sizeof(struct ip6t_get_entries): name, size, padding to 8. */
    public static final int GET_ENTRIES_HEADER = 40;
    public static final int GET_ENTRIES_SIZE = 32;

    /** sizeof(struct ipt_replace) = sizeof(struct ip6t_replace). */
    public static final int REPLACE_SIZE = 96;
    public static final int REPLACE_VALID_HOOKS = 32;
    public static final int REPLACE_NUM_ENTRIES = 36;
    public static final int REPLACE_SIZE_FIELD = 40;
    public static final int REPLACE_HOOK_ENTRY = 44;
    public static final int REPLACE_UNDERFLOW = 64;

    /** sizeof(struct ipt_entry) and the offsets of its fields after struct ipt_ip. */
    public static final int IPT_ENTRY_SIZE = 112;
    public static final int IPT_TARGET_OFFSET = 88;
    public static final int IPT_COUNTERS = 96;
    /** sizeof(struct ip6t_entry) and its fields after struct ip6t_ip6. */
    public static final int IP6T_ENTRY_SIZE = 168;
    public static final int IP6T_TARGET_OFFSET = 140;
    public static final int IP6T_COUNTERS = 152;
    /** struct xt_counters: pcnt, bcnt. */
    public static final int COUNTERS_SIZE = 16;
    /** sizeof(struct xt_entry_match) = sizeof(struct xt_entry_target): u16 size, name[29], revision. */
    public static final int XT_EXTENSION_HEADER = 32;
    public static final int XT_EXTENSION_NAME_LENGTH = 29;

    /** sizeof(struct ebt_replace); its fields. */
    public static final int EBT_REPLACE_SIZE = 120;
    public static final int EBT_REPLACE_VALID_HOOKS = 32;
    public static final int EBT_REPLACE_NENTRIES = 36;
    public static final int EBT_REPLACE_ENTRIES_SIZE = 40;
    public static final int EBT_REPLACE_HOOK_ENTRY = 48;
    public static final int EBT_REPLACE_NUM_COUNTERS = 96;
    public static final int EBT_REPLACE_COUNTERS = 104;
    public static final int EBT_REPLACE_ENTRIES = 112;
    /** sizeof(struct ebt_entries): a chain's header in the entries. */
    public static final int EBT_CHAIN_SIZE = 48;
    public static final int EBT_CHAIN_NAME = 4;
    public static final int EBT_CHAIN_POLICY = 40;
    public static final int EBT_CHAIN_NENTRIES = 44;
    /** sizeof(struct ebt_entry); its offsets. */
    public static final int EBT_ENTRY_SIZE = 112;
    public static final int EBT_WATCHERS_OFFSET = 100;
    public static final int EBT_TARGET_OFFSET = 104;
    public static final int EBT_NEXT_OFFSET = 108;
    /** sizeof(struct ebt_entry_match) = watcher = target: name[31], revision, u32 size, padding to 8. */
    public static final int EBT_EXTENSION_HEADER = 40;
    public static final int EBT_EXTENSION_SIZE = 32;
    /** ebt_entry.bitmask: an entry, not a chain header (whose distinguisher is 0). */
    public static final int EBT_ENTRY_OR_ENTRIES = 0x01;

    /** The tables a kernel may have per family (ip_tables_names lists those a namespace has). */
    public static final java.util.List<String> IP_TABLES = java.util.List.of("filter", "nat", "mangle", "raw",
            "security");
    public static final java.util.List<String> EB_TABLES = java.util.List.of("filter", "nat", "broute");
}
