/**
 * Sync feature 'vlan': 802.1Q/802.1ad sub-interfaces (id, protocol, parent).
 *
 * <p>Not implemented yet. The bundle declares its row of the seed's sync-mask table in its
 * manifest ({@code LinuxFpSync-SyncFeature: vlan}), so the sync mask starts and stops it, and
 * {@code show sync-features} says "not implemented" while it registers no SyncFeature service.
 */
package org.linuxfpsync.sync.vlan;
