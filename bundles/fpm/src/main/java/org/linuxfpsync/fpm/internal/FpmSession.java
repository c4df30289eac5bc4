package org.linuxfpsync.fpm.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.function.LongSupplier;

import org.linuxfpsync.fpc.codec.ErrorAttr;
import org.linuxfpsync.fpc.codec.FpcCodecs;
import org.linuxfpsync.fpc.codec.FpcFormatException;
import org.linuxfpsync.fpc.codec.FpcGrMarker;
import org.linuxfpsync.fpc.codec.FpcHello;
import org.linuxfpsync.fpc.codec.FpcMessageType;
import org.linuxfpsync.fpc.codec.FrameAssembler;
import org.linuxfpsync.fpc.codec.FrameReader;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.fpm.FpmInterface;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of one FPC connection, without the socket: bytes in, table changes and replies
 * out. The rules (docs/fpc-protocol.md):
 * <ul>
 * <li>a broken header (version, length) or anything before HELLO: ERROR EPROTO, then close;</li>
 * <li>a message type we do not know: ERROR EOPNOTSUPP, frame skipped, session kept;</li>
 * <li>a bad or missing TLV: ERROR EINVAL, frame skipped, nothing changed;</li>
 * <li>IF_UPDATE or IF_DELETE of an unknown ifuid: ERROR ENOENT.</li>
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

    private int seq;
    private boolean up;
    private String closeReason;
    private long epoch;
    private long frames;

    /**
     * @param onSessionUp called when a HELLO is accepted, before the reply and before any frame
     *                    of the session is applied (the server retires the previous session there)
     */
    FpmSession(InterfaceTable table, FpmCounters counters, long features, LongSupplier epochs, Output out,
               Runnable onSessionUp) {
        this.table = table;
        this.counters = counters;
        this.features = features;
        this.epochs = epochs;
        this.out = out;
        this.onSessionUp = onSessionUp;
    }

    /** Reads once from the connection; -1 at end of stream. */
    int readFrom(ReadableByteChannel channel) throws IOException {
        return assembler.readFrom(channel);
    }

    /** Feeds bytes as they arrived and handles every whole frame; false when the connection must close. */
    boolean receive(byte[] bytes, int off, int len) throws IOException {
        assembler.append(bytes, off, len);
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
        counters.frameReceived(type);
        if (LOG.isTraceEnabled()) {
            LOG.trace("FPM received {}", reader.describe());
        }
        if (!up) {
            if (type == FpcMessageType.HELLO) {
                hello();
            } else {
                counters.malformed();
                refuseFrame(ErrorAttr.EPROTO, FpcMessageType.name(type) + " before HELLO");
                closeReason = "protocol error: " + FpcMessageType.name(type) + " before HELLO";
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
                case FpcMessageType.IF_CREATE:
                case FpcMessageType.IF_UPDATE:
                    interfaceState(type);
                    break;
                case FpcMessageType.IF_DELETE:
                    interfaceDelete();
                    break;
                default:
                    refuseFrame(ErrorAttr.EOPNOTSUPP, String.format("unknown message type 0x%04x", type));
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
        out.send(FpcCodecs.helloFrame(writer, seq++, FpcHello.server(HELLO_NAME, features, epoch)));
        LOG.info("FPM session epoch {} with {} instance {} (wants features 0x{}, we offer 0x{})", epoch, h.name(),
                h.instance() == FpcHello.ABSENT ? "-" : Long.toString(h.instance()),
                h.features() == FpcHello.ABSENT ? "-" : Long.toHexString(h.features()), Long.toHexString(features));
    }

    private void graceMarker(int type) throws FpcFormatException, IOException {
        FpcGrMarker m = FpcCodecs.parseGr(reader);
        if (m.family() != FpcMessageType.FAMILY_INTERFACES) {
            refuseFrame(ErrorAttr.EOPNOTSUPP, FpcMessageType.name(type) + " for object family " + m.family()
                    + ": not kept by this FPM");
            return;
        }
        String vrf = Integer.toUnsignedString(m.vrfid());
        if (type == FpcMessageType.GR_BEGIN) {
            table.beginReplay(m.vrfid());
            LOG.debug("FPM: replay of interfaces in vrf {} begins", vrf);
            return;
        }
        int swept = table.endReplay(m.vrfid());
        if (swept < 0) {
            counters.malformed();
            refuseFrame(ErrorAttr.EINVAL, "GR_END without GR_BEGIN for family 1 vrf " + vrf);
            return;
        }
        counters.swept(swept);
        LOG.info("FPM: replay of interfaces in vrf {} ended, {} stale interfaces swept", vrf, swept);
    }

    private void interfaceState(int type) throws FpcFormatException, IOException {
        FpmInterface iface = decoder.decode(reader);
        if (type == FpcMessageType.IF_CREATE) {
            table.put(iface);
        } else if (!table.update(iface)) {
            refuseFrame(ErrorAttr.ENOENT, "IF_UPDATE of unknown ifuid " + iface.ifuidHex() + ": send IF_CREATE");
        }
    }

    private void interfaceDelete() throws FpcFormatException, IOException {
        long ifuid = decoder.decodeDelete(reader);
        if (!table.remove(ifuid)) {
            refuseFrame(ErrorAttr.ENOENT, "IF_DELETE of unknown ifuid 0x" + Long.toHexString(ifuid));
        }
    }

    /** Refuses the frame the reader is on. */
    private void refuseFrame(int code, String message) throws IOException {
        refuse(reader.seq(), reader.type(), code, message);
    }

    private void refuse(int refusedSeq, int refusedType, int code, String message) throws IOException {
        counters.errorSent(code);
        if (LOG.isDebugEnabled()) {
            LOG.debug("FPM refuses {} seq {}: {} ({})", refusedType < 0 ? "frame" : FpcMessageType.name(refusedType),
                    Integer.toUnsignedString(refusedSeq), ErrorAttr.name(code), message);
        }
        out.send(FpcCodecs.errorFrame(writer, seq++, refusedSeq, refusedType, code, message));
    }
}
