package org.linuxfpsync.fpc.codec;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/**
 * Encoders and decoders of the session messages (HELLO, ERROR, GR_BEGIN, GR_END, STATS_REQUEST,
 * STATS_REPLY, MROUTE_STATS_REQUEST, MROUTE_STATS_REPLY). The encoders
 * return the writer's buffer as {@link FrameWriter#finish()} does. The decoders skip unknown TLVs
 * (forward compatibility) and let the last occurrence of a repeated TLV win.
 */
public final class FpcCodecs {
    /** ERROR messages are one line; longer text is cut so a reply never grows large. */
    public static final int MAX_ERROR_MESSAGE = 256;

    private FpcCodecs() {
    }

    public static ByteBuffer helloFrame(FrameWriter w, int seq, FpcHello hello) {
        w.begin(FpcMessageType.HELLO, seq)
                .putU16(HelloAttr.VERSION_MAX, hello.versionMax())
                .putString(HelloAttr.NAME, hello.name());
        if (hello.instance() != FpcHello.ABSENT) {
            w.putU32(HelloAttr.INSTANCE, (int) hello.instance());
        }
        if (hello.features() != FpcHello.ABSENT) {
            w.putU32(HelloAttr.FEATURES, (int) hello.features());
        }
        if (hello.epoch() != FpcHello.ABSENT) {
            w.putU64(HelloAttr.EPOCH, hello.epoch());
        }
        return w.finish();
    }

    public static FpcHello parseHello(FrameReader r) throws FpcFormatException {
        expectType(r, FpcMessageType.HELLO);
        int versionMax = -1;
        String name = "";
        long instance = FpcHello.ABSENT;
        long features = FpcHello.ABSENT;
        long epoch = FpcHello.ABSENT;
        r.rewindTlvs();
        while (r.nextTlv()) {
            switch (r.tlvType()) {
                case HelloAttr.VERSION_MAX: versionMax = r.u16(); break;
                case HelloAttr.NAME: name = r.string(); break;
                case HelloAttr.INSTANCE: instance = Integer.toUnsignedLong(r.u32()); break;
                case HelloAttr.FEATURES: features = Integer.toUnsignedLong(r.u32()); break;
                case HelloAttr.EPOCH: epoch = r.u64(); break;
                default: break;
            }
        }
        if (versionMax < 0) {
            throw FpcFormatException.badFrame("HELLO without VERSION_MAX");
        }
        if (epoch < FpcHello.ABSENT) {
            throw FpcFormatException.badFrame("HELLO EPOCH above 2^63");
        }
        return new FpcHello(versionMax, name, instance, features, epoch);
    }

    public static ByteBuffer errorFrame(FrameWriter w, int seq, int refusedSeq, int refusedType, int code,
                                        String message) {
        w.begin(FpcMessageType.ERROR, seq)
                .putU32(ErrorAttr.SEQ, refusedSeq);
        if (refusedType >= 0) {
            w.putU16(ErrorAttr.TYPE, refusedType);
        }
        w.putU32(ErrorAttr.CODE, code);
        if (message != null && !message.isEmpty()) {
            String line = message.replace('\n', ' ').replace('\0', ' ');
            w.putString(ErrorAttr.MESSAGE, line.length() > MAX_ERROR_MESSAGE
                    ? line.substring(0, MAX_ERROR_MESSAGE) : line);
        }
        return w.finish();
    }

    public static FpcError parseError(FrameReader r) throws FpcFormatException {
        expectType(r, FpcMessageType.ERROR);
        int refusedSeq = 0;
        int refusedType = -1;
        long code = -1;
        String message = "";
        r.rewindTlvs();
        while (r.nextTlv()) {
            switch (r.tlvType()) {
                case ErrorAttr.SEQ: refusedSeq = r.u32(); break;
                case ErrorAttr.TYPE: refusedType = r.u16(); break;
                case ErrorAttr.CODE: code = Integer.toUnsignedLong(r.u32()); break;
                case ErrorAttr.MESSAGE: message = r.string(); break;
                default: break;
            }
        }
        if (code < 0) {
            throw FpcFormatException.badFrame("ERROR without CODE");
        }
        return new FpcError(refusedSeq, refusedType, (int) code, message);
    }

    /** GR_BEGIN or GR_END for {@code family} in {@code vrfid}. */
    public static ByteBuffer grFrame(FrameWriter w, int type, int seq, int family, int vrfid) {
        if (type != FpcMessageType.GR_BEGIN && type != FpcMessageType.GR_END) {
            throw new IllegalArgumentException("not a graceful-restart marker: " + FpcSchema.messageName(type));
        }
        return w.begin(type, seq)
                .putU8(GrAttr.FAMILY, family)
                .putU32(GrAttr.VRFID, vrfid)
                .finish();
    }

    public static FpcGrMarker parseGr(FrameReader r) throws FpcFormatException {
        int type = r.type();
        if (type != FpcMessageType.GR_BEGIN && type != FpcMessageType.GR_END) {
            throw new IllegalArgumentException("not a graceful-restart marker: " + FpcSchema.messageName(type));
        }
        int family = -1;
        long vrfid = -1;
        r.rewindTlvs();
        while (r.nextTlv()) {
            switch (r.tlvType()) {
                case GrAttr.FAMILY: family = r.u8(); break;
                case GrAttr.VRFID: vrfid = Integer.toUnsignedLong(r.u32()); break;
                default: break;
            }
        }
        if (family < 0) {
            throw FpcFormatException.badFrame(FpcSchema.messageName(type) + " without FAMILY");
        }
        if (vrfid < 0) {
            throw FpcFormatException.badFrame(FpcSchema.messageName(type) + " without VRFID");
        }
        return new FpcGrMarker(family, (int) vrfid);
    }

    /**
     * STATS_REQUEST for the interfaces of {@code vrfid} (-1: every vrf), or for {@code ifuid} alone
     * (0: every interface).
     */
    public static ByteBuffer statsRequestFrame(FrameWriter w, int seq, long vrfid, long ifuid) {
        w.begin(FpcMessageType.STATS_REQUEST, seq);
        if (vrfid >= 0) {
            w.putU32(StatsRequestAttr.VRFID, (int) vrfid);
        }
        if (ifuid != 0) {
            w.putU64(StatsRequestAttr.IFUID, ifuid);
        }
        return w.finish();
    }

    public static FpcInterfaceStats parseStatsReply(FrameReader r) throws FpcFormatException {
        expectType(r, FpcMessageType.STATS_REPLY);
        long requestSeq = -1;
        long ifuid = 0;
        int vrfid = 0;
        // Locals, not an array: one reply per interface every poll, and the record is all it allocates.
        long rxPackets = 0;
        long rxBytes = 0;
        long txPackets = 0;
        long txBytes = 0;
        long rxDropped = 0;
        long txDropped = 0;
        long rxErrors = 0;
        long txErrors = 0;
        boolean last = false;
        r.rewindTlvs();
        while (r.nextTlv()) {
            switch (r.tlvType()) {
                case StatsReplyAttr.REQUEST_SEQ: requestSeq = Integer.toUnsignedLong(r.u32()); break;
                case StatsReplyAttr.IFUID: ifuid = r.u64(); break;
                case StatsReplyAttr.VRFID: vrfid = r.u32(); break;
                case StatsReplyAttr.RX_PACKETS: rxPackets = r.u64(); break;
                case StatsReplyAttr.RX_BYTES: rxBytes = r.u64(); break;
                case StatsReplyAttr.TX_PACKETS: txPackets = r.u64(); break;
                case StatsReplyAttr.TX_BYTES: txBytes = r.u64(); break;
                case StatsReplyAttr.RX_DROPPED: rxDropped = r.u64(); break;
                case StatsReplyAttr.TX_DROPPED: txDropped = r.u64(); break;
                case StatsReplyAttr.RX_ERRORS: rxErrors = r.u64(); break;
                case StatsReplyAttr.TX_ERRORS: txErrors = r.u64(); break;
                case StatsReplyAttr.LAST: last = r.u8() != 0; break;
                default: break;
            }
        }
        if (requestSeq < 0) {
            throw FpcFormatException.badFrame("STATS_REPLY without REQUEST_SEQ");
        }
        return new FpcInterfaceStats((int) requestSeq, ifuid, vrfid, rxPackets, rxBytes, txPackets, txBytes,
                rxDropped, txDropped, rxErrors, txErrors, last);
    }

    /** MROUTE_STATS_REQUEST for the multicast routes of {@code vrfid} (-1: every vrf). */
    public static ByteBuffer mrouteStatsRequestFrame(FrameWriter w, int seq, long vrfid) {
        w.begin(FpcMessageType.MROUTE_STATS_REQUEST, seq);
        if (vrfid >= 0) {
            w.putU32(MrouteStatsRequestAttr.VRFID, (int) vrfid);
        }
        return w.finish();
    }

    public static FpcMrouteStats parseMrouteStatsReply(FrameReader r) throws FpcFormatException {
        expectType(r, FpcMessageType.MROUTE_STATS_REPLY);
        long requestSeq = -1;
        int vrfid = 0;
        int family = 0;
        long table = 0;
        byte[] source = null;
        byte[] group = null;
        long packets = 0;
        long bytes = 0;
        long wrongIf = 0;
        boolean last = false;
        r.rewindTlvs();
        while (r.nextTlv()) {
            switch (r.tlvType()) {
                case MrouteStatsReplyAttr.REQUEST_SEQ: requestSeq = Integer.toUnsignedLong(r.u32()); break;
                case MrouteStatsReplyAttr.VRFID: vrfid = r.u32(); break;
                case MrouteStatsReplyAttr.FAMILY: family = r.u8(); break;
                case MrouteStatsReplyAttr.TABLE: table = Integer.toUnsignedLong(r.u32()); break;
                case MrouteStatsReplyAttr.SOURCE: source = r.address(); break;
                case MrouteStatsReplyAttr.GROUP: group = r.address(); break;
                case MrouteStatsReplyAttr.PACKETS: packets = r.u64(); break;
                case MrouteStatsReplyAttr.BYTES: bytes = r.u64(); break;
                case MrouteStatsReplyAttr.WRONG_IF: wrongIf = r.u64(); break;
                case MrouteStatsReplyAttr.LAST: last = r.u8() != 0; break;
                default: break;
            }
        }
        if (requestSeq < 0) {
            throw FpcFormatException.badFrame("MROUTE_STATS_REPLY without REQUEST_SEQ");
        }
        if (group != null && source != null && source.length != group.length) {
            throw FpcFormatException.badFrame("MROUTE_STATS_REPLY with a " + source.length + "-byte SOURCE and a "
                    + group.length + "-byte GROUP");
        }
        if (group == null && !last) {
            throw FpcFormatException.badFrame("MROUTE_STATS_REPLY without GROUP is only the LAST of an empty answer");
        }
        return new FpcMrouteStats((int) requestSeq, vrfid, family, table, address(source, group), address(group, null),
                packets, bytes, wrongIf, last);
    }

    /** The address, the any address of {@code like}'s length when absent, null when both are. */
    private static InetAddress address(byte[] a, byte[] like) {
        byte[] bytes = a != null ? a : like != null ? new byte[like.length] : null;
        try {
            return bytes == null ? null : InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("FrameReader.address returned " + bytes.length + " bytes", e);
        }
    }

    private static void expectType(FrameReader r, int type) {
        if (r.type() != type) {
            throw new IllegalArgumentException("expected " + FpcSchema.messageName(type) + ", got "
                    + FpcSchema.messageName(r.type()));
        }
    }
}
