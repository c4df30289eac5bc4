package org.linuxfpsync.fpm.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.linuxfpsync.fpm.FpmBytes;
import org.linuxfpsync.fpm.FpmObject;

import com.fasterxml.jackson.core.JsonGenerator;

/**
 * A netfilter table whose blob is nftables netlink messages (FORMAT 2) written as {@code nft -j list
 * ruleset} writes the same objects: its table, its named sets (with their elements when nft writes
 * them as plain values), its chains (base chains with type, hook, prio, policy), its rules (family,
 * table, chain, handle). A rule's expressions are not decompiled as nft does ({@code match},
 * {@code payload} with protocol fields...): each is written under {@code netlink_expr} as its kernel
 * name and the hex of its NFTA_EXPR_DATA, and nft's {@code expr} is absent, so a comparison with the
 * kernel drops nft's {@code expr} (docs/netfilter-sync.md).
 */
final class NftJson {
    private static final int NLMSG_HEADER = 16;
    private static final int NFGENMSG = 4;
    private static final int SUBSYS_NFTABLES = 10;
    private static final int NEWTABLE = 0;
    private static final int NEWCHAIN = 3;
    private static final int NEWRULE = 6;
    private static final int NEWSET = 9;
    private static final int NEWSETELEM = 12;
    private static final int SET_ANONYMOUS = 0x1;
    private static final int SET_INTERVAL = 0x4;
    private static final int SET_MAP = 0x8;
    private static final int SET_CONCAT = 0x80;
    private static final Map<Integer, String> FAMILIES = Map.of(1, "inet", 2, "ip", 3, "arp", 5, "netdev", 7,
            "bridge", 10, "ip6");
    /** nft's datatype ids (TYPE_* of nftables' datatype.h) whose values are written plainly. */
    private static final Map<Integer, String> TYPES = Map.of(7, "ipv4_addr", 8, "ipv6_addr", 9, "ether_addr",
            12, "inet_proto", 13, "inet_service", 19, "mark");

    private NftJson() {
    }

    /** nft's family name of NFPROTO {@code family}. */
    static String family(long family) {
        return FAMILIES.getOrDefault((int) family, Long.toString(family));
    }

    /** The row's table in our fields, then its objects under {@code nftables}, as {@code nft -j} writes them. */
    static void table(JsonGenerator g, FpmObject o) throws IOException {
        g.writeStartObject();
        g.writeStringField("family", family(o.number("FAMILY", 0)));
        g.writeStringField("table", String.valueOf(o.fields().get("TABLE")));
        g.writeNumberField("generation", o.number("GENERATION", 0));
        long origin = o.number("ORIGIN", 0);
        g.writeStringField("origin", origin == 1 ? "nft" : origin == 2 ? "legacy" : Long.toString(origin));
        byte[] blob = blob(o.fields().get("RULES"));
        g.writeNumberField("rules_len", blob.length);
        if (o.number("FORMAT", 0) == 2) {
            g.writeArrayFieldStart("nftables");
            objects(g, blob);
            g.writeEndArray();
        } else if (o.number("FORMAT", 0) == 1) {
            // x_tables: as iptables-legacy-save writes the table, without counters
            g.writeArrayFieldStart("save");
            for (String line : XtablesSave.lines((int) o.number("FAMILY", 0), blob)) {
                g.writeString(line);
            }
            g.writeEndArray();
        }
    }

    private static byte[] blob(Object rules) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (rules instanceof List<?> pieces) {
            for (Object p : pieces) {
                out.writeBytes(((FpmBytes) p).bytes());
            }
        } else if (rules instanceof FpmBytes b) {
            out.writeBytes(b.bytes());
        }
        return out.toByteArray();
    }

    /** One message of the blob: its type, family and attributes. */
    private record Message(int type, int family, Map<Integer, byte[]> attributes) {
        String string(int type) {
            byte[] b = attributes.get(type);
            if (b == null) {
                return null;
            }
            int end = 0;
            while (end < b.length && b[end] != 0) {
                end++;
            }
            return new String(b, 0, end, StandardCharsets.UTF_8);
        }

        long be(int type, long absent) {
            byte[] b = attributes.get(type);
            if (b == null) {
                return absent;
            }
            long v = 0;
            for (byte x : b) {
                v = v << 8 | (x & 0xff);
            }
            return v;
        }
    }

    private static void objects(JsonGenerator g, byte[] blob) throws IOException {
        List<Message> messages = messages(blob);
        // nft's order: the table, its sets, its chains, its rules
        for (int pass : new int[] {NEWTABLE, NEWSET, NEWCHAIN, NEWRULE}) {
            for (Message m : messages) {
                if (m.type() == pass) {
                    write(g, m, messages);
                }
            }
        }
    }

    private static List<Message> messages(byte[] blob) {
        List<Message> list = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(blob).order(ByteOrder.nativeOrder());
        int at = 0;
        while (at + NLMSG_HEADER + NFGENMSG <= blob.length) {
            int length = b.getInt(at);
            if (length < NLMSG_HEADER + NFGENMSG || at + length > blob.length) {
                break; // the sync sends whole messages; a damaged blob shows what parsed
            }
            int type = b.getShort(at + 4) & 0xffff;
            if (type >> 8 == SUBSYS_NFTABLES) {
                list.add(new Message(type & 0xff, blob[at + NLMSG_HEADER] & 0xff,
                        attributes(blob, at + NLMSG_HEADER + NFGENMSG, at + length)));
            }
            at += (length + 3) & ~3;
        }
        return list;
    }

    private static Map<Integer, byte[]> attributes(byte[] blob, int from, int to) {
        Map<Integer, byte[]> map = new java.util.HashMap<>();
        ByteBuffer b = ByteBuffer.wrap(blob).order(ByteOrder.nativeOrder());
        int at = from;
        while (at + 4 <= to) {
            int length = b.getShort(at) & 0xffff;
            if (length < 4 || at + length > to) {
                break;
            }
            byte[] v = new byte[length - 4];
            System.arraycopy(blob, at + 4, v, 0, v.length);
            map.putIfAbsent(b.getShort(at + 2) & 0x3fff, v);
            at += (length + 3) & ~3;
        }
        return map;
    }

    private static void write(JsonGenerator g, Message m, List<Message> all) throws IOException {
        String family = family(m.family());
        switch (m.type()) {
            case NEWTABLE -> {
                g.writeStartObject();
                g.writeObjectFieldStart("table");
                g.writeStringField("family", family);
                g.writeStringField("name", m.string(1));
                g.writeNumberField("handle", m.be(4, 0));
                g.writeEndObject();
                g.writeEndObject();
            }
            case NEWSET -> set(g, m, family, all);
            case NEWCHAIN -> chain(g, m, family);
            case NEWRULE -> rule(g, m, family);
            default -> {
            }
        }
    }

    private static void set(JsonGenerator g, Message m, String family, List<Message> all) throws IOException {
        int flags = (int) m.be(3, 0);
        if ((flags & SET_ANONYMOUS) != 0) {
            return; // nft writes an anonymous set inside its rule
        }
        String name = m.string(2);
        String type = TYPES.get((int) m.be(4, 0));
        g.writeStartObject();
        g.writeObjectFieldStart((flags & SET_MAP) != 0 ? "map" : "set");
        g.writeStringField("family", family);
        g.writeStringField("name", name);
        g.writeStringField("table", m.string(1));
        g.writeStringField("type", type != null && (flags & SET_CONCAT) == 0 ? type : "0x" + Long.toHexString(m.be(4, 0)));
        g.writeNumberField("handle", m.be(16, 0));
        List<String> elements = new ArrayList<>();
        for (Message e : all) {
            if (e.type() == NEWSETELEM && name.equals(e.string(2))) {
                elements.addAll(elements(e.attributes().get(3), type));
            }
        }
        if (!elements.isEmpty() && type != null && (flags & (SET_MAP | SET_INTERVAL | SET_CONCAT)) == 0) {
            g.writeArrayFieldStart("elem");
            for (String e : elements) {
                if (e.matches("[0-9]+")) {
                    g.writeNumber(Long.parseLong(e));
                } else {
                    g.writeString(e);
                }
            }
            g.writeEndArray();
        } else if (!elements.isEmpty()) {
            g.writeNumberField("elem_count", elements.size());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    /** The key of each NFTA_LIST_ELEM (NFTA_SET_ELEM_KEY, NFTA_DATA_VALUE) as nft writes it. */
    private static List<String> elements(byte[] list, String type) {
        List<String> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        ByteBuffer b = ByteBuffer.wrap(list).order(ByteOrder.nativeOrder());
        int at = 0;
        while (at + 4 <= list.length) {
            int length = b.getShort(at) & 0xffff;
            if (length < 4 || at + length > list.length) {
                break;
            }
            byte[] key = attributes(attributes(list, at + 4, at + length).getOrDefault(1, new byte[0]), 0).get(1);
            if (key != null) {
                out.add(value(key, type));
            }
            at += (length + 3) & ~3;
        }
        return out;
    }

    private static Map<Integer, byte[]> attributes(byte[] nested, int from) {
        return attributes(nested, from, nested.length);
    }

    private static String value(byte[] key, String type) {
        try {
            switch (type == null ? "" : type) {
                case "ipv4_addr", "ipv6_addr":
                    return LinkFormat.inet6OrInet4(InetAddress.getByAddress(key));
                case "ether_addr":
                    return HexFormat.ofDelimiter(":").formatHex(key);
                case "inet_service":
                    return Integer.toString(((key[0] & 0xff) << 8) | (key[1] & 0xff));
                default:
                    long v = 0;
                    for (int i = key.length - 1; i >= 0; i--) {
                        v = v << 8 | (key[i] & 0xff); // host order, as nft's integer types
                    }
                    return Long.toString(v);
            }
        } catch (UnknownHostException e) {
            return HexFormat.of().formatHex(key);
        }
    }

    private static String hook(String family, long hook) {
        String[] names = switch (family) {
            case "arp" -> new String[] {"input", "output", "forward"};
            case "netdev" -> new String[] {"ingress", "egress"};
            default -> new String[] {"prerouting", "input", "forward", "output", "postrouting", "ingress"};
        };
        return hook >= 0 && hook < names.length ? names[(int) hook] : Long.toString(hook);
    }

    private static void chain(JsonGenerator g, Message m, String family) throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("chain");
        g.writeStringField("family", family);
        g.writeStringField("table", m.string(1));
        g.writeStringField("name", m.string(3));
        g.writeNumberField("handle", m.be(2, 0));
        byte[] hook = m.attributes().get(4);
        if (hook != null) {
            Map<Integer, byte[]> h = attributes(hook, 0);
            Message hm = new Message(0, 0, h);
            g.writeStringField("type", m.string(7));
            g.writeStringField("hook", hook(family, hm.be(1, -1)));
            if (h.containsKey(3)) {
                g.writeStringField("dev", hm.string(3));
            }
            g.writeNumberField("prio", (int) hm.be(2, 0));
            g.writeStringField("policy", m.be(5, 1) == 0 ? "drop" : "accept");
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    /** Maps, lists, strings, numbers and nulls as JSON (the generator may have no object codec). */
    private static void plain(JsonGenerator g, Object v) throws IOException {
        if (v instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                plain(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object o : list) {
                plain(g, o);
            }
            g.writeEndArray();
        } else if (v instanceof Number n) {
            g.writeNumber(n.longValue());
        } else if (v == null) {
            g.writeNull();
        } else {
            g.writeString(v.toString());
        }
    }

    private static void rule(JsonGenerator g, Message m, String family) throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("rule");
        g.writeStringField("family", family);
        g.writeStringField("table", m.string(1));
        g.writeStringField("chain", m.string(2));
        g.writeNumberField("handle", m.be(3, 0));
        byte[] expressions = m.attributes().get(4);
        List<Object> expr = expressions == null ? null : NftExpr.decompile(family, expressions);
        if (expr != null) {
            g.writeFieldName("expr");
            plain(g, expr);
        }
        g.writeArrayFieldStart("netlink_expr");
        if (expressions != null) {
            ByteBuffer b = ByteBuffer.wrap(expressions).order(ByteOrder.nativeOrder());
            int at = 0;
            while (at + 4 <= expressions.length) {
                int length = b.getShort(at) & 0xffff;
                if (length < 4 || at + length > expressions.length) {
                    break;
                }
                Message e = new Message(0, 0, attributes(expressions, at + 4, at + length));
                g.writeStartObject();
                byte[] data = e.attributes().get(2);
                g.writeStringField(String.valueOf(e.string(1)), data == null ? "" : HexFormat.of().formatHex(data));
                g.writeEndObject();
                at += (length + 3) & ~3;
            }
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
    }
}
