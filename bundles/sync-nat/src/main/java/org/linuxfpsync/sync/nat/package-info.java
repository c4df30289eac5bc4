/**
 * Sync feature 'nat' (sync mask 0x1000, {@code --disable-sync-nat}): the NAT rules: the nftables
 * tables (nft, iptables-nft) of every followed vrf that hold a base chain of type nat, every
 * family but bridge: tables, chains, rules, sets and maps, sent whole per table (NF_TABLE_ADD) at
 * each committed transaction. Needs netfilter. Stopped, it withdraws its tables from the FPM.
 *
 * <p>The ruleset is followed transaction by transaction by {@code NftSync} (feature-sync), shared
 * with the other two nftables features; docs/netfilter-sync.md says which table is whose.
 */
package org.linuxfpsync.sync.nat;
