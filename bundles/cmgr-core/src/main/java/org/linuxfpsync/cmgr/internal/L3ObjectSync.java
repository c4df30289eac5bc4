package org.linuxfpsync.cmgr.internal;

import java.nio.ByteBuffer;

import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.netlink.NetlinkListener;
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
    private static final long WARN_INTERVAL_NANOS = 1_000_000_000L;

    final L3ObjectKind kind;
    final Vrf vrf;
    final int addressFamily;
    /** 4 or 16: the length of this family's addresses. */
    final int addressLength;
    final KeySet keys;
    private final FpcChannel fpc;
    private final FrameWriter writer = new FrameWriter();
    private volatile ReplayWindow.Member window;
    private long malformed;
    private long lastWarnNanos;
    private long suppressedWarnings;

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
        dumpStarting();
        ReplayWindow.Member w = window;
        if (w != null) {
            w.dumpStarted();
        }
    }

    /** A dump begins, before the window hears of it; nothing to do by default. */
    void dumpStarting() {
    }

    @Override
    public final void message(NlMsg message, boolean fromDump) {
        try {
            apply(message, fromDump);
        } catch (NetlinkFormatException e) {
            malformed++;
            long now = System.nanoTime();
            if (now - lastWarnNanos >= WARN_INTERVAL_NANOS) {
                LOG.warn("vrf {}: {} message ignored ({} malformed so far, {} warnings suppressed): {}", vrf.vrfid(),
                        kind.plural, malformed, suppressedWarnings, e.getMessage());
                lastWarnNanos = now;
                suppressedWarnings = 0;
            } else {
                suppressedWarnings++;
            }
        }
    }

    @Override
    public final void dumpFinished(boolean complete) {
        if (complete) {
            // What the dump did not report is gone: the FPM sweeps it at the window's GR_END.
            keys.sweep();
        }
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
