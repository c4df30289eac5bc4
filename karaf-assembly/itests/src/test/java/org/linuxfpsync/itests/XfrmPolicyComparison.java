package org.linuxfpsync.itests;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The security policies of a namespace ({@code ip -s xfrm policy}: ip has no JSON for xfrm) and of
 * a vrf of the FPM's dump ({@code ipsec_sp}), each policy as one comparable line in ip's words:
 * {@code src dst [proto p] [sport n] [dport n] dir action index priority [mark v/m] [tmpl src dst
 * proto mode reqid level]...}, sorted.
 */
final class XfrmPolicyComparison {
    private static final Map<String, String> PROTOCOLS = Map.of("6", "tcp", "17", "udp", "1", "icmp");
    private static final String[] DIRECTIONS = {"in", "out", "fwd"};
    private static final Map<String, String> MODES = Map.of("0", "transport", "1", "tunnel", "4", "beet");

    private XfrmPolicyComparison() {
    }

    /** {@code XFRM_MODE_*} as ip writes it. */
    static String mode(String number) {
        return MODES.getOrDefault(number, number);
    }

    static List<String> kernel(TestNamespace ns) throws Exception {
        List<String> policies = new ArrayList<>();
        StringBuilder p = null;
        for (String raw : ns.ip("-s", "xfrm", "policy").split("\n")) {
            String[] t = raw.trim().split("\\s+");
            if (raw.startsWith("src ")) {
                if (p != null) {
                    policies.add(p.toString());
                }
                p = new StringBuilder(t[1] + " " + t[3]);
                for (int i = 4; i + 1 < t.length; i += 2) {
                    if (t[i].equals("proto") || t[i].equals("dport") || t[i].equals("sport")) {
                        p.append(' ').append(t[i]).append(' ').append(t[i + 1]);
                    }
                }
            } else if (p != null && t[0].equals("dir")) {
                p.append(" dir ").append(t[1]).append(' ').append(t[3]).append(" index ").append(t[5])
                        .append(" priority ").append(t[7]);
            } else if (p != null && t[0].equals("mark")) {
                p.append(" mark ").append(t[1]);
            } else if (p != null && t[0].equals("tmpl")) {
                p.append(" tmpl ").append(t[2]).append(' ').append(t[4]);
            } else if (p != null && t[0].equals("proto") && raw.startsWith("\t\t")) {
                p.append(' ').append(t[1]).append(' ').append(t[7]).append(" reqid ")
                        .append(t[5].replaceAll("\\(.*", ""));
            } else if (p != null && t[0].equals("level")) {
                p.append(' ').append(t[1]);
            }
        }
        if (p != null) {
            policies.add(p.toString());
        }
        policies.sort(null);
        return policies;
    }

    static List<String> fpm(JsonNode vrf) {
        List<String> policies = new ArrayList<>();
        for (JsonNode sp : vrf.path("ipsec_sp")) {
            JsonNode sel = sp.path("selector");
            String any = sel.path("family").asInt() == 2 ? "0.0.0.0" : "::";
            StringBuilder p = new StringBuilder(sel.path("saddr").asText(any) + "/" + sel.path("sprefixlen").asInt(0)
                    + " " + sel.path("daddr").asText(any) + "/" + sel.path("dprefixlen").asInt(0));
            if (sel.has("proto")) {
                String proto = sel.path("proto").asText();
                p.append(" proto ").append(PROTOCOLS.getOrDefault(proto, proto));
            }
            if (sel.has("sport")) {
                p.append(" sport ").append(sel.path("sport").asInt());
            }
            if (sel.has("dport")) {
                p.append(" dport ").append(sel.path("dport").asInt());
            }
            p.append(" dir ").append(DIRECTIONS[sp.path("dir").asInt()])
                    .append(' ').append(sp.path("action").asInt() == 0 ? "allow" : "block")
                    .append(" index ").append(sp.path("index").asLong())
                    .append(" priority ").append(sp.path("priority").asLong());
            if (sp.has("mark")) {
                p.append(" mark 0x").append(Long.toHexString(sp.path("mark").asLong())).append("/0x")
                        .append(Long.toHexString(sp.path("mark_mask").asLong()));
            }
            for (JsonNode t : sp.path("tmpl")) {
                String tAny = t.path("family").asInt() == 2 ? "0.0.0.0" : "::";
                int proto = t.path("proto").asInt();
                p.append(" tmpl ").append(t.path("saddr").asText(tAny)).append(' ').append(t.path("daddr").asText(tAny))
                        .append(' ').append(proto == 50 ? "esp" : proto == 51 ? "ah" : "comp")
                        .append(' ').append(mode(t.path("mode").asText()))
                        .append(" reqid ").append(t.path("reqid").asLong(0))
                        .append(' ').append(t.path("optional").asInt(0) == 1 ? "use" : "required");
            }
            policies.add(p.toString());
        }
        policies.sort(null);
        return policies;
    }
}
