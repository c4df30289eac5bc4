package org.linuxfpsync.comparison;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Compares the FPM's links of one vrf with the kernel's own view ({@code ip -j -d link show}),
 * field by field, in iproute2's names. Returns readable differences, empty when equal.
 */
public final class KernelLinkComparison {
    private static final String[] SAME_FIELDS = {"ifname", "mtu", "address", "master", "operstate", "link_type"};

    private KernelLinkComparison() {
    }

    public static List<String> differences(JsonNode kernelLinks, JsonNode fpmLinks) {
        List<String> diffs = new ArrayList<>();
        Map<Integer, JsonNode> fpmByIndex = new HashMap<>();
        for (JsonNode l : fpmLinks) {
            fpmByIndex.put(l.path("ifindex").asInt(), l);
        }
        Set<Integer> kernelIndexes = new HashSet<>();
        for (JsonNode k : kernelLinks) {
            int ifindex = k.path("ifindex").asInt();
            kernelIndexes.add(ifindex);
            JsonNode f = fpmByIndex.get(ifindex);
            String who = k.path("ifname").asText() + " (ifindex " + ifindex + ")";
            if (f == null) {
                diffs.add(who + ": in the kernel, missing from the FPM");
                continue;
            }
            for (String field : SAME_FIELDS) {
                String kv = k.path(field).isMissingNode() ? null : k.path(field).asText();
                String fv = f.path(field).isMissingNode() ? null : f.path(field).asText();
                if (kv == null ? fv != null : !kv.equals(fv)) {
                    diffs.add(who + ": " + field + " kernel=" + kv + " fpm=" + fv);
                }
            }
            List<String> kernelFlags = flags(k);
            List<String> fpmFlags = flags(f);
            if (!kernelFlags.equals(fpmFlags)) {
                diffs.add(who + ": flags kernel=" + kernelFlags + " fpm=" + fpmFlags);
            }
            String kernelKind = k.path("linkinfo").path("info_kind").asText(null);
            String fpmKind = f.path("linkinfo").path("info_kind").asText(null);
            if (kernelKind == null ? fpmKind != null : !kernelKind.equals(fpmKind)) {
                diffs.add(who + ": linkinfo.info_kind kernel=" + kernelKind + " fpm=" + fpmKind);
            }
            String kernelSlave = k.path("linkinfo").path("info_slave_kind").asText(null);
            String fpmSlave = f.path("linkinfo").path("info_slave_kind").asText(null);
            if (kernelSlave == null ? fpmSlave != null : !kernelSlave.equals(fpmSlave)) {
                diffs.add(who + ": linkinfo.info_slave_kind kernel=" + kernelSlave + " fpm=" + fpmSlave);
            }
        }
        for (JsonNode f : fpmLinks) {
            if (!kernelIndexes.contains(f.path("ifindex").asInt())) {
                diffs.add(f.path("ifname").asText() + " (ifindex " + f.path("ifindex").asInt()
                        + "): in the FPM, gone from the kernel");
            }
        }
        return diffs;
    }

    /**
     * The ifi_flags names. iproute2 adds "M-DOWN" from the state of the IFLA_LINK peer: a
     * presentation of another device's state, not a flag of this one, so it is not compared.
     */
    private static List<String> flags(JsonNode link) {
        List<String> names = new ArrayList<>();
        for (JsonNode n : link.path("flags")) {
            if (!"M-DOWN".equals(n.asText())) {
                names.add(n.asText());
            }
        }
        return names;
    }
}
