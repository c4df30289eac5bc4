package org.linuxfpsync.fpc.doc;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Map;

import org.linuxfpsync.fpc.codec.ErrorAttr;
import org.linuxfpsync.fpc.codec.FpcFrame;
import org.linuxfpsync.fpc.codec.FpcMessageType;
import org.linuxfpsync.fpc.codec.FrameReader;

/** Writes a frame as the document shows it: hex bytes on the left, what they mean on the right. */
final class FrameAnnotator {
    private static final int BYTES_PER_LINE = 12;
    private static final int HEX_WIDTH = BYTES_PER_LINE * 3 + 1;

    /** TLV name and value kind per family: u8, u16, u32, x32 (hex), u64, x64 (hex), str, mac, type, errno. */
    private static final Map<Integer, String[][]> TLVS = Map.of(
            FpcMessageType.HELLO, new String[][] {
                null, {"VERSION_MAX", "u16"}, {"NAME", "str"}, {"INSTANCE", "u32"}, {"FEATURES", "x32"},
                {"EPOCH", "u64"}},
            FpcMessageType.ERROR, new String[][] {
                null, {"SEQ", "u32"}, {"TYPE", "type"}, {"CODE", "errno"}, {"MESSAGE", "str"}},
            FpcMessageType.GR_BEGIN, new String[][] {null, {"FAMILY", "u8"}, {"VRFID", "u32"}},
            FpcMessageType.IF_CREATE, new String[][] {
                null, {"IFUID", "x64"}, {"VRFID", "u32"}, {"IFINDEX", "u32"}, {"IFNAME", "str"}, {"TYPE", "u16"},
                {"SUBTYPE", "u16"}, {"FLAGS", "x32"}, {"MTU", "u32"}, {"MAC", "mac"}, {"MASTER_IFUID", "x64"},
                {"KIND", "str"}, {"OPERSTATE", "u8"}, {"ARPHRD", "u16"}, {"SLAVE_KIND", "str"}});

    private FrameAnnotator() {
    }

    static String annotate(byte[] frame) throws Exception {
        FrameReader r = new FrameReader().wrapFrame(ByteBuffer.wrap(frame));
        StringBuilder sb = new StringBuilder();
        line(sb, frame, 0, FpcFrame.HEADER_SIZE, String.format("header: version %d, flags %d, type 0x%04x %s,"
                + " length %d, seq %d", r.version(), r.flags(), r.type(), FpcMessageType.name(r.type()), r.length(),
                Integer.toUnsignedLong(r.seq())));
        int family = r.type() == FpcMessageType.GR_END ? FpcMessageType.GR_BEGIN
                : r.type() >= 0x0100 && r.type() <= 0x01ff ? FpcMessageType.IF_CREATE : r.type();
        String[][] names = TLVS.get(family);
        while (r.nextTlv()) {
            String[] def = r.tlvType() < names.length ? names[r.tlvType()] : null;
            String what = def == null ? "TLV " + r.tlvType() : def[0] + " (" + r.tlvType() + ")";
            String value = def == null ? r.tlvLength() + " bytes" : value(r, def[1]);
            line(sb, frame, r.tlvOffset(), FpcFrame.TLV_HEADER_SIZE + r.tlvLength(), what + " = " + value);
        }
        return sb.toString();
    }

    private static String value(FrameReader r, String kind) throws Exception {
        switch (kind) {
            case "u8": return Integer.toString(r.u8());
            case "u16": return Integer.toString(r.u16());
            case "u32": return Long.toString(Integer.toUnsignedLong(r.u32()));
            case "x32": return "0x" + Integer.toHexString(r.u32());
            case "u64": return Long.toUnsignedString(r.u64());
            case "x64": return "0x" + Long.toHexString(r.u64());
            case "str": return "\"" + r.string() + "\"";
            case "mac": return HexFormat.ofDelimiter(":").formatHex(r.bytes());
            case "type": int t = r.u16(); return String.format("0x%04x %s", t, FpcMessageType.name(t));
            case "errno": int c = r.u32(); return c + " " + ErrorAttr.name(c);
            default: throw new IllegalArgumentException(kind);
        }
    }

    private static void line(StringBuilder sb, byte[] frame, int off, int len, String comment) {
        for (int start = off; start < off + len; start += BYTES_PER_LINE) {
            int n = Math.min(BYTES_PER_LINE, off + len - start);
            String hex = HexFormat.ofDelimiter(" ").formatHex(frame, start, start + n);
            if (start == off) {
                sb.append(String.format("%-" + HEX_WIDTH + "s%s", hex, comment).stripTrailing());
            } else {
                sb.append(hex);
            }
            sb.append('\n');
        }
    }

    /** The TLV table of a message type: number, name, wire type as the document names it. */
    static java.util.List<java.util.List<String>> tlvRows(int messageType) {
        java.util.List<java.util.List<String>> rows = new java.util.ArrayList<>();
        String[][] defs = TLVS.get(messageType);
        for (int i = 1; i < defs.length; i++) {
            rows.add(java.util.List.of(Integer.toString(i), defs[i][0], wireType(defs[i][1])));
        }
        return rows;
    }

    private static String wireType(String kind) {
        switch (kind) {
            case "x32": case "errno": return "u32";
            case "x64": return "u64";
            case "type": return "u16";
            case "str": return "string";
            case "mac": return "bytes";
            default: return kind;
        }
    }
}
