/**
 * Sync feature 'macvlan' (the manual's sync-mask flag 0x8, {@code --disable-sync-macvlan}): the
 * MACVLAN parameters (mode, lower device, flags, source MACs of mode source) of the macvlan and
 * macvtap devices of every vrf the core follows, as MACVLAN_ADD/MACVLAN_DEL.
 *
 * <p>The bundle declares its row of the manual's table in its manifest
 * ({@code LinuxFpSync-SyncFeature: macvlan}), so the sync mask starts and stops it, and registers
 * the {@code SyncFeature} service while it runs. The smallest feature bundle: a translator of one
 * link kind ({@code MacvlanTranslator}) and a component; the rest is {@code feature-sync}'s.
 */
package org.linuxfpsync.sync.macvlan;
