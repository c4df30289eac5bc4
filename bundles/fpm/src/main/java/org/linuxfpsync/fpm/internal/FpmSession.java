package org.linuxfpsync.fpm.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import org.linuxfpsync.fpc.codec.ErrorAttr;
import org.linuxfpsync.fpc.codec.FpcCodecs;
import org.linuxfpsync.fpc.codec.FpcFormatException;
import org.linuxfpsync.fpc.codec.FpcGrMarker;
import org.linuxfpsync.fpc.codec.FpcHello;
import org.linuxfpsync.fpc.codec.FlushAttr;
import org.linuxfpsync.fpc.codec.FpcMessageType;
import org.linuxfpsync.fpc.codec.FpcSchema;
import org.linuxfpsync.fpc.codec.FrameAssembler;
import org.linuxfpsync.fpc.codec.FrameReader;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.fpc.codec.InterfaceAttr;
import org.linuxfpsync.fpc.codec.MessageSpec;
import org.linuxfpsync.fpc.codec.MrouteAttr;
import org.linuxfpsync.fpc.codec.MrouteStatsReplyAttr;
import org.linuxfpsync.fpc.codec.MrouteStatsRequestAttr;
import org.linuxfpsync.fpc.codec.ObjectFamily;
import org.linuxfpsync.fpc.codec.StatsReplyAttr;
import org.linuxfpsync.fpc.codec.StatsRequestAttr;
import org.linuxfpsync.fpm.FpmFastPath;
import org.linuxfpsync.fpm.FpmInterface;
import org.linuxfpsync.fpm.FpmObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of one FPC connection, without the socket: bytes in, table changes and replies
 * out. The rules (docs/fpc-protocol.md):
 * <ul>
 * <li>a broken header (version, length) or anything before HELLO: ERROR EPROTO, then close;</li>
 * <li>a message type we do not know: ERROR EOPNOTSUPP, frame skipped, session kept;</li>
 * <li>a bad or missing TLV: ERROR EINVAL, frame skipped, nothing changed;</li>
 * <li>IF_UPDATE or IF_DELETE of an unknown ifuid: ERROR ENOENT;</li>
 * <li>an object of another family by {@link FpcSchema}: validated by {@link ObjectDecoder}, ENOENT when
 * it belongs to an unknown interface or deletes an unknown key.</li>
 * </ul>
 * Every frame refused for its format (EPROTO, EINVAL) counts as malformed. Never throws on input.
 */
final class FpmSession {
    /** Where replies go; a failure ends the connection. */
    interface Output {
        void send(ByteBuffer frame) throws IOException;
    }

    static final String HELLO_NAME = "linux-fp-sync-fpm";

    private static final Logger LOG = LoggerFactory.getLogger(FpmSession.class);

    private final FpmTables tables;
    private final InterfaceTable table;
    private final FpmCounters counters;
    private final long features;
    private final LongSupplier epochs;
    private final Output out;
    private final Runnable onSessionUp;
    private final FrameAssembler assembler = new FrameAssembler();
    private final FrameReader reader = new FrameReader();
    private final FrameWriter writer = new FrameWriter();
    private final InterfaceDecoder decoder = new InterfaceDecoder();
    private final ObjectDecoder objectDecoder = new ObjectDecoder();
    /** The key of a frame applied as it is, and the frame as listeners see it: reused frame after frame. */
    private final PackedKey packedKey = new PackedKey();
    private final AppliedFrame appliedFrame = new AppliedFrame(objectDecoder);

    /** What the last frame's type resolved to: a stream of routes looks its type up once. */
    private int lastType = -1;
    private LongAdder lastTypeCounter;
    private MessageSpec lastSpec;
    private ObjectFamily lastFamily;
    private boolean lastPerInterface;
    private PackedObjectTable lastPacked;

    private int seq;
    private boolean up;
    private String closeReason;
    private long epoch;
    private long frames;

    /**
     * @param onSessionUp called when a HELLO is accepted, before the reply and before any frame
     *                    of the session is applied (the server retires the previous session there)
     */
    FpmSession(FpmTables tables, FpmCounters counters, long features, LongSupplier epochs, Output out,
               Runnable onSessionUp) {
        this.tables = tables;
        this.table = tables.interfaces();
        this.counters = counters;
        this.features = features;
        this.epochs = epochs;
        this.out = out;
        this.onSessionUp = onSessionUp;
    }

    /** Reads once from the connection; -1 at end of stream. */
    int readFrom(ReadableByteChannel channel) throws IOException {
        int n = assembler.readFrom(channel);
        if (n > 0) {
            tables.read();
        }
        return n;
    }

    /** Feeds bytes as they arrived and handles every whole frame; false when the connection must close. */
    boolean receive(byte[] bytes, int off, int len) throws IOException {
        assembler.append(bytes, off, len);
        tables.read();
        return process();
    }

    /**
     * Handles the whole frames buffered.
     *
     * @return false when the connection must close ({@link #closeReason()} says why)
     * @throws IOException only when a reply cannot be written
     */
    boolean process() throws IOException {
        while (closeReason == null) {
            try {
                if (!assembler.next(reader)) {
                    return true;
                }
            } catch (FpcFormatException e) {
                counters.malformed();
                refuse(0, -1, ErrorAttr.EPROTO, e.getMessage());
                closeReason = "malformed stream: " + e.getMessage();
                return false;
            }
            frames++;
            handle();
        }
        return false;
    }

    boolean isUp() {
        return up;
    }

    /** The epoch given to this session by its HELLO, 0 before. */
    long epoch() {
        return epoch;
    }

    String closeReason() {
        return closeReason;
    }

    long frames() {
        return frames;
    }

    private void handle() throws IOException {
        int type = reader.type();
        if (type != lastType) {
            lastType = type;
            lastTypeCounter = counters.receivedCounter(type);
            lastSpec = FpcSchema.message(type);
            lastFamily = lastSpec == null ? null : FpcSchema.family(lastSpec.family());
            lastPerInterface = lastFamily != null && lastFamily.perInterface();
            lastPacked = lastFamily == null || lastPerInterface ? null : tables.packed(lastFamily.code());
        }
        lastTypeCounter.increment();
        if (LOG.isTraceEnabled()) {
            LOG.trace("FPM received {}", reader.describe());
        }
        if (!up) {
            if (type == FpcMessageType.HELLO) {
                hello();
            } else {
                counters.malformed();
                refuseFrame(ErrorAttr.EPROTO, FpcSchema.messageName(type) + " before HELLO");
                closeReason = "protocol error: " + FpcSchema.messageName(type) + " before HELLO";
            }
            return;
        }
        try {
            switch (type) {
                case FpcMessageType.HELLO:
                    counters.malformed();
                    refuseFrame(ErrorAttr.EPROTO, "a second HELLO in the session");
                    closeReason = "protocol error: a second HELLO";
                    break;
                case FpcMessageType.ERROR:
                    LOG.debug("FPM: the client refused one of our frames: {}", FpcCodecs.parseError(reader));
                    break;
                case FpcMessageType.GR_BEGIN:
                case FpcMessageType.GR_END:
                    graceMarker(type);
                    break;
                case InterfaceAttr.IF_CREATE:
                case InterfaceAttr.IF_UPDATE:
                    interfaceState(type);
                    break;
                case InterfaceAttr.IF_DELETE:
                    interfaceDelete();
                    break;
                case FpcMessageType.FLUSH:
                    flush();
                    break;
                case FpcMessageType.STATS_REQUEST:
                    statsRequest();
                    break;
                case FpcMessageType.MROUTE_STATS_REQUEST:
                    mrouteStatsRequest();
                    break;
                default:
                    MessageSpec spec = lastSpec;
                    if (spec == null || spec.role() == MessageSpec.Role.SESSION) {
                        refuseFrame(ErrorAttr.EOPNOTSUPP, spec == null
                                ? String.format("unknown message type 0x%04x", type)
                                : spec.name() + " is not sent to an FPM");
                    } else {
                        object(spec);
                    }
                    break;
            }
        } catch (FpcFormatException e) {
            counters.malformed();
            refuseFrame(ErrorAttr.EINVAL, e.getMessage());
        }
    }

    private void hello() throws IOException {
        FpcHello h;
        try {
            h = FpcCodecs.parseHello(reader);
        } catch (FpcFormatException e) {
            counters.malformed();
            refuseFrame(ErrorAttr.EINVAL, e.getMessage());
            closeReason = "unusable HELLO: " + e.getMessage();
            return;
        }
        if (h.versionMax() < FpcHello.PROTOCOL_VERSION) {
            counters.malformed();
            refuseFrame(ErrorAttr.EPROTO, "no common protocol version: peer speaks up to " + h.versionMax());
            closeReason = "no common protocol version with " + h.name();
            return;
        }
        onSessionUp.run();
        epoch = epochs.getAsLong();
        up = true;
        counters.sessionAccepted(epoch);
        FpmFastPath fp = tables.fastPath();
        long offered = fp != null ? fp.features() : features;
        out.send(FpcCodecs.helloFrame(writer, seq++, FpcHello.server(HELLO_NAME, offered, epoch)));
        LOG.info("FPM session epoch {} with {} instance {} (wants features 0x{}, we offer 0x{})", epoch, h.name(),
                h.instance() == FpcHello.ABSENT ? "-" : Long.toString(h.instance()),
                h.features() == FpcHello.ABSENT ? "-" : Long.toHexString(h.features()), Long.toHexString(offered));
    }

    private void graceMarker(int type) throws FpcFormatException, IOException {
        FpcGrMarker m = FpcCodecs.parseGr(reader);
        if (!tables.keeps(m.family())) {
            refuseFrame(ErrorAttr.EOPNOTSUPP, FpcSchema.messageName(type) + " for object family " + m.family()
                    + ": not kept by this FPM");
            return;
        }
        String vrf = Integer.toUnsignedString(m.vrfid());
        String what = FpcSchema.family(m.family()).name();
        if (type == FpcMessageType.GR_BEGIN) {
            tables.beginReplay(m.family(), m.vrfid());
            LOG.debug("FPM: replay of {} in vrf {} begins", what, vrf);
            return;
        }
        int swept = tables.endReplay(m.family(), m.vrfid());
        if (swept < 0) {
            counters.malformed();
            refuseFrame(ErrorAttr.EINVAL, "GR_END without GR_BEGIN for family " + m.family() + " vrf " + vrf);
            return;
        }
        counters.swept(swept);
        LOG.info("FPM: replay of {} in vrf {} ended, {} stale objects swept", what, vrf, swept);
    }

    private void flush() throws FpcFormatException, IOException {
        int family = -1;
        long vrfid = -1;
        reader.rewindTlvs();
        while (reader.nextTlv()) {
            switch (reader.tlvType()) {
                case FlushAttr.FAMILY: family = reader.u8(); break;
                case FlushAttr.VRFID: vrfid = Integer.toUnsignedLong(reader.u32()); break;
                default: break;
            }
        }
        if (family < 0 || vrfid < 0) {
            throw FpcFormatException.badFrame("FLUSH without " + (family < 0 ? "FAMILY" : "VRFID"));
        }
        if (!tables.keeps(family)) {
            refuseFrame(ErrorAttr.EOPNOTSUPP, "FLUSH of object family " + family + ": not kept by this FPM");
            return;
        }
        int flushed = tables.flush(family, (int) vrfid);
        counters.flushed(flushed);
        LOG.info("FPM: {} {} of vrf {} flushed", flushed, FpcSchema.family(family).name(), vrfid);
    }

    /** The counters of the fast path bound (docs/fp-xdp.md); zero for an interface it does not count, or without one. */
    private void statsRequest() throws FpcFormatException, IOException {
        long vrfid = -1;
        long ifuid = 0;
        reader.rewindTlvs();
        while (reader.nextTlv()) {
            switch (reader.tlvType()) {
                case StatsRequestAttr.VRFID: vrfid = Integer.toUnsignedLong(reader.u32()); break;
                case StatsRequestAttr.IFUID: ifuid = reader.u64(); break;
                default: break;
            }
        }
        int requestSeq = reader.seq();
        List<FpmInterface> asked = new ArrayList<>();
        if (ifuid != 0) {
            FpmInterface i = table.get(ifuid);
            if (i == null || (vrfid >= 0 && Integer.toUnsignedLong(i.vrfid()) != vrfid)) {
                refuseFrame(ErrorAttr.ENOENT, "STATS_REQUEST of unknown ifuid 0x" + Long.toHexString(ifuid));
                return;
            }
            asked.add(i);
        } else {
            for (FpmInterface i : table.interfaces()) {
                if (vrfid < 0 || Integer.toUnsignedLong(i.vrfid()) == vrfid) {
                    asked.add(i);
                }
            }
        }
        if (asked.isEmpty()) {
            out.send(writer.begin(FpcMessageType.STATS_REPLY, seq++)
                    .putU32(StatsReplyAttr.REQUEST_SEQ, requestSeq)
                    .putU8(StatsReplyAttr.LAST, 1)
                    .finish());
            return;
        }
        for (int n = 0; n < asked.size(); n++) {
            FpmInterface i = asked.get(n);
            writer.begin(FpcMessageType.STATS_REPLY, seq++)
                    .putU32(StatsReplyAttr.REQUEST_SEQ, requestSeq)
                    .putU64(StatsReplyAttr.IFUID, i.ifuid())
                    .putU32(StatsReplyAttr.VRFID, i.vrfid());
            FpmFastPath fp = tables.fastPath();
            long[] counted = fp == null ? null : fp.counters(i);
            for (int counter = StatsReplyAttr.RX_PACKETS; counter <= StatsReplyAttr.TX_ERRORS; counter++) {
                int at = counter - StatsReplyAttr.RX_PACKETS;
                writer.putU64(counter, counted != null && at < counted.length ? counted[at] : 0);
            }
            if (n == asked.size() - 1) {
                writer.putU8(StatsReplyAttr.LAST, 1);
            }
            out.send(writer.finish());
        }
    }

    /**
     * What the fast path forwarded on each multicast route held (of one vrf, or all), each named by
     * the key of its MROUTE_ADD: the counters {@link MrouteCounters} keeps.
     */
    private void mrouteStatsRequest() throws FpcFormatException, IOException {
        long vrfid = -1;
        reader.rewindTlvs();
        while (reader.nextTlv()) {
            if (reader.tlvType() == MrouteStatsRequestAttr.VRFID) {
                vrfid = Integer.toUnsignedLong(reader.u32());
            }
        }
        int requestSeq = reader.seq();
        List<FpmObject> asked = new ArrayList<>();
        for (ReplayTable.Row<FpmObject> row : tables.rows(MrouteAttr.FAMILY_MROUTES)) {
            if (vrfid < 0 || Integer.toUnsignedLong(row.value().vrfid()) == vrfid) {
                asked.add(row.value());
            }
        }
        if (asked.isEmpty()) {
            out.send(writer.begin(FpcMessageType.MROUTE_STATS_REPLY, seq++)
                    .putU32(MrouteStatsReplyAttr.REQUEST_SEQ, requestSeq)
                    .putU8(MrouteStatsReplyAttr.LAST, 1)
                    .finish());
            return;
        }
        for (int n = 0; n < asked.size(); n++) {
            FpmObject m = asked.get(n);
            MrouteCounters.Counts c = tables.mrouteCounters().of(m.key());
            writer.begin(FpcMessageType.MROUTE_STATS_REPLY, seq++)
                    .putU32(MrouteStatsReplyAttr.REQUEST_SEQ, requestSeq)
                    .putU32(MrouteStatsReplyAttr.VRFID, m.vrfid())
                    .putU8(MrouteStatsReplyAttr.FAMILY, (int) m.number("FAMILY", 0))
                    .putU32(MrouteStatsReplyAttr.TABLE, (int) m.number("TABLE", 0))
                    .putAddress(MrouteStatsReplyAttr.SOURCE, (InetAddress) m.fields().get("SOURCE"))
                    .putAddress(MrouteStatsReplyAttr.GROUP, (InetAddress) m.fields().get("GROUP"))
                    .putU64(MrouteStatsReplyAttr.PACKETS, c.packets())
                    .putU64(MrouteStatsReplyAttr.BYTES, c.bytes())
                    .putU64(MrouteStatsReplyAttr.WRONG_IF, c.wrongIf());
            if (n == asked.size() - 1) {
                writer.putU8(MrouteStatsReplyAttr.LAST, 1);
            }
            out.send(writer.finish());
        }
    }

    /** ADD, DEL or AMEND of an object family other than the interfaces (docs/fpc-protocol.md §5.5). */
    private void object(MessageSpec spec) throws FpcFormatException, IOException {
        ObjectFamily family = lastFamily;
        if (lastPacked != null) {
            packedObject(spec, family, lastPacked);
            return;
        }
        FpmObject o = objectDecoder.decode(reader, spec, family.name());
        switch (spec.role()) {
            case ADD:
                // An optional IFUID key left out names the whole vrf (a capture on every interface).
                if (lastPerInterface && o.fields().containsKey("IFUID")) {
                    FpmInterface owner = table.get(o.ifuid());
                    if (owner == null) {
                        refuseFrame(ErrorAttr.ENOENT, spec.name() + " for unknown ifuid 0x"
                                + Long.toHexString(o.ifuid()) + ": send IF_CREATE first");
                        return;
                    }
                    if (owner.vrfid() != o.vrfid()) {
                        counters.malformed();
                        refuseFrame(ErrorAttr.EINVAL, spec.name() + " in vrf " + Integer.toUnsignedString(o.vrfid())
                                + " for ifuid 0x" + Long.toHexString(o.ifuid()) + " of vrf "
                                + Integer.toUnsignedString(owner.vrfid()));
                        return;
                    }
                }
                tables.put(family.code(), o, reader);
                tables.applied(spec.type(), o);
                break;
            case DEL:
                if (!tables.remove(family.code(), o.key())) {
                    refuseFrame(ErrorAttr.ENOENT, spec.name() + " of an unknown " + family.name() + " key " + o.key());
                    return;
                }
                tables.applied(spec.type(), o);
                break;
            case AMEND:
                FpmObject known = tables.get(family.code(), o.key());
                if (known == null) {
                    refuseFrame(ErrorAttr.ENOENT, spec.name() + " of an unknown " + family.name() + " key " + o.key());
                    return;
                }
                Map<String, Object> merged = new LinkedHashMap<>(known.fields());
                merged.putAll(o.fields());
                FpmObject amended = new FpmObject(known.table(), known.vrfid(), merged, known.key());
                tables.update(family.code(), amended);
                tables.applied(spec.type(), amended);
                break;
            default:
                throw new IllegalStateException(spec.name() + " is not an object message");
        }
    }

    /**
     * ADD or DEL of a family kept as frames (the routes): checked as {@link ObjectDecoder#decode}
     * checks it and applied by its key's bytes, with no object unless a listener or the fast path
     * asks for one (issue #23: a million routes at startup were a million short-lived objects).
     */
    private void packedObject(MessageSpec spec, ObjectFamily family, PackedObjectTable table)
            throws FpcFormatException, IOException {
        int vrfid = objectDecoder.check(reader, spec, packedKey);
        switch (spec.role()) {
            case ADD:
                table.put(packedKey, vrfid, reader);
                break;
            case DEL:
                if (!table.remove(packedKey)) {
                    refuseFrame(ErrorAttr.ENOENT, spec.name() + " of an unknown " + family.name() + " key "
                            + appliedFrame.set(reader, spec, family.name(), vrfid).object().key());
                    return;
                }
                break;
            default:
                throw new IllegalStateException(spec.name() + " in a table of frames");
        }
        if (tables.observed()) {
            tables.appliedFrame(spec.type(), appliedFrame.set(reader, spec, family.name(), vrfid));
        }
    }

    private void interfaceState(int type) throws FpcFormatException, IOException {
        FpmInterface iface = decoder.decode(reader);
        if (type == InterfaceAttr.IF_CREATE) {
            table.put(iface);
        } else if (!table.update(iface)) {
            refuseFrame(ErrorAttr.ENOENT, "IF_UPDATE of unknown ifuid " + iface.ifuidHex() + ": send IF_CREATE");
            return;
        }
        tables.applied(type, iface);
    }

    private void interfaceDelete() throws FpcFormatException, IOException {
        long ifuid = decoder.decodeDelete(reader);
        if (!tables.removeInterface(ifuid)) {
            refuseFrame(ErrorAttr.ENOENT, "IF_DELETE of unknown ifuid 0x" + Long.toHexString(ifuid));
            return;
        }
        tables.applied(InterfaceAttr.IF_DELETE, ifuid);
    }

    /** Refuses the frame the reader is on. */
    private void refuseFrame(int code, String message) throws IOException {
        refuse(reader.seq(), reader.type(), code, message);
    }

    private void refuse(int refusedSeq, int refusedType, int code, String message) throws IOException {
        counters.errorSent(code);
        if (LOG.isDebugEnabled()) {
            LOG.debug("FPM refuses {} seq {}: {} ({})", refusedType < 0 ? "frame" : FpcSchema.messageName(refusedType),
                    Integer.toUnsignedString(refusedSeq), ErrorAttr.name(code), message);
        }
        out.send(FpcCodecs.errorFrame(writer, seq++, refusedSeq, refusedType, code, message));
    }
}
