package org.linuxfpsync.sync.ipsec;

import java.util.Arrays;

import org.linuxfpsync.cmgr.Ifuid;
import org.linuxfpsync.featuresync.FamilyObjects;
import org.linuxfpsync.featuresync.MessageHandler;
import org.linuxfpsync.featuresync.ObjectRefused;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.fpc.codec.SaAttr;
import org.linuxfpsync.netlink.RateLimitedLog;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.NetlinkFormatException;
import org.linuxfpsync.netlink.codec.NlMsg;
import org.linuxfpsync.netlink.codec.Rtnetlink;
import org.linuxfpsync.netlink.codec.Xfrm;
import org.linuxfpsync.netlink.codec.XfrmFlushMessage;
import org.linuxfpsync.netlink.codec.XfrmSaMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SAs of one vrf (XFRM_MSG_NEWSA/UPDSA and GETSA dump replies, DELSA, EXPIRE, FLUSHSA, as
 * {@code copy_to_user_state_extra} writes them) to SA_ADD/SA_DEL, keyed by family, destination, SPI,
 * protocol and mark (value and mask, 0 without XFRMA_MARK): the kernel keeps SAs that differ only by
 * their mark, and every message about an SA (DELSA and EXPIRE included) carries its mark.
 *
 * <p>A larval SA (an SPI allocated by XFRM_MSG_ALLOCSPI, or the SPI-0 state of a pending ACQUIRE)
 * has no transform yet: it carries no traffic and is not sent; when the key manager fills it
 * (UPDSA) it is. A hard EXPIRE deletes the SA (the kernel sends no DELSA then); a soft one is only
 * counted. FLUSHSA names only a protocol: every SA of the vrf it matches goes. States of another
 * protocol (the IPIP state under an IPcomp tunnel, mobile IPv6) are kernel helpers, not sent.
 *
 * <p>Keys are copied from the message into the frame, and nowhere else: no log line, exception or
 * string here holds them.
 */
final class SaEntries implements MessageHandler {
    private static final Logger LOG = LoggerFactory.getLogger(SaEntries.class);
    /** The longest key SA_ADD carries (AUTH_KEY, ENC_KEY, AEAD_KEY). */
    static final int MAX_KEY_BYTES = 1024;
    static final String KEY_TOO_LONG = "key longer than FPC's " + MAX_KEY_BYTES + " bytes";

    /** An SA's FPC key: VRFID, FAMILY, DADDR (two big-endian halves), SPI, PROTO, MARK, MARK_MASK. */
    record Key(int vrfid, int family, long daddrHigh, long daddrLow, int spi, int proto, int mark, int markMask) {
    }

    private final Vrf vrf;
    private final FamilyObjects<Key> sas;
    private final XfrmSaMessage sa = new XfrmSaMessage();
    private final XfrmFlushMessage flush = new XfrmFlushMessage();
    private final Selectors selectors = new Selectors();
    private final byte[] address = new byte[16];
    private final byte[] keyBytes = new byte[MAX_KEY_BYTES];
    private final RateLimitedLog softExpireLog = new RateLimitedLog(LOG);
    private long softExpires;

    SaEntries(Vrf vrf, FamilyObjects<Key> sas) {
        this.vrf = vrf;
        this.sas = sas;
    }

    /** Soft expires seen in this vrf (an IKE daemon rekeys then; the SA stays). */
    long softExpires() {
        return softExpires;
    }

    @Override
    public void apply(NlMsg message, boolean fromDump) throws NetlinkFormatException, ObjectRefused {
        switch (message.type()) {
            case Xfrm.XFRM_MSG_NEWSA:
            case Xfrm.XFRM_MSG_UPDSA:
                added(sa.wrap(message), fromDump);
                break;
            case Xfrm.XFRM_MSG_DELSA:
                sas.delete(key(sa.wrap(message)));
                break;
            case Xfrm.XFRM_MSG_EXPIRE:
                expired(sa.wrap(message));
                break;
            case Xfrm.XFRM_MSG_FLUSHSA:
                XfrmFlushMessage f = flush.wrap(message);
                sas.deleteIf(k -> f.flushes(k.proto()));
                break;
            default:
                break;
        }
    }

    private void expired(XfrmSaMessage m) {
        if (m.hard()) {
            sas.delete(key(m));
            return;
        }
        softExpires++;
        if (softExpireLog.admit()) {
            LOG.info("vrf {}: SA soft expire ({} so far, {} lines suppressed): {}", vrf.vrfid(), softExpires,
                    softExpireLog.suppressed(), describe(m));
        }
    }

    private void added(XfrmSaMessage m, boolean fromDump) throws ObjectRefused {
        Key key = key(m);
        if (!isIpsec(m.proto())) {
            return;
        }
        if (larval(m)) {
            sas.delete(key); // a larval SA replacing a full one (never seen from the kernel; kept exact)
            return;
        }
        if (m.longestKeyBytes() > MAX_KEY_BYTES) {
            sas.delete(key);
            throw new ObjectRefused(KEY_TOO_LONG, describe(m) + ": " + m.longestKeyBytes() + " bytes");
        }
        FrameWriter w = sas.beginAdd();
        writeId(w, key);
        w.putBytes(SaAttr.SADDR, address, 0, m.copySaddr(address))
                .putU8(SaAttr.MODE, m.mode());
        putNonZeroU32(w, SaAttr.REQID, m.reqid());
        putNonZeroU32(w, SaAttr.REPLAY_WINDOW, m.replayWindowPackets());
        putNonZeroU32(w, SaAttr.FLAGS, m.flags());
        selectors.write(w, SaAttr.SELECTOR, m.selector(), vrf.vrfid());
        try {
            writeAlgorithms(w, m);
        } finally {
            Arrays.fill(keyBytes, (byte) 0);
        }
        if (m.encapType() >= 0) {
            w.putU16(SaAttr.ENCAP_TYPE, m.encapType()).putU16(SaAttr.ENCAP_SPORT, m.encapSourcePort())
                    .putU16(SaAttr.ENCAP_DPORT, m.encapDestinationPort());
        }
        writeMark(w, key);
        putNonZeroU32(w, SaAttr.IF_ID, m.interfaceId());
        String comp = m.compAlgorithm();
        if (comp != null) {
            w.putString(SaAttr.COMP_ALG, comp);
        }
        writeLifetimes(w, m);
        putNonZeroU32(w, SaAttr.EXTRA_FLAGS, m.extraFlags());
        if (m.direction() != 0) {
            w.putU8(SaAttr.DIR, m.direction());
        }
        if (m.offloadIfindex() != 0) {
            w.putU64(SaAttr.OFFLOAD_IFUID, Ifuid.of(vrf.vrfid(), m.offloadIfindex()))
                    .putU8(SaAttr.OFFLOAD_FLAGS, m.offloadFlags());
        }
        if (m.has(Xfrm.XFRMA_SET_MARK)) {
            w.putU32(SaAttr.SET_MARK, m.setMark()).putU32(SaAttr.SET_MARK_MASK, m.setMarkMask());
        }
        sas.add(key, fromDump);
    }

    /** Names, then keys (copied into the frame through a scratch array the caller clears), then ICV lengths. */
    private void writeAlgorithms(FrameWriter w, XfrmSaMessage m) {
        String auth = m.authAlgorithm();
        if (auth != null) {
            w.putString(SaAttr.AUTH_ALG, auth).putBytes(SaAttr.AUTH_KEY, keyBytes, 0, m.copyAuthKey(keyBytes));
            if (m.authTruncationBits() >= 0) {
                w.putU32(SaAttr.AUTH_TRUNC_BITS, m.authTruncationBits());
            }
        }
        String crypt = m.cryptAlgorithm();
        if (crypt != null) {
            w.putString(SaAttr.ENC_ALG, crypt).putBytes(SaAttr.ENC_KEY, keyBytes, 0, m.copyCryptKey(keyBytes));
        }
        String aead = m.aeadAlgorithm();
        if (aead != null) {
            w.putString(SaAttr.AEAD_ALG, aead).putBytes(SaAttr.AEAD_KEY, keyBytes, 0, m.copyAeadKey(keyBytes))
                    .putU32(SaAttr.AEAD_ICV_BITS, m.aeadIcvBits());
        }
    }

    /** The limits the kernel holds as XFRM_INF and the expiries it holds as 0 are "not set": not sent. */
    private static void writeLifetimes(FrameWriter w, XfrmSaMessage m) {
        for (int field = 0; field < 8; field++) {
            long value = m.lifetime(field);
            boolean set = field < 4 ? value != XfrmSaMessage.XFRM_INF : value != 0;
            if (set) {
                w.putU64(SaAttr.SOFT_BYTE_LIMIT + field, value);
            }
        }
    }

    private static void putNonZeroU32(FrameWriter w, int tlv, int value) {
        if (value != 0) {
            w.putU32(tlv, value);
        }
    }

    /**
     * No transform yet, or SPI 0: the state ALLOCSPI or an ACQUIRE makes (XFRM_STATE_ACQ), which a
     * key manager completes with UPDSA. Every real ESP, AH or IPcomp SA has an algorithm.
     */
    static boolean larval(XfrmSaMessage m) {
        return m.spi() == 0 || !m.hasAlgorithm();
    }

    static boolean isIpsec(int proto) {
        return proto == Xfrm.IPPROTO_ESP || proto == Xfrm.IPPROTO_AH || proto == Xfrm.IPPROTO_COMP;
    }

    private Key key(XfrmSaMessage m) {
        int length = m.copyDaddr(address);
        return new Key(vrf.vrfid(), m.family(), XfrmKey.half(address, length, true),
                XfrmKey.half(address, length, false), m.spi(), m.proto(), m.markValue(), m.markMask());
    }

    /** Ids only, never keys: for log lines and refusals. */
    private static String describe(XfrmSaMessage m) {
        return "proto " + m.proto() + " spi 0x" + Integer.toHexString(m.spi()) + " family " + m.family();
    }

    /** The key TLVs (FamilyObjects.KeyWriter): VRFID, FAMILY, DADDR, SPI, PROTO, then the mark. */
    static void writeKey(FrameWriter w, Key key) {
        writeId(w, key);
        writeMark(w, key);
    }

    /** VRFID, FAMILY, DADDR, SPI, PROTO: the key TLVs before the optional ones (TLVs go in type order). */
    private static void writeId(FrameWriter w, Key key) {
        int length = key.family() == Rtnetlink.AF_INET ? 4 : 16;
        w.putU32(SaAttr.VRFID, key.vrfid())
                .putU8(SaAttr.FAMILY, key.family())
                .putAddress(SaAttr.DADDR, XfrmKey.address(key.daddrHigh(), key.daddrLow(), length))
                .putU32(SaAttr.SPI, key.spi())
                .putU8(SaAttr.PROTO, key.proto());
    }

    /** MARK and MARK_MASK when the SA has a mark (the kernel sends XFRMA_MARK unless both are 0). */
    private static void writeMark(FrameWriter w, Key key) {
        if (key.mark() != 0 || key.markMask() != 0) {
            w.putU32(SaAttr.MARK, key.mark()).putU32(SaAttr.MARK_MASK, key.markMask());
        }
    }
}
