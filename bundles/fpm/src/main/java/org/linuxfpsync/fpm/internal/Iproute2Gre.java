package org.linuxfpsync.fpm.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;
import java.util.function.LongFunction;

import com.fasterxml.jackson.core.JsonGenerator;

/**
 * The {@code linkinfo.info_data} of a GRE link (table {@code gre}) as {@code ip -j -d link} (iproute2
 * 6.1) writes it: {@code gre_print_opt} of {@code ip/link_gre.c} for gre, gretap and erspan, of
 * {@code ip/link_gre6.c} for ip6gre, ip6gretap and ip6erspan, and {@code tnl_print_encap} of
 * {@code ip/tunnel.c}: same names, value forms and order. The fallback mark is ours
 * ({@code fp_fallback}): ip has no field for it.
 */
final class Iproute2Gre {
    private static final int GRE_CSUM = 0x8000;
    private static final int GRE_KEY = 0x2000;
    private static final int GRE_SEQ = 0x1000;
    private static final int IP6_TNL_F_IGN_ENCAP_LIMIT = 0x1;
    private static final int IP6_TNL_F_USE_ORIG_TCLASS = 0x2;
    private static final int IP6_TNL_F_USE_ORIG_FLOWLABEL = 0x4;
    private static final int IP6_TNL_F_RCV_DSCP_COPY = 0x10;
    private static final int IP6_TNL_F_USE_ORIG_FWMARK = 0x20;
    private static final int IP6_TNL_F_ALLOW_LOCAL_REMOTE = 0x40;
    private static final int IP6_FLOWINFO_TCLASS = 0x0ff00000;
    private static final int IP6_FLOWINFO_FLOWLABEL = 0x000fffff;
    private static final int TUNNEL_ENCAP_FOU = 1;
    private static final int TUNNEL_ENCAP_GUE = 2;
    private static final int TUNNEL_ENCAP_FLAG_CSUM = 0x1;
    private static final int TUNNEL_ENCAP_FLAG_CSUM6 = 0x2;
    private static final int TUNNEL_ENCAP_FLAG_REMCSUM = 0x4;

    private Iproute2Gre() {
    }

    static void infoData(JsonGenerator g, Map<String, Object> f, LongFunction<String> names) throws IOException {
        long kind = number(f, "KIND", 1);
        boolean overIpv6 = kind == 3 || kind == 4 || kind == 6;
        if (f.containsKey("COLLECT_METADATA")) {
            g.writeBooleanField("external", true);
        }
        g.writeStringField("remote", endpoint(f.get("REMOTE")));
        g.writeStringField("local", endpoint(f.get("LOCAL")));
        String link = f.containsKey("LINK_IFUID") ? names.apply(number(f, "LINK_IFUID", 0)) : null;
        if (link != null) {
            g.writeStringField("link", link);
        }
        g.writeNumberField("ttl", number(f, "TTL", 0));
        long iflags = number(f, "IFLAGS", 0);
        long oflags = number(f, "OFLAGS", 0);
        if (overIpv6) {
            ip6Options(g, f);
            keysAndFlags(g, f, iflags, oflags);
            long flags = number(f, "FLAGS", 0);
            if ((flags & IP6_TNL_F_ALLOW_LOCAL_REMOTE) != 0) {
                g.writeBooleanField("ip6_tnl_f_allow_local_remote", true);
            }
            if ((flags & IP6_TNL_F_USE_ORIG_FWMARK) != 0) {
                g.writeBooleanField("ip6_tnl_f_use_orig_fwmark", true);
            } else {
                fwmark(g, f);
            }
        } else {
            long tos = number(f, "TOS", 0);
            if (tos != 0) {
                g.writeStringField("tos", "0x" + Long.toHexString(tos));
            }
            if (f.containsKey("PMTUDISC")) {
                g.writeBooleanField("pmtudisc", number(f, "PMTUDISC", 0) != 0);
            }
            if (number(f, "IGNORE_DF", 0) != 0) {
                g.writeBooleanField("ignore_df", true);
            }
            keysAndFlags(g, f, iflags, oflags);
            fwmark(g, f);
        }
        erspan(g, f);
        encap(g, f);
        if (number(f, "FALLBACK", 0) != 0) {
            g.writeBooleanField("fp_fallback", true);
        }
    }

    /** tnl_print_endpoint: the address, or "any" when absent (the wildcard is not sent). */
    static String endpoint(Object address) {
        return address instanceof InetAddress a && !a.isAnyLocalAddress() ? LinkFormat.inet6OrInet4(a) : "any";
    }

    /** link_gre6.c: the encap limit, traffic class, flow label and dscp options of the ip6 tunnel flags. */
    private static void ip6Options(JsonGenerator g, Map<String, Object> f) throws IOException {
        long flags = number(f, "FLAGS", 0);
        if ((flags & IP6_TNL_F_IGN_ENCAP_LIMIT) != 0) {
            g.writeBooleanField("ip6_tnl_f_ign_encap_limit", true);
        } else if (f.containsKey("ENCAP_LIMIT")) {
            g.writeNumberField("encap_limit", number(f, "ENCAP_LIMIT", 0));
        }
        long flowinfo = number(f, "FLOWINFO", 0);
        if ((flags & IP6_TNL_F_USE_ORIG_TCLASS) != 0) {
            g.writeBooleanField("ip6_tnl_f_use_orig_tclass", true);
        } else if (f.containsKey("FLOWINFO")) {
            g.writeStringField("tclass", String.format("0x%02x", (flowinfo & IP6_FLOWINFO_TCLASS) >> 20));
        }
        if ((flags & IP6_TNL_F_USE_ORIG_FLOWLABEL) != 0) {
            g.writeBooleanField("ip6_tnl_f_use_orig_flowlabel", true);
        } else if (f.containsKey("FLOWINFO")) {
            g.writeStringField("flowlabel", String.format("0x%05x", flowinfo & IP6_FLOWINFO_FLOWLABEL));
        }
        if ((flags & IP6_TNL_F_RCV_DSCP_COPY) != 0) {
            g.writeBooleanField("ip6_tnl_f_rcv_dscp_copy", true);
        }
    }

    /** The keys as ip writes them (inet_ntop of the __be32: key 42 is "0.0.0.42"), then seq and csum. */
    private static void keysAndFlags(JsonGenerator g, Map<String, Object> f, long iflags, long oflags)
            throws IOException {
        if ((iflags & GRE_KEY) != 0 && f.containsKey("IKEY")) {
            g.writeStringField("ikey", dotted(number(f, "IKEY", 0)));
        }
        if ((oflags & GRE_KEY) != 0 && f.containsKey("OKEY")) {
            g.writeStringField("okey", dotted(number(f, "OKEY", 0)));
        }
        flag(g, "iseq", (iflags & GRE_SEQ) != 0);
        flag(g, "oseq", (oflags & GRE_SEQ) != 0);
        flag(g, "icsum", (iflags & GRE_CSUM) != 0);
        flag(g, "ocsum", (oflags & GRE_CSUM) != 0);
    }

    private static void fwmark(JsonGenerator g, Map<String, Object> f) throws IOException {
        long fwmark = number(f, "FWMARK", 0);
        if (fwmark != 0) {
            g.writeStringField("fwmark", "0x" + Long.toHexString(fwmark));
        }
    }

    private static void erspan(JsonGenerator g, Map<String, Object> f) throws IOException {
        if (f.containsKey("ERSPAN_INDEX")) {
            g.writeNumberField("erspan_index", number(f, "ERSPAN_INDEX", 0));
        }
        if (f.containsKey("ERSPAN_VER")) {
            g.writeNumberField("erspan_ver", number(f, "ERSPAN_VER", 0));
        }
        if (f.containsKey("ERSPAN_DIR")) {
            g.writeStringField("erspan_dir", number(f, "ERSPAN_DIR", 0) == 0 ? "ingress" : "egress");
        }
        if (f.containsKey("ERSPAN_HWID")) {
            g.writeStringField("erspan_hwid", "0x" + Long.toHexString(number(f, "ERSPAN_HWID", 0)));
        }
    }

    /** tnl_print_encap: nothing without an encapsulation. */
    static void encap(JsonGenerator g, Map<String, Object> f) throws IOException {
        long type = number(f, "ENCAP_TYPE", 0);
        if (type == 0) {
            return;
        }
        g.writeObjectFieldStart("encap");
        if (type == TUNNEL_ENCAP_FOU) {
            g.writeStringField("type", "fou");
        } else if (type == TUNNEL_ENCAP_GUE) {
            g.writeStringField("type", "gue");
        } else {
            g.writeNullField("type");
        }
        g.writeNumberField("sport", number(f, "ENCAP_SPORT", 0));
        g.writeNumberField("dport", number(f, "ENCAP_DPORT", 0));
        long flags = number(f, "ENCAP_FLAGS", 0);
        g.writeBooleanField("csum", (flags & TUNNEL_ENCAP_FLAG_CSUM) != 0);
        g.writeBooleanField("csum6", (flags & TUNNEL_ENCAP_FLAG_CSUM6) != 0);
        g.writeBooleanField("remcsum", (flags & TUNNEL_ENCAP_FLAG_REMCSUM) != 0);
        g.writeEndObject();
    }

    private static void flag(JsonGenerator g, String field, boolean set) throws IOException {
        if (set) {
            g.writeBooleanField(field, true);
        }
    }

    static String dotted(long key) {
        return ((key >>> 24) & 0xff) + "." + ((key >>> 16) & 0xff) + "." + ((key >>> 8) & 0xff) + "." + (key & 0xff);
    }

    static long number(Map<String, Object> f, String tlv, long dflt) {
        return f.get(tlv) instanceof Long n ? n : dflt;
    }
}
