/**
 * The FPC wire format (docs/fpc-protocol.md): frame header, TLV writer and reader, message and
 * attribute numbers. Shared by the client, the reference FPM and any Java fast path.
 *
 * <p>Each object family is declared once, in its {@code *Attr} class ({@link VxlanAttr}): its
 * code, its message types, the constants of its TLVs and their forms ({@code TLVS}), and
 * {@code SCHEMA}. {@link FpcSchema} is the registry of those declarations. Adding a family: a new
 * {@code *Attr} class shaped like {@code VxlanAttr}; its {@code SCHEMA} in
 * {@code FpcSchema.FAMILIES}; an example ADD frame in the test's {@code ProtocolExamples}; then
 * {@code mvn -pl bundles/fpc verify -Dfpc.doc.update=true} writes its section of
 * docs/fpc-protocol.md and its defines in docs/fpc.h, and the tests name the rows to add by hand
 * (tables 7.1 and 7.1.1 of docs/fpc-protocol.md, the table list of docs/fpm-dump.md). The
 * reference FPM keeps, shows and dumps the new family with no change of its own.
 */
@org.osgi.annotation.versioning.Version("0.3.0")
package org.linuxfpsync.fpc.codec;
