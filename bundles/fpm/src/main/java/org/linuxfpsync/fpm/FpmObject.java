package org.linuxfpsync.fpm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One object of an FPM table other than the interfaces: the TLVs of its last {@code _ADD}
 * (docs/fpc-protocol.md), by TLV name, in the table's TLV order. Values are {@link Long} for
 * numbers (a u64 may be negative: read it unsigned), {@link String}, {@link java.net.InetAddress}
 * for addresses, {@link FpmBytes} for bytes, a {@code Map<String, Object>} of the same for a
 * nested TLV, and a {@code List} of those for a repeated TLV.
 *
 * @param table  the table ({@code routes}), the object family's name
 * @param vrfid  its vrf, 32 bits unsigned
 * @param fields its TLVs; absent TLVs are absent
 * @param key    the values that identify it in its table (docs/fpc-protocol.md §5.5)
 */
public record FpmObject(String table, int vrfid, Map<String, Object> fields, List<Object> key) {

    public FpmObject {
        // the decoder's fields are immutable already: a copy would double what a table costs
        fields = fields instanceof FpmFields ? fields : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        key = FpmKey.of(key);
    }

    /** A number field, or {@code dflt} when absent. */
    public long number(String name, long dflt) {
        Object v = fields.get(name);
        return v instanceof Long ? (Long) v : dflt;
    }

    /** The interface this object belongs to or names as IFUID, 0 when none. */
    public long ifuid() {
        return number("IFUID", 0);
    }
}
