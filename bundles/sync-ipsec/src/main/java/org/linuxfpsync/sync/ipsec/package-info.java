/**
 * Sync feature 'ipsec' (sync mask 0x100, {@code --disable-sync-ipsec}): the XFRM security
 * associations (SA_ADD/SA_DEL, keys included: they travel on FPC and nowhere else) and security
 * policies (SP_ADD/SP_DEL) of every vrf the core follows, from NETLINK_XFRM
 * ({@code netlink-xfrm-listen-<vr>}, {@code netlink-xfrm-cmd-<vr>}). Larval SAs (an SPI allocated
 * or an ACQUIRE pending: no key yet) and socket policies are not synced; XFRM_MSG_MIGRATE re-reads
 * the vrf's SAs and policies (module xfrm-migrate). docs/ipsec-sync.md.
 */
package org.linuxfpsync.sync.ipsec;
