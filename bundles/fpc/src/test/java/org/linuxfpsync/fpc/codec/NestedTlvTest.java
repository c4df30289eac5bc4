package org.linuxfpsync.fpc.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

/** Nested TLVs (next hops, bond slaves, tuples) and addresses, docs/fpc-protocol.md §2. */
class NestedTlvTest {
    private final FrameWriter writer = new FrameWriter();
    private final FrameReader reader = new FrameReader();

    @Test
    void aNestedTlvIsALengthPrefixedListOfTlvsWalkedWithTheSameReader() throws Exception {
        ByteBuffer frame = writer.begin(RouteAttr.ROUTE_ADD, 1)
                .putU32(RouteAttr.VRFID, 0)
                .beginNested(RouteAttr.NEXTHOP)
                    .putAddress(NexthopAttr.GATEWAY, new byte[] {10, 1, 0, 2})
                    .putU16(NexthopAttr.WEIGHT, 3)
                .endNested()
                .putU8(RouteAttr.PREFIXLEN, 16)
                .finish();
        assertThat(Hex.of(frame)).isEqualTo("01 00 03 00 00 00 00 2b 00 00 00 01 "
                + "00 01 00 04 00 00 00 00 "
                + "00 0e 00 0e 00 01 00 04 0a 01 00 02 00 03 00 02 00 03 "
                + "00 05 00 01 10");
        reader.wrapFrame(frame);
        assertThat(reader.nextTlv()).isTrue();
        assertThat(reader.nextTlv()).isTrue();
        assertThat(reader.tlvType()).isEqualTo(RouteAttr.NEXTHOP);
        reader.enterNested();
        assertThat(reader.inNested()).isTrue();
        assertThat(reader.nextTlv()).isTrue();
        assertThat(reader.address()).containsExactly(10, 1, 0, 2);
        assertThat(reader.nextTlv()).isTrue();
        assertThat(reader.u16()).isEqualTo(3);
        assertThat(reader.nextTlv()).as("the nested list ends with its TLV").isFalse();
        reader.exitNested();
        assertThat(reader.nextTlv()).isTrue();
        assertThat(reader.tlvType()).isEqualTo(RouteAttr.PREFIXLEN);
        assertThat(reader.nextTlv()).isFalse();
    }

    @Test
    void nestedTlvsDoNotNest() throws Exception {
        writer.begin(RouteAttr.ROUTE_ADD, 1).beginNested(RouteAttr.NEXTHOP);
        assertThatThrownBy(() -> writer.beginNested(1)).isInstanceOf(IllegalStateException.class)
                .hasMessage("TLV 1: nested TLVs cannot contain nested TLVs");
        assertThatThrownBy(writer::finish).hasMessage("finish() inside a nested TLV: call endNested() first");
        writer.endNested();
        assertThatThrownBy(writer::endNested).hasMessage("endNested() without beginNested()");

        reader.wrapFrame(writer.begin(RouteAttr.ROUTE_ADD, 2).beginNested(RouteAttr.NEXTHOP)
                .putU32(NexthopAttr.FLAGS, 1).endNested().finish());
        reader.nextTlv();
        reader.enterNested();
        reader.nextTlv();
        assertThatThrownBy(reader::enterNested).hasMessage("TLV 4: nested TLVs cannot contain nested TLVs");
        reader.exitNested();
        assertThatThrownBy(reader::exitNested).hasMessage("exitNested() outside a nested TLV");
    }

    @Test
    void aTlvOverrunningItsNestedTlvIsAFormatErrorThatKeepsTheStream() throws Exception {
        byte[] bytes = Hex.bytes("01 00 03 00 00 00 00 1b 00 00 00 01 "
                + "00 0e 00 06 00 01 00 04 0a 01 "  // GATEWAY announces 4 bytes, its nested TLV holds 2
                + "00 05 00 01 10");
        reader.wrapFrame(ByteBuffer.wrap(bytes));
        reader.nextTlv();
        reader.enterNested();
        assertThatThrownBy(reader::nextTlv).isInstanceOf(FpcFormatException.class)
                .hasMessage("TLV 1 at offset 16 overruns its nested TLV: value of 4 bytes, 2 left")
                .matches(e -> !((FpcFormatException) e).isStreamBroken());
        reader.exitNested();
        assertThat(reader.nextTlv()).as("the frame's own TLVs are still readable").isTrue();
        assertThat(reader.u8()).isEqualTo(16);
    }

    @Test
    void anAddressIsFourOrSixteenBytes() throws Exception {
        assertThatThrownBy(() -> writer.begin(AddressAttr.ADDR_ADD, 1).putAddress(AddressAttr.LOCAL, new byte[5]))
                .hasMessage("TLV 4: an address is 4 or 16 bytes, not 5");
        reader.wrapFrame(writer.begin(AddressAttr.ADDR_ADD, 1).putBytes(AddressAttr.LOCAL, new byte[6]).finish());
        reader.nextTlv();
        assertThatThrownBy(reader::address).isInstanceOf(FpcFormatException.class)
                .hasMessage("TLV 4: an address needs 4 or 16 bytes, got 6");
        reader.wrapFrame(writer.begin(AddressAttr.ADDR_ADD, 1)
                .putAddress(AddressAttr.LOCAL, java.net.InetAddress.getByName("2001:db8::1")).finish());
        reader.nextTlv();
        assertThat(reader.address()).hasSize(16);
    }
}
