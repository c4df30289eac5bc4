package org.linuxfpsync.fpm.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A legacy x_tables table (NF_TABLE_ADD FORMAT 1: the replace structure and its entries, host byte
 * order) written as {@code iptables-legacy-save}, {@code ip6tables-legacy-save} and
 * {@code ebtables-legacy-save} write it, without counters: {@code *table}, a {@code :chain policy}
 * line per chain (base chains in hook order, user chains by name), an {@code -A} line per rule, and
 * {@code COMMIT}. Written as iptables writes them: addresses, interfaces, protocol, fragments, the
 * {@code tcp} and {@code udp} matches, verdicts, jumps and gotos, {@code MASQUERADE} without options;
 * any other match or target as {@code -m name} / {@code -j name} followed by {@code #<hex of its data>},
 * which no save of the kernel's has, so that a diff points at it (docs/netfilter-sync.md).
 */
final class XtablesSave {
    private static final String[] INET_HOOKS = {"PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"};
    private static final String[] BRIDGE_HOOKS = {"PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING",
        "BROUTING"};
    private static final Map<Integer, String> PROTOCOLS = Map.of(6, "tcp", 17, "udp", 1, "icmp", 58, "icmpv6",
            132, "sctp", 136, "udplite", 50, "esp", 51, "ah", 135, "mh");
    private static final Map<Integer, String> ETHERTYPES = Map.of(0x0800, "IPv4", 0x0806, "ARP", 0x86dd, "IPv6",
            0x8100, "802_1Q", 0x8035, "RARP");

    private XtablesSave() {
    }

    /** The lines, or a single {@code # ...} line saying why the blob cannot be read. */
    static List<String> lines(int family, byte[] blob) {
        try {
            return family == 7 ? bridge(blob) : ip(family, blob);
        } catch (RuntimeException e) {
            return List.of("# not an x_tables blob of family " + family + ": " + e);
        }
    }

    private static String cString(byte[] b, int at, int max) {
        int end = at;
        while (end < at + max && end < b.length && b[end] != 0) {
            end++;
        }
        return new String(b, at, end - at, StandardCharsets.ISO_8859_1);
    }

    // iptables, ip6tables --------------------------------------------------------------------------------

    private record Chain(String name, int first, String policy, List<String> rules) {
    }

    private static List<String> ip(int family, byte[] blob) {
        boolean v4 = family == 2;
        int entrySize = v4 ? 112 : 168;
        int targetOffsetAt = v4 ? 88 : 140;
        ByteBuffer b = ByteBuffer.wrap(blob).order(ByteOrder.nativeOrder());
        String table = cString(blob, 0, 32);
        int validHooks = b.getInt(32);
        int size = b.getInt(40);
        int base = 96;
        // chains: base chains start at hook_entry; user chains at the entry after their ERROR head
        Map<Integer, Chain> byStart = new TreeMap<>();
        Map<Integer, Integer> underflows = new TreeMap<>();
        List<Chain> baseChains = new ArrayList<>();
        for (int hook = 0; hook < 5; hook++) {
            if ((validHooks & (1 << hook)) != 0) {
                Chain c = new Chain(INET_HOOKS[hook], b.getInt(44 + 4 * hook), null, new ArrayList<>());
                baseChains.add(c);
                byStart.put(c.first(), c);
                underflows.put(b.getInt(64 + 4 * hook), hook);
            }
        }
        Map<String, Chain> userChains = new TreeMap<>();
        // A chain ends with its policy: a base chain's underflow, a user chain's RETURN before the next head.
        java.util.Set<Integer> tails = new java.util.HashSet<>(underflows.keySet());
        int previous = -1;
        for (int o = 0; o < size; ) {
            int at = base + o;
            int targetOffset = b.getShort(at + targetOffsetAt) & 0xffff;
            int next = b.getShort(at + targetOffsetAt + 2) & 0xffff;
            if (cString(blob, at + targetOffset + 2, 29).equals("ERROR")) {
                if (previous >= 0) {
                    tails.add(previous);
                }
                if (o + next < size) {
                    String name = cString(blob, at + targetOffset + 32, 30);
                    Chain c = new Chain(name, o + next, "-", new ArrayList<>());
                    userChains.put(name, c);
                    byStart.put(c.first(), c);
                }
            }
            if (next == 0) {
                break;
            }
            previous = o;
            o += next;
        }
        Map<String, String> policies = new TreeMap<>();
        Chain current = null;
        for (int o = 0; o < size; ) {
            int at = base + o;
            int targetOffset = b.getShort(at + targetOffsetAt) & 0xffff;
            int next = b.getShort(at + targetOffsetAt + 2) & 0xffff;
            if (next == 0) {
                break;
            }
            if (byStart.containsKey(o)) {
                current = byStart.get(o);
            }
            String target = cString(blob, at + targetOffset + 2, 29);
            if (underflows.containsKey(o) && current != null) {
                policies.put(current.name(), verdict(b.getInt(at + targetOffset + 32)));
            } else if (!target.equals("ERROR") && !tails.contains(o) && current != null) {
                current.rules().add(rule(v4, blob, b, at, o, entrySize, targetOffset, next, byStart));
            }
            o += next;
        }
        List<String> lines = new ArrayList<>();
        lines.add("*" + table);
        for (Chain c : baseChains) {
            lines.add(":" + c.name() + " " + policies.getOrDefault(c.name(), "ACCEPT"));
        }
        for (Chain c : userChains.values()) {
            lines.add(":" + c.name() + " -");
        }
        for (Chain c : baseChains) {
            c.rules().forEach(r -> lines.add("-A " + c.name() + r));
        }
        for (Chain c : userChains.values()) {
            c.rules().forEach(r -> lines.add("-A " + c.name() + r));
        }
        lines.add("COMMIT");
        return lines;
    }

    private static String verdict(int v) {
        return switch (v) {
            case -1 -> "DROP";
            case -2 -> "ACCEPT";
            case -4 -> "QUEUE";
            case -5 -> "RETURN";
            default -> Integer.toString(v);
        };
    }

    private static String rule(boolean v4, byte[] blob, ByteBuffer b, int at, int offset, int entrySize,
                               int targetOffset, int next, Map<Integer, Chain> byStart) {
        StringBuilder s = new StringBuilder();
        int flags = blob[at + (v4 ? 82 : 131)] & 0xff;
        int inv = blob[at + (v4 ? 83 : 132)] & 0xff;
        int addressLength = v4 ? 4 : 16;
        address(s, blob, at, at + 2 * addressLength, addressLength, "-s", (inv & 0x08) != 0);
        address(s, blob, at + addressLength, at + 3 * addressLength, addressLength, "-d", (inv & 0x10) != 0);
        int ifAt = v4 ? 16 : 64;
        iface(s, blob, at + ifAt, "-i", (inv & 0x01) != 0);
        iface(s, blob, at + ifAt + 16, "-o", (inv & 0x02) != 0);
        int proto = b.getShort(at + (v4 ? 80 : 128)) & 0xffff;
        if (proto != 0) {
            s.append((inv & 0x40) != 0 ? " ! -p " : " -p ").append(PROTOCOLS.getOrDefault(proto,
                    Integer.toString(proto)));
        }
        if (v4 && (flags & 0x01) != 0) {
            s.append((inv & 0x20) != 0 ? " ! -f" : " -f");
        }
        for (int m = entrySize; m < targetOffset; ) {
            int size = b.getShort(at + m) & 0xffff;
            if (size == 0) {
                break;
            }
            String name = cString(blob, at + m + 2, 29);
            s.append(" -m ").append(name).append(match(name, b, at + m + 32, size - 32));
            m += size;
        }
        String target = cString(blob, at + targetOffset + 2, 29);
        int targetSize = b.getShort(at + targetOffset) & 0xffff;
        boolean gotoFlag = (flags & (v4 ? 0x02 : 0x04)) != 0;
        if (target.isEmpty()) {
            int v = b.getInt(at + targetOffset + 32);
            if (v >= 0) {
                Chain c = byStart.get(v);
                if (v != offset + next && c != null) {
                    s.append(gotoFlag ? " -g " : " -j ").append(c.name());
                }
            } else {
                s.append(" -j ").append(verdict(v));
            }
        } else {
            s.append(" -j ").append(target).append(target(target, v4, b, at + targetOffset + 32, targetSize - 32));
        }
        return s.toString();
    }

    private static void address(StringBuilder s, byte[] blob, int at, int maskAt, int length, String option,
                                boolean invert) {
        boolean any = true;
        for (int i = 0; i < length; i++) {
            any &= blob[maskAt + i] == 0 && blob[at + i] == 0;
        }
        if (any) {
            return;
        }
        try {
            byte[] a = java.util.Arrays.copyOfRange(blob, at, at + length);
            int prefix = 0;
            boolean contiguous = true;
            for (int i = 0; i < length * 8; i++) {
                boolean bit = (blob[maskAt + i / 8] & (0x80 >> (i % 8))) != 0;
                if (bit && prefix == i) {
                    prefix++;
                } else if (bit) {
                    contiguous = false;
                }
            }
            String mask = contiguous ? Integer.toString(prefix) : LinkFormat.inet6OrInet4(
                    java.net.InetAddress.getByAddress(java.util.Arrays.copyOfRange(blob, maskAt, maskAt + length)));
            String address = LinkFormat.inet6OrInet4(java.net.InetAddress.getByAddress(a));
            s.append(invert ? " ! " : " ").append(option).append(' ').append(address).append('/').append(mask);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The kernel keeps the name as given, a wildcard's {@code +} included (its mask stops before it). */
    private static void iface(StringBuilder s, byte[] blob, int at, String option, boolean invert) {
        String name = cString(blob, at, 16);
        if (!name.isEmpty()) {
            s.append(invert ? " ! " : " ").append(option).append(' ').append(name);
        }
    }

    private static String match(String name, ByteBuffer b, int at, int size) {
        if (name.equals("tcp") || name.equals("udp")) {
            StringBuilder s = new StringBuilder();
            int inv = b.get(at + (name.equals("tcp") ? 11 : 8)) & 0xff;
            ports(s, b, at, "--sport", (inv & 0x01) != 0);
            ports(s, b, at + 4, "--dport", (inv & 0x02) != 0);
            if (name.equals("tcp") && (b.get(at + 9) != 0 || b.get(at + 8) != 0)) {
                s.append(" #").append(HexFormat.of().formatHex(bytes(b, at + 8, 3)));
            }
            return s.toString();
        }
        return size > 0 ? " #" + HexFormat.of().formatHex(bytes(b, at, size)) : "";
    }

    private static void ports(StringBuilder s, ByteBuffer b, int at, String option, boolean invert) {
        int from = b.getShort(at) & 0xffff;
        int to = b.getShort(at + 2) & 0xffff;
        if (from == 0 && to == 0xffff) {
            return;
        }
        s.append(invert ? " ! " : " ").append(option).append(' ').append(from);
        if (to != from) {
            s.append(':').append(to);
        }
    }

    private static String target(String name, boolean v4, ByteBuffer b, int at, int size) {
        if (name.equals("MASQUERADE") && size >= 4 && b.getInt(at + (v4 ? 4 : 0)) == 0) {
            return ""; // no --to-ports, no --random
        }
        return size > 0 ? " #" + HexFormat.of().formatHex(bytes(b, at, size)) : "";
    }

    private static byte[] bytes(ByteBuffer b, int at, int length) {
        byte[] out = new byte[Math.max(0, Math.min(length, b.limit() - at))];
        b.get(at, out);
        return out;
    }

    // ebtables --------------------------------------------------------------------------------------------

    private static List<String> bridge(byte[] blob) {
        ByteBuffer b = ByteBuffer.wrap(blob).order(ByteOrder.nativeOrder());
        String table = cString(blob, 0, 32);
        int validHooks = b.getInt(32);
        int size = b.getInt(40);
        int base = 120;
        Map<Integer, String> chainAt = new TreeMap<>();
        List<String> heads = new ArrayList<>();
        List<String> rules = new ArrayList<>();
        int hook = 0;
        for (int o = 0; o < size; ) {
            int at = base + o;
            if ((b.getInt(at) & 1) == 0) {
                while (hook < 6 && (validHooks & (1 << hook)) == 0) {
                    hook++;
                }
                String name = cString(blob, at + 4, 32);
                chainAt.put(o, name);
                o += 48;
                continue;
            }
            o += ebtNext(b, at);
        }
        String chain = null;
        for (int o = 0; o < size; ) {
            int at = base + o;
            if ((b.getInt(at) & 1) == 0) {
                chain = chainAt.get(o);
                int policy = b.getInt(at + 40);
                heads.add(":" + chain + " " + ebtVerdict(policy, chainAt));
                o += 48;
                continue;
            }
            rules.add("-A " + chain + ebtRule(blob, b, at, chainAt));
            o += ebtNext(b, at);
        }
        List<String> lines = new ArrayList<>();
        lines.add("*" + table);
        lines.addAll(heads);
        lines.addAll(rules);
        lines.add("COMMIT");
        return lines;
    }

    /** A rule's next_offset; a blob whose walk would not move forward is not a table (the FPM never loops). */
    private static int ebtNext(ByteBuffer b, int at) {
        int next = b.getInt(at + 108);
        if (next < 112) {
            throw new IllegalStateException("ebt_entry next_offset " + next);
        }
        return next;
    }

    private static String ebtVerdict(int v, Map<Integer, String> chainAt) {
        return switch (v) {
            case -1 -> "ACCEPT";
            case -2 -> "DROP";
            case -3 -> "CONTINUE";
            case -4 -> "RETURN";
            default -> chainAt.getOrDefault(v, Integer.toString(v));
        };
    }

    private static String ebtRule(byte[] blob, ByteBuffer b, int at, Map<Integer, String> chainAt) {
        StringBuilder s = new StringBuilder();
        int bitmask = b.getInt(at);
        int inv = b.getInt(at + 4);
        if ((bitmask & 0x04) != 0) {
            s.append((inv & 0x01) != 0 ? " ! -p " : " -p ").append("Length");
        } else if ((bitmask & 0x02) == 0) {
            int proto = ((blob[at + 8] & 0xff) << 8) | (blob[at + 9] & 0xff);
            s.append((inv & 0x01) != 0 ? " ! -p " : " -p ").append(ETHERTYPES.getOrDefault(proto,
                    String.format("0x%04x", proto)));
        }
        ebtIface(s, blob, at + 10, "-i", (inv & 0x02) != 0);
        ebtIface(s, blob, at + 26, "--logical-in", (inv & 0x20) != 0);
        ebtIface(s, blob, at + 42, "-o", (inv & 0x04) != 0);
        ebtIface(s, blob, at + 58, "--logical-out", (inv & 0x40) != 0);
        if ((bitmask & 0x08) != 0) {
            mac(s, blob, at + 74, "-s", (inv & 0x08) != 0);
        }
        if ((bitmask & 0x10) != 0) {
            mac(s, blob, at + 86, "-d", (inv & 0x10) != 0);
        }
        int watchers = b.getInt(at + 100);
        int target = b.getInt(at + 104);
        for (int m = 112; m < target; ) {
            int dataSize = b.getInt(at + m + 32);
            if (dataSize < 0) {
                throw new IllegalStateException("ebtables extension of size " + dataSize);
            }
            String name = cString(blob, at + m, 31);
            s.append(m < watchers ? " --" + name : " --watcher " + name);
            if (dataSize > 0) {
                s.append(" #").append(HexFormat.of().formatHex(bytes(b, at + m + 40, dataSize)));
            }
            m += 40 + dataSize;
        }
        String name = cString(blob, at + target, 31);
        if (name.equals("standard")) {
            s.append(" -j ").append(ebtVerdict(b.getInt(at + target + 40), chainAt));
        } else {
            int dataSize = b.getInt(at + target + 32);
            s.append(" -j ").append(name);
            if (dataSize > 0 && dataSize < blob.length) {
                s.append(" #").append(HexFormat.of().formatHex(bytes(b, at + target + 40, dataSize)));
            }
        }
        return s.toString();
    }

    private static void ebtIface(StringBuilder s, byte[] blob, int at, String option, boolean invert) {
        String name = cString(blob, at, 16);
        if (!name.isEmpty()) {
            s.append(invert ? " ! " : " ").append(option).append(' ').append(name);
        }
    }

    private static void mac(StringBuilder s, byte[] blob, int at, String option, boolean invert) {
        StringBuilder m = new StringBuilder();
        boolean full = true;
        for (int i = 0; i < 6; i++) {
            m.append(i == 0 ? "" : ":").append(String.format("%x", blob[at + i] & 0xff));
            full &= blob[at + 6 + i] == (byte) 0xff;
        }
        if (!full) {
            m.append('/');
            for (int i = 0; i < 6; i++) {
                m.append(i == 0 ? "" : ":").append(String.format("%x", blob[at + 6 + i] & 0xff));
            }
        }
        s.append(invert ? " ! " : " ").append(option).append(' ').append(m);
    }
}
