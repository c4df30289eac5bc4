/**
 * Sync feature 'vxlan': VXLAN devices (VNI, local, remote/group, port, TTL, learning, collect metadata) and their FDB (remote VTEP per MAC).
 *
 * <p>Not implemented yet. The bundle declares its row of the seed's sync-mask table in its
 * manifest ({@code LinuxFpSync-SyncFeature: vxlan}), so the sync mask starts and stops it, and
 * {@code show sync-features} says "not implemented" while it registers no SyncFeature service.
 */
package org.linuxfpsync.sync.vxlan;
