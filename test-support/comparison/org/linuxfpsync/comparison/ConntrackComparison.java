package org.linuxfpsync.comparison;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The FPM's conntrack table compared with {@code conntrack -L -o extended,id} of the namespace,
 * timeouts aside: both turned into one line per flow, in the words of conntrack-tools
 * ({@code ipv4 6 ESTABLISHED src=... dst=... sport=... dport=... src=... ... [ASSURED] mark=0 zone=0
 * id=...}), sorted. The counters and {@code use} are the kernel's own, not forwarding state.
 */
public final class ConntrackComparison {
    /** {@code tcp_conntrack_names} of libnetfilter_conntrack, by TCP_CONNTRACK_* value. */
    private static final String[] TCP_STATES = {"NONE", "SYN_SENT", "SYN_RECV", "ESTABLISHED", "FIN_WAIT",
        "CLOSE_WAIT", "LAST_ACK", "TIME_WAIT", "CLOSE", "SYN_SENT2"};
    private static final int IPS_SEEN_REPLY = 0x2;
    private static final int IPS_ASSURED = 0x4;

    private ConntrackComparison() {
    }

    /** The flows of {@code conntrack -L -o extended,id} output (its summary line on stderr is not read). */
    public static List<String> kernel(String output) {
        List<String> flows = new ArrayList<>();
        for (String line : output.split("\n")) {
            String[] t = line.trim().split("\\s+");
            if (t.length < 6 || !(t[0].equals("ipv4") || t[0].equals("ipv6"))) {
                continue;
            }
            // l3 name, l3 number, l4 name, l4 number, timeout, then the TCP state for TCP
            int i = 5;
            String state = "";
            if (!t[i].contains("=")) {
                state = " " + t[i++];
            }
            StringBuilder orig = new StringBuilder();
            StringBuilder reply = new StringBuilder();
            boolean unreplied = false;
            boolean assured = false;
            String mark = "0";
            String zone = "0";
            String id = "";
            int srcSeen = 0;
            for (; i < t.length; i++) {
                String token = t[i];
                if (token.startsWith("src=")) {
                    srcSeen++;
                }
                if (token.equals("[UNREPLIED]")) {
                    unreplied = true;
                } else if (token.equals("[ASSURED]")) {
                    assured = true;
                } else if (token.startsWith("mark=")) {
                    mark = token.substring(5);
                } else if (token.startsWith("zone=")) {
                    zone = token.substring(5);
                } else if (token.startsWith("id=") && srcSeen >= 2 && !isIcmpField(t, i)) {
                    id = token.substring(3);
                } else if (isTupleField(token)) {
                    (srcSeen <= 1 ? orig : reply).append(' ').append(token);
                }
            }
            flows.add(t[0] + " " + t[3] + state + orig + reply + (unreplied ? " [UNREPLIED]" : "")
                    + (assured ? " [ASSURED]" : "") + " mark=" + mark + " zone=" + zone + " id=" + id);
        }
        flows.sort(null);
        return flows;
    }

    /** The flows of one vrf of the FPM's dump ({@code vrfs[].conntrack}), in the kernel's words. */
    public static List<String> fpm(JsonNode vrf) {
        List<String> flows = new ArrayList<>();
        for (JsonNode f : vrf.path("conntrack")) {
            JsonNode orig = f.path("orig");
            int status = f.path("status").asInt();
            String state = f.has("tcp_state") ? " " + TCP_STATES[f.path("tcp_state").asInt()] : "";
            flows.add((orig.path("family").asInt() == 2 ? "ipv4" : "ipv6") + " " + orig.path("proto").asInt() + state
                    + tuple(orig) + tuple(f.path("reply"))
                    + ((status & IPS_SEEN_REPLY) == 0 ? " [UNREPLIED]" : "")
                    + ((status & IPS_ASSURED) != 0 ? " [ASSURED]" : "")
                    + " mark=" + f.path("mark").asLong(0) + " zone=" + f.path("zone").asInt(0)
                    + " id=" + (f.has("id") ? Long.toString(f.path("id").asLong()) : ""));
        }
        flows.sort(null);
        return flows;
    }

    private static String tuple(JsonNode t) {
        StringBuilder b = new StringBuilder(" src=").append(t.path("src").asText()).append(" dst=")
                .append(t.path("dst").asText());
        if (t.has("sport")) {
            b.append(" sport=").append(t.path("sport").asInt()).append(" dport=").append(t.path("dport").asInt());
        }
        if (t.has("icmp_type")) {
            b.append(" type=").append(t.path("icmp_type").asInt()).append(" code=").append(t.path("icmp_code").asInt())
                    .append(" id=").append(t.path("icmp_id").asInt());
        }
        return b.toString();
    }

    private static boolean isTupleField(String token) {
        return token.startsWith("src=") || token.startsWith("dst=") || token.startsWith("sport=")
                || token.startsWith("dport=") || token.startsWith("type=") || token.startsWith("code=")
                || token.startsWith("id=");
    }

    /** An ICMP tuple's {@code id=}: right after its {@code code=}. */
    private static boolean isIcmpField(String[] t, int i) {
        return i > 0 && t[i - 1].startsWith("code=");
    }
}
