/**
 * The FPC client service: how the cache manager talks to the fast path manager.
 */
@org.osgi.annotation.versioning.Version("0.2.0")
package org.linuxfpsync.fpc;
