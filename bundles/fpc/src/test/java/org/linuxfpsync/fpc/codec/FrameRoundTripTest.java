package org.linuxfpsync.fpc.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class FrameRoundTripTest {

    /** One TLV as a test writes it: kind 0..5 = u8, u16, u32, u64, string, bytes. */
    record Tlv(int type, int kind, long number, String text, byte[] raw) {
    }

    @Provide
    Arbitrary<Tlv> tlvs() {
        Arbitrary<Integer> types = Arbitraries.integers().between(0, 0xffff);
        return Arbitraries.integers().between(0, 5).flatMap(kind -> switch (kind) {
            case 0 -> Combinators.combine(types, Arbitraries.integers().between(0, 0xff))
                    .as((t, v) -> new Tlv(t, 0, v, null, null));
            case 1 -> Combinators.combine(types, Arbitraries.integers().between(0, 0xffff))
                    .as((t, v) -> new Tlv(t, 1, v, null, null));
            case 2 -> Combinators.combine(types, Arbitraries.integers())
                    .as((t, v) -> new Tlv(t, 2, v, null, null));
            case 3 -> Combinators.combine(types, Arbitraries.longs())
                    .as((t, v) -> new Tlv(t, 3, v, null, null));
            case 4 -> Combinators.combine(types, Arbitraries.strings().ofMaxLength(40)
                            .filter(s -> s.indexOf('\0') < 0 && isWellFormed(s)))
                    .as((t, v) -> new Tlv(t, 4, 0, v, null));
            default -> Combinators.combine(types, Arbitraries.bytes().array(byte[].class).ofMaxSize(300))
                    .as((t, v) -> new Tlv(t, 5, 0, null, v));
        });
    }

    @Property
    void anySequenceOfTlvsSurvivesWritingAndReading(@ForAll @IntRange(min = 0, max = 0xffff) int type,
                                                    @ForAll int seq,
                                                    @ForAll @Size(max = 30) List<@From("tlvs") Tlv> tlvs)
            throws Exception {
        ByteBuffer frame = write(new FrameWriter(), type, seq, tlvs);

        FrameReader r = new FrameReader().wrapFrame(frame);
        assertThat(r.type()).isEqualTo(type);
        assertThat(r.seq()).isEqualTo(seq);
        assertThat(r.length()).isEqualTo(frame.remaining());
        for (Tlv t : tlvs) {
            assertThat(r.nextTlv()).isTrue();
            assertThat(r.tlvType()).isEqualTo(t.type());
            switch (t.kind()) {
                case 0 -> assertThat(r.u8()).isEqualTo((int) t.number());
                case 1 -> assertThat(r.u16()).isEqualTo((int) t.number());
                case 2 -> assertThat(r.u32()).isEqualTo((int) t.number());
                case 3 -> assertThat(r.u64()).isEqualTo(t.number());
                case 4 -> assertThat(r.string()).isEqualTo(t.text());
                default -> assertThat(r.bytes()).isEqualTo(t.raw());
            }
        }
        assertThat(r.nextTlv()).isFalse();
    }

    @Property
    void framesCutIntoAnyPiecesComeOutOfTheAssemblerWhole(
            @ForAll @Size(min = 1, max = 8) List<@Size(max = 6) List<@From("tlvs") Tlv>> frames,
            @ForAll @Size(min = 1, max = 20) List<@IntRange(min = 1, max = 200) Integer> cuts) throws Exception {
        ByteArrayStream stream = new ByteArrayStream();
        List<byte[]> expected = new ArrayList<>();
        FrameWriter w = new FrameWriter();
        int seq = 0;
        for (List<Tlv> tlvs : frames) {
            byte[] bytes = Hex.copy(write(w, InterfaceAttr.IF_CREATE, seq++, tlvs));
            expected.add(bytes);
            stream.add(bytes);
        }
        byte[] all = stream.toArray();

        FrameAssembler assembler = new FrameAssembler(16);
        FrameReader r = new FrameReader();
        List<byte[]> got = new ArrayList<>();
        int off = 0;
        int cut = 0;
        while (off < all.length) {
            int n = Math.min(cuts.get(cut++ % cuts.size()), all.length - off);
            assembler.append(all, off, n);
            off += n;
            while (assembler.next(r)) {
                byte[] b = new byte[r.length()];
                r.buffer().get(r.offset(), b);
                got.add(b);
            }
        }
        assertThat(got).containsExactlyElementsOf(expected);
        assertThat(assembler.buffered()).isZero();
    }

    private static ByteBuffer write(FrameWriter w, int type, int seq, List<Tlv> tlvs) {
        w.begin(type, seq);
        for (Tlv t : tlvs) {
            switch (t.kind()) {
                case 0 -> w.putU8(t.type(), (int) t.number());
                case 1 -> w.putU16(t.type(), (int) t.number());
                case 2 -> w.putU32(t.type(), (int) t.number());
                case 3 -> w.putU64(t.type(), t.number());
                case 4 -> w.putString(t.type(), t.text());
                default -> w.putBytes(t.type(), t.raw());
            }
        }
        return w.finish();
    }

    private static boolean isWellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static final class ByteArrayStream {
        private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

        void add(byte[] b) {
            out.writeBytes(b);
        }

        byte[] toArray() {
            return out.toByteArray();
        }
    }
}
