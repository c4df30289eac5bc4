package org.linuxfpsync.fpc.codec;

import java.util.List;

/**
 * The TLVs of a message, or of a nested TLV: what {@code RouteAttr} or {@code NexthopAttr}
 * define, with their forms.
 */
public final class TlvList {
    private final String cPrefix;
    private final String javaName;
    private final String about;
    private final List<TlvSpec> tlvs;
    private final TlvSpec[] byType;
    private final boolean hasAddresses;

    /**
     * @param cPrefix  the prefix of its constants in fpc.h ({@code ROUTE} for {@code FPC_ROUTE_DST})
     * @param javaName the class of its constants ({@code RouteAttr})
     * @param about    what the TLVs describe, for the document ("" for the session messages)
     */
    TlvList(String cPrefix, String javaName, String about, List<TlvSpec> tlvs) {
        this.cPrefix = cPrefix;
        this.javaName = javaName;
        this.about = about;
        this.tlvs = List.copyOf(tlvs);
        int max = 0;
        for (TlvSpec t : tlvs) {
            max = Math.max(max, t.type());
        }
        this.byType = new TlvSpec[max + 1];
        this.hasAddresses = tlvs.stream().anyMatch(t -> t.form() == TlvForm.ADDRESS);
        for (TlvSpec t : tlvs) {
            if ((t.form() == TlvForm.NESTED) != (t.nested() != null)) {
                throw new IllegalArgumentException(javaName + "." + t.name()
                        + ": a nested TLV, and only it, names its TLVs");
            }
            if (byType[t.type()] != null) {
                throw new IllegalArgumentException(javaName + ": TLV " + t.type() + " defined twice");
            }
            byType[t.type()] = t;
        }
    }

    public String cPrefix() {
        return cPrefix;
    }

    public String javaName() {
        return javaName;
    }

    /** What the TLVs describe, one or two sentences of the document; "" when the section says it. */
    public String about() {
        return about;
    }

    /** In increasing type order. */
    public List<TlvSpec> tlvs() {
        return tlvs;
    }

    /** The definition of TLV {@code type}, or null for a type this list does not define (skipped). */
    public TlvSpec tlv(int type) {
        return type >= 0 && type < byType.length ? byType[type] : null;
    }

    /** True when some TLV of the list is an address (its FAMILY, if any, then says their length). */
    public boolean hasAddresses() {
        return hasAddresses;
    }

    /** The highest TLV type of the list. */
    public int maxType() {
        return byType.length - 1;
    }

    /** The TLV named {@code name}, or null. */
    public TlvSpec tlv(String name) {
        for (TlvSpec t : tlvs) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return javaName;
    }
}
