/**
 * The netlink transport's service API: feature bundles subscribe to a netlink family in a
 * namespace (vrf) and receive every message as a zero-copy view, first from a dump, then as
 * events. Subscribe-then-dump ordering, ENOBUFS resync and sender checks are the service's job.
 */
@org.osgi.annotation.versioning.Version("0.9.0")
package org.linuxfpsync.netlink;
