package org.linuxfpsync.fpc.codec;

/**
 * One message type of docs/fpc-protocol.md.
 *
 * @param type    the message type ({@link FpcMessageType}, or its family's {@code *Attr} class)
 * @param name    its name (HELLO, ROUTE_ADD...)
 * @param role    what a receiver does with it
 * @param purpose one line for the document
 * @param tlvs    the TLVs it carries
 */
public record MessageSpec(int type, String name, Role role, String purpose, TlvList tlvs) {

    /** What a message does to the receiver's tables. */
    public enum Role {
        /** HELLO, ERROR, graceful-restart markers, FLUSH, statistics. */
        SESSION,
        /** Full state of an object: creates it or replaces the one with the same key. */
        ADD,
        /** Full state of a known object (IF_UPDATE): ENOENT when its key is unknown. */
        UPDATE,
        /** Deletes the object with this key; only the key TLVs count. ENOENT when unknown. */
        DEL,
        /** Changes part of a known object: ENOENT when its key is unknown (no family uses it today). */
        AMEND
    }

    /** The object family: the type's high byte (0 for the session messages). */
    public int family() {
        return FpcMessageType.familyOf(type);
    }
}
