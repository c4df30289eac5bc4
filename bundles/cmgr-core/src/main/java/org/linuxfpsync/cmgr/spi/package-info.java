/**
 * The sync feature SPI: what a {@code sync-<feature>} bundle declares (a manifest header naming
 * its row of the manual's sync-mask table) and registers (a {@link SyncFeature} service once it
 * really synchronizes something). The core finds both dynamically. It uses {@link SyncCore} to
 * follow the vrfs the core follows ({@link VrfListener}) and to sync the L3 objects of an address
 * family in them ({@link L3Sync}), and to replay what it owns within the replay window of an FPC
 * object family shared with the other syncs of that family ({@link ReplayMember}), and to know
 * whether the core has announced an interface yet ({@link SyncCore#holdsInterface}). A component reading
 * a configuration cmgrd also writes refuses its stale echoes with {@link ConfigRevision}.
 */
@org.osgi.annotation.versioning.Version("0.8.0")
package org.linuxfpsync.cmgr.spi;
