/**
 * Sync feature 'gre': GRE and GREtap tunnels.
 *
 * <p>Not implemented yet. The bundle declares its row of the manual's sync-mask table in its
 * manifest ({@code LinuxFpSync-SyncFeature: gre}), so the sync mask starts and stops it, and
 * {@code show sync-features} says "not implemented" while it registers no SyncFeature service.
 */
package org.linuxfpsync.sync.gre;
