package org.linuxfpsync.fpc.testing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.linuxfpsync.fpc.codec.FpcFormatException;
import org.linuxfpsync.fpc.codec.FpcMessageType;
import org.linuxfpsync.fpc.codec.AddressAttr;
import org.linuxfpsync.fpc.codec.FpcSchema;
import org.linuxfpsync.fpc.codec.FrameReader;
import org.linuxfpsync.fpc.codec.GrAttr;
import org.linuxfpsync.fpc.codec.InterfaceAttr;
import org.linuxfpsync.fpc.codec.MessageSpec;
import org.linuxfpsync.fpc.codec.TlvList;
import org.linuxfpsync.fpc.codec.TlvSpec;

/** The two ways {@link RecordingFpc} writes a frame as one line of text. */
final class FrameLines {
    private FrameLines() {
    }

    /**
     * Checks the frame against the protocol (a message of {@link FpcSchema}, each TLV known and of
     * its form's size, TLVs in increasing type order, every required TLV present, at most one of each
     * unless repeated): {@code MACVLAN_ADD vrfid=0 ifuid=0x1f mode=4 ...}, numbers in decimal, ifuids
     * in hex, addresses as text, bytes as colon-separated hex, a nested TLV in braces.
     */
    static String checked(FrameReader reader) throws FpcFormatException {
        MessageSpec spec = FpcSchema.message(reader.type());
        if (spec == null) {
            throw new AssertionError("unknown FPC message type 0x" + Integer.toHexString(reader.type()));
        }
        return spec.name() + describe(spec.tlvs(), reader, spec.role() == MessageSpec.Role.DEL);
    }

    /**
     * Interface messages and GR markers in a short form ({@code IF_CREATE ifuid=1f vrfid=2 name=v0}),
     * any other message as {@code NAME tlv=value ...} with the TLV names of {@link FpcSchema} in lower
     * case, u64 in hex, addresses as text, nested TLVs in braces.
     */
    static String compact(FrameReader reader) throws FpcFormatException {
        int type = reader.type();
        StringBuilder line = new StringBuilder(FpcSchema.messageName(type));
        MessageSpec spec = FpcSchema.message(type);
        boolean generic = type >= AddressAttr.ADDR_ADD || type == FpcMessageType.FLUSH;
        while (reader.nextTlv()) {
            line.append(' ').append(generic ? describeObjectTlv(spec.tlvs(), reader) : describeTlv(type, reader));
        }
        return line.toString();
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
                if (spec.secret()) {
                    return "[" + r.tlvLength() + " bytes]"; // key material: never in test output
                }
                StringBuilder sb = new StringBuilder();
                for (byte b : r.bytes()) {
                    sb.append(sb.length() == 0 ? "" : ":").append(String.format("%02x", b & 0xff));
                }
                return sb.toString();
            }
        }
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
                if (spec.secret()) {
                    return name + "=[" + r.tlvLength() + " bytes]"; // key material: never in test output
                }
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
}
