package org.linuxfpsync.fpm.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A rule's kernel expressions decompiled as {@code nft -j list ruleset} writes the common ones, so that
 * a rule made of them diffs plainly with the kernel: {@code meta} (iifname, oifname, l4proto, nfproto,
 * mark) and {@code payload} (ether type and addresses, ip protocol and addresses with prefixes, ip6
 * nexthdr and addresses, tcp and udp ports) compared by {@code cmp} or looked up in a named set,
 * {@code ct state} (a {@code ct} load masked by {@code bitwise}, compared with 0), {@code immediate}
 * verdicts, {@code counter}, {@code masq}, {@code nat} (snat, dnat to an address and a port). As nft
 * does, the dependency a match implies ({@code meta l4proto tcp} before {@code tcp dport}, {@code meta
 * nfproto ipv4} before {@code ip saddr} in an inet table) is not written, and a load of two adjacent
 * ports or addresses is written as two matches. A rule with any other expression is not decompiled
 * ({@link #decompile} returns null): its {@code netlink_expr} says it all, and guessing at nft's form
 * of the rest would be a second, diverging copy of nft.
 */
final class NftExpr {
    private static final int META_IIFNAME = 6;
    private static final int META_OIFNAME = 7;
    private static final int META_MARK = 3;
    private static final int META_NFPROTO = 15;
    private static final int META_L4PROTO = 16;
    private static final Map<Integer, String> META_KEYS = Map.of(META_IIFNAME, "iifname", META_OIFNAME, "oifname",
            META_MARK, "mark", META_NFPROTO, "nfproto", META_L4PROTO, "l4proto");
    private static final Map<Integer, String> PROTOCOLS = Map.of(6, "tcp", 17, "udp", 1, "icmp", 58, "ipv6-icmp",
            132, "sctp", 50, "esp", 51, "ah");
    private static final Map<Integer, String> ETHER_TYPES = Map.of(0x0800, "ip", 0x0806, "arp", 0x86dd, "ip6",
            0x8100, "vlan");
    private static final String[] OPS = {"==", "!=", "<", "<=", ">", ">="};

    /** A payload field: its protocol, name, offset and length in bytes, and how its value is written. */
    private record Field(String protocol, String name, int offset, int length, Kind kind) {
    }

    private enum Kind { NUMBER, ADDRESS, ETHER, PROTOCOL, ETHER_TYPE }

    private static final List<Field> FIELDS = List.of(
            new Field("ether", "daddr", 0, 6, Kind.ETHER), new Field("ether", "saddr", 6, 6, Kind.ETHER),
            new Field("ether", "type", 12, 2, Kind.ETHER_TYPE),
            new Field("ip", "protocol", 9, 1, Kind.PROTOCOL), new Field("ip", "saddr", 12, 4, Kind.ADDRESS),
            new Field("ip", "daddr", 16, 4, Kind.ADDRESS),
            new Field("ip6", "nexthdr", 6, 1, Kind.PROTOCOL), new Field("ip6", "saddr", 8, 16, Kind.ADDRESS),
            new Field("ip6", "daddr", 24, 16, Kind.ADDRESS),
            new Field("tcp", "sport", 0, 2, Kind.NUMBER), new Field("tcp", "dport", 2, 2, Kind.NUMBER),
            new Field("udp", "sport", 0, 2, Kind.NUMBER), new Field("udp", "dport", 2, 2, Kind.NUMBER));

    /** What a register holds: a meta key, a payload load (base, offset, length), or ct state bits masked. */
    private record Load(int metaKey, int base, int offset, int length, long ctStateMask) {
        Load(int metaKey, int base, int offset, int length) {
            this(metaKey, base, offset, length, -1);
        }
    }

    /** ct state bits (NF_CT_STATE_*_BIT), as nft names them, in its order. */
    private static final long[] CT_STATE_BITS = {1, 2, 4, 8, 64};
    private static final String[] CT_STATE_NAMES = {"invalid", "established", "related", "new", "untracked"};
    private static final int CT_STATE = 0;

    /** One decompiled element; a match of a dependency is dropped once the payload it protects follows. */
    private record Element(Object json, int dependencyOf) {
    }

    private NftExpr() {
    }

    /**
     * @param family      nft's family name of the table: {@code ip}, {@code ip6}, {@code inet}, {@code bridge}...
     * @param expressions the rule's NFTA_RULE_EXPRESSIONS, host byte order
     * @return nft's {@code expr} array as plain objects (maps, lists, strings, numbers), or null
     */
    static List<Object> decompile(String family, byte[] expressions) {
        try {
            return decompileOrThrow(family, expressions);
        } catch (RuntimeException | UnknownHostException e) {
            return null;
        }
    }

    private static List<Object> decompileOrThrow(String family, byte[] expressions) throws UnknownHostException {
        Map<Integer, Load> registers = new HashMap<>();
        Map<Integer, byte[]> immediates = new HashMap<>();
        List<Element> out = new ArrayList<>();
        String network = family.equals("ip") || family.equals("ip6") ? family : null;
        String transport = null;
        for (Map<Integer, byte[]> e : list(expressions)) {
            String name = string(e.get(1));
            Map<Integer, byte[]> d = e.containsKey(2) ? attributes(e.get(2)) : Map.of();
            switch (name) {
                case "meta" -> {
                    if (!d.containsKey(1)) {
                        return null; // a meta set
                    }
                    registers.put(be32(d.get(1)), new Load(be32(d.get(2)), -1, 0, 0));
                }
                case "ct" -> {
                    if (!d.containsKey(1) || be32(d.get(2)) != CT_STATE || d.containsKey(3)) {
                        return null; // a ct set, another key, a direction
                    }
                    registers.put(be32(d.get(1)), new Load(-1, -1, 0, 0, 0));
                }
                case "bitwise" -> {
                    // ct state a,b: (reg & mask) ^ 0, then != 0
                    Load in = registers.get(be32(d.get(1)));
                    byte[] mask = attributes(d.get(4)).get(1);
                    byte[] xor = attributes(d.get(5)).get(1);
                    if (in == null || in.ctStateMask() != 0 || mask.length != 4 || unsignedBe(xor) != 0
                            || (d.containsKey(6) && be32(d.get(6)) != 0)) {
                        return null;
                    }
                    long bits = ByteBuffer.wrap(mask).order(ByteOrder.nativeOrder()).getInt() & 0xffffffffL;
                    registers.put(be32(d.get(2)), new Load(-1, -1, 0, 0, bits));
                }
                case "payload" -> {
                    if (!d.containsKey(1)) {
                        return null; // a payload write
                    }
                    registers.put(be32(d.get(1)), new Load(-1, be32(d.get(2)), be32(d.get(3)), be32(d.get(4))));
                }
                case "cmp", "lookup" -> {
                    Load load = registers.get(be32(d.get(name.equals("cmp") ? 1 : 2)));
                    if (load == null) {
                        return null;
                    }
                    Object right;
                    String op;
                    byte[] value = null;
                    if (name.equals("cmp")) {
                        int code = be32(d.get(2));
                        if (code < 0 || code >= OPS.length) {
                            return null;
                        }
                        op = OPS[code];
                        value = attributes(d.get(3)).get(1);
                        right = null;
                    } else {
                        op = d.containsKey(5) && (be32(d.get(5)) & 1) != 0 ? "!=" : "==";
                        right = "@" + string(d.get(1));
                    }
                    if (load.ctStateMask() >= 0) {
                        if (load.ctStateMask() == 0 || !op.equals("!=") || value == null || unsignedBe(value) != 0) {
                            return null;
                        }
                        out.add(new Element(match("in", Map.of("ct", Map.of("key", "state")),
                                ctStates(load.ctStateMask())), -1));
                    } else if (load.metaKey() >= 0) {
                        String key = META_KEYS.get(load.metaKey());
                        if (key == null) {
                            return null;
                        }
                        Object v = right != null ? right : metaValue(load.metaKey(), value);
                        int dependency = -1;
                        if (load.metaKey() == META_L4PROTO && value != null && op.equals("==")) {
                            transport = PROTOCOLS.get(value[0] & 0xff);
                            dependency = 2;
                        } else if (load.metaKey() == META_NFPROTO && value != null && op.equals("==")) {
                            network = (value[0] & 0xff) == 2 ? "ip" : (value[0] & 0xff) == 10 ? "ip6" : null;
                            dependency = 1;
                        }
                        out.add(new Element(match(op, Map.of("meta", Map.of("key", key)), v), dependency));
                    } else {
                        String protocol = switch (load.base()) {
                            case 0 -> family.equals("bridge") ? "ether" : null;
                            case 1 -> network;
                            case 2 -> transport;
                            default -> null;
                        };
                        if (protocol == null) {
                            return null;
                        }
                        if (!payloadMatches(out, protocol, load, op, value, right)) {
                            return null;
                        }
                        if (load.base() == 1 && protocol.equals("ip") && load.offset() == 9 && value != null) {
                            transport = PROTOCOLS.get(value[0] & 0xff);
                        }
                        dropDependency(out, load.base());
                    }
                }
                case "immediate" -> {
                    int register = be32(d.get(1));
                    Map<Integer, byte[]> data = attributes(d.get(2));
                    if (register != 0) {
                        immediates.put(register, data.get(1));
                        continue;
                    }
                    Map<Integer, byte[]> verdict = attributes(data.get(2));
                    int code = be32(verdict.get(1));
                    String chain = verdict.containsKey(2) ? string(verdict.get(2)) : null;
                    out.add(new Element(switch (code) {
                        case 0 -> single("drop", null);
                        case 1 -> single("accept", null);
                        case -1 -> single("continue", null);
                        case -3 -> single("jump", Map.of("target", chain));
                        case -4 -> single("goto", Map.of("target", chain));
                        case -5 -> single("return", null);
                        default -> throw new IllegalArgumentException("verdict " + code);
                    }, -1));
                }
                case "counter" -> {
                    Map<String, Object> c = new java.util.LinkedHashMap<>();
                    c.put("packets", be64(d.get(2)));
                    c.put("bytes", be64(d.get(1)));
                    out.add(new Element(single("counter", c), -1));
                }
                case "masq" -> {
                    if (!d.isEmpty()) {
                        return null; // flags or ports
                    }
                    out.add(new Element(single("masquerade", null), -1));
                }
                case "nat" -> {
                    if (family.equals("inet")) {
                        return null; // nft then writes the address family too
                    }
                    out.add(new Element(nat(d, immediates), -1));
                }
                default -> {
                    return null;
                }
            }
        }
        List<Object> expr = new ArrayList<>();
        out.forEach(e -> expr.add(e.json()));
        return expr;
    }

    /** One state by its name, several as a list (nft's form), in nft's order; null for an unknown bit. */
    private static Object ctStates(long mask) {
        List<Object> names = new ArrayList<>();
        long known = 0;
        for (int i = 0; i < CT_STATE_BITS.length; i++) {
            if ((mask & CT_STATE_BITS[i]) != 0) {
                names.add(CT_STATE_NAMES[i]);
                known |= CT_STATE_BITS[i];
            }
        }
        if (known != mask) {
            throw new IllegalArgumentException("ct state bits 0x" + Long.toHexString(mask));
        }
        return names.size() == 1 ? names.get(0) : names;
    }

    /** The load of base {@code base} follows: the meta match it depends on is nft's implicit dependency. */
    private static void dropDependency(List<Element> out, int base) {
        for (int i = out.size() - 1; i >= 0; i--) {
            if (out.get(i).dependencyOf() == base) {
                out.remove(i);
                return;
            }
        }
    }

    /** One match per field the load covers (nft merges adjacent ports, or addresses, into one load). */
    private static boolean payloadMatches(List<Element> out, String protocol, Load load, String op, byte[] value,
                                          Object set) throws UnknownHostException {
        int offset = load.offset();
        int end = load.offset() + load.length();
        List<Element> matches = new ArrayList<>();
        while (offset < end) {
            Field f = field(protocol, offset);
            if (f == null) {
                return false;
            }
            int length = Math.min(f.length(), end - offset);
            if (length < f.length() && (f.kind() != Kind.ADDRESS || offset + length != end)) {
                return false;
            }
            Object right = set;
            if (right == null) {
                byte[] part = java.util.Arrays.copyOfRange(value, offset - load.offset(), offset - load.offset()
                        + length);
                right = length < f.length() ? prefix(part, f.length()) : value(f.kind(), part);
            } else if (load.length() != f.length()) {
                return false;
            }
            if (matches.size() > 0 && !op.equals("==")) {
                return false; // != over two fields is not two !=
            }
            matches.add(new Element(match(op, Map.of("payload", Map.of("protocol", protocol, "field", f.name())),
                    right), -1));
            offset += length;
        }
        out.addAll(matches);
        return true;
    }

    private static Field field(String protocol, int offset) {
        for (Field f : FIELDS) {
            if (f.protocol().equals(protocol) && f.offset() == offset) {
                return f;
            }
        }
        return null;
    }

    private static Object prefix(byte[] part, int fieldLength) throws UnknownHostException {
        byte[] address = java.util.Arrays.copyOf(part, fieldLength);
        return Map.of("prefix", ordered("addr", LinkFormat.inet6OrInet4(InetAddress.getByAddress(address)), "len",
                part.length * 8));
    }

    private static Object value(Kind kind, byte[] v) throws UnknownHostException {
        return switch (kind) {
            case NUMBER -> (long) unsignedBe(v);
            case ADDRESS -> LinkFormat.inet6OrInet4(InetAddress.getByAddress(v));
            case ETHER -> java.util.HexFormat.ofDelimiter(":").formatHex(v);
            case PROTOCOL -> protocol(v[0]);
            case ETHER_TYPE -> ETHER_TYPES.containsKey((int) unsignedBe(v)) ? ETHER_TYPES.get((int) unsignedBe(v))
                    : (Object) unsignedBe(v);
        };
    }

    private static Object metaValue(int key, byte[] v) {
        return switch (key) {
            case META_IIFNAME, META_OIFNAME -> {
                int end = 0;
                while (end < v.length && v[end] != 0) {
                    end++;
                }
                yield new String(v, 0, end, StandardCharsets.UTF_8);
            }
            case META_L4PROTO -> protocol(v[0]);
            case META_NFPROTO -> (v[0] & 0xff) == 2 ? "ipv4" : (v[0] & 0xff) == 10 ? "ipv6" : (Object) (long) (v[0]
                    & 0xff);
            default -> ByteBuffer.wrap(java.util.Arrays.copyOf(v, 4)).order(ByteOrder.nativeOrder()).getInt()
                    & 0xffffffffL; // mark: host order
        };
    }

    /** An IP protocol by nft's name, or its number. */
    private static Object protocol(byte b) {
        String name = PROTOCOLS.get(b & 0xff);
        return name != null ? name : (Object) (long) (b & 0xff);
    }

    /** snat or dnat to an address (and a port) loaded by immediates, as nft writes {@code dnat to a:p}. */
    private static Object nat(Map<Integer, byte[]> d, Map<Integer, byte[]> immediates) throws UnknownHostException {
        int type = be32(d.get(1));
        if ((type != 0 && type != 1) || !d.containsKey(3) || (d.containsKey(4) && be32(d.get(4)) != be32(d.get(3)))
                || (d.containsKey(6) && be32(d.get(6)) != be32(d.get(5)))) {
            throw new IllegalArgumentException("nat beyond an address and a port");
        }
        Map<String, Object> to = new java.util.LinkedHashMap<>();
        to.put("addr", LinkFormat.inet6OrInet4(InetAddress.getByAddress(immediates.get(be32(d.get(3))))));
        if (d.containsKey(5)) {
            to.put("port", unsignedBe(java.util.Arrays.copyOf(immediates.get(be32(d.get(5))), 2)));
        }
        return single(type == 0 ? "snat" : "dnat", to);
    }

    private static Map<String, Object> match(String op, Object left, Object right) {
        return single("match", ordered("op", op, "left", left, "right", right));
    }

    private static Map<String, Object> single(String key, Object value) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put(key, value);
        return m;
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private static long unsignedBe(byte[] v) {
        long n = 0;
        for (byte b : v) {
            n = n << 8 | (b & 0xff);
        }
        return n;
    }

    private static int be32(byte[] v) {
        return ByteBuffer.wrap(v).getInt();
    }

    private static long be64(byte[] v) {
        return v == null ? 0 : ByteBuffer.wrap(v).getLong();
    }

    private static String string(byte[] v) {
        int end = 0;
        while (end < v.length && v[end] != 0) {
            end++;
        }
        return new String(v, 0, end, StandardCharsets.UTF_8);
    }

    /** The NFTA_LIST_ELEM of a list, each as its attributes. */
    private static List<Map<Integer, byte[]>> list(byte[] nested) {
        List<Map<Integer, byte[]>> out = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(nested).order(ByteOrder.nativeOrder());
        int at = 0;
        while (at + 4 <= nested.length) {
            int length = b.getShort(at) & 0xffff;
            if (length < 4 || at + length > nested.length) {
                throw new IllegalArgumentException("attribute of " + length + " bytes");
            }
            out.add(attributes(java.util.Arrays.copyOfRange(nested, at + 4, at + length)));
            at += (length + 3) & ~3;
        }
        if (at < nested.length) {
            throw new IllegalArgumentException((nested.length - at) + " bytes after the last expression");
        }
        return out;
    }

    private static Map<Integer, byte[]> attributes(byte[] nested) {
        Map<Integer, byte[]> map = new HashMap<>();
        ByteBuffer b = ByteBuffer.wrap(nested).order(ByteOrder.nativeOrder());
        int at = 0;
        while (at + 4 <= nested.length) {
            int length = b.getShort(at) & 0xffff;
            if (length < 4 || at + length > nested.length) {
                throw new IllegalArgumentException("attribute of " + length + " bytes");
            }
            map.putIfAbsent(b.getShort(at + 2) & 0x3fff, java.util.Arrays.copyOfRange(nested, at + 4, at + length));
            at += (length + 3) & ~3;
        }
        return map;
    }
}
