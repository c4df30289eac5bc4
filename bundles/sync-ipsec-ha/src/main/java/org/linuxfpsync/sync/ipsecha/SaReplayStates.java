package org.linuxfpsync.sync.ipsecha;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.linuxfpsync.featuresync.FamilyObjects;
import org.linuxfpsync.featuresync.MessageHandler;
import org.linuxfpsync.featuresync.ObjectRefused;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.fpc.codec.SaReplayAttr;
import org.linuxfpsync.netlink.NetlinkRequest;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.NetlinkFormatException;
import org.linuxfpsync.netlink.codec.NlMsg;
import org.linuxfpsync.netlink.codec.Rtnetlink;
import org.linuxfpsync.netlink.codec.Xfrm;
import org.linuxfpsync.netlink.codec.XfrmAeventMessage;
import org.linuxfpsync.netlink.codec.XfrmSaMessage;

/**
 * The replay state of the SAs of one vrf: XFRM_MSG_NEWAE (the GETAE snapshot's answers and the
 * aevents) and the state in XFRM_MSG_NEWSA / UPDSA notifications to SA_REPLAY, keyed as the SA (vrf,
 * family, daddr, spi, proto, mark: every one of these messages carries the SA's XFRMA_MARK when it has
 * one, and the kernel keeps SAs that differ only by their mark); XFRM_MSG_DELSA, a hard XFRM_MSG_EXPIRE
 * and XFRM_MSG_FLUSHSA to SA_REPLAY_DEL.
 *
 * <p>A dump of the SAs is read for their ids only (and their mark, which the kernel's lookup by id
 * needs): each becomes a GETAE request, sent before the dump ends, whose answer is the SA's replay
 * state inside the replay window. An SA without SPI (a larval one the kernel made for an ACQUIRE)
 * cannot be looked up by id and has no sequence numbers: it is not asked. An SA created or updated
 * later comes with its replay state in the kernel's XFRM_MSG_NEWSA / UPDSA: sent at once. A larval
 * SA made by ALLOCSPI is not announced (the kernel answers the asker only): its state, zero, comes
 * with the next snapshot, its completion (UPDSA) or its first aevent.
 *
 * <p>The aevent thresholds (XFRMA_REPLAY_THRESH, XFRMA_ETIMER_THRESH) come only in the GETAE
 * answers, not in the kernel's aevents: they are kept per SA and sent with each state.
 */
final class SaReplayStates implements MessageHandler {
    /** {@code XFRM_AE_RVAL | XFRM_AE_RTHR | XFRM_AE_ETHR}: the replay state and both thresholds. */
    static final int GETAE_FLAGS = Xfrm.XFRM_AE_RVAL | Xfrm.XFRM_AE_RTHR | Xfrm.XFRM_AE_ETHR;
    /** {@code IPSEC_PROTO_ANY} of linux/ipsec.h: a FLUSHSA of every protocol. */
    static final int IPSEC_PROTO_ANY = 255;
    /** The largest bitmap the kernel allows (XFRMA_REPLAY_ESN_MAX bits: 4096 packets), and SA_REPLAY's BITMAP. */
    static final int MAX_BITMAP_BYTES = 512;

    /** An SA's FPC key: VRFID, FAMILY, DADDR (as two big-endian halves), SPI, PROTO, MARK, MARK_MASK. */
    record Key(int vrfid, int family, long daddrHigh, long daddrLow, int spi, int proto, int mark, int markMask) {
    }

    /** The SA's aevent thresholds from the snapshot: packets, and units of 100 ms; -1 unknown. */
    private record Thresholds(long replay, long timer) {
    }

    private final Vrf vrf;
    private final FamilyObjects<Key> replays;
    private final XfrmSaMessage sa = new XfrmSaMessage();
    private final XfrmAeventMessage aevent = new XfrmAeventMessage();
    private final byte[] daddr = new byte[16];
    private final Map<Key, Thresholds> thresholds = new HashMap<>();
    private final List<NetlinkRequest> snapshot = new ArrayList<>();
    private final Set<Key> dumped = new HashSet<>();

    SaReplayStates(Vrf vrf, FamilyObjects<Key> replays) {
        this.vrf = vrf;
        this.replays = replays;
    }

    @Override
    public void dumpStarted() {
        snapshot.clear();
        dumped.clear();
    }

    @Override
    public void apply(NlMsg message, boolean fromDump) throws NetlinkFormatException, ObjectRefused {
        switch (message.type()) {
            case Xfrm.XFRM_MSG_NEWSA:
            case Xfrm.XFRM_MSG_UPDSA:
                if (fromDump) {
                    askReplayState(sa.wrap(message));
                } else {
                    sendNewSa(sa.wrap(message));
                }
                break;
            case Xfrm.XFRM_MSG_NEWAE:
                XfrmAeventMessage ae = aevent.wrap(message);
                send(key(ae.family(), ae.spi(), ae.proto(), ae.copyDaddr(daddr), ae.markValue(), ae.markMask()),
                        ReplayState.of(ae), fromDump);
                break;
            case Xfrm.XFRM_MSG_DELSA:
                forget(key(sa.wrap(message)));
                break;
            case Xfrm.XFRM_MSG_EXPIRE:
                if (sa.wrap(message).hard()) {
                    forget(key(sa));
                }
                break;
            case Xfrm.XFRM_MSG_FLUSHSA:
                flush(message);
                break;
            default:
                break;
        }
    }

    /** One GETAE for the SA the dump reported, sent before the dump ends. */
    private void askReplayState(XfrmSaMessage s) {
        if (s.spi() == 0) {
            return;
        }
        int length = s.copyDaddr(daddr);
        byte[] address = Arrays.copyOf(daddr, length);
        snapshot.add(new NetlinkRequest(Xfrm.XFRM_MSG_GETAE, XfrmAeventMessage.getAeRequest(s.family(), address,
                s.spi(), s.proto(), GETAE_FLAGS, s.markValue(), s.markMask())));
    }

    @Override
    public List<NetlinkRequest> followUps() {
        List<NetlinkRequest> requests = List.copyOf(snapshot);
        snapshot.clear();
        return requests;
    }

    /**
     * A new or updated SA (not a dump's): the kernel's notification carries its replay state
     * (XFRMA_REPLAY_VAL or XFRMA_REPLAY_ESN_VAL, as {@code copy_to_user_state_extra} writes them), so an
     * SA made while the feature runs is in the FPM at once, not at its first aevent.
     */
    private void sendNewSa(XfrmSaMessage s) throws ObjectRefused {
        ReplayState state = ReplayState.of(s);
        if (s.spi() != 0 && state != null) {
            send(key(s), state, false);
        }
    }

    private void send(Key key, ReplayState state, boolean fromDump) throws ObjectRefused {
        if (state.bitmap().length > MAX_BITMAP_BYTES) {
            throw new ObjectRefused("replay bitmap above 512 bytes", "SA spi 0x" + Integer.toHexString(key.spi())
                    + ": replay bitmap of " + state.bitmap().length + " bytes, FPC carries at most "
                    + MAX_BITMAP_BYTES);
        }
        Thresholds known = thresholds.get(key);
        if (state.replayThreshold() >= 0 || state.timerThreshold() >= 0) {
            known = new Thresholds(state.replayThreshold(), state.timerThreshold());
            thresholds.put(key, known);
        }
        if (fromDump) {
            dumped.add(key);
        }
        FrameWriter w = replays.beginAdd();
        writeId(w, key);
        w.putU64(SaReplayAttr.OSEQ, state.oseq()).putU64(SaReplayAttr.SEQ, state.seq())
                .putBytes(SaReplayAttr.BITMAP, state.bitmap());
        if (state.esn()) {
            w.putU8(SaReplayAttr.ESN, 1).putU32(SaReplayAttr.REPLAY_WINDOW, state.window());
        }
        if (known != null && known.replay() >= 0) {
            w.putU32(SaReplayAttr.REPLAY_THRESH, (int) known.replay());
        }
        if (known != null && known.timer() >= 0) {
            w.putU32(SaReplayAttr.ETIMER_THRESH, (int) known.timer());
        }
        writeMark(w, key);
        replays.add(key, fromDump);
    }

    @Override
    public void dumpFinished(boolean complete) {
        if (complete) {
            thresholds.keySet().retainAll(dumped);
        }
    }

    private void forget(Key key) {
        thresholds.remove(key);
        replays.delete(key);
    }

    /** {@code struct xfrm_usersa_flush { __u8 proto; }}: every SA of that protocol, or of any. */
    private void flush(NlMsg message) throws NetlinkFormatException {
        if (message.payloadLength() < 1) {
            throw new NetlinkFormatException("truncated xfrm_usersa_flush in XFRM_MSG_FLUSHSA: "
                    + message.payloadLength() + " bytes, need 1");
        }
        int proto = message.buffer().get(message.payloadOffset()) & 0xff;
        // xfrm_id_proto_match: 0 is every SA, IPSEC_PROTO_ANY every ESP, AH and IPcomp SA
        replays.deleteIf(k -> proto == 0 || k.proto() == proto || proto == IPSEC_PROTO_ANY
                && (k.proto() == Xfrm.IPPROTO_ESP || k.proto() == Xfrm.IPPROTO_AH || k.proto() == Xfrm.IPPROTO_COMP));
        thresholds.keySet().removeIf(k -> !replays.contains(k));
    }

    private Key key(XfrmSaMessage s) {
        return key(s.family(), s.spi(), s.proto(), s.copyDaddr(daddr), s.markValue(), s.markMask());
    }

    private Key key(int family, int spi, int proto, int addressLength, int mark, int markMask) {
        return new Key(vrf.vrfid(), family, half(0, addressLength), half(8, addressLength), spi, proto, mark,
                markMask);
    }

    /** Bytes [from, from + 8) of {@link #daddr}, big-endian; an IPv4 address is all in the low half. */
    private long half(int from, int length) {
        if (length == 4) {
            return from == 0 ? 0 : ((daddr[0] & 0xffL) << 24) | ((daddr[1] & 0xffL) << 16)
                    | ((daddr[2] & 0xffL) << 8) | (daddr[3] & 0xffL);
        }
        long v = 0;
        for (int i = from; i < from + 8; i++) {
            v = (v << 8) | (daddr[i] & 0xffL);
        }
        return v;
    }

    /** The key TLVs (FamilyObjects.KeyWriter): VRFID, FAMILY, DADDR, SPI, PROTO, then the mark. */
    static void writeKey(FrameWriter w, Key key) {
        writeId(w, key);
        writeMark(w, key);
    }

    /** VRFID, FAMILY, DADDR, SPI, PROTO: the key TLVs before the state's (TLVs go in type order). */
    private static void writeId(FrameWriter w, Key key) {
        int length = key.family() == Rtnetlink.AF_INET ? 4 : 16;
        byte[] address = new byte[length];
        for (int i = 0; i < length; i++) {
            int fromEnd = length - 1 - i;
            long half = fromEnd < 8 ? key.daddrLow() : key.daddrHigh();
            address[i] = (byte) (half >>> (8 * (fromEnd % 8)));
        }
        w.putU32(SaReplayAttr.VRFID, key.vrfid()).putU8(SaReplayAttr.FAMILY, key.family())
                .putAddress(SaReplayAttr.DADDR, address).putU32(SaReplayAttr.SPI, key.spi())
                .putU8(SaReplayAttr.PROTO, key.proto());
    }

    /** MARK and MARK_MASK, the last TLVs, when the SA has a mark (the kernel sends XFRMA_MARK unless both are 0). */
    private static void writeMark(FrameWriter w, Key key) {
        if (key.mark() != 0 || key.markMask() != 0) {
            w.putU32(SaReplayAttr.MARK, key.mark()).putU32(SaReplayAttr.MARK_MASK, key.markMask());
        }
    }
}
