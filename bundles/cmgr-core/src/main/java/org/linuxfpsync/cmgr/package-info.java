/**
 * What the cache manager knows, for the console and the feature bundles: the interface cache
 * (ifindex to ifuid and vrfid) and the state of each followed namespace.
 */
@org.osgi.annotation.versioning.Version("0.2.0")
package org.linuxfpsync.cmgr;
