package org.linuxfpsync.featuresync.testing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.fpc.FpcPeer;
import org.linuxfpsync.fpc.FpcQueueStats;
import org.linuxfpsync.fpc.FpcSessionListener;
import org.linuxfpsync.fpc.codec.FpcFormatException;
import org.linuxfpsync.fpc.codec.FpcSchema;
import org.linuxfpsync.fpc.codec.FrameReader;
import org.linuxfpsync.fpc.codec.InterfaceAttr;
import org.linuxfpsync.fpc.codec.MessageSpec;
import org.linuxfpsync.fpc.codec.TlvList;
import org.linuxfpsync.fpc.codec.TlvSpec;

/**
 * An FPC channel that checks every frame against the protocol (a message of {@link FpcSchema}, each
 * TLV known and of its form's size, TLVs in increasing type order, every required TLV present, at
 * most one of each unless repeated) and records it as one line: {@code MACVLAN_ADD vrfid=0
 * ifuid=0x1f mode=4 ...}, numbers in decimal, ifuids in hex, addresses as text, bytes as
 * colon-separated hex, a nested TLV in braces. A frame that breaks the protocol fails the test.
 */
public final class RecordingFpc implements FpcChannel {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final FrameReader reader = new FrameReader();

    @Override
    public synchronized boolean send(ByteBuffer frame) {
        try {
            reader.wrapFrame(frame.duplicate());
            MessageSpec spec = FpcSchema.message(reader.type());
            if (spec == null) {
                throw new AssertionError("unknown FPC message type 0x" + Integer.toHexString(reader.type()));
            }
            lines.add(spec.name() + describe(spec.tlvs(), reader, spec.role() == MessageSpec.Role.DEL));
        } catch (FpcFormatException e) {
            throw new AssertionError("malformed FPC frame: " + e.getMessage(), e);
        }
        return true;
    }

    /** A line recorded by the test itself (the fake core's replay markers), in sending order. */
    public void note(String line) {
        lines.add(line);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** The lines that start with {@code prefix}. */
    public List<String> lines(String prefix) {
        List<String> matching = new ArrayList<>();
        for (String l : lines) {
            if (l.startsWith(prefix)) {
                matching.add(l);
            }
        }
        return matching;
    }

    public void clear() {
        lines.clear();
    }

    /** @param keyOnly a _DEL: only its key TLVs are required, as the FPM reads it */
    private static String describe(TlvList tlvs, FrameReader r, boolean keyOnly) throws FpcFormatException {
        StringBuilder line = new StringBuilder();
        Set<Integer> seen = new HashSet<>();
        int previous = 0;
        while (r.nextTlv()) {
            int type = r.tlvType();
            TlvSpec spec = tlvs.tlv(type);
            if (spec == null) {
                throw new AssertionError(tlvs.javaName() + ": unknown TLV " + type);
            }
            if (type < previous) {
                throw new AssertionError(tlvs.javaName() + "." + spec.name() + " after TLV " + previous
                        + ": senders write TLVs in increasing type order");
            }
            if (!seen.add(type) && !spec.repeated()) {
                throw new AssertionError(tlvs.javaName() + "." + spec.name() + " twice");
            }
            previous = type;
            line.append(' ').append(spec.name().toLowerCase(Locale.ROOT)).append('=').append(value(spec, r));
        }
        for (TlvSpec t : tlvs.tlvs()) {
            boolean required = keyOnly ? t.use() == TlvSpec.Use.KEY : t.use().isRequired();
            if (required && !seen.contains(t.type())) {
                throw new AssertionError(tlvs.javaName() + "." + t.name() + " is required");
            }
        }
        return line.toString();
    }

    private static String value(TlvSpec spec, FrameReader r) throws FpcFormatException {
        switch (spec.form()) {
            case U8:
                return Integer.toString(r.u8());
            case U16:
                return Integer.toString(r.u16());
            case U32:
                return Integer.toUnsignedString(r.u32());
            case U64:
                return spec.name().endsWith("IFUID") ? "0x" + Long.toHexString(r.u64()) : Long.toUnsignedString(r.u64());
            case STRING:
                return r.string();
            case ADDRESS:
                try {
                    return InetAddress.getByAddress(r.address()).getHostAddress();
                } catch (UnknownHostException e) {
                    throw new AssertionError(e);
                }
            case NESTED: {
                r.enterNested();
                String inner = describe(spec.nested(), r, false);
                r.exitNested();
                return "{" + inner.trim() + "}";
            }
            default: {
                StringBuilder sb = new StringBuilder();
                for (byte b : r.bytes()) {
                    sb.append(sb.length() == 0 ? "" : ":").append(String.format("%02x", b & 0xff));
                }
                return sb.toString();
            }
        }
    }

    @Override
    public String endpoint() {
        return "test:";
    }

    @Override
    public FpcPeer peer() {
        return new FpcPeer("test", 1, 0x1ffff, 1);
    }

    @Override
    public void addSessionListener(FpcSessionListener listener) {
    }

    @Override
    public void removeSessionListener(FpcSessionListener listener) {
    }

    @Override
    public FpcQueueStats queueStats() {
        return new FpcQueueStats(lines.size(), lines.size(), 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** The name of a family code, for the markers the fake core notes. */
    static String familyName(int code) {
        return code == InterfaceAttr.FAMILY_INTERFACES ? "interfaces" : FpcSchema.family(code).name();
    }
}
