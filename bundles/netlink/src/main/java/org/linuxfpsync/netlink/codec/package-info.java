/**
 * Netlink wire code: flyweight views over (direct) byte buffers and request builders.
 * Constant names grep-match the kernel's uapi headers.
 */
@org.osgi.annotation.versioning.Version("0.2.0")
package org.linuxfpsync.netlink.codec;
