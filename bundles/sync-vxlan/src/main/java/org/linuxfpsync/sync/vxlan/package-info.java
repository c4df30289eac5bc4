/**
 * Sync feature 'vxlan' (the manual's sync-mask flag 0x1, {@code --disable-sync-vxlan}): the VXLAN
 * parameters of the vxlan devices of every vrf the core follows (VXLAN_ADD/VXLAN_DEL), and the
 * entries of their own forwarding databases (FDB_ADD/FDB_DEL): a remote VTEP per MAC, the default
 * destinations, every remote of an appended entry.
 */
package org.linuxfpsync.sync.vxlan;
