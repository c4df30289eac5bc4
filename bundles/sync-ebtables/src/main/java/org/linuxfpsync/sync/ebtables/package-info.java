/**
 * Sync feature 'ebtables' (sync mask 0x20, {@code --disable-sync-ebtables}): the bridge family's
 * nftables tables (ebtables-nft, nft bridge tables) of every followed vrf: tables, chains, rules,
 * sets and maps, sent whole per table (NF_TABLE_ADD) at each committed transaction. Stopped, it
 * withdraws its tables from the FPM.
 *
 * <p>The ruleset is followed transaction by transaction by {@code NftSync} (feature-sync), shared
 * with the other two nftables features; docs/netfilter-sync.md says which table is whose.
 */
package org.linuxfpsync.sync.ebtables;
