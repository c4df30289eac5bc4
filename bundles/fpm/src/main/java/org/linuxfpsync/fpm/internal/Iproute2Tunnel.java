package org.linuxfpsync.fpm.internal;

import static org.linuxfpsync.fpm.internal.Iproute2Gre.dotted;
import static org.linuxfpsync.fpm.internal.Iproute2Gre.encap;
import static org.linuxfpsync.fpm.internal.Iproute2Gre.endpoint;
import static org.linuxfpsync.fpm.internal.Iproute2Gre.number;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;
import java.util.function.LongFunction;

import com.fasterxml.jackson.core.JsonGenerator;

/**
 * The {@code linkinfo.info_data} of an IP tunnel (table {@code tunnels}: ipip, sit, ip6tnl) and of a route-based
 * IPsec interface (table {@code svti}: vti, vti6, xfrm) as {@code ip -j -d link} (iproute2 6.1) writes it:
 * {@code iptunnel_print_opt} of {@code ip/link_iptnl.c}, {@code ip6tunnel_print_opt} of {@code link_ip6tnl.c},
 * {@code vti_print_opt}, {@code vti6_print_opt}, {@code xfrm_print_opt}: same names, value forms and order. The
 * fallback mark is ours ({@code fp_fallback}), as for GRE.
 */
final class Iproute2Tunnel {
    private static final int KIND_IP6TNL = 3;
    private static final int KIND_VTI6 = 2;
    private static final int KIND_XFRM = 3;
    private static final int IPPROTO_IPIP = 4;
    private static final int IPPROTO_IPV6 = 41;
    private static final int IPPROTO_MPLS = 137;
    private static final int SIT_ISATAP = 0x1;
    private static final int IP6_TNL_F_IGN_ENCAP_LIMIT = 0x1;
    private static final int IP6_TNL_F_USE_ORIG_TCLASS = 0x2;
    private static final int IP6_TNL_F_USE_ORIG_FLOWLABEL = 0x4;
    private static final int IP6_TNL_F_MIP6_DEV = 0x8;
    private static final int IP6_TNL_F_RCV_DSCP_COPY = 0x10;
    private static final int IP6_TNL_F_USE_ORIG_FWMARK = 0x20;
    private static final int IP6_TNL_F_ALLOW_LOCAL_REMOTE = 0x40;

    private Iproute2Tunnel() {
    }

    /** A row of table tunnels. */
    static void tunnel(JsonGenerator g, Map<String, Object> f, LongFunction<String> names) throws IOException {
        if (f.containsKey("COLLECT_METADATA")) {
            // ip writes nothing else of an external tunnel
            g.writeBooleanField("external", true);
            fallback(g, f);
            return;
        }
        if (number(f, "KIND", 1) == KIND_IP6TNL) {
            ip6tnl(g, f, names);
        } else {
            ipipOrSit(g, f, names);
        }
        encap(g, f);
        fallback(g, f);
    }

    /** link_iptnl.c. */
    private static void ipipOrSit(JsonGenerator g, Map<String, Object> f, LongFunction<String> names)
            throws IOException {
        if (f.containsKey("PROTO")) {
            String proto = switch ((int) number(f, "PROTO", 0)) {
                case IPPROTO_IPIP -> "ipip";
                case IPPROTO_IPV6 -> "ip6ip";
                case IPPROTO_MPLS -> "mplsip";
                case 0 -> "any";
                default -> null;
            };
            if (proto != null) {
                g.writeStringField("proto", proto);
            }
        }
        g.writeStringField("remote", endpoint(f.get("REMOTE")));
        g.writeStringField("local", endpoint(f.get("LOCAL")));
        link(g, f, names);
        g.writeNumberField("ttl", number(f, "TTL", 0));
        long tos = number(f, "TOS", 0);
        if (tos != 0) {
            g.writeStringField("tos", "0x" + Long.toHexString(tos));
        }
        g.writeBooleanField("pmtudisc", number(f, "PMTUDISC", 0) != 0);
        if ((number(f, "FLAGS", 0) & SIT_ISATAP) != 0) {
            g.writeBooleanField("isatap", true);
        }
        long prefixlen = number(f, "IP6RD_PREFIXLEN", 0);
        if (prefixlen != 0) {
            g.writeStringField("prefix", address(f.get("IP6RD_PREFIX"), "::"));
            g.writeNumberField("prefixlen", prefixlen);
            if (f.get("IP6RD_RELAY_PREFIX") instanceof InetAddress relay && !relay.isAnyLocalAddress()) {
                g.writeStringField("relay_prefix", LinkFormat.inet6OrInet4(relay));
                g.writeNumberField("relay_prefixlen", number(f, "IP6RD_RELAY_PREFIXLEN", 0));
            }
        }
        fwmark(g, f);
    }

    /** link_ip6tnl.c: the endpoints are written as addresses, "::" for the wildcard. */
    private static void ip6tnl(JsonGenerator g, Map<String, Object> f, LongFunction<String> names)
            throws IOException {
        long flags = number(f, "FLAGS", 0);
        if (f.containsKey("PROTO")) {
            String proto = switch ((int) number(f, "PROTO", 0)) {
                case IPPROTO_IPIP -> "ipip6";
                case IPPROTO_IPV6 -> "ip6ip6";
                case 0 -> "any";
                default -> null;
            };
            if (proto != null) {
                g.writeStringField("proto", proto);
            }
        }
        g.writeStringField("remote", address(f.get("REMOTE"), "::"));
        g.writeStringField("local", address(f.get("LOCAL"), "::"));
        link(g, f, names);
        g.writeNumberField("ttl", number(f, "TTL", 0));
        if ((flags & IP6_TNL_F_IGN_ENCAP_LIMIT) != 0) {
            g.writeBooleanField("ip6_tnl_f_ign_encap_limit", true);
        } else if (f.containsKey("ENCAP_LIMIT")) {
            g.writeNumberField("encap_limit", number(f, "ENCAP_LIMIT", 0));
        }
        // TOS and FLOWLABEL are the two parts of the kernel's flowinfo, sent together
        if ((flags & IP6_TNL_F_USE_ORIG_TCLASS) != 0) {
            g.writeBooleanField("ip6_tnl_f_use_orig_tclass", true);
        } else if (f.containsKey("FLOWLABEL")) {
            g.writeStringField("tclass", String.format("0x%02x", number(f, "TOS", 0)));
        }
        if ((flags & IP6_TNL_F_USE_ORIG_FLOWLABEL) != 0) {
            g.writeBooleanField("ip6_tnl_f_use_orig_flowlabel", true);
        } else if (f.containsKey("FLOWLABEL")) {
            g.writeStringField("flowlabel", String.format("0x%05x", number(f, "FLOWLABEL", 0)));
        }
        flag(g, "ip6_tnl_f_rcv_dscp_copy", (flags & IP6_TNL_F_RCV_DSCP_COPY) != 0);
        flag(g, "ip6_tnl_f_mip6_dev", (flags & IP6_TNL_F_MIP6_DEV) != 0);
        flag(g, "ip6_tnl_f_allow_local_remote", (flags & IP6_TNL_F_ALLOW_LOCAL_REMOTE) != 0);
        if ((flags & IP6_TNL_F_USE_ORIG_FWMARK) != 0) {
            g.writeBooleanField("ip6_tnl_f_use_orig_fwmark", true);
        } else {
            fwmark(g, f);
        }
    }

    /** A row of table svti: link_vti.c, link_vti6.c, link_xfrm.c. */
    static void svti(JsonGenerator g, Map<String, Object> f, LongFunction<String> names) throws IOException {
        long kind = number(f, "KIND", 1);
        if (kind == KIND_XFRM) {
            if (f.containsKey("COLLECT_METADATA")) {
                g.writeBooleanField("external", true);
            } else if (f.containsKey("IF_ID")) {
                g.writeStringField("if_id", "0x" + Long.toHexString(number(f, "IF_ID", 0)));
            }
            return;
        }
        // vti writes "any" for a wildcard endpoint, vti6 the address ("::")
        String any = kind == KIND_VTI6 ? "::" : "any";
        g.writeStringField("remote", address(f.get("REMOTE"), any));
        g.writeStringField("local", address(f.get("LOCAL"), any));
        link(g, f, names);
        // the keys as ip writes them: inet_ntop of the __be32 (mark 5 is "0.0.0.5")
        if (f.containsKey("IKEY")) {
            g.writeStringField("ikey", dotted(number(f, "IKEY", 0)));
        }
        if (f.containsKey("OKEY")) {
            g.writeStringField("okey", dotted(number(f, "OKEY", 0)));
        }
        fwmark(g, f);
        fallback(g, f);
    }

    private static void link(JsonGenerator g, Map<String, Object> f, LongFunction<String> names) throws IOException {
        String link = f.containsKey("LINK_IFUID") ? names.apply(number(f, "LINK_IFUID", 0)) : null;
        if (link != null) {
            g.writeStringField("link", link);
        }
    }

    private static String address(Object address, String wildcard) {
        return address instanceof InetAddress a ? LinkFormat.inet6OrInet4(a) : wildcard;
    }

    private static void fwmark(JsonGenerator g, Map<String, Object> f) throws IOException {
        long fwmark = number(f, "FWMARK", 0);
        if (fwmark != 0) {
            g.writeStringField("fwmark", "0x" + Long.toHexString(fwmark));
        }
    }

    private static void fallback(JsonGenerator g, Map<String, Object> f) throws IOException {
        if (number(f, "FALLBACK", 0) != 0) {
            g.writeBooleanField("fp_fallback", true);
        }
    }

    private static void flag(JsonGenerator g, String field, boolean set) throws IOException {
        if (set) {
            g.writeBooleanField(field, true);
        }
    }
}
