/**
 * Sync feature 'svti' (sync-mask flag 0x200, {@code --disable-sync-svti}; needs ipsec: disabling ipsec disables it):
 * the route-based IPsec interfaces of every vrf the core follows, as SVTI_ADD/SVTI_DEL: vti and vti6 (their input
 * and output keys, which are the marks of the SA and policy lookups, endpoints, fwmark, lower device) and xfrm
 * interfaces (if_id, external mode, lower device).
 *
 * <p>The SAs and policies such an interface selects (by mark or by if_id) are not sent by this bundle: they are
 * sync-ipsec's, which is not implemented yet; the FPM binds them to the interface by the mark or if_id it has here.
 *
 * <p>The bundle declares its row of the sync-mask table in its manifest ({@code LinuxFpSync-SyncFeature: svti}). A
 * translator of three link kinds ({@code SvtiTranslator}) and a component; the rest is {@code feature-sync}'s.
 */
package org.linuxfpsync.sync.svti;
