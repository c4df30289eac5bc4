package org.linuxfpsync.fpm.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.linuxfpsync.fpc.codec.FpcCodecs;
import org.linuxfpsync.fpc.codec.FpcHello;
import org.linuxfpsync.fpc.codec.FpcMessageType;
import org.linuxfpsync.fpc.codec.FpInterfaceSubtype;
import org.linuxfpsync.fpc.codec.FpInterfaceType;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.fpc.codec.InterfaceAttr;

/** Frames a cache manager would send, as byte arrays (each call returns its own copy). */
final class Frames {
    private final FrameWriter w = new FrameWriter();
    private int seq = 1;

    /** The ERROR frames among an FPM session's replies. */
    static List<byte[]> errors(List<byte[]> replies) {
        List<byte[]> errors = new ArrayList<>();
        for (byte[] r : replies) {
            if (((r[2] & 0xff) << 8 | (r[3] & 0xff)) == FpcMessageType.ERROR) {
                errors.add(r);
            }
        }
        return errors;
    }

    static byte[] copy(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    byte[] hello() {
        return copy(FpcCodecs.helloFrame(w, seq++, FpcHello.client("cmgrd", 0, 0x1ffff)));
    }

    /** An Ethernet interface, up with carrier. */
    byte[] ifCreate(long ifuid, int vrfid, int ifindex, String name) {
        return copy(ifState(InterfaceAttr.IF_CREATE, ifuid, vrfid, ifindex, name, 1500, 0).finish());
    }

    byte[] ifUpdate(long ifuid, int vrfid, int ifindex, String name, int mtu) {
        return copy(ifState(InterfaceAttr.IF_UPDATE, ifuid, vrfid, ifindex, name, mtu, 0).finish());
    }

    /** A veth enslaved to the bridge {@code master}. */
    byte[] bridgePort(long ifuid, int vrfid, int ifindex, String name, long master) {
        return copy(ifState(InterfaceAttr.IF_CREATE, ifuid, vrfid, ifindex, name, 1500, master)
                .putU16(InterfaceAttr.SUBTYPE, FpInterfaceSubtype.VETH)
                .putString(InterfaceAttr.KIND, "veth")
                .putString(InterfaceAttr.SLAVE_KIND, "bridge")
                .finish());
    }

    byte[] ifDelete(long ifuid, int vrfid, String name) {
        return copy(w.begin(InterfaceAttr.IF_DELETE, seq++)
                .putU64(InterfaceAttr.IFUID, ifuid)
                .putU32(InterfaceAttr.VRFID, vrfid)
                .putString(InterfaceAttr.IFNAME, name)
                .finish());
    }

    byte[] gr(int type, int vrfid) {
        return copy(FpcCodecs.grFrame(w, type, seq++, InterfaceAttr.FAMILY_INTERFACES, vrfid));
    }

    /** A frame of any type with any TLVs: for refusals. */
    FrameWriter raw(int type) {
        return w.begin(type, seq++);
    }

    int lastSeq() {
        return seq - 1;
    }

    private FrameWriter ifState(int type, long ifuid, int vrfid, int ifindex, String name, int mtu, long master) {
        w.begin(type, seq++)
                .putU64(InterfaceAttr.IFUID, ifuid)
                .putU32(InterfaceAttr.VRFID, vrfid)
                .putU32(InterfaceAttr.IFINDEX, ifindex)
                .putString(InterfaceAttr.IFNAME, name)
                .putU16(InterfaceAttr.TYPE, FpInterfaceType.ETHER)
                .putU32(InterfaceAttr.FLAGS, 0x11043)
                .putU32(InterfaceAttr.MTU, mtu)
                .putBytes(InterfaceAttr.MAC, new byte[] {0x52, 0x54, 0, 0x12, 0x34, (byte) ifindex})
                .putU8(InterfaceAttr.OPERSTATE, 6)
                .putU16(InterfaceAttr.ARPHRD, 1);
        if (master != 0) {
            w.putU64(InterfaceAttr.MASTER_IFUID, master);
        }
        return w;
    }
}
