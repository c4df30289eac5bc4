package org.linuxfpsync.fpm.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

import org.linuxfpsync.fpm.FpmObject;

import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Nexthop objects as iproute2 6.1 writes them in {@code ip -j nexthop}, and the next hops a route
 * through one (NH_ID) resolves to: what the FPM forwards with, in the form of the route's own
 * NEXTHOP TLVs (GATEWAY, IFUID, WEIGHT, FLAGS), so that {@link Iproute2Objects#route} writes them
 * as ip writes such a route with {@code nexthop_compat_mode} 1.
 */
final class Iproute2Nexthops {
    private static final int NEXTHOP_GRP_TYPE_MPATH = 0;
    /** iproute2 prints the resilient timers in seconds; the kernel keeps clock_t (USER_HZ, 100 a second). */
    private static final int USER_HZ = 100;

    private Iproute2Nexthops() {
    }

    /**
     * The next hops of nexthop object {@code id}: its own for a single nexthop, one per member
     * the FPM holds, with the member's weight, for a group; none for a blackhole, an unknown ID or
     * a group without a known member.
     */
    static List<Map<String, Object>> resolve(long id, LongFunction<FpmObject> nexthops) {
        FpmObject nh = nexthops.apply(id);
        if (nh == null) {
            return List.of();
        }
        List<Map<String, Object>> members = members(nh);
        if (members.isEmpty()) {
            return nh.fields().containsKey("GATEWAY") || nh.fields().containsKey("IFUID") ? List.of(hop(nh, 1))
                    : List.of();
        }
        List<Map<String, Object>> hops = new ArrayList<>(members.size());
        for (Map<String, Object> m : members) {
            FpmObject member = nexthops.apply((Long) m.get("ID"));
            if (member != null) {
                hops.add(hop(member, (Long) m.getOrDefault("WEIGHT", 1L)));
            }
        }
        return hops;
    }

    /** Whether nexthop object {@code id} is a group the FPM holds. */
    static boolean isGroup(long id, LongFunction<FpmObject> nexthops) {
        FpmObject nh = nexthops.apply(id);
        return nh != null && !members(nh).isEmpty();
    }

    private static Map<String, Object> hop(FpmObject nh, long weight) {
        Map<String, Object> hop = new HashMap<>(6);
        for (String field : new String[] {"GATEWAY", "IFUID", "FLAGS"}) {
            Object value = nh.fields().get(field);
            if (value != null) {
                hop.put(field, value);
            }
        }
        hop.put("WEIGHT", weight);
        return hop;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> members(FpmObject nh) {
        return (List<Map<String, Object>>) nh.fields().getOrDefault("MEMBER", List.of());
    }

    /** One entry of {@code ip -j nexthop}, left open for our own fields. */
    static void nexthop(JsonGenerator g, FpmObject nh, LongFunction<String> names) throws IOException {
        Map<String, Object> f = nh.fields();
        g.writeStartObject();
        g.writeNumberField("id", nh.number("ID", 0));
        if (f.containsKey("MEMBER")) {
            g.writeArrayFieldStart("group");
            for (Map<String, Object> m : members(nh)) {
                g.writeStartObject();
                g.writeNumberField("id", (Long) m.get("ID"));
                long weight = (Long) m.getOrDefault("WEIGHT", 1L);
                if (weight != 1) {
                    g.writeNumberField("weight", weight);
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        if (f.containsKey("GROUP_TYPE") && nh.number("GROUP_TYPE", 0) != NEXTHOP_GRP_TYPE_MPATH) {
            g.writeStringField("type", nh.number("GROUP_TYPE", 0) == 1 ? "resilient"
                    : Long.toString(nh.number("GROUP_TYPE", 0)));
        }
        if (f.containsKey("BUCKETS")) {
            // unbalanced_time, which ip writes too, is how long the group has been unbalanced: not state FPC carries
            g.writeObjectFieldStart("resilient_args");
            g.writeNumberField("buckets", nh.number("BUCKETS", 0));
            g.writeNumberField("idle_timer", nh.number("IDLE_TIMER", 0) / USER_HZ);
            g.writeNumberField("unbalanced_timer", nh.number("UNBALANCED_TIMER", 0) / USER_HZ);
            g.writeEndObject();
        }
        Iproute2Objects.nexthopTarget(g, f, names, false);
        long scope = nh.number("SCOPE", 0);
        if (scope != 0) {
            g.writeStringField("scope", Iproute2Objects.scope(scope));
        }
        if (nh.number("BLACKHOLE", 0) != 0) {
            g.writeNullField("blackhole");
        }
        long protocol = nh.number("PROTOCOL", 0);
        if (protocol != 0) {
            g.writeStringField("protocol", Iproute2Objects.PROTOCOLS.getOrDefault((int) protocol,
                    Long.toString(protocol)));
        }
        Iproute2Objects.nexthopFlags(g, f);
        if (nh.number("FDB", 0) != 0) {
            g.writeNullField("fdb");
        }
    }
}
