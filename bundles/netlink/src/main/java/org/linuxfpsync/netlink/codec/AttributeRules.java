package org.linuxfpsync.netlink.codec;

/**
 * The payload sizes the uapi headers give each attribute type of one message kind, checked as
 * the attributes are walked; attributes without a rule (unknown or opaque) pass unchecked. Every
 * violation is a one-line {@link NetlinkFormatException} naming the attribute as the header does:
 * {@code RTA_OIF in RTM_NEWROUTE: 2 bytes, need 4}.
 */
final class AttributeRules {
    private static final byte NONE = 0;
    private static final byte EXACT = 1;
    private static final byte AT_LEAST = 2;
    private static final byte STRING = 3;
    private static final byte ADDRESS = 4;
    private static final byte MULTIPLE = 5;
    private static final byte AT_MOST = 6;

    private final String[] names;
    private final byte[] kinds;
    private final int[] sizes;
    /** The header's name of a size bound ({@code IFNAMSIZ}), shown beside its value; may be null. */
    private final String[] limitNames;

    AttributeRules(int capacity) {
        names = new String[capacity];
        kinds = new byte[capacity];
        sizes = new int[capacity];
        limitNames = new String[capacity];
    }

    private AttributeRules rule(int type, String name, byte kind, int size) {
        names[type] = name;
        kinds[type] = kind;
        sizes[type] = size;
        return this;
    }

    /** At most {@code maxBytes} bytes; {@code limitName} is the header's name of that bound, or null. */
    AttributeRules atMost(int type, String name, int maxBytes, String limitName) {
        limitNames[type] = limitName;
        return rule(type, name, AT_MOST, maxBytes);
    }

    /** Named only (nests and opaque payloads): the name appears in the decoder's own errors. */
    AttributeRules any(int type, String name) {
        return rule(type, name, NONE, 0);
    }

    AttributeRules exact(int type, String name, int size) {
        return rule(type, name, EXACT, size);
    }

    AttributeRules atLeast(int type, String name, int size) {
        return rule(type, name, AT_LEAST, size);
    }

    /** A NUL-terminated string of at most {@code maxBytes} bytes, NUL included (IFNAMSIZ...). */
    AttributeRules string(int type, String name, int maxBytes) {
        return rule(type, name, STRING, maxBytes);
    }

    /** As {@link #string(int, String, int)}, the bound named as in the header ({@code IFNAMSIZ}). */
    AttributeRules string(int type, String name, int maxBytes, String limitName) {
        limitNames[type] = limitName;
        return rule(type, name, STRING, maxBytes);
    }

    /** An address whose length the message's family fixes (4 for AF_INET, 16 for AF_INET6). */
    AttributeRules address(int type, String name) {
        return rule(type, name, ADDRESS, 0);
    }

    /** An array of {@code elementSize}-byte structures (possibly empty). */
    AttributeRules multipleOf(int type, String name, int elementSize) {
        return rule(type, name, MULTIPLE, elementSize);
    }

    /** The header's name of {@code type}, or {@code "attribute <type>"}; allocates for unnamed types (error paths only). */
    String name(int type) {
        String name = type >= 0 && type < names.length ? names[type] : null;
        return name != null ? name : "attribute " + type;
    }

    /**
     * Checks the walker's current attribute.
     *
     * @param addressLength what {@link #address} attributes must hold, or -1 when the family does
     *                      not fix it (they are then accepted with any length)
     */
    void check(AttributeWalker attribute, String scope, int addressLength) throws NetlinkFormatException {
        int type = attribute.type();
        if (type >= kinds.length) {
            return;
        }
        int length = attribute.payloadLength();
        int size = sizes[type];
        switch (kinds[type]) {
            case EXACT:
                if (length != size) {
                    throw error(type, scope, length + " bytes, need " + size);
                }
                break;
            case AT_LEAST:
                if (length < size) {
                    throw error(type, scope, length + " bytes, need at least " + size);
                }
                break;
            case AT_MOST:
                if (length > size) {
                    throw error(type, scope, length + " bytes, longer than " + limit(type));
                }
                break;
            case STRING:
                if (length > size) {
                    throw error(type, scope, length + " bytes, longer than " + limit(type));
                }
                if (Bytes.nulIndex(attribute.buffer(), attribute.payloadOffset(), length) < 0) {
                    throw error(type, scope, "not NUL-terminated (" + length + " bytes)");
                }
                break;
            case ADDRESS:
                if (addressLength >= 0 && length != addressLength) {
                    throw error(type, scope, length + " bytes, need " + addressLength + " for the message's family");
                }
                break;
            case MULTIPLE:
                if (length % size != 0) {
                    throw error(type, scope, length + " bytes, not a multiple of " + size);
                }
                break;
            default:
                break;
        }
    }

    private String limit(int type) {
        return limitNames[type] == null ? Integer.toString(sizes[type]) : limitNames[type] + " (" + sizes[type] + ")";
    }

    NetlinkFormatException error(int type, String scope, String detail) {
        return new NetlinkFormatException(name(type) + " in " + scope + ": " + detail);
    }
}
