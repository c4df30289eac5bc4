/**
 * The FPC wire format (docs/fpc-protocol.md): frame header, TLV writer and reader, message and
 * attribute numbers. Shared by the client, the reference FPM and any Java fast path.
 */
@org.osgi.annotation.versioning.Version("0.3.0")
package org.linuxfpsync.fpc.codec;
