/**
 * Sync feature 'gre' (the seed's sync-mask flag 0x40, {@code --disable-sync-gre}): the GRE parameters
 * of the gre, gretap, ip6gre, ip6gretap, erspan and ip6erspan devices of every vrf the core follows,
 * as GRE_ADD/GRE_DEL: endpoints, keys and their flags, seq and csum flags, TTL, TOS, path MTU
 * discovery, ignore-df, fwmark, lower device (resolved to its vrf when it is in another namespace),
 * external mode, fou/gue encapsulation, the ip6gre encap limit, flow info and flags, the ERSPAN
 * fields; the fallback devices ({@code gre0}...) marked FALLBACK (docs/decisions.md). This kernel has
 * no gre module: GreFeatureUapiEncodedTest feeds uapi-encoded messages; GreFeatureIT runs live where
 * the kernel has it.
 */
package org.linuxfpsync.sync.gre;
