/**
 * Sync feature 'ipsec-ha' (the manual's {@code -R, --sync-ipsec-replay}, {@code HA_IPSEC}, toggled
 * live by {@code ipsec ha enable|disable}; needs ipsec): the replay state of every SA (output and
 * input sequence numbers, replay bitmap, ESN high halves) as SA_REPLAY, from a GETAE snapshot and
 * then the kernel's aevents. How far the counters may lag: docs/ipsec-ha.md.
 */
package org.linuxfpsync.sync.ipsecha;
