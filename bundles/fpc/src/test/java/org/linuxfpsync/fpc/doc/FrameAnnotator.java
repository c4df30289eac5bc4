package org.linuxfpsync.fpc.doc;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.linuxfpsync.fpc.codec.ErrorAttr;
import org.linuxfpsync.fpc.codec.FpcFrame;
import org.linuxfpsync.fpc.codec.FpcSchema;
import org.linuxfpsync.fpc.codec.FrameReader;
import org.linuxfpsync.fpc.codec.MessageSpec;
import org.linuxfpsync.fpc.codec.TlvList;
import org.linuxfpsync.fpc.codec.TlvSpec;

/**
 * Writes a frame as the document shows it: hex bytes on the left, what they mean on the right,
 * with the names and forms of {@link FpcSchema}.
 */
final class FrameAnnotator {
    private static final int BYTES_PER_LINE = 12;
    private static final int HEX_WIDTH = BYTES_PER_LINE * 3 + 1;
    /** Numbers that are bit sets or identifiers: shown in hex. */
    private static final Set<String> HEX_NUMBERS = Set.of("FLAGS", "FEATURES", "FWMARK", "FWMASK", "SPI", "STATUS",
            "IFLAGS", "OFLAGS", "MARK", "MARK_MASK", "PROTOCOL_ID");

    private FrameAnnotator() {
    }

    static String annotate(byte[] frame) throws Exception {
        FrameReader r = new FrameReader().wrapFrame(ByteBuffer.wrap(frame));
        StringBuilder sb = new StringBuilder();
        line(sb, frame, 0, FpcFrame.HEADER_SIZE, String.format("header: version %d, flags %d, type 0x%04x %s,"
                + " length %d, seq %d", r.version(), r.flags(), r.type(), FpcSchema.messageName(r.type()), r.length(),
                Integer.toUnsignedLong(r.seq())));
        MessageSpec message = FpcSchema.message(r.type());
        annotateTlvs(sb, frame, r, message == null ? null : message.tlvs(), "");
        return sb.toString();
    }

    private static void annotateTlvs(StringBuilder sb, byte[] frame, FrameReader r, TlvList list, String indent)
            throws Exception {
        while (r.nextTlv()) {
            TlvSpec def = list == null ? null : list.tlv(r.tlvType());
            String what = indent + (def == null ? "TLV " + r.tlvType() : def.name() + " (" + r.tlvType() + ")");
            if (def != null && def.nested() != null) {
                line(sb, frame, r.tlvOffset(), FpcFrame.TLV_HEADER_SIZE, what + ": " + r.tlvLength()
                        + " bytes of nested TLVs");
                r.enterNested();
                annotateTlvs(sb, frame, r, def.nested(), indent + "  ");
                r.exitNested();
                continue;
            }
            String value = def == null ? r.tlvLength() + " bytes" : value(r, list, def);
            line(sb, frame, r.tlvOffset(), FpcFrame.TLV_HEADER_SIZE + r.tlvLength(), what + " = " + value);
        }
    }

    private static String value(FrameReader r, TlvList list, TlvSpec def) throws Exception {
        if (list.javaName().equals("ErrorAttr") && def.type() == ErrorAttr.TYPE) {
            int t = r.u16();
            return String.format("0x%04x %s", t, FpcSchema.messageName(t));
        }
        if (list.javaName().equals("ErrorAttr") && def.type() == ErrorAttr.CODE) {
            int c = r.u32();
            return c + " " + ErrorAttr.name(c);
        }
        boolean hex = HEX_NUMBERS.contains(def.name());
        switch (def.form()) {
            case U8: return hex ? "0x" + Integer.toHexString(r.u8()) : Integer.toString(r.u8());
            case U16: return hex ? "0x" + Integer.toHexString(r.u16()) : Integer.toString(r.u16());
            case U32: return hex ? "0x" + Integer.toHexString(r.u32()) : Long.toString(Integer.toUnsignedLong(r.u32()));
            case U64: return def.name().endsWith("IFUID") ? "0x" + Long.toHexString(r.u64())
                    : Long.toUnsignedString(r.u64());
            case STRING: return "\"" + r.string() + "\"";
            case ADDRESS: return InetAddress.getByAddress(r.address()).getHostAddress();
            case BYTES:
                if (def.secret()) {
                    return r.tlvLength() + " bytes of key material";
                }
                return r.tlvLength() <= 8 ? HexFormat.ofDelimiter(":").formatHex(r.bytes())
                        : r.tlvLength() + " bytes";
            default: throw new IllegalArgumentException(def.form().toString());
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

    /** The TLV table of a message type as the document's first three columns: number, name, form. */
    static List<List<String>> tlvRows(int messageType) {
        List<List<String>> rows = new ArrayList<>();
        for (TlvSpec t : FpcSchema.message(messageType).tlvs().tlvs()) {
            rows.add(List.of(Integer.toString(t.type()), t.name(), t.form().wireName()));
        }
        return rows;
    }
}
