package org.linuxfpsync.cmgr.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.fpc.FpcPeer;
import org.linuxfpsync.fpc.FpcQueueStats;
import org.linuxfpsync.fpc.FpcSessionListener;
import org.linuxfpsync.fpc.codec.FpcFormatException;
import org.linuxfpsync.fpc.codec.FpcMessageType;
import org.linuxfpsync.fpc.codec.FrameReader;
import org.linuxfpsync.fpc.codec.GrAttr;
import org.linuxfpsync.fpc.codec.InterfaceAttr;

/** An FPC channel that decodes what is sent into one readable line per frame. */
final class RecordingFpcChannel implements FpcChannel {
    final List<String> sent = new ArrayList<>();
    private final FrameReader reader = new FrameReader();

    @Override
    public boolean send(ByteBuffer frame) {
        try {
            reader.wrapFrame(frame.duplicate());
            StringBuilder line = new StringBuilder(FpcMessageType.name(reader.type()));
            while (reader.nextTlv()) {
                line.append(' ').append(describeTlv(reader.type(), reader));
            }
            sent.add(line.toString());
        } catch (FpcFormatException e) {
            throw new AssertionError("cache manager sent a malformed frame: " + e.getMessage());
        }
        return true;
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
