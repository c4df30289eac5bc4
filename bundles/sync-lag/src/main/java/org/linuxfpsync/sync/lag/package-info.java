/**
 * Sync feature 'lag' (the manual's sync-mask flag 0x10, {@code --disable-sync-lag}): every bonding
 * device of every vrf the core follows with its slaves, as LAG_ADD/LAG_DEL. A slave is what the
 * core's {@code in_l_bond} says is one (IFLA_INFO_SLAVE_KIND bond). This kernel has no bonding
 * driver: the tests feed uapi-encoded messages (LagFeatureUapiEncodedTest).
 */
package org.linuxfpsync.sync.lag;
