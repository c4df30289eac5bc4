package org.linuxfpsync.netlink.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the getsockopt replies of a legacy table as the kernel writes them (host byte order, the
 * layouts of ip_tables.h, ip6_tables.h, x_tables.h and ebtables.h, 64-bit): for IPv4 and IPv6 the
 * {@code ipt_getinfo} then the {@code ipt_get_entries} with the entries, laid out as libiptc makes a
 * table (each base chain's rules then its policy entry, each user chain an ERROR head, its rules and a
 * RETURN, a final ERROR entry); for the bridge the {@code ebt_replace} of EBT_SO_GET_INFO then the
 * entries (each chain a {@code struct ebt_entries} then its {@code struct ebt_entry}s). Counters are
 * set to what the test says, to show that they are masked.
 */
public final class UapiXtables {
    public static final int ACCEPT = -2;
    public static final int DROP = -1;
    public static final int RETURN = -5;
    /** ebtables' own verdicts (ebtables.h): not x_tables'. */
    public static final int EBT_ACCEPT = -1;
    public static final int EBT_DROP = -2;
    public static final int EBT_CONTINUE = -3;
    public static final int EBT_RETURN = -4;

    /** A match, watcher or target: its name, revision and data (padded to 8 as XT_ALIGN does). */
    public record Extension(String name, int revision, byte[] data) {
    }

    /** One rule: its fixed part (struct ipt_ip, ip6t_ip6 or the head of ebt_entry), extensions, its target. */
    public record Rule(byte[] fixed, List<Extension> matches, List<Extension> watchers, Extension target,
                       int verdict, String jump) {
        /** A rule whose target is a verdict (ACCEPT, DROP...) or, with {@code jump}, a user chain. */
        public static Rule standard(byte[] fixed, List<Extension> matches, int verdict, String jump) {
            return new Rule(fixed, matches, List.of(), null, verdict, jump);
        }

        public static Rule withTarget(byte[] fixed, List<Extension> matches, Extension target) {
            return new Rule(fixed, matches, List.of(), target, 0, null);
        }
    }

    private record Chain(String name, int hook, int policy, List<Rule> rules) {
    }

    private final int family;
    private final String table;
    private final List<Chain> chains = new ArrayList<>();
    private long packets = 1;

    private UapiXtables(int family, String table) {
        this.family = family;
        this.table = table;
    }

    public static UapiXtables table(int family, String name) {
        return new UapiXtables(family, name);
    }

    /** A base chain at NF_INET_* (or NF_BR_*) hook {@code hook}, with its policy. */
    public UapiXtables base(String name, int hook, int policy, Rule... rules) {
        chains.add(new Chain(name, hook, policy, List.of(rules)));
        return this;
    }

    /** A user chain (its policy: RETURN). */
    public UapiXtables user(String name, Rule... rules) {
        chains.add(new Chain(name, -1, family == Xtables.NFPROTO_BRIDGE ? EBT_RETURN : RETURN, List.of(rules)));
        return this;
    }

    /** The packet count every entry carries (the byte count is 100 times it). */
    public UapiXtables counters(long packetCount) {
        this.packets = packetCount;
        return this;
    }

    /** struct ipt_ip: addresses and masks, interfaces, protocol, flags, inverse flags. */
    public static byte[] ipv4(int src, int srcMask, int dst, int dstMask, String in, String out, int proto, int flags,
                              int invflags) {
        ByteBuffer b = ByteBuffer.allocate(84).order(ByteOrder.nativeOrder());
        b.order(ByteOrder.BIG_ENDIAN).putInt(0, src).putInt(4, dst).putInt(8, srcMask).putInt(12, dstMask);
        b.order(ByteOrder.nativeOrder());
        putInterface(b, 16, 48, in);
        putInterface(b, 32, 64, out);
        b.putShort(80, (short) proto).put(82, (byte) flags).put(83, (byte) invflags);
        return b.array();
    }

    /** struct ip6t_ip6: addresses and masks (16 bytes each), interfaces, protocol, flags, inverse flags. */
    public static byte[] ipv6(byte[] src, byte[] srcMask, String in, String out, int proto, int flags, int invflags) {
        ByteBuffer b = ByteBuffer.allocate(136).order(ByteOrder.nativeOrder());
        b.put(0, src).put(32, srcMask);
        putInterface(b, 64, 96, in);
        putInterface(b, 80, 112, out);
        b.putShort(128, (short) proto).put(131, (byte) flags).put(132, (byte) invflags);
        return b.array();
    }

    /** The head of struct ebt_entry (bitmask set by the builder): invflags, ethproto, interfaces, MACs. */
    public static byte[] bridge(int bitmask, int invflags, int ethproto, String in, String out, byte[] srcMac,
                                byte[] srcMask) {
        ByteBuffer b = ByteBuffer.allocate(100).order(ByteOrder.nativeOrder());
        b.putInt(0, bitmask | Xtables.EBT_ENTRY_OR_ENTRIES).putInt(4, invflags);
        b.order(ByteOrder.BIG_ENDIAN).putShort(8, (short) ethproto).order(ByteOrder.nativeOrder());
        if (in != null) {
            b.put(10, in.getBytes(StandardCharsets.US_ASCII));
        }
        if (out != null) {
            b.put(42, out.getBytes(StandardCharsets.US_ASCII));
        }
        if (srcMac != null) {
            b.put(74, srcMac).put(80, srcMask);
        }
        return b.array();
    }

    private static void putInterface(ByteBuffer b, int at, int maskAt, String name) {
        if (name == null) {
            return;
        }
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        b.put(at, n);
        boolean wildcard = name.endsWith("+");
        int masked = wildcard ? n.length - 1 : n.length + 1;
        for (int i = 0; i < masked; i++) {
            b.put(maskAt + i, (byte) 0xff);
        }
    }

    private static int align8(int n) {
        return (n + 7) & ~7;
    }

    /** The replies the kernel gives for the table. */
    public byte[] replies() {
        return family == Xtables.NFPROTO_BRIDGE ? bridgeReplies() : ipReplies();
    }

    // x_tables -------------------------------------------------------------------------------------------

    private int entrySize() {
        return family == Xtables.NFPROTO_IPV4 ? Xtables.IPT_ENTRY_SIZE : Xtables.IP6T_ENTRY_SIZE;
    }

    private int extensionSize(Extension e) {
        return Xtables.XT_EXTENSION_HEADER + align8(e.data().length);
    }

    private int ruleSize(Rule r) {
        int n = entrySize();
        for (Extension m : r.matches()) {
            n += extensionSize(m);
        }
        return n + (r.target() != null ? extensionSize(r.target()) : Xtables.XT_EXTENSION_HEADER + 8);
    }

    private static final int ERROR_TARGET_SIZE = 64;

    private byte[] ipReplies() {
        int entrySize = entrySize();
        // first pass: offsets
        List<int[]> chainOffsets = new ArrayList<>(); // [head or first rule, first rule, policy]
        int offset = 0;
        int count = 0;
        for (Chain c : chains) {
            int head = offset;
            if (c.hook() < 0) {
                offset += entrySize + ERROR_TARGET_SIZE;
                count++;
            }
            int first = offset;
            for (Rule r : c.rules()) {
                offset += ruleSize(r);
                count++;
            }
            chainOffsets.add(new int[] {head, first, offset});
            offset += entrySize + Xtables.XT_EXTENSION_HEADER + 8;
            count++;
        }
        int size = offset + entrySize + ERROR_TARGET_SIZE;
        count++;
        ByteBuffer info = ByteBuffer.allocate(Xtables.GETINFO_SIZE).order(ByteOrder.nativeOrder());
        info.put(0, table.getBytes(StandardCharsets.US_ASCII));
        ByteBuffer e = ByteBuffer.allocate(Xtables.GET_ENTRIES_HEADER + size).order(ByteOrder.nativeOrder());
        e.put(0, table.getBytes(StandardCharsets.US_ASCII)).putInt(Xtables.GET_ENTRIES_SIZE, size);
        int validHooks = 0;
        int at = Xtables.GET_ENTRIES_HEADER;
        for (int ci = 0; ci < chains.size(); ci++) {
            Chain c = chains.get(ci);
            int[] o = chainOffsets.get(ci);
            if (c.hook() >= 0) {
                validHooks |= 1 << c.hook();
                info.putInt(Xtables.GETINFO_HOOK_ENTRY + 4 * c.hook(), o[1]);
                info.putInt(Xtables.GETINFO_UNDERFLOW + 4 * c.hook(), o[2]);
            } else {
                at = errorEntry(e, at, c.name());
            }
            for (Rule r : c.rules()) {
                int verdict = r.jump() != null ? firstRuleOf(r.jump(), chainOffsets) : r.verdict();
                at = ipEntry(e, at, r.fixed(), r.matches(), r.target(), verdict);
            }
            at = ipEntry(e, at, family == Xtables.NFPROTO_IPV4 ? new byte[84] : new byte[136], List.of(), null,
                    c.policy());
        }
        errorEntry(e, at, "ERROR");
        info.putInt(Xtables.GETINFO_VALID_HOOKS, validHooks).putInt(Xtables.GETINFO_NUM_ENTRIES, count)
                .putInt(Xtables.GETINFO_SIZE_FIELD, size);
        byte[] out = new byte[Xtables.GETINFO_SIZE + e.capacity()];
        System.arraycopy(info.array(), 0, out, 0, Xtables.GETINFO_SIZE);
        System.arraycopy(e.array(), 0, out, Xtables.GETINFO_SIZE, e.capacity());
        return out;
    }

    private int firstRuleOf(String chain, List<int[]> offsets) {
        for (int i = 0; i < chains.size(); i++) {
            if (chains.get(i).name().equals(chain)) {
                return offsets.get(i)[1];
            }
        }
        throw new IllegalArgumentException("no chain " + chain);
    }

    private int ipEntry(ByteBuffer b, int at, byte[] fixed, List<Extension> matches, Extension target, int verdict) {
        int entrySize = entrySize();
        int targetOffsetAt = family == Xtables.NFPROTO_IPV4 ? Xtables.IPT_TARGET_OFFSET : Xtables.IP6T_TARGET_OFFSET;
        int countersAt = family == Xtables.NFPROTO_IPV4 ? Xtables.IPT_COUNTERS : Xtables.IP6T_COUNTERS;
        b.put(at, fixed);
        int m = entrySize;
        for (Extension x : matches) {
            m = extension(b, at, m, x);
        }
        int targetOffset = m;
        int next;
        if (target != null) {
            next = extension(b, at, m, target);
        } else {
            b.putShort(at + m, (short) (Xtables.XT_EXTENSION_HEADER + 8));
            b.putInt(at + m + Xtables.XT_EXTENSION_HEADER, verdict);
            next = m + Xtables.XT_EXTENSION_HEADER + 8;
        }
        b.putShort(at + targetOffsetAt, (short) targetOffset).putShort(at + targetOffsetAt + 2, (short) next);
        b.putLong(at + countersAt, packets).putLong(at + countersAt + 8, packets * 100);
        return at + next;
    }

    private int errorEntry(ByteBuffer b, int at, String name) {
        int entrySize = entrySize();
        int targetOffsetAt = family == Xtables.NFPROTO_IPV4 ? Xtables.IPT_TARGET_OFFSET : Xtables.IP6T_TARGET_OFFSET;
        b.putShort(at + entrySize, (short) ERROR_TARGET_SIZE);
        b.put(at + entrySize + 2, "ERROR".getBytes(StandardCharsets.US_ASCII));
        b.put(at + entrySize + Xtables.XT_EXTENSION_HEADER, name.getBytes(StandardCharsets.US_ASCII));
        b.putShort(at + targetOffsetAt, (short) entrySize).putShort(at + targetOffsetAt + 2,
                (short) (entrySize + ERROR_TARGET_SIZE));
        return at + entrySize + ERROR_TARGET_SIZE;
    }

    private int extension(ByteBuffer b, int at, int m, Extension x) {
        int size = extensionSize(x);
        b.putShort(at + m, (short) size);
        b.put(at + m + 2, x.name().getBytes(StandardCharsets.US_ASCII));
        b.put(at + m + 31, (byte) x.revision());
        b.put(at + m + Xtables.XT_EXTENSION_HEADER, x.data());
        return m + size;
    }

    // ebtables --------------------------------------------------------------------------------------------

    private static int ebtExtensionSize(Extension e) {
        return Xtables.EBT_EXTENSION_HEADER + align8(e.data().length);
    }

    private static int ebtRuleSize(Rule r) {
        int n = Xtables.EBT_ENTRY_SIZE;
        for (Extension m : r.matches()) {
            n += ebtExtensionSize(m);
        }
        for (Extension w : r.watchers()) {
            n += ebtExtensionSize(w);
        }
        return n + (r.target() != null ? ebtExtensionSize(r.target()) : Xtables.EBT_EXTENSION_HEADER + 8);
    }

    private byte[] bridgeReplies() {
        List<Integer> starts = new ArrayList<>();
        int size = 0;
        int rules = 0;
        for (Chain c : chains) {
            starts.add(size);
            size += Xtables.EBT_CHAIN_SIZE;
            for (Rule r : c.rules()) {
                size += ebtRuleSize(r);
                rules++;
            }
        }
        ByteBuffer b = ByteBuffer.allocate(Xtables.EBT_REPLACE_SIZE + size).order(ByteOrder.nativeOrder());
        b.put(0, table.getBytes(StandardCharsets.US_ASCII));
        int validHooks = 0;
        int counter = 0;
        int at = Xtables.EBT_REPLACE_SIZE;
        for (Chain c : chains) {
            if (c.hook() >= 0) {
                validHooks |= 1 << c.hook();
            }
            b.put(at + Xtables.EBT_CHAIN_NAME, c.name().getBytes(StandardCharsets.US_ASCII));
            b.putInt(at + 36, counter).putInt(at + Xtables.EBT_CHAIN_POLICY, c.policy())
                    .putInt(at + Xtables.EBT_CHAIN_NENTRIES, c.rules().size());
            at += Xtables.EBT_CHAIN_SIZE;
            counter += c.rules().size();
            for (Rule r : c.rules()) {
                b.put(at, r.fixed());
                int m = Xtables.EBT_ENTRY_SIZE;
                for (Extension x : r.matches()) {
                    m = ebtExtension(b, at, m, x);
                }
                int watchers = m;
                for (Extension x : r.watchers()) {
                    m = ebtExtension(b, at, m, x);
                }
                int target = m;
                if (r.target() != null) {
                    m = ebtExtension(b, at, m, r.target());
                } else {
                    b.put(at + m, "standard".getBytes(StandardCharsets.US_ASCII));
                    b.putInt(at + m + Xtables.EBT_EXTENSION_SIZE, 8);
                    int verdict = r.jump() != null ? starts.get(indexOf(r.jump())) : r.verdict();
                    b.putInt(at + m + Xtables.EBT_EXTENSION_HEADER, verdict);
                    m += Xtables.EBT_EXTENSION_HEADER + 8;
                }
                b.putInt(at + Xtables.EBT_WATCHERS_OFFSET, watchers).putInt(at + Xtables.EBT_TARGET_OFFSET, target)
                        .putInt(at + Xtables.EBT_NEXT_OFFSET, m);
                at += m;
            }
        }
        b.putInt(Xtables.EBT_REPLACE_VALID_HOOKS, validHooks).putInt(Xtables.EBT_REPLACE_NENTRIES, rules)
                .putInt(Xtables.EBT_REPLACE_ENTRIES_SIZE, size);
        return b.array();
    }

    private int indexOf(String chain) {
        for (int i = 0; i < chains.size(); i++) {
            if (chains.get(i).name().equals(chain)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no chain " + chain);
    }

    private static int ebtExtension(ByteBuffer b, int at, int m, Extension x) {
        b.put(at + m, x.name().getBytes(StandardCharsets.US_ASCII));
        b.put(at + m + 31, (byte) x.revision());
        b.putInt(at + m + Xtables.EBT_EXTENSION_SIZE, align8(x.data().length));
        b.put(at + m + Xtables.EBT_EXTENSION_HEADER, x.data());
        return m + ebtExtensionSize(x);
    }
}
