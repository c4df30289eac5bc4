package org.linuxfpsync.cmgr.internal;

import java.nio.ByteBuffer;

import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.fpc.codec.FpcFrame;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.netlink.NetlinkListener;
import org.linuxfpsync.netlink.RateLimitedLog;
import org.linuxfpsync.netlink.ResyncReason;
import org.linuxfpsync.netlink.SubscriptionSpec;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.NetlinkFormatException;
import org.linuxfpsync.netlink.codec.NlMsg;
import org.linuxfpsync.netlink.codec.Rtnetlink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the syncs of addresses, routes, neighbours and rules of one address family in one vrf have
 * in common: every dump is a replay framed by the {@link ReplayWindow} of their FPC family, a
 * {@link KeySet} counts what the FPM holds (rebuilt by each complete dump), and a message that
 * does not parse is counted, logged (at most once a second) and skipped: nothing synced is lost.
 *
 * <p>Every callback runs on the subscription's reader thread: the decoder, the frame writer and
 * the key set are used by that thread only, so the message path takes no lock and allocates
 * nothing.
 */
abstract class L3ObjectSync implements NetlinkListener {
    private static final Logger LOG = LoggerFactory.getLogger(L3ObjectSync.class);

    final L3ObjectKind kind;
    final Vrf vrf;
    final int addressFamily;
    /** 4 or 16: the length of this family's addresses. */
    final int addressLength;
    final KeySet keys;
    private final FpcChannel fpc;
    private final FrameWriter writer = new FrameWriter();
    private volatile ReplayWindow.Member window;
    /** The running dump is a refresh ({@link ResyncReason#REFRESH}): differences only, no window. */
    private boolean refreshing;
    /**
     * The running replay joined a replay window already open ({@link ReplayWindow.Member#startDump}):
     * what it does not report may have been sent since the window's GR_BEGIN, which GR_END keeps,
     * so a sync that {@link #refreshes} deletes it itself, as after a refresh.
     */
    private boolean sweepsItself;
    private long malformed;
    private final RateLimitedLog malformedLog = new RateLimitedLog(LOG);

    L3ObjectSync(L3ObjectKind kind, Vrf vrf, int addressFamily, FpcChannel fpc, int keyWords) {
        if (addressFamily != Rtnetlink.AF_INET && addressFamily != Rtnetlink.AF_INET6) {
            throw new IllegalArgumentException("address family must be AF_INET (2) or AF_INET6 (10): " + addressFamily);
        }
        this.kind = kind;
        this.vrf = vrf;
        this.addressFamily = addressFamily;
        this.addressLength = addressFamily == Rtnetlink.AF_INET ? 4 : 16;
        this.fpc = fpc;
        this.keys = new KeySet(keyWords);
    }

    /** What to subscribe to: groups, message types and the dump of this kind and family. */
    final SubscriptionSpec subscriptionSpec() {
        return kind.subscription(vrf, addressFamily);
    }

    /** Applies one message of a type the spec asked for. */
    abstract void apply(NlMsg message, boolean fromDump) throws NetlinkFormatException;

    final void joinWindow(ReplayWindow.Member member) {
        this.window = member;
    }

    final ReplayWindow.Member window() {
        return window;
    }

    /** Objects of this sync in the fast path (a racy read for the console). */
    final int size() {
        return keys.size();
    }

    final long malformed() {
        return malformed;
    }

    @Override
    public final void dumpStarted(ResyncReason reason) {
        LOG.debug("vrf {}: {} of family {} dump started ({})", vrf.vrfid(), kind.plural, addressFamily, reason);
        keys.nextGeneration();
        refreshing = reason == ResyncReason.REFRESH && refreshes();
        dumpStarting();
        ReplayWindow.Member w = window;
        sweepsItself = w != null && !refreshing && w.startDump() && refreshes();
    }

    /** A dump begins, before the window hears of it; nothing to do by default. */
    void dumpStarting() {
    }

    /**
     * True when this sync sends the differences of a {@link ResyncReason#REFRESH} dump itself:
     * what it sends of an object unchanged since it last sent it is nothing, and what the dump does
     * not report is deleted ({@link #sweptByRefresh}). Otherwise a refresh is a replay like any dump.
     */
    boolean refreshes() {
        return false;
    }

    /** The running dump is a refresh this sync answers with differences only. */
    final boolean refreshing() {
        return refreshing;
    }

    /** The running replay deletes what it does not report itself ({@link #sweepsItself}). */
    final boolean sweepsItself() {
        return sweepsItself;
    }

    /**
     * After a complete refresh (or a replay that {@link #sweepsItself}), for each object it did not
     * report: {@code keys.key} holds its key words, {@code value} its value. The sync deletes it
     * from the FPM.
     */
    void sweptByRefresh(long value) {
        throw new IllegalStateException(kind.plural + " do not refresh");
    }

    /** A refresh is over; nothing to do by default. */
    void refreshFinished(boolean complete) {
    }

    /** Any other dump is over, before the window hears of it; nothing to do by default. */
    void replayFinished(boolean complete) {
    }

    @Override
    public final void message(NlMsg message, boolean fromDump) {
        try {
            apply(message, fromDump);
        } catch (NetlinkFormatException e) {
            malformed++;
            if (malformedLog.admit()) {
                LOG.warn("vrf {}: {} message ignored ({} malformed so far, {} warnings suppressed): {}", vrf.vrfid(),
                        kind.plural, malformed, malformedLog.suppressed(), e.getMessage());
            }
        }
    }

    @Override
    public final void dumpFinished(boolean complete) {
        if (refreshing) {
            refreshing = false;
            if (complete) {
                // What the dump did not report went silently: no window's GR_END sweeps it.
                keys.sweep(this::sweptByRefresh);
            }
            refreshFinished(complete);
            LOG.debug("vrf {}: {} of family {} refresh {}, {} objects", vrf.vrfid(), kind.plural, addressFamily,
                    complete ? "done" : "interrupted", keys.size());
            return;
        }
        if (complete && sweepsItself) {
            // Gone, but perhaps sent since the window's GR_BEGIN: GR_END would keep it.
            keys.sweep(this::sweptByRefresh);
        } else if (complete) {
            // What the dump did not report is gone: the FPM sweeps it at the window's GR_END.
            keys.sweep();
        }
        replayFinished(complete);
        sweepsItself = false;
        ReplayWindow.Member w = window;
        if (w != null) {
            w.dumpFinished(complete);
        }
        LOG.debug("vrf {}: {} of family {} dump {}, {} objects", vrf.vrfid(), kind.plural, addressFamily,
                complete ? "done" : "interrupted", keys.size());
    }

    /** The frame writer of this sync: {@code begin}, TLVs, then {@link #send()}. */
    final FrameWriter writer() {
        return writer;
    }

    final void send() {
        send(writer.finish());
    }

    /**
     * A 64-bit hash of a finished frame's TLVs (its header, with the sequence number, left out):
     * what a refresh compares to tell whether an object changed since it was sent.
     */
    static long contentHash(ByteBuffer frame) {
        long h = 0x9e3779b97f4a7c15L;
        int i = FpcFrame.HEADER_SIZE;
        int end = frame.limit();
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            h = (h ^ frame.getLong(i)) * 0xff51afd7ed558ccdL;
            h ^= h >>> 29;
        }
        for (; i < end; i++) {
            h = (h ^ (frame.get(i) & 0xffL)) * 0xc4ceb9fe1a85ec53L;
            h ^= h >>> 29;
        }
        h ^= end;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 32);
    }

    final void send(ByteBuffer frame) {
        // false = no FPM session: nothing to do, the replay at the next session sends the truth.
        fpc.send(frame);
    }

    final NetlinkFormatException malformed(String what) {
        return new NetlinkFormatException(what);
    }

    /** Writes {@code length} bytes of {@code address} into the first key words from {@code word}: 4 bytes fill one word, 16 two. */
    static void packAddress(long[] key, int word, byte[] address, int length) {
        if (length == 4) {
            key[word] = ((address[0] & 0xffL) << 24) | ((address[1] & 0xffL) << 16) | ((address[2] & 0xffL) << 8)
                    | (address[3] & 0xffL);
            return;
        }
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (address[i] & 0xffL);
            lo = (lo << 8) | (address[i + 8] & 0xffL);
        }
        key[word] = hi;
        key[word + 1] = lo;
    }
}
