/**
 * Sync feature 'bridge': bridges, bridge ports (state, flags), VLAN filtering and FDB entries.
 *
 * <p>Not implemented yet. The bundle declares its row of the seed's sync-mask table in its
 * manifest ({@code LinuxFpSync-SyncFeature: bridge}), so the sync mask starts and stops it, and
 * {@code show sync-features} says "not implemented" while it registers no SyncFeature service.
 */
package org.linuxfpsync.sync.bridge;
