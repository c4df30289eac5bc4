package org.linuxfpsync.fpc.codec;

import java.util.List;

/**
 * An object family: one table of the fast path, the high byte of its message types, and the unit
 * that graceful-restart markers and FLUSH name.
 *
 * @param code     the family number (GR_BEGIN FAMILY, the message types' high byte)
 * @param name     the table's name in the FPM's console and dump ({@code routes})
 * @param title    for the document
 * @param features the sync-mask features (HELLO FEATURES) that produce it, as the document says
 * @param tlvs     the TLVs of its objects; its {@link TlvSpec.Use#isKey() key} TLVs identify one
 * @param messages its message types, ADD first
 */
public record ObjectFamily(int code, String name, String title, String features, TlvList tlvs,
                           List<MessageSpec> messages) {

    public ObjectFamily {
        messages = List.copyOf(messages);
    }

    /** True when an object belongs to an interface (its key holds an IFUID): it goes when the interface goes. */
    public boolean perInterface() {
        if (code == InterfaceAttr.FAMILY_INTERFACES) {
            return false;
        }
        TlvSpec ifuid = tlvs.tlv("IFUID");
        return ifuid != null && ifuid.use().isKey();
    }
}
