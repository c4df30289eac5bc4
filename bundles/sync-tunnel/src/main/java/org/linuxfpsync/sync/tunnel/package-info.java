/**
 * Sync feature 'tunnel' (sync-mask flag 0x80, {@code --disable-sync-tunnel}): the parameters of the ipip, sit
 * (ISATAP, 6rd) and ip6tnl (modes ip6ip6, ipip6, any) devices of every vrf the core follows, as
 * TUNNEL_ADD/TUNNEL_DEL: endpoints, ttl, tos or traffic class, flow label, encapsulation limit, pmtudisc, fwmark,
 * lower device, external (collect_metadata), fou/gue encapsulation. {@code ip tunnel change} reaches the kernel's
 * listeners as a plain RTM_NEWLINK with the whole state: the object is replaced.
 *
 * <p>The bundle declares its row of the sync-mask table in its manifest ({@code LinuxFpSync-SyncFeature: tunnel}),
 * so the sync mask starts and stops it. A translator of three link kinds ({@code TunnelTranslator}) and a component;
 * the rest is {@code feature-sync}'s.
 */
package org.linuxfpsync.sync.tunnel;
