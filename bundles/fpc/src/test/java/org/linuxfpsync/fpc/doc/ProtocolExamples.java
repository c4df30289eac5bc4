package org.linuxfpsync.fpc.doc;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

import org.linuxfpsync.fpc.codec.ErrorAttr;
import org.linuxfpsync.fpc.codec.FpInterfaceSubtype;
import org.linuxfpsync.fpc.codec.FpInterfaceType;
import org.linuxfpsync.fpc.codec.FpcCodecs;
import org.linuxfpsync.fpc.codec.FpcHello;
import org.linuxfpsync.fpc.codec.FpcMessageType;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.fpc.codec.InterfaceAttr;

/** The example frames of docs/fpc-protocol.md, made by the Java encoder: one session, in order. */
final class ProtocolExamples {
    static final long EPOCH = 1764000000000L;
    static final long ETH0 = 0x061a1e72L;
    static final long BR0 = 0x42e9f282L;
    static final long VETH1 = 0x33117022L;

    private ProtocolExamples() {
    }

    /** Name (as in the document's markers) to frame bytes. */
    static Map<String, byte[]> all() {
        FrameWriter w = new FrameWriter();
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("hello-client", copy(FpcCodecs.helloFrame(w, 0, FpcHello.client("cmgrd", 0, 0x1ffff))));
        m.put("hello-server", copy(FpcCodecs.helloFrame(w, 0, FpcHello.server("linux-fp-sync-fpm", 0x1ffff, EPOCH))));
        m.put("gr-begin", copy(FpcCodecs.grFrame(w, FpcMessageType.GR_BEGIN, 1, FpcMessageType.FAMILY_INTERFACES, 0)));
        m.put("if-create", ifCreateEth0());
        m.put("if-create-bridge-port", copy(w.begin(FpcMessageType.IF_CREATE, 3)
                .putU64(InterfaceAttr.IFUID, VETH1)
                .putU32(InterfaceAttr.VRFID, 0)
                .putU32(InterfaceAttr.IFINDEX, 11)
                .putString(InterfaceAttr.IFNAME, "veth1")
                .putU16(InterfaceAttr.TYPE, FpInterfaceType.ETHER)
                .putU16(InterfaceAttr.SUBTYPE, FpInterfaceSubtype.VETH)
                .putU32(InterfaceAttr.FLAGS, 0x11143)
                .putU32(InterfaceAttr.MTU, 1500)
                .putBytes(InterfaceAttr.MAC, new byte[] {0x42, 0x0e, (byte) 0xbe, (byte) 0xc1, (byte) 0xb0, 0x0a})
                .putU64(InterfaceAttr.MASTER_IFUID, BR0)
                .putString(InterfaceAttr.KIND, "veth")
                .putU8(InterfaceAttr.OPERSTATE, 6)
                .putU16(InterfaceAttr.ARPHRD, 1)
                .putString(InterfaceAttr.SLAVE_KIND, "bridge")
                .finish()));
        m.put("gr-end", copy(FpcCodecs.grFrame(w, FpcMessageType.GR_END, 4, FpcMessageType.FAMILY_INTERFACES, 0)));
        m.put("if-update", copy(w.begin(FpcMessageType.IF_UPDATE, 5)
                .putU64(InterfaceAttr.IFUID, ETH0)
                .putU32(InterfaceAttr.VRFID, 0)
                .putU32(InterfaceAttr.IFINDEX, 2)
                .putString(InterfaceAttr.IFNAME, "eth0")
                .putU16(InterfaceAttr.TYPE, FpInterfaceType.ETHER)
                .putU16(InterfaceAttr.SUBTYPE, FpInterfaceSubtype.NONE)
                .putU32(InterfaceAttr.FLAGS, 0x1003)
                .putU32(InterfaceAttr.MTU, 9000)
                .putBytes(InterfaceAttr.MAC, new byte[] {0x52, 0x54, 0x00, 0x12, 0x34, 0x56})
                .putU8(InterfaceAttr.OPERSTATE, 2)
                .putU16(InterfaceAttr.ARPHRD, 1)
                .finish()));
        m.put("if-delete", copy(w.begin(FpcMessageType.IF_DELETE, 6)
                .putU64(InterfaceAttr.IFUID, ETH0)
                .putU32(InterfaceAttr.VRFID, 0)
                .putString(InterfaceAttr.IFNAME, "eth0")
                .finish()));
        m.put("error", copy(FpcCodecs.errorFrame(w, 1, 7, FpcMessageType.IF_UPDATE, ErrorAttr.ENOENT,
                "IF_UPDATE of unknown ifuid 0x61a1e72: send IF_CREATE")));
        return m;
    }

    /** eth0, up with carrier: the frame the C header test decodes. */
    static byte[] ifCreateEth0() {
        return copy(new FrameWriter().begin(FpcMessageType.IF_CREATE, 2)
                .putU64(InterfaceAttr.IFUID, ETH0)
                .putU32(InterfaceAttr.VRFID, 0)
                .putU32(InterfaceAttr.IFINDEX, 2)
                .putString(InterfaceAttr.IFNAME, "eth0")
                .putU16(InterfaceAttr.TYPE, FpInterfaceType.ETHER)
                .putU16(InterfaceAttr.SUBTYPE, FpInterfaceSubtype.NONE)
                .putU32(InterfaceAttr.FLAGS, 0x11043)
                .putU32(InterfaceAttr.MTU, 1500)
                .putBytes(InterfaceAttr.MAC, new byte[] {0x52, 0x54, 0x00, 0x12, 0x34, 0x56})
                .putU8(InterfaceAttr.OPERSTATE, 6)
                .putU16(InterfaceAttr.ARPHRD, 1)
                .finish());
    }

    private static byte[] copy(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
