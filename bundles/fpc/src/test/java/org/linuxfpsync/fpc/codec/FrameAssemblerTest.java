package org.linuxfpsync.fpc.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;

import org.junit.jupiter.api.Test;

class FrameAssemblerTest {
    private final FrameAssembler assembler = new FrameAssembler(64);
    private final FrameReader reader = new FrameReader();

    @Test
    void aFrameLargerThanTheBufferIsAssembledFromChannelReads() throws Exception {
        byte[] value = new byte[60000];
        value[59999] = 42;
        byte[] frame = Hex.copy(new FrameWriter().begin(InterfaceAttr.IF_CREATE, 9)
                .putBytes(InterfaceAttr.MAC, value).finish());
        ReadableByteChannel in = Channels.newChannel(new java.io.ByteArrayInputStream(frame));
        int reads = 0;
        while (!assembler.next(reader)) {
            assertThat(assembler.readFrom(in)).isPositive();
            reads++;
        }
        assertThat(reads).isGreaterThan(1);
        assertThat(reader.seq()).isEqualTo(9);
        reader.nextTlv();
        assertThat(reader.bytes()).isEqualTo(value);
        assertThat(assembler.readFrom(in)).isEqualTo(-1);
    }

    @Test
    void aBrokenHeaderPoisonsTheStreamForGood() {
        assembler.append(Hex.bytes("01 00 00 01 00 00 00 04 00 00 00 00"), 0, 12);
        assertThatThrownBy(() -> assembler.next(reader)).hasMessage("frame length 4 is below the 12-byte header");
        assembler.append(Hex.copy(new FrameWriter().begin(FpcMessageType.HELLO, 1).finish()), 0, 12);
        assertThatThrownBy(() -> assembler.next(reader)).hasMessage("frame length 4 is below the 12-byte header");
        assembler.reset();
        assertThat(assembler.buffered()).isZero();
    }

    @Test
    void aCorruptLengthIsDetectedBeforeTheFrameArrives() {
        assembler.append(Hex.bytes("01 00 01 00 00 20 00 00"), 0, 8);
        assertThatThrownBy(() -> assembler.next(reader))
                .hasMessage("frame length 2097152 exceeds the 1048576-byte limit");
    }

    @Test
    void severalFramesInOneReadComeOutOneByOne() throws Exception {
        FrameWriter w = new FrameWriter();
        ByteBuffer all = ByteBuffer.allocate(100);
        for (int seq = 1; seq <= 3; seq++) {
            all.put(FpcCodecs.grFrame(w, FpcMessageType.GR_BEGIN, seq, 1, seq));
        }
        all.flip();
        assembler.append(all);
        for (int seq = 1; seq <= 3; seq++) {
            assertThat(assembler.next(reader)).isTrue();
            assertThat(FpcCodecs.parseGr(reader)).isEqualTo(new FpcGrMarker(1, seq));
        }
        assertThat(assembler.next(reader)).isFalse();
    }

    @Test
    void endOfStreamIsReportedAsMinusOne() throws IOException {
        ReadableByteChannel empty = Channels.newChannel(new java.io.ByteArrayInputStream(new byte[0]));
        assertThat(assembler.readFrom(empty)).isEqualTo(-1);
    }
}
