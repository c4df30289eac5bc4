package org.linuxfpsync.netlink.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.linuxfpsync.netlink.codec.Xtables.*;

/**
 * One legacy x_tables table, as the kernel's getsockopt replies give it, checked and turned into the
 * blob the fast path gets (docs/netfilter-sync.md, FORMAT 1): the table's replace structure
 * ({@code ipt_replace}, {@code ip6t_replace}, {@code ebt_replace}, host byte order) followed by its
 * entries, with everything that moves without a rule change zeroed: packet and byte counters, and
 * the user-space pointers. The same rules are then the same bytes, whatever the traffic.
 *
 * <p>The replies ({@link #decode}): for IPv4 and IPv6, the {@code ipt_getinfo} of IPT_SO_GET_INFO
 * (84 bytes) then the {@code ipt_get_entries} of IPT_SO_GET_ENTRIES (40 bytes and the entries); for
 * the bridge, the {@code ebt_replace} of EBT_SO_GET_INFO (120 bytes) then the entries that
 * EBT_SO_GET_ENTRIES wrote. Every entry is walked as the kernel's {@code xt_check_entry_offsets} and
 * {@code ebt_check_entry_size_and_hooks} do: sizes, offsets, alignment, counts, hook entry points.
 */
public final class XtTable {
    private final int family;
    private final String name;
    private final int validHooks;
    private final int entries;
    private final byte[] blob;

    private XtTable(int family, String name, int validHooks, int entries, byte[] blob) {
        this.family = family;
        this.name = name;
        this.validHooks = validHooks;
        this.entries = entries;
        this.blob = blob;
    }

    /** NFPROTO_IPV4, NFPROTO_IPV6 or NFPROTO_BRIDGE. */
    public int family() {
        return family;
    }

    public String name() {
        return name;
    }

    public int validHooks() {
        return validHooks;
    }

    /** Rules, chain heads and the final error entry (x_tables), or rules only (ebtables). */
    public int entries() {
        return entries;
    }

    /** The replace structure and the entries, counters and pointers zeroed (shared: do not modify). */
    public byte[] blob() {
        return blob;
    }

    /** The size of the replace structure of {@code family}'s blob. */
    public static int headerSize(int family) {
        return family == NFPROTO_BRIDGE ? EBT_REPLACE_SIZE : REPLACE_SIZE;
    }

    /**
     * @param family NFPROTO_IPV4, NFPROTO_IPV6 or NFPROTO_BRIDGE
     * @param table  the table asked for: the replies must name it
     * @throws NetlinkFormatException when the replies are not as the uapi lays them out
     */
    public static XtTable decode(int family, String table, byte[] replies) throws NetlinkFormatException {
        ByteBuffer b = ByteBuffer.wrap(replies).order(ByteOrder.nativeOrder());
        return switch (family) {
            case NFPROTO_IPV4 -> decodeIp(family, table, b, IPT_ENTRY_SIZE, IPT_TARGET_OFFSET, IPT_COUNTERS);
            case NFPROTO_IPV6 -> decodeIp(family, table, b, IP6T_ENTRY_SIZE, IP6T_TARGET_OFFSET, IP6T_COUNTERS);
            case NFPROTO_BRIDGE -> decodeBridge(table, b);
            default -> throw new NetlinkFormatException("x_tables: not an x_tables family: " + family);
        };
    }

    /**
     * Zeroes, in place, the packet and byte counters of the entries of IPv4 and IPv6 replies (as
     * {@link #decode} takes them), so that the replies of the same rules are the same bytes whatever
     * the traffic: a poll compares them with the last ones and decodes only when they differ. Walks
     * by {@code next_offset} only and stops at the first entry it cannot walk: the replies then
     * differ and {@link #decode} says why. The bridge's replies carry no counters.
     */
    public static void maskCounters(int family, byte[] replies) {
        int targetOffsetAt;
        int countersAt;
        int entrySize;
        if (family == NFPROTO_IPV4) {
            entrySize = IPT_ENTRY_SIZE;
            targetOffsetAt = IPT_TARGET_OFFSET;
            countersAt = IPT_COUNTERS;
        } else if (family == NFPROTO_IPV6) {
            entrySize = IP6T_ENTRY_SIZE;
            targetOffsetAt = IP6T_TARGET_OFFSET;
            countersAt = IP6T_COUNTERS;
        } else {
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(replies).order(ByteOrder.nativeOrder());
        int at = GETINFO_SIZE + GET_ENTRIES_HEADER;
        while (replies.length - at >= entrySize) {
            java.util.Arrays.fill(replies, at + countersAt, at + countersAt + COUNTERS_SIZE, (byte) 0);
            int nextOffset = b.getShort(at + targetOffsetAt + 2) & 0xffff;
            if (nextOffset < entrySize) {
                return;
            }
            at += nextOffset;
        }
    }

    private static XtTable decodeIp(int family, String table, ByteBuffer b, int entrySize, int targetOffsetAt,
                                    int countersAt) throws NetlinkFormatException {
        String scope = (family == NFPROTO_IPV4 ? "ipt " : "ip6t ") + table;
        if (b.limit() < GETINFO_SIZE + GET_ENTRIES_HEADER) {
            throw new NetlinkFormatException(scope + ": " + b.limit() + " bytes, shorter than getinfo and get_entries");
        }
        checkName(scope + " getinfo", b, 0, table);
        checkName(scope + " get_entries", b, GETINFO_SIZE, table);
        int validHooks = b.getInt(GETINFO_VALID_HOOKS);
        if ((validHooks & ~((1 << NF_INET_NUMHOOKS) - 1)) != 0) {
            throw new NetlinkFormatException(scope + ": valid_hooks 0x" + Integer.toHexString(validHooks));
        }
        int numEntries = b.getInt(GETINFO_NUM_ENTRIES);
        int size = b.getInt(GETINFO_SIZE_FIELD);
        int entriesAt = GETINFO_SIZE + GET_ENTRIES_HEADER;
        if (b.getInt(GETINFO_SIZE + GET_ENTRIES_SIZE) != size || size < 0 || size != b.limit() - entriesAt) {
            throw new NetlinkFormatException(scope + ": size " + size + " but " + (b.limit() - entriesAt)
                    + " bytes of entries (get_entries says " + b.getInt(GETINFO_SIZE + GET_ENTRIES_SIZE) + ")");
        }
        byte[] blob = new byte[REPLACE_SIZE + size];
        ByteBuffer out = ByteBuffer.wrap(blob).order(ByteOrder.nativeOrder());
        b.get(entriesAt, blob, REPLACE_SIZE, size);
        // Walk the entries; note where each starts, to check the hook entry points.
        java.util.BitSet starts = new java.util.BitSet(size);
        int count = 0;
        int offset = 0;
        while (offset < size) {
            if (offset % 8 != 0 || size - offset < entrySize + XT_EXTENSION_HEADER) {
                throw new NetlinkFormatException(scope + ": entry at " + offset + " misaligned or truncated");
            }
            int at = REPLACE_SIZE + offset;
            int targetOffset = out.getShort(at + targetOffsetAt) & 0xffff;
            int nextOffset = out.getShort(at + targetOffsetAt + 2) & 0xffff;
            if (nextOffset % 8 != 0 || nextOffset > size - offset || targetOffset < entrySize
                    || targetOffset + XT_EXTENSION_HEADER > nextOffset) {
                throw new NetlinkFormatException(scope + ": entry at " + offset + ": target_offset " + targetOffset
                        + ", next_offset " + nextOffset);
            }
            for (int m = entrySize; m < targetOffset; ) {
                int matchSize = out.getShort(at + m) & 0xffff;
                if (matchSize < XT_EXTENSION_HEADER || matchSize > targetOffset - m) {
                    throw new NetlinkFormatException(scope + ": entry at " + offset + ": match at " + m + " of size "
                            + matchSize);
                }
                m += matchSize;
            }
            int targetSize = out.getShort(at + targetOffset) & 0xffff;
            if (targetSize < XT_EXTENSION_HEADER || targetOffset + targetSize > nextOffset) {
                throw new NetlinkFormatException(scope + ": entry at " + offset + ": target of size " + targetSize);
            }
            for (int i = 0; i < COUNTERS_SIZE; i++) {
                blob[at + countersAt + i] = 0;
            }
            starts.set(offset);
            count++;
            offset += nextOffset;
        }
        if (count != numEntries) {
            throw new NetlinkFormatException(scope + ": " + count + " entries, num_entries says " + numEntries);
        }
        for (int hook = 0; hook < NF_INET_NUMHOOKS; hook++) {
            int entry = b.getInt(GETINFO_HOOK_ENTRY + 4 * hook);
            int underflow = b.getInt(GETINFO_UNDERFLOW + 4 * hook);
            if ((validHooks & (1 << hook)) != 0
                    && (!isStart(starts, entry, size) || !isStart(starts, underflow, size))) {
                throw new NetlinkFormatException(scope + ": hook " + hook + " enters at " + entry + ", underflows at "
                        + underflow + ": not an entry");
            }
            out.putInt(REPLACE_HOOK_ENTRY + 4 * hook, entry);
            out.putInt(REPLACE_UNDERFLOW + 4 * hook, underflow);
        }
        putName(blob, table);
        out.putInt(REPLACE_VALID_HOOKS, validHooks);
        out.putInt(REPLACE_NUM_ENTRIES, numEntries);
        out.putInt(REPLACE_SIZE_FIELD, size);
        // num_counters and counters stay 0: the fast path has no user-space counters to fill.
        return new XtTable(family, table, validHooks, numEntries, blob);
    }

    private static boolean isStart(java.util.BitSet starts, int offset, int size) {
        return offset >= 0 && offset < size && starts.get(offset);
    }

    private static XtTable decodeBridge(String table, ByteBuffer b) throws NetlinkFormatException {
        String scope = "ebt " + table;
        if (b.limit() < EBT_REPLACE_SIZE) {
            throw new NetlinkFormatException(scope + ": " + b.limit() + " bytes, shorter than ebt_replace");
        }
        checkName(scope, b, 0, table);
        int validHooks = b.getInt(EBT_REPLACE_VALID_HOOKS);
        if (validHooks == 0 || (validHooks & ~((1 << NF_BR_NUMHOOKS) - 1)) != 0) {
            throw new NetlinkFormatException(scope + ": valid_hooks 0x" + Integer.toHexString(validHooks));
        }
        int nentries = b.getInt(EBT_REPLACE_NENTRIES);
        int size = b.getInt(EBT_REPLACE_ENTRIES_SIZE);
        if (size < 0 || size != b.limit() - EBT_REPLACE_SIZE) {
            throw new NetlinkFormatException(scope + ": entries_size " + size + " but " + (b.limit() - EBT_REPLACE_SIZE)
                    + " bytes of entries");
        }
        byte[] blob = new byte[EBT_REPLACE_SIZE + size];
        ByteBuffer out = ByteBuffer.wrap(blob).order(ByteOrder.nativeOrder());
        b.get(EBT_REPLACE_SIZE, blob, EBT_REPLACE_SIZE, size);
        int baseChains = Integer.bitCount(validHooks);
        int[] chainStarts = new int[baseChains];
        int chains = 0;
        int rules = 0;
        int rulesLeftInChain = 0;
        int offset = 0;
        while (offset < size) {
            int at = EBT_REPLACE_SIZE + offset;
            if (offset % 8 != 0 || size - offset < 4) {
                throw new NetlinkFormatException(scope + ": entry at " + offset + " misaligned or truncated");
            }
            int bitmask = out.getInt(at);
            if ((bitmask & EBT_ENTRY_OR_ENTRIES) == 0) {
                if (bitmask != 0 || size - offset < EBT_CHAIN_SIZE || rulesLeftInChain != 0) {
                    throw new NetlinkFormatException(scope + ": chain at " + offset + ": distinguisher " + bitmask
                            + ", " + rulesLeftInChain + " rules of the previous chain missing");
                }
                if (chains < baseChains) {
                    chainStarts[chains] = offset;
                }
                chains++;
                rulesLeftInChain = out.getInt(at + EBT_CHAIN_NENTRIES);
                if (rulesLeftInChain < 0 || rulesLeftInChain > nentries) {
                    throw new NetlinkFormatException(scope + ": chain at " + offset + " of " + rulesLeftInChain
                            + " rules");
                }
                offset += EBT_CHAIN_SIZE;
                continue;
            }
            if (chains == 0 || rulesLeftInChain == 0 || size - offset < EBT_ENTRY_SIZE) {
                throw new NetlinkFormatException(scope + ": rule at " + offset + " outside a chain or truncated");
            }
            int watchers = out.getInt(at + EBT_WATCHERS_OFFSET);
            int target = out.getInt(at + EBT_TARGET_OFFSET);
            int next = out.getInt(at + EBT_NEXT_OFFSET);
            if (watchers < EBT_ENTRY_SIZE || target < watchers || next < target + EBT_EXTENSION_HEADER
                    || next > size - offset || next % 8 != 0) {
                throw new NetlinkFormatException(scope + ": rule at " + offset + ": watchers_offset " + watchers
                        + ", target_offset " + target + ", next_offset " + next);
            }
            checkExtensions(scope, out, at, EBT_ENTRY_SIZE, watchers, offset);
            checkExtensions(scope, out, at, watchers, target, offset);
            long targetSize = out.getInt(at + target + EBT_EXTENSION_SIZE) & 0xffffffffL;
            if (targetSize > next - target - EBT_EXTENSION_HEADER) {
                throw new NetlinkFormatException(scope + ": rule at " + offset + ": target of size " + targetSize);
            }
            rules++;
            rulesLeftInChain--;
            offset += next;
        }
        if (rules != nentries || chains < baseChains || rulesLeftInChain != 0) {
            throw new NetlinkFormatException(scope + ": " + rules + " rules in " + chains + " chains, nentries says "
                    + nentries + " and valid_hooks " + baseChains + " base chains");
        }
        putName(blob, table);
        out.putInt(EBT_REPLACE_VALID_HOOKS, validHooks);
        out.putInt(EBT_REPLACE_NENTRIES, nentries);
        out.putInt(EBT_REPLACE_ENTRIES_SIZE, size);
        // The hook entry points: offsets in the entries (the kernel takes user pointers); the base
        // chains come first, in hook order. num_counters, counters and entries stay 0.
        for (int hook = 0, chain = 0; hook < NF_BR_NUMHOOKS; hook++) {
            if ((validHooks & (1 << hook)) != 0) {
                out.putLong(EBT_REPLACE_HOOK_ENTRY + 8 * hook, chainStarts[chain++]);
            }
        }
        return new XtTable(NFPROTO_BRIDGE, table, validHooks, nentries, blob);
    }

    /** Matches or watchers from {@code from} to {@code to} of the rule at {@code at}, each header and data. */
    private static void checkExtensions(String scope, ByteBuffer b, int at, int from, int to, int rule)
            throws NetlinkFormatException {
        for (int m = from; m < to; ) {
            long dataSize = b.getInt(at + m + EBT_EXTENSION_SIZE) & 0xffffffffL;
            if (to - m < EBT_EXTENSION_HEADER || dataSize > to - m - EBT_EXTENSION_HEADER) {
                throw new NetlinkFormatException(scope + ": rule at " + rule + ": extension at " + m + " of size "
                        + dataSize);
            }
            m += EBT_EXTENSION_HEADER + (int) dataSize;
        }
    }

    private static void checkName(String scope, ByteBuffer b, int offset, String table) throws NetlinkFormatException {
        int length = Bytes.nulIndex(b, offset, TABLE_NAME_LENGTH);
        if (length < 0 || !Bytes.equalsString(b, offset, length, table)) {
            throw new NetlinkFormatException(scope + ": reply names another table than " + table);
        }
    }

    private static void putName(byte[] blob, String table) {
        byte[] name = table.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(name, 0, blob, 0, Math.min(name.length, TABLE_NAME_LENGTH - 1));
    }
}
