package org.linuxfpsync.featuresync;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.linuxfpsync.cmgr.spi.SyncCore;
import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.fpc.codec.FpcFrame;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.fpc.codec.NetfilterAttr;
import org.linuxfpsync.netlink.NetlinkException;
import org.linuxfpsync.netlink.NetlinkService;
import org.linuxfpsync.netlink.RateLimitedLog;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.NetlinkFormatException;
import org.linuxfpsync.netlink.codec.XtTable;
import org.linuxfpsync.netlink.codec.Xtables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The legacy x_tables tables (iptables-legacy, ip6tables-legacy, ebtables-legacy) one feature owns in
 * one vrf, sent whole as NF_TABLE_ADD with ORIGIN 2 and FORMAT 1 ({@link XtTable#blob}: the replace
 * structure and entries, counters masked). The kernel announces no change over netlink: the tables are
 * read again ({@link #read}) when {@link XtablesWatch} says so (an audit record, its poll). A read sends
 * only the tables whose masked bytes changed, and withdraws those the namespace no longer has: replies
 * equal to the last ones, counters masked ({@link XtTable#maskCounters}), are not even decoded (an idle
 * poll costs the two getsockopt and one comparison per table); a replay
 * (a new FPM session, another member of the family's window) sends every table in the window.
 *
 * <p>Which tables: nat has the {@code nat} tables of IPv4 and IPv6, netfilter the others of IPv4 and
 * IPv6 (filter, mangle, raw, security), ebtables the bridge's (filter, nat, broute).
 */
public final class XtablesSync implements VrfSync {
    private static final Logger LOG = LoggerFactory.getLogger(XtablesSync.class);
    /** FPC ORIGIN: x_tables. */
    static final int ORIGIN_XTABLES = 2;
    /** FPC FORMAT: the x_tables replace blob. */
    static final int FORMAT_XTABLES = 1;
    static final String TABLE_TOO_LARGE = "xtables-table-too-large";

    /** A table's key: its family (NFPROTO_IPV4, _IPV6, _BRIDGE) and name. */
    record Key(int family, String table) {
    }

    private final String feature;
    private final Vrf vrf;
    private final NftSync.Owner owner;
    private final NetlinkService netlink;
    private final FamilyObjects<Key> tables;
    /** The last table read well: sent again when a read is malformed, so that nothing synced is lost. */
    private final Map<Key, XtTable> lastGood = new HashMap<>();
    /** The replies {@link #lastGood} was decoded from, counters masked: the same again is the same table. */
    private final Map<Key, byte[]> lastReplies = new HashMap<>();
    private final SkippedInput skipped = new SkippedInput();
    private final RateLimitedLog failureLog = new RateLimitedLog(LOG);
    private volatile boolean replayPending;
    private boolean closed;
    private long reads;
    private long readNanos;
    private long maxReadNanos;
    private long unchangedReads;

    XtablesSync(String feature, Vrf vrf, NftSync.Owner owner, NetlinkService netlink, FpcChannel fpc) {
        this.feature = feature;
        this.vrf = vrf;
        this.owner = owner;
        this.netlink = netlink;
        this.tables = new FamilyObjects<>(NetfilterAttr.FAMILY_NETFILTER, (w, key) -> {
            writeKey(w, vrf.vrfid(), key);
            w.putU8(NetfilterAttr.ORIGIN, ORIGIN_XTABLES); // a key TLV, but the last one: TLVs go in type order
        }, fpc);
    }

    /** Whether {@code owner} has the x_tables table {@code table} of {@code family}. */
    static boolean owns(NftSync.Owner owner, int family, String table) {
        if (family == Xtables.NFPROTO_BRIDGE) {
            return owner == NftSync.Owner.EBTABLES;
        }
        return "nat".equals(table) ? owner == NftSync.Owner.NAT : owner == NftSync.Owner.NETFILTER;
    }

    /** The families whose tables {@code owner} reads. */
    static int[] families(NftSync.Owner owner) {
        return owner == NftSync.Owner.EBTABLES ? new int[] {Xtables.NFPROTO_BRIDGE}
                : new int[] {Xtables.NFPROTO_IPV4, Xtables.NFPROTO_IPV6};
    }

    /** Joins the family's replay window, a replay pending: the first {@link #read} sends every table in it. */
    synchronized XtablesSync join(SyncCore core, Runnable replayRequested) {
        replayPending = true;
        tables.join(core.joinReplayWindow(vrf, NetfilterAttr.FAMILY_NETFILTER, feature + " x_tables", () -> {
            replayPending = true;
            replayRequested.run();
        }));
        return this;
    }

    /**
     * Reads the tables again: a replay when one is pending (every table sent in the family's window),
     * otherwise a refresh that sends the tables that changed and withdraws those gone.
     */
    public void read() {
        read(new XtableNames());
    }

    /** {@link #read()}, the namespace's names files as {@code names} has them for this poll. */
    synchronized void read(XtableNames names) {
        if (closed) {
            return;
        }
        boolean replay = replayPending;
        replayPending = false;
        long began = System.nanoTime();
        tables.dumpStarted(!replay);
        boolean complete = false;
        try {
            for (int family : families(owner)) {
                for (String name : names.names(netlink, vrf, family)) {
                    if (owns(owner, family, name)) {
                        readTable(new Key(family, name), replay);
                    }
                }
            }
            complete = true;
        } catch (NetlinkException | RuntimeException e) {
            if (failureLog.admit()) {
                LOG.warn("vrf {}: {} x_tables not read ({} warnings suppressed): {}", vrf.vrfid(), feature,
                        failureLog.suppressed(), e.getMessage());
            }
        }
        if (replay && !complete) {
            replayPending = true; // the next read replays again; the window stays open until then
        }
        tables.dumpFinished(complete);
        lastGood.keySet().removeIf(k -> !tables.contains(k));
        lastReplies.keySet().removeIf(k -> !tables.contains(k));
        long nanos = System.nanoTime() - began;
        reads++;
        readNanos += nanos;
        maxReadNanos = Math.max(maxReadNanos, nanos);
    }

    private void readTable(Key key, boolean replay) throws NetlinkException {
        byte[] replies = netlink.xtable(vrf, key.family(), key.table());
        if (replies == null) {
            return; // gone since the list was read: withdrawn at the end of the read
        }
        XtTable.maskCounters(key.family(), replies);
        if (Arrays.equals(replies, lastReplies.get(key)) && tables.unchanged(key)) {
            unchangedReads++;
            return;
        }
        XtTable table;
        try {
            table = XtTable.decode(key.family(), key.table(), replies);
        } catch (NetlinkFormatException e) {
            long malformed = skipped.countMalformed();
            if (failureLog.admit()) {
                LOG.warn("vrf {}: {} x_tables table {} ignored ({} malformed so far): {}", vrf.vrfid(), feature,
                        key.table(), malformed, e.getMessage());
            }
            table = lastGood.get(key); // what the FPM has stays
            if (table == null) {
                return;
            }
        }
        byte[] blob = table.blob();
        if (blob.length > FpcFrame.MAX_LENGTH - 4096) {
            tables.delete(key);
            lastGood.remove(key);
            lastReplies.remove(key);
            skipped.countRefused(TABLE_TOO_LARGE);
            return;
        }
        lastGood.put(key, table);
        lastReplies.put(key, replies);
        FrameWriter w = tables.beginAdd();
        writeKey(w, vrf.vrfid(), key);
        w.putU8(NetfilterAttr.FORMAT, FORMAT_XTABLES);
        for (int from = 0; from < blob.length; from += FpcFrame.MAX_TLV_VALUE) {
            w.putBytes(NetfilterAttr.RULES, blob, from, Math.min(FpcFrame.MAX_TLV_VALUE, blob.length - from));
        }
        w.putU8(NetfilterAttr.ORIGIN, ORIGIN_XTABLES);
        // Outside a replay, a table whose masked bytes are those sent is not sent again.
        tables.add(key, replay);
    }

    private static void writeKey(FrameWriter w, int vrfid, Key key) {
        w.putU32(NetfilterAttr.VRFID, vrfid).putU8(NetfilterAttr.FAMILY, key.family())
                .putString(NetfilterAttr.TABLE, key.table());
    }

    @Override
    public long syncedObjects() {
        return tables.size();
    }

    @Override
    public long malformed() {
        return skipped.malformed();
    }

    @Override
    public Map<String, Long> refused() {
        return skipped.refused();
    }

    /** Reads so far and their cost: the figures of docs/netfilter-sync.md. */
    synchronized String readCost() {
        return reads + " reads, " + (reads == 0 ? 0 : readNanos / reads / 1000) + " us each on average, "
                + maxReadNanos / 1000 + " us at most, " + unchangedReads + " tables found unchanged undecoded";
    }

    @Override
    public synchronized void close(boolean withdraw) {
        if (closed) {
            return;
        }
        closed = true;
        tables.close(withdraw);
        lastGood.clear();
        lastReplies.clear();
        LOG.info("vrf {}: {} x_tables sync stopped{}; {}", vrf.vrfid(), feature,
                withdraw ? ", its tables withdrawn" : "", readCost());
    }

    /** Tables a read found as last read (counters aside), without decoding them. */
    synchronized long unchangedReads() {
        return unchangedReads;
    }

    /** The tables sent, for tests. */
    List<Key> sentKeys() {
        return lastGood.keySet().stream().filter(tables::contains).sorted(
                java.util.Comparator.comparing(Key::family).thenComparing(Key::table)).toList();
    }
}
