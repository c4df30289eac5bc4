/**
 * The sync feature SPI: what a {@code sync-<feature>} bundle declares (a manifest header naming
 * its row of the seed's sync-mask table) and registers (a {@link SyncFeature} service once it
 * really synchronizes something). The core finds both dynamically.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.linuxfpsync.cmgr.spi;
