package org.linuxfpsync.cmgr.internal;

import java.nio.ByteBuffer;

import org.linuxfpsync.cmgr.CachedInterface;
import org.linuxfpsync.fpc.codec.FpcMessageType;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.fpc.codec.GrAttr;
import org.linuxfpsync.fpc.codec.InterfaceAttr;

/**
 * Encodes interface messages and replay markers. One instance per reader thread: the writer's
 * buffer is reused for every frame, so nothing is allocated per message.
 */
final class InterfaceFrames {
    private final FrameWriter writer = new FrameWriter(ByteBuffer.allocateDirect(4096));

    ByteBuffer create(CachedInterface i) {
        return full(InterfaceAttr.IF_CREATE, i);
    }

    ByteBuffer update(CachedInterface i) {
        return full(InterfaceAttr.IF_UPDATE, i);
    }

    ByteBuffer delete(CachedInterface i) {
        writer.begin(InterfaceAttr.IF_DELETE, FpcSequence.next());
        writer.putU64(InterfaceAttr.IFUID, i.ifuid());
        writer.putU32(InterfaceAttr.VRFID, i.vrfid());
        writer.putString(InterfaceAttr.IFNAME, i.name());
        return writer.finish();
    }

    ByteBuffer replayBegin(int family, int vrfid) {
        return marker(FpcMessageType.GR_BEGIN, family, vrfid);
    }

    ByteBuffer replayEnd(int family, int vrfid) {
        return marker(FpcMessageType.GR_END, family, vrfid);
    }

    private ByteBuffer marker(int type, int family, int vrfid) {
        writer.begin(type, FpcSequence.next());
        writer.putU8(GrAttr.FAMILY, family);
        writer.putU32(GrAttr.VRFID, vrfid);
        return writer.finish();
    }

    private ByteBuffer full(int type, CachedInterface i) {
        writer.begin(type, FpcSequence.next());
        writer.putU64(InterfaceAttr.IFUID, i.ifuid());
        writer.putU32(InterfaceAttr.VRFID, i.vrfid());
        writer.putU32(InterfaceAttr.IFINDEX, i.ifindex());
        writer.putString(InterfaceAttr.IFNAME, i.name());
        writer.putU16(InterfaceAttr.TYPE, i.type());
        writer.putU16(InterfaceAttr.SUBTYPE, i.subtype());
        writer.putU32(InterfaceAttr.FLAGS, i.flags());
        writer.putU32(InterfaceAttr.MTU, i.mtu());
        byte[] mac = i.mac();
        writer.putBytes(InterfaceAttr.MAC, mac, 0, mac.length);
        if (i.masterIfuid() != 0) {
            writer.putU64(InterfaceAttr.MASTER_IFUID, i.masterIfuid());
        }
        if (i.kind() != null) {
            writer.putString(InterfaceAttr.KIND, i.kind());
        }
        if (i.slaveKind() != null) {
            writer.putString(InterfaceAttr.SLAVE_KIND, i.slaveKind());
        }
        writer.putU8(InterfaceAttr.OPERSTATE, i.operstate());
        writer.putU16(InterfaceAttr.ARPHRD, i.arphrd());
        return writer.finish();
    }

}
