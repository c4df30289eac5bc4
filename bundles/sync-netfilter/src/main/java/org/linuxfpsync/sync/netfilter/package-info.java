/**
 * Sync feature 'netfilter' (sync mask 0x400, {@code --disable-sync-netfilter}, filter/audit): the
 * nftables tables (nft, iptables-nft) of every followed vrf, every family but bridge, except the
 * tables holding a nat chain (the NAT feature's): tables, chains with their hooks, priorities and
 * policies, rules, sets and maps, sent whole per table (NF_TABLE_ADD, the kernel's netlink
 * messages) at each committed transaction. Stopped, it withdraws its tables from the FPM.
 * Disabling it disables NAT and conntrack.
 *
 * <p>The ruleset is followed transaction by transaction by {@code NftSync} (feature-sync), shared
 * with the other two nftables features; docs/netfilter-sync.md says which table is whose.
 */
package org.linuxfpsync.sync.netfilter;
