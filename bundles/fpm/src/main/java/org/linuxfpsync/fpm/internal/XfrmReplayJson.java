package org.linuxfpsync.fpm.internal;

import java.io.IOException;
import java.util.Map;

import org.linuxfpsync.fpm.FpmBytes;
import org.linuxfpsync.fpm.FpmObject;

import com.fasterxml.jackson.core.JsonGenerator;

/**
 * An SA's replay state (table {@code ipsec-sa-replay}) with the values and forms of {@code ip -s xfrm
 * state} (iproute2 has no JSON for xfrm): the SA's {@code dst}, {@code proto}, {@code spi} ("0x%08x"),
 * {@code mark} ("%#x/%#x", when the SA has one: it is part of the SA's key), then its "anti-replay
 * context" {@code seq}, {@code oseq} ("0x%x") and {@code bitmap} ("0x%08x"), or with ESN its
 * "anti-replay esn context" {@code seq_hi}, {@code seq}, {@code oseq_hi}, {@code oseq},
 * {@code replay_window}, {@code bitmap_length} and the {@code bitmap} words ("%08x", space-separated);
 * then ours: {@code family}, and the SA's aevent thresholds when known.
 */
final class XfrmReplayJson {
    private static final long AF_INET = 2;

    private XfrmReplayJson() {
    }

    /** Opens the object and writes its fields; the caller closes it. */
    static void replay(JsonGenerator g, FpmObject r) throws IOException {
        Map<String, Object> f = r.fields();
        g.writeStartObject();
        g.writeStringField("dst", Iproute2Objects.text(f.get("DADDR")));
        g.writeStringField("proto", proto(r.number("PROTO", 0)));
        g.writeStringField("spi", String.format("0x%08x", r.number("SPI", 0)));
        long mark = r.number("MARK", 0);
        long mask = r.number("MARK_MASK", 0);
        if (mark != 0 || mask != 0) {
            g.writeStringField("mark", alternateHex(mark) + "/" + alternateHex(mask));
        }
        long seq = r.number("SEQ", 0);
        long oseq = r.number("OSEQ", 0);
        byte[] bitmap = f.get("BITMAP") instanceof FpmBytes b ? b.bytes() : new byte[0];
        if (r.number("ESN", 0) == 1) {
            g.writeStringField("seq_hi", hex(seq >>> 32));
            g.writeStringField("seq", hex(seq & 0xffffffffL));
            g.writeStringField("oseq_hi", hex(oseq >>> 32));
            g.writeStringField("oseq", hex(oseq & 0xffffffffL));
            g.writeNumberField("replay_window", r.number("REPLAY_WINDOW", 0));
            g.writeNumberField("bitmap_length", bitmap.length / 4);
            StringBuilder words = new StringBuilder();
            for (int i = 0; i + 4 <= bitmap.length; i += 4) {
                words.append(i == 0 ? "" : " ").append(String.format("%08x", word(bitmap, i)));
            }
            g.writeStringField("bitmap", words.toString());
        } else {
            g.writeStringField("seq", hex(seq));
            g.writeStringField("oseq", hex(oseq));
            g.writeStringField("bitmap", String.format("0x%08x", bitmap.length >= 4 ? word(bitmap, 0) : 0));
        }
        g.writeStringField("family", r.number("FAMILY", AF_INET) == AF_INET ? "inet" : "inet6");
        if (f.containsKey("REPLAY_THRESH")) {
            g.writeNumberField("replay_thresh", r.number("REPLAY_THRESH", 0));
        }
        if (f.containsKey("ETIMER_THRESH")) {
            g.writeNumberField("etimer_thresh", r.number("ETIMER_THRESH", 0));
        }
    }

    /** iproute2's names of the xfrm protocols ({@code strxf_xfrmproto}). */
    static String proto(long proto) {
        return proto == 50 ? "esp" : proto == 51 ? "ah" : proto == 108 ? "comp" : Long.toString(proto);
    }

    /** C's {@code %#x}, as ip prints a mark: "0" for 0, "0x…" otherwise. */
    private static String alternateHex(long v) {
        return v == 0 ? "0" : hex(v);
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    private static long word(byte[] b, int i) {
        return (b[i] & 0xffL) << 24 | (b[i + 1] & 0xffL) << 16 | (b[i + 2] & 0xffL) << 8 | (b[i + 3] & 0xffL);
    }
}
