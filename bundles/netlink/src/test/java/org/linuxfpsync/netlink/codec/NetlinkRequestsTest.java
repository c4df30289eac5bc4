package org.linuxfpsync.netlink.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.linuxfpsync.netlink.codec.Rtnetlink.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class NetlinkRequestsTest {

    @Test
    void an_RTM_GETLINK_dump_request_is_an_nlmsghdr_followed_by_a_zeroed_ifinfomsg() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(64).order(ByteOrder.nativeOrder());
        for (int i = 0; i < 64; i++) {
            buffer.put(i, (byte) 0x5a);
        }

        int length = NetlinkRequests.writeDumpRequest(buffer, 0, RTM_GETLINK, 7, NetlinkRequests.ifinfomsgDump(AF_BRIDGE));

        ByteBuffer expected = ByteBuffer.allocate(32).order(ByteOrder.nativeOrder())
                .putInt(32)                                          // nlmsg_len
                .putShort((short) 18)                                // nlmsg_type RTM_GETLINK
                .putShort((short) 0x301)                             // NLM_F_REQUEST | NLM_F_ROOT | NLM_F_MATCH
                .putInt(7)                                           // nlmsg_seq
                .putInt(0)                                           // nlmsg_pid: the kernel fills ours in
                .put((byte) 7).put((byte) 0).putShort((short) 0)     // ifi_family AF_BRIDGE, pad, ifi_type
                .putInt(0).putInt(0).putInt(0);                      // ifi_index, ifi_flags, ifi_change
        byte[] written = new byte[32];
        buffer.get(0, written);
        assertThat(length).isEqualTo(32);
        assertThat(written).isEqualTo(expected.array());
        assertThat(buffer.get(32)).isEqualTo((byte) 0x5a);
    }

    @Test
    void a_payload_of_unaligned_length_gets_zeroed_padding_but_an_exact_length() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(64).order(ByteOrder.nativeOrder());
        buffer.put(17, (byte) 1).put(18, (byte) 1).put(19, (byte) 1);

        int length = NetlinkRequests.writeRequest(buffer, 0, RTM_GETNETCONF, NLM_F_REQUEST | NLM_F_DUMP, 1,
                new byte[] {(byte) AF_INET});

        assertThat(length).isEqualTo(17);
        assertThat(buffer.getInt(0)).isEqualTo(17);
        assertThat(buffer.get(16)).isEqualTo((byte) AF_INET);
        assertThat(new byte[] {buffer.get(17), buffer.get(18), buffer.get(19)}).containsOnly(0);
    }

    @Test
    void the_family_headers_have_the_sizes_of_their_structs() {
        assertThat(NetlinkRequests.ifinfomsgDump(AF_UNSPEC)).hasSize(16);
        assertThat(NetlinkRequests.ifaddrmsgDump(AF_INET)).hasSize(8).startsWith((byte) AF_INET);
        assertThat(NetlinkRequests.rtmsgDump(AF_INET6)).hasSize(12).startsWith((byte) AF_INET6);
        assertThat(NetlinkRequests.ndmsgDump(AF_BRIDGE)).hasSize(12).startsWith((byte) AF_BRIDGE);
    }

    @Test
    void a_buffer_in_network_byte_order_or_too_small_is_refused() {
        ByteBuffer wrongOrder = ByteBuffer.allocate(64).order(ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN
                ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        assertThatIllegalArgumentException().isThrownBy(() ->
                NetlinkRequests.writeDumpRequest(wrongOrder, 0, RTM_GETLINK, 1, new byte[16]))
                .withMessageContaining("host byte order");
        ByteBuffer small = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder());
        assertThatIllegalArgumentException().isThrownBy(() ->
                NetlinkRequests.writeDumpRequest(small, 0, RTM_GETLINK, 1, new byte[16]))
                .withMessage("request of 32 bytes does not fit at offset 0 of a 20-byte buffer");
    }

    @Test
    void the_dump_headers_of_the_other_kinds_have_their_uapi_sizes_and_fields() {
        assertThat(NetlinkRequests.fibRuleHdrDump(AF_INET6)).hasSize(12).startsWith(AF_INET6);
        assertThat(NetlinkRequests.netconfmsgDump(AF_INET)).containsExactly(AF_INET);
        assertThat(NetlinkRequests.nfgenmsgDump(AF_INET)).containsExactly(AF_INET, 0, 0, 0);

        ByteBuffer req = ByteBuffer.wrap(NetlinkRequests.packetDiagDump(SockDiag.PACKET_SHOW_INFO | SockDiag.PACKET_SHOW_FILTER))
                .order(ByteOrder.nativeOrder());
        assertThat(req.capacity()).isEqualTo(20);                             // struct packet_diag_req
        assertThat(req.get(0)).isEqualTo((byte) AF_PACKET);                   // sdiag_family
        assertThat(req.get(1)).isZero();                                      // sdiag_protocol: any
        assertThat(req.getInt(4)).isZero();                                   // pdiag_ino: any
        assertThat(req.getInt(8)).isEqualTo(SockDiag.PACKET_SHOW_INFO | SockDiag.PACKET_SHOW_FILTER);
        assertThat(req.getInt(12)).isEqualTo(-1);                             // pdiag_cookie: INET_DIAG_NOCOOKIE
        assertThat(req.getInt(16)).isEqualTo(-1);
    }
}
