/**
 * Sync feature 'ipv6' (the manual's sync-mask flag 0x10000, {@code --disable-sync-ipv6}): the IPv6
 * addresses, routes, NDP neighbours and policy rules of every vrf the core follows.
 *
 * <p>The bundle declares its row of the manual's table in its manifest
 * ({@code LinuxFpSync-SyncFeature: ipv6}), so the sync mask starts and stops it, and registers
 * the {@code SyncFeature} service while it runs ({@code show sync-features} says enabled). The
 * translation is the core's L3 sync, run for AF_INET6 ({@code SyncCore.startL3Sync}): IPv4 and
 * IPv6 objects share FPC families, and the core frames the replays of both in one window.
 */
package org.linuxfpsync.sync.ipv6;
