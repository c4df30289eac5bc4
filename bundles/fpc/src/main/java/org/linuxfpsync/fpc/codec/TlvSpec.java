package org.linuxfpsync.fpc.codec;

/**
 * One TLV of a message, as docs/fpc-protocol.md lists it.
 *
 * @param type      the TLV type number
 * @param name      the name of the constant ({@code RouteAttr.DST}) and of the document's row
 * @param form      how the value is laid out
 * @param use       whether it identifies the object, and whether it must be present
 * @param repeated  it may appear several times and forms a list (otherwise the last one wins)
 * @param secret    key material: a receiver never prints or logs the value, only its length
 * @param maxLength for strings and bytes, the longest value accepted (0: the TLV limit, 65535)
 * @param nested    for {@link TlvForm#NESTED}, the TLVs inside
 * @param meaning   one line for the document
 */
public record TlvSpec(int type, String name, TlvForm form, Use use, boolean repeated, boolean secret, int maxLength,
                      TlvList nested, String meaning) {

    /** What a TLV is to its message. */
    public enum Use {
        /** Part of the object's key; required. */
        KEY("key"),
        /** Part of the object's key; 0 (or empty) when absent. */
        KEY_OPTIONAL("key, 0 when absent"),
        REQUIRED("required"),
        OPTIONAL("optional");

        private final String text;

        Use(String text) {
            this.text = text;
        }

        public boolean isKey() {
            return this == KEY || this == KEY_OPTIONAL;
        }

        public boolean isRequired() {
            return this == KEY || this == REQUIRED;
        }

        /** As the document's "use" column says it. */
        public String text() {
            return text;
        }
    }

    static TlvSpec of(int type, String name, TlvForm form, Use use, String meaning) {
        return new TlvSpec(type, name, form, use, false, false, 0, null, meaning);
    }

    /** Part of the object's key; required. */
    static TlvSpec key(int type, String name, TlvForm form, String meaning) {
        return of(type, name, form, Use.KEY, meaning);
    }

    /** Part of the object's key; 0 (or empty) when absent. */
    static TlvSpec key0(int type, String name, TlvForm form, String meaning) {
        return of(type, name, form, Use.KEY_OPTIONAL, meaning);
    }

    static TlvSpec req(int type, String name, TlvForm form, String meaning) {
        return of(type, name, form, Use.REQUIRED, meaning);
    }

    static TlvSpec opt(int type, String name, TlvForm form, String meaning) {
        return of(type, name, form, Use.OPTIONAL, meaning);
    }

    TlvSpec withMax(int bytes) {
        return new TlvSpec(type, name, form, use, repeated, secret, bytes, nested, meaning);
    }

    TlvSpec asRepeated() {
        return new TlvSpec(type, name, form, use, true, secret, maxLength, nested, meaning);
    }

    TlvSpec asSecret() {
        return new TlvSpec(type, name, form, use, repeated, true, maxLength, nested, meaning);
    }

    TlvSpec withNested(TlvList list) {
        return new TlvSpec(type, name, form, use, repeated, secret, maxLength, list, meaning);
    }

    /** The longest value accepted for strings and bytes: {@link #maxLength}, or the TLV limit. */
    public int valueLimit() {
        return maxLength > 0 ? maxLength : FpcFrame.MAX_TLV_VALUE;
    }
}
