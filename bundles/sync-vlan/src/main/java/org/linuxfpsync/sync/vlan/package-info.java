/**
 * Sync feature 'vlan' (the manual's sync-mask flag 0x4, {@code --disable-sync-vlan}): the VLAN
 * parameters (id, protocol, lower device, flags) of the 802.1Q and 802.1ad sub-interfaces of every
 * vrf the core follows, as VLAN_ADD/VLAN_DEL. This kernel has no vlan driver: the tests feed
 * uapi-encoded messages (VlanFeatureUapiEncodedTest).
 */
package org.linuxfpsync.sync.vlan;
