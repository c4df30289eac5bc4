package org.linuxfpsync.netlink.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.linuxfpsync.netlink.codec.Rtnetlink.*;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AttributeWalkerTest {

    @Test
    void the_nested_and_byte_order_flags_are_masked_off_the_type_and_reported_apart() throws Exception {
        ByteBuffer datagram = new NetlinkBytes().begin(RTM_NEWLINK, 0, 0, 0).ifinfomsg(0, 0, 0, 0, 0)
                .beginNest(IFLA_LINKINFO | NLA_F_NESTED).string(IFLA_INFO_KIND, "veth").endNest()
                .attr(7 | NLA_F_NET_BYTEORDER, (byte) 0, (byte) 80)
                .end().datagram();
        NlMsg msg = new NlMsg().wrap(datagram, 0, datagram.limit());
        AttributeWalker walker = new AttributeWalker().reset(msg, 16, "RTM_NEWLINK");

        assertThat(walker.next()).isTrue();
        assertThat(walker.type()).isEqualTo(IFLA_LINKINFO);
        assertThat(walker.isNested()).isTrue();
        assertThat(walker.isNetByteOrder()).isFalse();
        AttributeWalker nested = new AttributeWalker().resetToNested(walker, "IFLA_LINKINFO");
        assertThat(nested.next()).isTrue();
        assertThat(nested.type()).isEqualTo(IFLA_INFO_KIND);
        assertThat(nested.payloadLength()).isEqualTo(5);
        assertThat(nested.next()).isFalse();

        assertThat(walker.next()).isTrue();
        assertThat(walker.type()).isEqualTo(7);
        assertThat(walker.isNetByteOrder()).isTrue();
        assertThat(walker.isNested()).isFalse();
        assertThat(walker.u16()).isEqualTo(ByteBuffer.wrap(new byte[] {0, 80}).order(java.nio.ByteOrder.nativeOrder())
                .getShort() & 0xffff);
        assertThat(walker.next()).isFalse();
    }

    @Test
    void padding_after_an_unaligned_attribute_is_skipped() throws Exception {
        ByteBuffer datagram = new NetlinkBytes().begin(RTM_NEWLINK, 0, 0, 0).ifinfomsg(0, 0, 0, 0, 0)
                .u8(IFLA_OPERSTATE, 6).u32(IFLA_MTU, 1400).end().datagram();
        AttributeWalker walker = new AttributeWalker().reset(new NlMsg().wrap(datagram, 0, datagram.limit()), 16, "m");

        assertThat(walker.next()).isTrue();
        assertThat(walker.length()).isEqualTo(5);
        assertThat(walker.u8()).isEqualTo(6);
        assertThat(walker.next()).isTrue();
        assertThat(walker.offset() - NlMsg.HEADER_LENGTH - 16).isEqualTo(8);
        assertThat(walker.int32()).isEqualTo(1400);
        assertThat(walker.next()).isFalse();
    }

    @Test
    void a_last_attribute_whose_padding_was_cut_off_ends_the_walk_cleanly() throws Exception {
        NetlinkBytes bytes = new NetlinkBytes().begin(RTM_NEWLINK, 0, 0, 0).ifinfomsg(0, 0, 0, 0, 0)
                .u8(IFLA_OPERSTATE, 6).end();
        bytes.patchInt(0, 16 + 16 + 5); // nlmsg_len without the attribute's 3 padding bytes
        ByteBuffer datagram = bytes.datagram(16 + 16 + 5);
        AttributeWalker walker = new AttributeWalker().reset(new NlMsg().wrap(datagram, 0, datagram.limit()), 16, "m");

        assertThat(walker.next()).isTrue();
        assertThat(walker.next()).isFalse();
    }

    @Test
    void a_fixed_size_read_of_a_payload_of_another_size_is_rejected() throws Exception {
        ByteBuffer datagram = new NetlinkBytes().begin(RTM_NEWLINK, 0, 0, 0).ifinfomsg(0, 0, 0, 0, 0)
                .u8(IFLA_MTU, 6).end().datagram();
        AttributeWalker walker = new AttributeWalker().reset(new NlMsg().wrap(datagram, 0, datagram.limit()), 16,
                "RTM_NEWLINK");
        walker.next();

        assertThatThrownBy(walker::int32).isInstanceOf(NetlinkFormatException.class)
                .hasMessage("nlattr type 4 in RTM_NEWLINK: 1 bytes, need 4");
        assertThatThrownBy(walker::int64).isInstanceOf(NetlinkFormatException.class)
                .hasMessage("nlattr type 4 in RTM_NEWLINK: 1 bytes, need 8");
    }
}
