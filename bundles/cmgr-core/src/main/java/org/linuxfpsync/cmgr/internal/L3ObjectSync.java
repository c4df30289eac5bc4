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
 * What the syncs of addresses, routes, nexthops, neighbours and rules of one address family in one
 * vrf have in common: a {@link KeySet} holds the key of each object the FPM has and a hash of what
 * was last sent of it, and a message that does not parse is counted, logged (at most once a
 * second) and skipped: nothing synced is lost.
 *
 * <p>Two kinds of dump. A <em>replay</em> (the start, a new FPM session, another member of the
 * family's {@link ReplayWindow} replaying) sends every object inside the window, whose GR_END
 * sweeps what it did not report. A <em>differential</em> dump ({@link ResyncReason#differential}:
 * an overflow, or a refresh after a silent kernel change) runs while the FPM still holds what was
 * sent: it sends only the objects whose frame changed and a deletion for each one it no longer
 * reports, outside any window. A replay that joins a window already open deletes what it does not
 * report itself too: the window's GR_END keeps what was sent since its GR_BEGIN.
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
    /** Why the running dump runs. */
    private ResyncReason dumpReason = ResyncReason.INITIAL;
    /** The running dump is differential ({@link ResyncReason#differential}): differences only, no window. */
    private boolean differential;
    /**
     * The running replay joined a replay window already open ({@link ReplayWindow.Member#dumpStarted}):
     * what it does not report may have been sent since the window's GR_BEGIN, which GR_END keeps,
     * so it deletes that itself, as a differential dump does.
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
        dumpReason = reason;
        differential = reason.differential();
        dumpStarting();
        ReplayWindow.Member w = window;
        sweepsItself = w != null && !differential && w.dumpStarted();
    }

    /** A dump begins, before the window hears of it; nothing to do by default. */
    void dumpStarting() {
    }

    /** The running dump is differential: what the FPM has already is not sent again. */
    final boolean differential() {
        return differential;
    }

    /** The running replay deletes what it does not report itself ({@link #sweepsItself}). */
    final boolean sweepsItself() {
        return sweepsItself;
    }

    /**
     * After a complete differential dump (or a replay that {@link #sweepsItself}), for each object
     * it did not report: {@code keys.key} holds its key words, {@code value} its value. The sync
     * deletes it from the FPM.
     */
    abstract void deleteSwept(long value);

    /** After a complete replay, for each object it did not report, which the window's GR_END sweeps; nothing by default. */
    void forgetSwept(long value) {
    }

    /** A differential dump is over; nothing to do by default. */
    void differentialFinished(boolean complete) {
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
        if (differential) {
            differential = false;
            if (complete) {
                // What the dump did not report went (silently, or its notification was lost): no
                // window's GR_END sweeps it.
                keys.sweep(this::deleteSwept);
            }
            differentialFinished(complete);
            LOG.debug("vrf {}: {} of family {} differential dump ({}) {}, {} objects", vrf.vrfid(), kind.plural,
                    addressFamily, dumpReason, complete ? "done" : "interrupted", keys.size());
            return;
        }
        if (complete && sweepsItself) {
            // Gone, but perhaps sent since the window's GR_BEGIN: GR_END would keep it.
            keys.sweep(this::deleteSwept);
        } else if (complete) {
            // What the dump did not report is gone: the FPM sweeps it at the window's GR_END.
            keys.sweep(this::forgetSwept);
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

    /**
     * About {@code count} objects are coming (a size hint, -1 unknown): an empty key set is sized
     * for them instead of growing while the first dump fills it.
     */
    final void expectObjects(long count) {
        keys.reserve(count);
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
     * what a differential dump compares to tell whether an object changed since it was sent.
     */
    static long contentHash(ByteBuffer frame) {
        long h = 0x9e3779b97f4a7c15L;
        int i = FpcFrame.HEADER_SIZE;
        int end = frame.limit();
        if (frame.hasArray()) {
            // The frame writer's array, read directly: a ByteBuffer's getLong is a chain of calls
            // until C2 has compiled it, and about 500 bytes of bytecode inlined when it has.
            byte[] a = frame.array();
            int base = frame.arrayOffset();
            for (; i + Long.BYTES <= end; i += Long.BYTES) {
                h = (h ^ bigEndianLong(a, base + i)) * 0xff51afd7ed558ccdL;
                h ^= h >>> 29;
            }
            for (; i < end; i++) {
                h = (h ^ (a[base + i] & 0xffL)) * 0xc4ceb9fe1a85ec53L;
                h ^= h >>> 29;
            }
        } else {
            for (; i + Long.BYTES <= end; i += Long.BYTES) {
                h = (h ^ frame.getLong(i)) * 0xff51afd7ed558ccdL;
                h ^= h >>> 29;
            }
            for (; i < end; i++) {
                h = (h ^ (frame.get(i) & 0xffL)) * 0xc4ceb9fe1a85ec53L;
                h ^= h >>> 29;
            }
        }
        h ^= end;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 32);
    }

    /** The 8 bytes at {@code at}, big-endian: what {@code ByteBuffer.getLong} reads from a frame. */
    private static long bigEndianLong(byte[] a, int at) {
        return (a[at] & 0xffL) << 56 | (a[at + 1] & 0xffL) << 48 | (a[at + 2] & 0xffL) << 40 | (a[at + 3] & 0xffL) << 32
                | (a[at + 4] & 0xffL) << 24 | (a[at + 5] & 0xffL) << 16 | (a[at + 6] & 0xffL) << 8 | (a[at + 7] & 0xffL);
    }

    /**
     * Stores {@code keys.key} with {@code value} and the hash of {@code frame} (an ADD), and sends the
     * frame, unless a differential dump reports the object as the FPM has it already.
     */
    final void putAndSend(long value, ByteBuffer frame, boolean fromDump) {
        long hash = contentHash(frame);
        // ~hash when absent: never equal to hash.
        boolean unchanged = differential && fromDump && keys.contentHash(~hash) == hash;
        keys.put(value, hash);
        if (!unchanged) {
            send(frame);
        }
    }

    final void send(ByteBuffer frame) {
        // false = no FPM session: nothing to do, the replay at the next session sends the truth.
        fpc.send(frame);
    }

    final NetlinkFormatException malformed(String what) {
        return new NetlinkFormatException(what);
    }

    /** The reverse of {@link #packAddress}: {@code length} bytes (4 or 16) from the key words at {@code word}. */
    static void unpackAddress(long[] key, int word, byte[] address, int length) {
        if (length == 4) {
            long v = key[word];
            for (int i = 0; i < 4; i++) {
                address[i] = (byte) (v >>> (24 - 8 * i));
            }
            return;
        }
        for (int i = 0; i < 8; i++) {
            address[i] = (byte) (key[word] >>> (56 - 8 * i));
            address[i + 8] = (byte) (key[word + 1] >>> (56 - 8 * i));
        }
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
