/**
 * Sync feature 'multicast' (sync mask 0x8000, {@code --disable-sync-mcast}): the IPv4 and IPv6
 * multicast forwarding caches ({@code ip mroute}, {@code ip -6 mroute}) of every vrf the core
 * follows, every multicast table (MROUTE_ADD/MROUTE_DEL): source, group, input interface, output
 * interfaces with their TTL thresholds. Unresolved entries are not forwarding state: not sent.
 */
package org.linuxfpsync.sync.mcast;
