package org.linuxfpsync.fpm.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

import org.linuxfpsync.fpm.FpmObject;

import com.fasterxml.jackson.core.JsonGenerator;

/**
 * A multicast route as {@code ip -d -j -s mroute show table all} writes it (iproute2 6.1's
 * {@code print_mroute}): {@code src}, {@code dst} (the group), {@code iif}, {@code multipath} (each
 * output interface's {@code oif}, and its {@code ttl} when above 1), {@code state}, the counters
 * {@code packets}, {@code bytes}, {@code wrong_if} (when not 0), {@code table}; then ours:
 * {@code family}. The FPM holds resolved entries only; the counters are the fast path's
 * ({@link MrouteCounters}), not the kernel's.
 */
final class Iproute2Mroute {
    private static final long AF_INET = 2;
    private static final long RT_TABLE_DEFAULT = 253;
    private static final long RT_TABLE_MAIN = 254;
    private static final long RT_TABLE_LOCAL = 255;

    private Iproute2Mroute() {
    }

    /** Opens the object and writes its fields; the caller closes it. */
    static void mroute(JsonGenerator g, FpmObject m, LongFunction<String> names, MrouteCounters.Counts counts)
            throws IOException {
        Map<String, Object> f = m.fields();
        g.writeStartObject();
        g.writeStringField("src", Iproute2Objects.text(f.get("SOURCE")));
        g.writeStringField("dst", Iproute2Objects.text(f.get("GROUP")));
        g.writeStringField("iif", name(names, m.number("IIF_IFUID", 0)));
        g.writeArrayFieldStart("multipath");
        Object oifs = f.get("OIF");
        if (oifs instanceof List) {
            for (Object oif : (List<?>) oifs) {
                Map<?, ?> o = (Map<?, ?>) oif;
                g.writeStartObject();
                g.writeStringField("oif", name(names, number(o.get("IFUID"))));
                long ttl = number(o.get("TTL"));
                if (ttl > 1) {
                    g.writeNumberField("ttl", ttl);
                }
                g.writeEndObject();
            }
        }
        g.writeEndArray();
        g.writeStringField("state", "resolved");
        g.writeNumberField("packets", counts.packets());
        g.writeNumberField("bytes", counts.bytes());
        if (counts.wrongIf() != 0) {
            g.writeNumberField("wrong_if", counts.wrongIf());
        }
        g.writeStringField("table", table(m.number("TABLE", 0)));
        g.writeStringField("family", m.number("FAMILY", AF_INET) == AF_INET ? "inet" : "inet6");
    }

    /** iproute2's rtnl_rttable_n2a without /etc/iproute2/rt_tables: the reserved names, else the number. */
    static String table(long id) {
        return id == RT_TABLE_DEFAULT ? "default" : id == RT_TABLE_MAIN ? "main" : id == RT_TABLE_LOCAL ? "local"
                : id == 0 ? "unspec" : Long.toString(id);
    }

    /** The interface's name, or ip's {@code if%u}-like placeholder when the FPM does not hold it. */
    private static String name(LongFunction<String> names, long ifuid) {
        String n = names.apply(ifuid);
        return n != null ? n : "ifuid-0x" + Long.toHexString(ifuid);
    }

    private static long number(Object value) {
        return value instanceof Long ? (Long) value : 0;
    }
}
