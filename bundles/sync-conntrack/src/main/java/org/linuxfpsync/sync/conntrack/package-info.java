/**
 * Sync feature 'conntrack' (sync mask 0x800, {@code --disable-sync-conntrack}, needs netfilter): the
 * conntrack flows of every vrf the core follows (CT_ADD/CT_DEL): original and reply tuples, zone,
 * mark, status bits, TCP state, helper, labels, id and timeout. NAT bindings are sent while the nat
 * row (0x1000) is enabled and not at all while it is disabled. Which flows are sent, and the refresh
 * of vrfs whose {@code nf_conntrack_events} leaves flows unnotified: docs/conntrack-sync.md.
 */
package org.linuxfpsync.sync.conntrack;
