package org.linuxfpsync.featuresync;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.linuxfpsync.netlink.codec.NetlinkFormatException;
import org.linuxfpsync.netlink.codec.Nfnetlink;
import org.linuxfpsync.netlink.codec.NlMessageWriter;
import org.linuxfpsync.netlink.codec.NlMsg;

/**
 * The nftables ruleset of one vrf as the kernel's own messages: per table (family, name) its
 * NEWTABLE, its chains (NEWCHAIN, by handle), its sets (NEWSET) with their elements, and each
 * chain's rules (NEWRULE) in the chain's order. Messages are kept normalized (sequence, port id,
 * flags and generation zeroed; what only a dump keeps current removed: a rule's
 * NFTA_RULE_POSITION, which only says where it was inserted, the tables' and chains' use counts
 * and a base chain's packet counters), so that the same state is the same bytes whether it came
 * from a dump or from events.
 *
 * <p>Used by one subscription's reader thread only.
 */
final class NftRuleset {
    /** A table: its family (NFPROTO_*) and its name. */
    record TableKey(int family, String name) {
    }

    static final class Table {
        byte[] message;
        final List<Chain> chains = new ArrayList<>();
        final Map<String, NftSet> sets = new LinkedHashMap<>();

        /** Whether a base chain of type nat is in it: the NAT feature's. */
        boolean hasNatChain() {
            for (Chain c : chains) {
                if (c.nat) {
                    return true;
                }
            }
            return false;
        }

        Chain chain(String name) {
            for (Chain c : chains) {
                if (c.name.equals(name)) {
                    return c;
                }
            }
            return null;
        }
    }

    static final class Chain {
        String name;
        long handle;
        boolean nat;
        byte[] message;
        final List<Rule> rules = new ArrayList<>();

        int indexOf(long handle) {
            for (int i = 0; i < rules.size(); i++) {
                if (rules.get(i).handle() == handle) {
                    return i;
                }
            }
            return -1;
        }
    }

    record Rule(long handle, byte[] message) {
    }

    static final class NftSet {
        long handle;
        int flags;
        byte[] message;
        /**
         * Each element's NFTA_LIST_ELEM attribute, by its key, key end and interval flag, in key order:
         * a dump (hash order) and events (insertion order) give the same blob.
         */
        final Map<String, byte[]> elements = new TreeMap<>();

        boolean anonymous() {
            return (flags & Nfnetlink.NFT_SET_ANONYMOUS) != 0;
        }
    }

    private final Map<TableKey, Table> tables = new LinkedHashMap<>();

    Map<TableKey, Table> tables() {
        return tables;
    }

    Table table(TableKey key) {
        return tables.get(key);
    }

    /** The message's bytes, normalized (see the class comment). */
    static byte[] normalized(NlMsg msg) {
        byte[] b = new byte[msg.length()];
        msg.buffer().get(msg.offset(), b);
        ByteBuffer w = ByteBuffer.wrap(b).order(ByteOrder.nativeOrder());
        w.putShort(6, (short) 0).putInt(8, 0).putInt(12, 0);
        if (b.length >= NlMsg.HEADER_LENGTH + 4) {
            w.putShort(NlMsg.HEADER_LENGTH + 2, (short) 0);
        }
        return b;
    }

    /** {@code message} without its attributes of type {@code type} (nlmsg_len adjusted). */
    static byte[] without(byte[] message, int type) throws NetlinkFormatException {
        int attributes = NlMsg.HEADER_LENGTH + 4;
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length);
        out.write(message, 0, Math.min(attributes, message.length));
        NftAttributes a = new NftAttributes(message, attributes, message.length);
        while (a.next()) {
            if (a.type() != type) {
                int padded = (a.length() + 3) & ~3;
                out.write(message, a.start(), Math.min(padded, message.length - a.start()));
                for (int i = message.length - a.start(); i < padded; i++) {
                    out.write(0);
                }
            }
        }
        byte[] b = out.toByteArray();
        ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()).putInt(0, b.length);
        return b;
    }

    void putTable(TableKey key, byte[] message) {
        tables.computeIfAbsent(key, k -> new Table()).message = message;
    }

    void removeTable(TableKey key) {
        tables.remove(key);
    }

    /**
     * A chain, new or changed (a rename keeps its handle).
     *
     * @return false when its table is unknown: the messages are not those of one ruleset
     */
    boolean putChain(TableKey key, String name, long handle, boolean nat, byte[] message) {
        Table t = tables.get(key);
        if (t == null) {
            return false;
        }
        Chain c = null;
        for (Chain existing : t.chains) {
            if (handle >= 0 ? existing.handle == handle : existing.name.equals(name)) {
                c = existing;
            }
        }
        if (c == null) {
            c = new Chain();
            t.chains.add(c);
            t.chains.sort(Comparator.comparingLong(x -> x.handle));
        }
        c.name = name;
        c.handle = handle;
        c.nat = nat;
        c.message = message;
        return true;
    }

    void removeChain(TableKey key, String name) {
        Table t = tables.get(key);
        if (t != null) {
            t.chains.removeIf(c -> c.name.equals(name));
        }
    }

    /** Where a rule goes in its chain. */
    enum Placement { APPEND, HEAD, AFTER, UNKNOWN_POSITION, UNKNOWN_CHAIN }

    /**
     * Places a rule: in place of the rule with its handle (NLM_F_REPLACE keeps the handle), after the
     * rule {@code position} names, at the end ({@code append}) or at the head.
     *
     * @return UNKNOWN_POSITION (nothing done) when {@code position} names no rule of the chain yet,
     *         UNKNOWN_CHAIN when the chain is unknown; what was done otherwise
     */
    Placement putRule(TableKey key, String chainName, long handle, long position, boolean append, byte[] message) {
        Table t = tables.get(key);
        Chain c = t == null ? null : t.chain(chainName);
        if (c == null) {
            return Placement.UNKNOWN_CHAIN;
        }
        Rule rule = new Rule(handle, message);
        int existing = c.indexOf(handle);
        if (existing >= 0) {
            c.rules.set(existing, rule);
            return Placement.AFTER;
        }
        if (position > 0) {
            int after = c.indexOf(position);
            if (after < 0) {
                return Placement.UNKNOWN_POSITION;
            }
            c.rules.add(after + 1, rule);
            return Placement.AFTER;
        }
        if (append) {
            c.rules.add(rule);
            return Placement.APPEND;
        }
        c.rules.add(0, rule);
        return Placement.HEAD;
    }

    boolean hasRule(TableKey key, String chainName, long handle) {
        Table t = tables.get(key);
        Chain c = t == null ? null : t.chain(chainName);
        return c != null && c.indexOf(handle) >= 0;
    }

    void removeRule(TableKey key, String chainName, long handle) {
        Table t = tables.get(key);
        Chain c = t == null ? null : t.chain(chainName);
        if (c != null) {
            c.rules.removeIf(r -> r.handle() == handle);
        }
    }

    /** @return false when its table is unknown */
    boolean putSet(TableKey key, String name, long handle, int flags, byte[] message) {
        Table t = tables.get(key);
        if (t == null) {
            return false;
        }
        NftSet s = t.sets.computeIfAbsent(name, n -> new NftSet());
        s.handle = handle;
        s.flags = flags;
        s.message = message;
        return true;
    }

    void removeSet(TableKey key, String name) {
        Table t = tables.get(key);
        if (t != null) {
            t.sets.remove(name);
        }
    }

    NftSet set(TableKey key, String name) {
        Table t = tables.get(key);
        return t == null ? null : t.sets.get(name);
    }

    /**
     * Adds ({@code add}) or removes the elements of a NEWSETELEM or DELSETELEM message: the
     * NFTA_LIST_ELEM attributes of its NFTA_SET_ELEM_LIST_ELEMENTS, from offset {@code from} to {@code to}.
     *
     * @return false when the set is unknown
     */
    boolean changeElements(TableKey key, String setName, byte[] message, int from, int to, boolean add)
            throws NetlinkFormatException {
        NftSet s = set(key, setName);
        if (s == null) {
            return false;
        }
        NftAttributes list = new NftAttributes(message, from, to);
        while (list.next()) {
            if (list.type() != Nfnetlink.NFTA_LIST_ELEM) {
                continue;
            }
            String elementKey = elementKey(message, list.payload(), list.payload() + list.payloadLength());
            if (add) {
                byte[] element = new byte[list.length()];
                System.arraycopy(message, list.start(), element, 0, element.length);
                s.elements.put(elementKey, element);
            } else {
                s.elements.remove(elementKey);
            }
        }
        return true;
    }

    /** NFTA_SET_ELEM_KEY, NFTA_SET_ELEM_KEY_END and the interval-end flag: what identifies an element. */
    private static String elementKey(byte[] message, int from, int to) throws NetlinkFormatException {
        HexFormat hex = HexFormat.of();
        String key = "";
        String keyEnd = "";
        int flags = 0;
        NftAttributes a = new NftAttributes(message, from, to);
        while (a.next()) {
            if (a.type() == Nfnetlink.NFTA_SET_ELEM_KEY) {
                key = hex.formatHex(message, a.payload(), a.payload() + a.payloadLength());
            } else if (a.type() == Nfnetlink.NFTA_SET_ELEM_KEY_END) {
                keyEnd = hex.formatHex(message, a.payload(), a.payload() + a.payloadLength());
            } else if (a.type() == Nfnetlink.NFTA_SET_ELEM_FLAGS) {
                flags = a.be32() & Nfnetlink.NFT_SET_ELEM_INTERVAL_END;
            }
        }
        return key + "-" + keyEnd + "/" + flags;
    }

    /**
     * Forgets the anonymous sets of {@code key} that no rule names any more: the kernel releases the
     * set of a deleted rule without a DELSET. A rule names its set in its lookup expression
     * (NFTA_LOOKUP_SET "__set%d", NUL-terminated).
     */
    void dropUnusedAnonymousSets(TableKey key) {
        Table t = tables.get(key);
        if (t == null) {
            return;
        }
        t.sets.entrySet().removeIf(e -> e.getValue().anonymous() && !named(t, e.getKey()));
    }

    private static boolean named(Table t, String set) {
        byte[] name = (set + "\0").getBytes(StandardCharsets.UTF_8);
        for (Chain c : t.chains) {
            for (Rule r : c.rules) {
                if (contains(r.message(), name)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * The table as the FPC blob: NEWTABLE, its NEWCHAINs by handle, its NEWSETs by handle each
     * followed by one NEWSETELEM with all its elements, then every chain's NEWRULEs in order.
     */
    static byte[] blob(TableKey key, Table t) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(t.message);
        for (Chain c : t.chains) {
            out.writeBytes(c.message);
        }
        List<Map.Entry<String, NftSet>> sets = new ArrayList<>(t.sets.entrySet());
        sets.sort(Comparator.comparingLong(e -> e.getValue().handle));
        for (Map.Entry<String, NftSet> e : sets) {
            out.writeBytes(e.getValue().message);
            elementsMessages(out, key, e.getKey(), e.getValue());
        }
        for (Chain c : t.chains) {
            for (Rule r : c.rules) {
                out.writeBytes(r.message());
            }
        }
        return out.toByteArray();
    }

    /** Elements per NEWSETELEM at most: attribute lengths are 16-bit, and the kernel splits its dumps too. */
    private static final int ELEMENT_BYTES_PER_MESSAGE = 32 * 1024;

    private static void elementsMessages(ByteArrayOutputStream out, TableKey key, String setName, NftSet s) {
        List<byte[]> elements = new ArrayList<>(s.elements.values());
        int i = 0;
        while (i < elements.size()) {
            int bytes = 0;
            int end = i;
            while (end < elements.size()
                    && (end == i || bytes + elements.get(end).length + 4 <= ELEMENT_BYTES_PER_MESSAGE)) {
                bytes += elements.get(end).length + 4;
                end++;
            }
            NlMessageWriter w = new NlMessageWriter(bytes + 64 + 2 * (key.name().length() + setName.length()));
            w.beginMessage(Nfnetlink.type(Nfnetlink.NFNL_SUBSYS_NFTABLES, Nfnetlink.NFT_MSG_NEWSETELEM), 0, 0, 0)
                    .u8(key.family()).u8(Nfnetlink.NFNETLINK_V0).u16(0)
                    .attrString(Nfnetlink.NFTA_SET_ELEM_LIST_TABLE, key.name())
                    .attrString(Nfnetlink.NFTA_SET_ELEM_LIST_SET, setName)
                    .beginNest(Nfnetlink.NFTA_SET_ELEM_LIST_ELEMENTS);
            for (int k = i; k < end; k++) {
                w.bytes(elements.get(k)).align();
            }
            out.writeBytes(w.endNest().endMessage().toByteArray());
            i = end;
        }
    }
}
