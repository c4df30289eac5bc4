package org.linuxfpsync.cmgr.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.fpc.FpcPeer;
import org.linuxfpsync.fpc.FpcQueueStats;
import org.linuxfpsync.fpc.FpcSessionListener;
import org.linuxfpsync.fpc.codec.AddressAttr;
import org.linuxfpsync.fpc.codec.FpcFormatException;
import org.linuxfpsync.fpc.codec.FpcMessageType;
import org.linuxfpsync.fpc.codec.FpcSchema;
import org.linuxfpsync.fpc.codec.FrameReader;
import org.linuxfpsync.fpc.codec.GrAttr;
import org.linuxfpsync.fpc.codec.InterfaceAttr;
import org.linuxfpsync.fpc.codec.MessageSpec;
import org.linuxfpsync.fpc.codec.TlvList;
import org.linuxfpsync.fpc.codec.TlvSpec;

/**
 * An FPC channel that decodes what is sent into one readable line per frame: interface messages
 * and GR markers in a short form, any other message as {@code NAME tlv=value ...} with the TLV
 * names of {@link FpcSchema} in lower case, addresses as text and nested TLVs in braces.
 */
final class RecordingFpcChannel implements FpcChannel {
    final List<String> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final FrameReader reader = new FrameReader();
    private final boolean recording;
    /** Frames sent, recorded or not. */
    long frames;

    RecordingFpcChannel() {
        this(true);
    }

    private RecordingFpcChannel(boolean recording) {
        this.recording = recording;
    }

    /** Counts frames and keeps nothing: what an allocation test needs (it measures the sender, not us). */
    static RecordingFpcChannel countingOnly() {
        return new RecordingFpcChannel(false);
    }

    @Override
    public synchronized boolean send(ByteBuffer frame) {
        frames++;
        if (!recording) {
            return true;
        }
        try {
            reader.wrapFrame(frame.duplicate());
            int type = reader.type();
            StringBuilder line = new StringBuilder(FpcSchema.messageName(type));
            MessageSpec spec = FpcSchema.message(type);
            boolean generic = type >= AddressAttr.ADDR_ADD || type == FpcMessageType.FLUSH;
            while (reader.nextTlv()) {
                line.append(' ').append(generic ? describeObjectTlv(spec.tlvs(), reader) : describeTlv(type, reader));
            }
            sent.add(line.toString());
        } catch (FpcFormatException e) {
            throw new AssertionError("cache manager sent a malformed frame: " + e.getMessage());
        }
        return true;
    }

    /** The frames sent whose line starts with {@code prefix}. */
    List<String> sent(String prefix) {
        List<String> lines = new ArrayList<>();
        for (String line : sent) {
            if (line.startsWith(prefix)) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static String describeObjectTlv(TlvList tlvs, FrameReader r) throws FpcFormatException {
        TlvSpec spec = tlvs.tlv(r.tlvType());
        if (spec == null) {
            return "tlv" + r.tlvType() + "=" + r.tlvLength() + "B";
        }
        String name = spec.name().toLowerCase(java.util.Locale.ROOT);
        switch (spec.form()) {
            case U8: return name + "=" + r.u8();
            case U16: return name + "=" + r.u16();
            case U32: return name + "=" + Integer.toUnsignedString(r.u32());
            case U64: return name + "=" + Long.toHexString(r.u64());
            case STRING: return name + "=" + r.string();
            case ADDRESS:
                try {
                    return name + "=" + java.net.InetAddress.getByAddress(r.address()).getHostAddress();
                } catch (java.net.UnknownHostException e) {
                    throw new AssertionError(e);
                }
            case NESTED: {
                StringBuilder sb = new StringBuilder(name).append("={");
                r.enterNested();
                boolean first = true;
                while (r.nextTlv()) {
                    sb.append(first ? "" : " ").append(describeObjectTlv(spec.nested(), r));
                    first = false;
                }
                r.exitNested();
                return sb.append('}').toString();
            }
            default: {
                StringBuilder sb = new StringBuilder(name).append('=');
                for (byte b : r.bytes()) {
                    sb.append(String.format("%02x", b & 0xff));
                }
                return sb.toString();
            }
        }
    }

    private static String describeTlv(int type, FrameReader r) throws FpcFormatException {
        if (type == FpcMessageType.GR_BEGIN || type == FpcMessageType.GR_END) {
            return r.tlvType() == GrAttr.FAMILY ? "family=" + r.u8() : "vrfid=" + r.u32();
        }
        switch (r.tlvType()) {
            case InterfaceAttr.IFUID: return "ifuid=" + Long.toHexString(r.u64());
            case InterfaceAttr.VRFID: return "vrfid=" + r.u32();
            case InterfaceAttr.IFINDEX: return "ifindex=" + r.u32();
            case InterfaceAttr.IFNAME: return "name=" + r.string();
            case InterfaceAttr.TYPE: return "type=" + r.u16();
            case InterfaceAttr.SUBTYPE: return "subtype=" + r.u16();
            case InterfaceAttr.FLAGS: return "flags=0x" + Integer.toHexString(r.u32());
            case InterfaceAttr.MTU: return "mtu=" + r.u32();
            case InterfaceAttr.MAC: return "mac=" + r.tlvLength() + "B";
            case InterfaceAttr.MASTER_IFUID: return "master=" + Long.toHexString(r.u64());
            case InterfaceAttr.KIND: return "kind=" + r.string();
            case InterfaceAttr.SLAVE_KIND: return "slave=" + r.string();
            case InterfaceAttr.OPERSTATE: return "oper=" + r.u8();
            case InterfaceAttr.ARPHRD: return "arphrd=" + r.u16();
            default: return "tlv" + r.tlvType();
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
        return new FpcQueueStats(sent.size(), sent.size(), 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
