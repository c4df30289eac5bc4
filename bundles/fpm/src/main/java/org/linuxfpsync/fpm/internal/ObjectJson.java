package org.linuxfpsync.fpm.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;

import org.linuxfpsync.fpm.FpmBytes;
import org.linuxfpsync.fpm.FpmObject;

import com.fasterxml.jackson.core.JsonGenerator;

/**
 * An object of a table iproute2 has no JSON for (bridge ports, VXLAN, IPsec...), written in our
 * own form: each TLV by its name in snake_case, numbers as numbers, ifuids as "0x..." strings
 * followed by the interface's name, addresses as text, bytes as colon-separated hex, a nested TLV
 * as an object and a repeated one as an array. A secret (IPsec keys) is written as its length
 * only, under {@code <name>_len}: key material never leaves the FPM.
 */
public final class ObjectJson {
    private ObjectJson() {
    }

    /**
     * The JSON name of a table or a TLV: {@code bridge-ports} → {@code bridge_ports},
     * {@code IF_ID} → {@code if_id}.
     */
    public static String fieldName(String name) {
        return name.toLowerCase(Locale.ROOT).replace('-', '_');
    }

    /** Opens the object and writes its fields; the caller closes it. */
    public static void write(JsonGenerator g, FpmObject o, LongFunction<String> names) throws IOException {
        g.writeStartObject();
        writeFields(g, o.fields(), names);
    }

    /** Our fields after iproute2's in the iproute2 tables: the ifuid the object belongs to. */
    static void identity(JsonGenerator g, FpmObject o) throws IOException {
        if (o.fields().containsKey("IFUID")) {
            g.writeStringField("ifuid", "0x" + Long.toHexString(o.ifuid()));
        }
    }

    private static void writeFields(JsonGenerator g, Map<String, Object> fields, LongFunction<String> names)
            throws IOException {
        for (Map.Entry<String, Object> f : fields.entrySet()) {
            String name = fieldName(f.getKey());
            Object v = f.getValue();
            if (v instanceof FpmBytes && ((FpmBytes) v).isSecret()) {
                g.writeNumberField(name + "_len", ((FpmBytes) v).length());
                continue;
            }
            g.writeFieldName(name);
            writeValue(g, f.getKey(), v, names);
            if (f.getKey().endsWith("IFUID") && v instanceof Long) {
                String ifname = names.apply((Long) v);
                if (ifname != null) {
                    g.writeStringField(name.substring(0, name.length() - "ifuid".length()) + "ifname", ifname);
                }
            }
        }
    }

    private static void writeValue(JsonGenerator g, String tlv, Object v, LongFunction<String> names)
            throws IOException {
        if (v instanceof Long) {
            long n = (Long) v;
            if (tlv.endsWith("IFUID")) {
                g.writeString("0x" + Long.toHexString(n));
            } else if (n < 0) {
                g.writeNumber(Long.toUnsignedString(n)); // a u64 above 2^63
            } else {
                g.writeNumber(n);
            }
        } else if (v instanceof InetAddress) {
            g.writeString(LinkFormat.inet6OrInet4((InetAddress) v));
        } else if (v instanceof Map) {
            g.writeStartObject();
            @SuppressWarnings("unchecked")
            Map<String, Object> nested = (Map<String, Object>) v;
            writeFields(g, nested, names);
            g.writeEndObject();
        } else if (v instanceof List) {
            g.writeStartArray();
            for (Object element : (List<?>) v) {
                writeValue(g, tlv, element, names);
            }
            g.writeEndArray();
        } else {
            g.writeString(v.toString()); // strings, and non-secret FpmBytes as hex
        }
    }
}
