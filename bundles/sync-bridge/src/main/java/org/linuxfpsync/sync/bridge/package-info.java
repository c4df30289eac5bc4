/**
 * Sync feature 'bridge' (the manual's sync-mask flag 0x2, {@code --disable-sync-bridge}): of every
 * bridge of every vrf the core follows, its forwarding parameters (BRIDGE_ADD), its ports' state and
 * flags (BRPORT_ADD), the VLANs of its ports and of itself (BRVLAN_ADD) and its forwarding database
 * (FDB_ADD: static and learned entries, with their VLAN).
 */
package org.linuxfpsync.sync.bridge;
