/**
 * The reference fast path manager as a service: its tables, its statistics and its JSON dump.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.linuxfpsync.fpm;
