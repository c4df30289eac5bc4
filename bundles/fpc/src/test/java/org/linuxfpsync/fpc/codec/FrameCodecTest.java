package org.linuxfpsync.fpc.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

class FrameCodecTest {
    private final FrameWriter writer = new FrameWriter();
    private final FrameReader reader = new FrameReader();

    @Test
    void aFrameIsAHeaderFollowedByTlvsInNetworkOrder() {
        ByteBuffer frame = writer.begin(FpcMessageType.GR_BEGIN, 0x01020304)
                .putU8(GrAttr.FAMILY, 1)
                .putU32(GrAttr.VRFID, 7)
                .finish();
        assertThat(Hex.of(frame)).isEqualTo(
                "01 00 00 03 00 00 00 19 01 02 03 04 "
                        + "00 01 00 01 01 "
                        + "00 02 00 04 00 00 00 07");
    }

    @Test
    void everyTypedValueReadsBackAsWritten() throws Exception {
        ByteBuffer frame = writer.begin(InterfaceAttr.IF_CREATE, -2)
                .putU8(1, 255)
                .putU16(2, 65535)
                .putU32(3, 0xfffffffe)
                .putU64(4, 0x8000000000000001L)
                .putString(5, "br0-é")
                .putBytes(6, new byte[] {1, 2, 3, 4, 5, 6, 7}, 1, 5)
                .putBytes(7, new byte[0])
                .finish();
        reader.wrapFrame(frame);
        assertThat(reader.version()).isEqualTo(1);
        assertThat(reader.flags()).isZero();
        assertThat(reader.type()).isEqualTo(InterfaceAttr.IF_CREATE);
        assertThat(reader.length()).isEqualTo(frame.remaining());
        assertThat(Integer.toUnsignedLong(reader.seq())).isEqualTo(0xfffffffeL);
        assertThat(reader.nextTlv()).isTrue();
        assertThat(reader.u8()).isEqualTo(255);
        reader.nextTlv();
        assertThat(reader.u16()).isEqualTo(65535);
        reader.nextTlv();
        assertThat(Integer.toUnsignedLong(reader.u32())).isEqualTo(0xfffffffeL);
        reader.nextTlv();
        assertThat(reader.u64()).isEqualTo(0x8000000000000001L);
        reader.nextTlv();
        assertThat(reader.string()).isEqualTo("br0-é");
        reader.nextTlv();
        assertThat(reader.bytes()).containsExactly(2, 3, 4, 5, 6);
        byte[] dst = new byte[8];
        assertThat(reader.copyBytes(dst)).isEqualTo(5);
        assertThat(dst).startsWith(2, 3, 4, 5, 6);
        reader.nextTlv();
        assertThat(reader.tlvType()).isEqualTo(7);
        assertThat(reader.tlvLength()).isZero();
        assertThat(reader.nextTlv()).isFalse();
    }

    @Test
    void aReaderAcceptsALittleEndianBufferAndStillReadsNetworkOrder() throws Exception {
        ByteBuffer frame = writer.begin(FpcMessageType.HELLO, 5).putU32(HelloAttr.FEATURES, 0x1ffff).finish();
        ByteBuffer le = ByteBuffer.wrap(Hex.copy(frame)).order(ByteOrder.LITTLE_ENDIAN);
        reader.wrapFrame(le);
        assertThat(reader.seq()).isEqualTo(5);
        reader.nextTlv();
        assertThat(reader.u32()).isEqualTo(0x1ffff);
    }

    @Test
    void aWriterOverAGivenBufferWritesFromItsStartAndRefusesWhatDoesNotFit() {
        ByteBuffer target = ByteBuffer.allocateDirect(20);
        FrameWriter w = new FrameWriter(target);
        ByteBuffer frame = w.begin(FpcMessageType.HELLO, 1).putU16(HelloAttr.VERSION_MAX, 1).finish();
        assertThat(frame).isSameAs(target);
        assertThat(frame.position()).isZero();
        assertThat(frame.limit()).isEqualTo(18);
        w.begin(FpcMessageType.HELLO, 2);
        assertThatThrownBy(() -> w.putString(HelloAttr.NAME, "linux-fp-sync-fpm"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("FPC frame HELLO does not fit the given 20-byte buffer: 12 bytes written, "
                        + "TLV 2 needs 21 more");
    }

    @Test
    void aFrameAboveOneMebibyteIsRefusedByTheWriter() {
        writer.begin(InterfaceAttr.IF_CREATE, 1);
        byte[] big = new byte[FpcFrame.MAX_TLV_VALUE];
        for (int i = 0; i < 15; i++) {
            writer.putBytes(InterfaceAttr.MAC, big);
        }
        assertThat(writer.length()).isEqualTo(12 + 15 * 65539);
        assertThatThrownBy(() -> writer.putBytes(InterfaceAttr.MAC, big))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("FPC frame IF_CREATE would exceed the 1048576-byte limit: 983097 bytes written, "
                        + "TLV 9 needs 65539 more");
    }

    @Test
    void valuesOutOfTheirWireRangeAreRefusedByTheWriter() {
        writer.begin(InterfaceAttr.IF_CREATE, 1);
        assertThatThrownBy(() -> writer.putU8(InterfaceAttr.OPERSTATE, 256))
                .hasMessage("u8 value of TLV 12 out of range 0..255: 256");
        assertThatThrownBy(() -> writer.putU16(InterfaceAttr.TYPE, -1))
                .hasMessage("u16 value of TLV 5 out of range 0..65535: -1");
        assertThatThrownBy(() -> writer.putString(InterfaceAttr.IFNAME, "a\0b"))
                .hasMessage("TLV 4: FPC strings cannot contain NUL");
        assertThatThrownBy(() -> new FrameWriter().putU8(1, 1))
                .hasMessage("TLV 1 written outside a frame: call begin() first");
    }

    @Test
    void aTruncatedHeaderIsRefused() {
        assertStreamBroken("01 00 00 01 00", "truncated header: 5 of 12 bytes");
    }

    @Test
    void aTruncatedFrameIsRefused() {
        assertStreamBroken("01 00 00 01 00 00 00 14 00 00 00 01 00 01", "truncated frame: 14 of 20 bytes");
    }

    @Test
    void aLengthBelowTheHeaderIsRefused() {
        assertStreamBroken("01 00 00 01 00 00 00 08 00 00 00 01", "frame length 8 is below the 12-byte header");
    }

    @Test
    void aLengthAboveOneMebibyteIsRefused() {
        assertStreamBroken("01 00 00 01 00 10 00 01 00 00 00 01",
                "frame length 1048577 exceeds the 1048576-byte limit");
    }

    @Test
    void aLengthAboveTwoToTheThirtyFirstIsReadUnsignedAndRefused() {
        assertStreamBroken("01 00 00 01 ff ff ff ff 00 00 00 01",
                "frame length 4294967295 exceeds the 1048576-byte limit");
    }

    @Test
    void anUnknownVersionIsRefusedFromItsFirstByte() {
        assertStreamBroken("02", "unsupported frame version 2 (expected 1)");
    }

    @Test
    void trailingBytesAfterAWholeFrameAreRefused() {
        assertStreamBroken("01 00 00 01 00 00 00 0c 00 00 00 01 ff", "1 trailing bytes after a 12-byte frame");
    }

    @Test
    void aTlvOverrunningTheFrameIsRefusedButKeepsTheStream() throws Exception {
        reader.wrapFrame(Hex.buffer("01 00 01 00 00 00 00 14 00 00 00 01 00 04 01 2c 65 74 68 30"));
        assertThatThrownBy(reader::nextTlv)
                .isInstanceOfSatisfying(FpcFormatException.class, e -> {
                    assertThat(e.isStreamBroken()).isFalse();
                    assertThat(e.errorCode()).isEqualTo(ErrorAttr.EINVAL);
                    assertThat(e.getStackTrace()).isEmpty();
                })
                .hasMessage("TLV 4 at offset 12 overruns the frame: value of 300 bytes, 4 left");
    }

    @Test
    void aTruncatedTlvHeaderIsRefused() throws Exception {
        reader.wrapFrame(Hex.buffer("01 00 01 00 00 00 00 0e 00 00 00 01 00 04"));
        assertThatThrownBy(reader::nextTlv).hasMessage("truncated TLV header at offset 12: 2 of 4 bytes");
    }

    @Test
    void aU32TlvOfTwoBytesIsRefusedWithBothSizes() throws Exception {
        reader.wrapFrame(writer.begin(InterfaceAttr.IF_CREATE, 1).putU16(InterfaceAttr.IFINDEX, 2).finish());
        reader.nextTlv();
        assertThatThrownBy(reader::u32).isInstanceOf(FpcFormatException.class)
                .hasMessage("TLV 3: a u32 needs 4 bytes, got 2");
        assertThatThrownBy(reader::u8).hasMessage("TLV 3: a u8 needs 1 bytes, got 2");
        assertThatThrownBy(reader::u64).hasMessage("TLV 3: a u64 needs 8 bytes, got 2");
        assertThat(reader.u16()).isEqualTo(2);
    }

    @Test
    void stringsWithNulOrInvalidUtf8AreRefused() throws Exception {
        reader.wrapFrame(writer.begin(InterfaceAttr.IF_CREATE, 1)
                .putBytes(InterfaceAttr.IFNAME, new byte[] {'l', 'o', 0})
                .putBytes(InterfaceAttr.KIND, new byte[] {(byte) 0xc3, '('})
                .finish());
        reader.nextTlv();
        assertThatThrownBy(reader::string).hasMessage("TLV 4: string contains a NUL byte at 2");
        reader.nextTlv();
        assertThatThrownBy(reader::string).hasMessage("TLV 11: string is not valid UTF-8");
    }

    @Test
    void copyBytesRefusesAValueLongerThanTheDestination() throws Exception {
        reader.wrapFrame(writer.begin(InterfaceAttr.IF_CREATE, 1).putBytes(InterfaceAttr.MAC, new byte[40]).finish());
        reader.nextTlv();
        assertThatThrownBy(() -> reader.copyBytes(new byte[32])).hasMessage("TLV 9: 40 bytes exceed the 32 expected");
    }

    @Test
    void anUnknownMessageTypeIsStillAReadableFrame() throws Exception {
        reader.wrapFrame(writer.begin(0x0999, 3).putU32(77, 1).finish());
        assertThat(reader.type()).isEqualTo(0x0999);
        assertThat(FpcSchema.messageName(reader.type())).isEqualTo("FPC_[0x0999]");
        assertThat(reader.describe()).isEqualTo("FPC_[0x0999] seq 3, 20 bytes");
    }

    @Test
    void gettersWithoutACurrentTlvAreAProgrammingError() throws Exception {
        reader.wrapFrame(writer.begin(FpcMessageType.HELLO, 1).finish());
        assertThatThrownBy(reader::u8).isInstanceOf(IllegalStateException.class)
                .hasMessage("no current TLV: nextTlv() must return true first");
    }

    @Test
    void wrapWaitsForMoreBytesUntilTheWholeFrameIsThere() throws Exception {
        ByteBuffer frame = writer.begin(FpcMessageType.HELLO, 1).putU16(HelloAttr.VERSION_MAX, 1).finish();
        for (int available = 0; available < frame.remaining(); available++) {
            assertThat(reader.wrap(frame, 0, available)).isEqualTo(FrameReader.NEED_MORE);
        }
        assertThat(reader.wrap(frame, 0, frame.remaining())).isEqualTo(18);
    }

    private void assertStreamBroken(String hex, String message) {
        assertThatThrownBy(() -> reader.wrapFrame(Hex.buffer(hex)))
                .isInstanceOfSatisfying(FpcFormatException.class, e -> {
                    assertThat(e.isStreamBroken()).isTrue();
                    assertThat(e.errorCode()).isEqualTo(ErrorAttr.EPROTO);
                })
                .hasMessage(message);
    }
}
