package org.linuxfpsync.netlink.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.linuxfpsync.netlink.codec.Rtnetlink.*;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LinkMessageTest {
    private static final byte[] MAC = {0x02, 0x11, 0x22, 0x33, 0x44, 0x55};
    private final LinkMessage link = new LinkMessage();
    private final NlMsg msg = new NlMsg();

    /** RTM_NEWLINK for veth0 (ifindex 7), enslaved to bridge br0 (ifindex 5), peer ifindex 8. */
    private static NetlinkBytes vethInBridge() {
        return new NetlinkBytes()
                .begin(RTM_NEWLINK, 0, 0, 0)
                .ifinfomsg(AF_UNSPEC, ARPHRD_ETHER, 7, IFF_UP | IFF_BROADCAST | IFF_MULTICAST | IFF_LOWER_UP, 0xffffffff)
                .string(IFLA_IFNAME, "veth0")
                .u32(IFLA_MTU, 1500)
                .attr(IFLA_ADDRESS, MAC)
                .u32(IFLA_MASTER, 5)
                .u32(IFLA_LINK, 8)
                .u8(IFLA_OPERSTATE, IF_OPER_UP)
                .beginNest(IFLA_LINKINFO | NLA_F_NESTED)
                .string(IFLA_INFO_KIND, "veth")
                .string(IFLA_INFO_SLAVE_KIND, "bridge")
                .beginNest(IFLA_INFO_SLAVE_DATA | NLA_F_NESTED).u8(1, 3).endNest()
                .endNest()
                .end();
    }

    private LinkMessage decode(ByteBuffer datagram) throws NetlinkFormatException {
        return link.wrap(msg.wrap(datagram, 0, datagram.limit()));
    }

    @Test
    void a_full_RTM_NEWLINK_of_a_veth_enslaved_to_a_bridge_decodes_field_by_field() throws Exception {
        LinkMessage veth = decode(vethInBridge().datagram());

        assertThat(veth.messageType()).isEqualTo(RTM_NEWLINK);
        assertThat(veth.family()).isEqualTo(AF_UNSPEC);
        assertThat(veth.arphrd()).isEqualTo(ARPHRD_ETHER);
        assertThat(veth.ifindex()).isEqualTo(7);
        assertThat(veth.flags()).isEqualTo(IFF_UP | IFF_BROADCAST | IFF_MULTICAST | IFF_LOWER_UP);
        assertThat(veth.change()).isEqualTo(0xffffffff);
        assertThat(veth.ifname()).isEqualTo("veth0");
        assertThat(veth.ifnameEquals("veth0")).isTrue();
        assertThat(veth.ifnameEquals("veth")).isFalse();
        assertThat(veth.ifnameEquals("veth00")).isFalse();
        assertThat(veth.mtu()).isEqualTo(1500);
        assertThat(veth.master()).isEqualTo(5);
        assertThat(veth.link()).isEqualTo(8);
        assertThat(veth.operstate()).isEqualTo(IF_OPER_UP);
        assertThat(veth.addressLength()).isEqualTo(6);
        byte[] address = new byte[LinkMessage.MAX_ADDR_LEN];
        assertThat(veth.copyAddress(address)).isEqualTo(6);
        assertThat(address).startsWith(MAC);
        assertThat(veth.kind()).isEqualTo("veth");
        assertThat(veth.kindEquals("veth")).isTrue();
        assertThat(veth.kindEquals("vet")).isFalse();
        assertThat(veth.slaveKind()).isEqualTo("bridge");
        assertThat(veth.slaveKindEquals("bridge")).isTrue();
        assertThat(veth.has(IFLA_LINKINFO)).isTrue();
        assertThat(veth.has(IFLA_BROADCAST)).isFalse();
        assertThat(veth.infoDataOffset()).isEqualTo(-1);
        assertThat(veth.slaveDataLength()).isEqualTo(8);
        assertThat(veth.buffer().get(veth.slaveDataOffset() + 4)).isEqualTo((byte) 3);
    }

    @Test
    void absent_attributes_read_as_documented() throws Exception {
        LinkMessage bare = decode(new NetlinkBytes().begin(RTM_DELLINK, 0, 0, 0)
                .ifinfomsg(AF_UNSPEC, ARPHRD_ETHER, 9, 0, 0).end().datagram());

        assertThat(bare.messageType()).isEqualTo(RTM_DELLINK);
        assertThat(bare.ifindex()).isEqualTo(9);
        assertThat(bare.mtu()).isEqualTo(-1);
        assertThat(bare.master()).isZero();
        assertThat(bare.link()).isZero();
        assertThat(bare.operstate()).isEqualTo(-1);
        assertThat(bare.ifname()).isNull();
        assertThat(bare.ifnameEquals("")).isFalse();
        assertThat(bare.addressLength()).isZero();
        assertThat(bare.copyAddress(new byte[0])).isZero();
        assertThat(bare.kind()).isNull();
        assertThat(bare.kindEquals("veth")).isFalse();
        assertThat(bare.slaveKind()).isNull();
        assertThat(bare.attributeOffset(IFLA_MTU)).isEqualTo(-1);
        assertThat(bare.has(-1)).isFalse();
        assertThat(bare.has(70000)).isFalse();
    }

    @Test
    void a_reused_decoder_forgets_the_attributes_of_the_previous_message() throws Exception {
        decode(vethInBridge().datagram());
        LinkMessage bare = decode(new NetlinkBytes().begin(RTM_NEWLINK, 0, 0, 0)
                .ifinfomsg(AF_UNSPEC, ARPHRD_ETHER, 3, 0, 0).string(IFLA_IFNAME, "eth1").end().datagram());

        assertThat(bare.ifname()).isEqualTo("eth1");
        assertThat(bare.mtu()).isEqualTo(-1);
        assertThat(bare.master()).isZero();
        assertThat(bare.kind()).isNull();
        assertThat(bare.slaveKind()).isNull();
        assertThat(bare.slaveDataOffset()).isEqualTo(-1);
    }

    @Test
    void the_last_of_duplicate_attributes_wins() throws Exception {
        LinkMessage twice = decode(new NetlinkBytes().begin(RTM_NEWLINK, 0, 0, 0)
                .ifinfomsg(AF_UNSPEC, ARPHRD_ETHER, 3, 0, 0)
                .u32(IFLA_MTU, 1500).string(IFLA_IFNAME, "a").u32(IFLA_MTU, 9000).string(IFLA_IFNAME, "b")
                .end().datagram());

        assertThat(twice.mtu()).isEqualTo(9000);
        assertThat(twice.ifname()).isEqualTo("b");
    }

    @Test
    void a_kind_without_terminating_NUL_is_read_to_the_end_of_its_attribute() throws Exception {
        LinkMessage vxlan = decode(new NetlinkBytes().begin(RTM_NEWLINK, 0, 0, 0)
                .ifinfomsg(AF_UNSPEC, ARPHRD_ETHER, 3, 0, 0)
                .beginNest(IFLA_LINKINFO).attr(IFLA_INFO_KIND, "vxlan".getBytes()).endNest()
                .end().datagram());

        assertThat(vxlan.kind()).isEqualTo("vxlan");
        assertThat(vxlan.kindEquals("vxlan")).isTrue();
    }

    @Test
    void a_name_outside_ASCII_compares_through_its_UTF8_form() throws Exception {
        LinkMessage named = decode(new NetlinkBytes().begin(RTM_NEWLINK, 0, 0, 0)
                .ifinfomsg(AF_UNSPEC, ARPHRD_ETHER, 3, 0, 0).string(IFLA_IFNAME, "brü0").end().datagram());

        assertThat(named.ifname()).isEqualTo("brü0");
        assertThat(named.ifnameEquals("brü0")).isTrue();
        assertThat(named.ifnameEquals("brx0")).isFalse();
    }

    @Test
    void the_header_alone_of_a_deletion_reads_its_link_and_no_attribute_even_a_malformed_one() throws Exception {
        decode(vethInBridge().datagram());
        NetlinkBytes bytes = new NetlinkBytes().begin(Rtnetlink.RTM_DELLINK, 0, 0, 0)
                .ifinfomsg(AF_BRIDGE, ARPHRD_ETHER, 7, IFF_UP, 0);
        int attr = bytes.position();
        ByteBuffer datagram = bytes.string(IFLA_IFNAME, "veth0").end().patchShort(attr, 2).datagram();

        LinkMessage gone = link.wrapHeader(msg.wrap(datagram, 0, datagram.limit()));

        assertThat(gone.messageType()).isEqualTo(Rtnetlink.RTM_DELLINK);
        assertThat(gone.family()).isEqualTo(AF_BRIDGE);
        assertThat(gone.ifindex()).isEqualTo(7);
        assertThat(gone.flags()).isEqualTo(IFF_UP);
        // what the previous message had is not read as this one's
        assertThat(gone.has(IFLA_IFNAME)).isFalse();
        assertThat(gone.mtu()).isEqualTo(-1);
        assertThat(gone.master()).isZero();
        assertThat(gone.kind()).isNull();
        assertThatThrownBy(() -> decode(datagram)).isInstanceOf(NetlinkFormatException.class);
    }

    @Test
    void the_header_alone_of_a_truncated_ifinfomsg_is_rejected() {
        ByteBuffer datagram = new NetlinkBytes().begin(Rtnetlink.RTM_DELLINK, 0, 0, 0).bytes(new byte[8]).end()
                .datagram();

        assertThatThrownBy(() -> link.wrapHeader(msg.wrap(datagram, 0, datagram.limit())))
                .isInstanceOf(NetlinkFormatException.class)
                .hasMessage("truncated ifinfomsg in RTM_DELLINK: 8 bytes, need 16");
    }

    @Test
    void a_truncated_netlink_header_is_rejected() {
        ByteBuffer datagram = vethInBridge().datagram(10);

        assertThatThrownBy(() -> new DatagramWalker().reset(datagram, 0, 10).next())
                .isInstanceOf(NetlinkFormatException.class)
                .hasMessage("truncated nlmsghdr: 10 bytes left, need 16");
    }

    @Test
    void a_message_length_beyond_the_datagram_is_rejected() {
        NetlinkBytes bytes = vethInBridge();
        ByteBuffer datagram = bytes.datagram(40);

        assertThatThrownBy(() -> new DatagramWalker().reset(datagram, 0, 40).next())
                .isInstanceOf(NetlinkFormatException.class)
                .hasMessage("bad nlmsg_len " + bytes.datagram().getInt(0) + " with 40 bytes left");
    }

    @Test
    void a_truncated_ifinfomsg_is_rejected() {
        ByteBuffer datagram = new NetlinkBytes().begin(RTM_NEWLINK, 0, 0, 0).bytes(new byte[8]).end().datagram();

        assertThatThrownBy(() -> decode(datagram))
                .isInstanceOf(NetlinkFormatException.class)
                .hasMessage("truncated ifinfomsg in RTM_NEWLINK: 8 bytes, need 16");
    }

    @Test
    void an_attribute_shorter_than_its_own_header_is_rejected() {
        NetlinkBytes bytes = new NetlinkBytes().begin(RTM_NEWLINK, 0, 0, 0).ifinfomsg(AF_UNSPEC, 1, 3, 0, 0);
        int attr = bytes.position();
        bytes.string(IFLA_IFNAME, "eth0").end().patchShort(attr, 2);

        assertThatThrownBy(() -> decode(bytes.datagram()))
                .isInstanceOf(NetlinkFormatException.class)
                .hasMessage("nlattr type 3 in RTM_NEWLINK: nla_len 2 < 4");
    }

    @Test
    void an_attribute_running_past_the_end_of_the_message_is_rejected() {
        NetlinkBytes bytes = new NetlinkBytes().begin(RTM_NEWLINK, 0, 0, 0).ifinfomsg(AF_UNSPEC, 1, 3, 0, 0);
        int attr = bytes.position();
        bytes.string(IFLA_IFNAME, "eth0").u32(IFLA_MTU, 1500).end().patchShort(attr, 200);

        assertThatThrownBy(() -> decode(bytes.datagram()))
                .isInstanceOf(NetlinkFormatException.class)
                .hasMessage("nlattr type 3 in RTM_NEWLINK: nla_len 200 > 20 bytes left");
    }

    @Test
    void a_tail_too_short_for_an_attribute_header_is_rejected() {
        NetlinkBytes bytes = new NetlinkBytes().begin(RTM_NEWLINK, 0, 0, 0).ifinfomsg(AF_UNSPEC, 1, 3, 0, 0)
                .u32(IFLA_MTU, 1500).end();
        bytes.patchInt(0, bytes.datagram().getInt(0) + 2);
        ByteBuffer datagram = bytes.datagram(bytes.position() + 2);

        assertThatThrownBy(() -> decode(datagram))
                .isInstanceOf(NetlinkFormatException.class)
                .hasMessage("truncated nlattr in RTM_NEWLINK: 2 bytes left, need 4");
    }

    @Test
    void an_interface_name_longer_than_IFNAMSIZ_is_rejected() {
        ByteBuffer datagram = new NetlinkBytes().begin(RTM_NEWLINK, 0, 0, 0).ifinfomsg(AF_UNSPEC, 1, 3, 0, 0)
                .string(IFLA_IFNAME, "a-name-of-19-chars").end().datagram();

        assertThatThrownBy(() -> decode(datagram))
                .isInstanceOf(NetlinkFormatException.class)
                .hasMessage("IFLA_IFNAME in RTM_NEWLINK: 19 bytes, longer than IFNAMSIZ (16)");
    }

    @Test
    void an_interface_name_without_terminating_NUL_is_rejected() {
        ByteBuffer datagram = new NetlinkBytes().begin(RTM_NEWLINK, 0, 0, 0).ifinfomsg(AF_UNSPEC, 1, 3, 0, 0)
                .attr(IFLA_IFNAME, "eth0".getBytes()).end().datagram();

        assertThatThrownBy(() -> decode(datagram))
                .isInstanceOf(NetlinkFormatException.class)
                .hasMessage("IFLA_IFNAME in RTM_NEWLINK: not NUL-terminated (4 bytes)");
    }

    @Test
    void an_mtu_that_is_not_four_bytes_is_rejected() {
        ByteBuffer datagram = new NetlinkBytes().begin(RTM_NEWLINK, 0, 0, 0).ifinfomsg(AF_UNSPEC, 1, 3, 0, 0)
                .attr(IFLA_MTU, (byte) 0xdc, (byte) 0x05).end().datagram();

        assertThatThrownBy(() -> decode(datagram))
                .isInstanceOf(NetlinkFormatException.class)
                .hasMessage("IFLA_MTU in RTM_NEWLINK: 2 bytes, need 4");
    }

    @Test
    void an_operstate_that_is_not_one_byte_is_rejected() {
        ByteBuffer datagram = new NetlinkBytes().begin(RTM_DELLINK, 0, 0, 0).ifinfomsg(AF_UNSPEC, 1, 3, 0, 0)
                .u32(IFLA_OPERSTATE, IF_OPER_UP).end().datagram();

        assertThatThrownBy(() -> decode(datagram))
                .isInstanceOf(NetlinkFormatException.class)
                .hasMessage("IFLA_OPERSTATE in RTM_DELLINK: 4 bytes, need 1");
    }

    @Test
    void an_address_longer_than_MAX_ADDR_LEN_is_rejected() {
        ByteBuffer datagram = new NetlinkBytes().begin(RTM_NEWLINK, 0, 0, 0).ifinfomsg(AF_UNSPEC, 1, 3, 0, 0)
                .attr(IFLA_ADDRESS, new byte[40]).end().datagram();

        assertThatThrownBy(() -> decode(datagram))
                .isInstanceOf(NetlinkFormatException.class)
                .hasMessage("IFLA_ADDRESS in RTM_NEWLINK: 40 bytes, longer than MAX_ADDR_LEN (32)");
    }

    @Test
    void a_nested_attribute_overflowing_its_IFLA_LINKINFO_parent_is_rejected() {
        NetlinkBytes bytes = new NetlinkBytes().begin(RTM_NEWLINK, 0, 0, 0).ifinfomsg(AF_UNSPEC, 1, 3, 0, 0)
                .beginNest(IFLA_LINKINFO);
        int kind = bytes.position();
        bytes.string(IFLA_INFO_KIND, "veth").endNest().u32(IFLA_MTU, 1500).end();
        bytes.patchShort(kind, 16); // fits the message, not the 12-byte nest

        assertThatThrownBy(() -> decode(bytes.datagram()))
                .isInstanceOf(NetlinkFormatException.class)
                .hasMessage("nlattr type 1 in IFLA_LINKINFO: nla_len 16 > 12 bytes left");
    }

    @Test
    void a_message_that_is_not_a_link_message_is_refused_as_a_programming_error() throws Exception {
        ByteBuffer datagram = new NetlinkBytes().begin(RTM_NEWADDR, 0, 0, 0).bytes(new byte[8]).end().datagram();
        NlMsg address = msg.wrap(datagram, 0, datagram.limit());

        assertThatIllegalArgumentException().isThrownBy(() -> link.wrap(address))
                .withMessage("not a link message: RTM_NEWADDR");
    }

    @Test
    void several_messages_in_one_datagram_are_walked_in_order() throws Exception {
        ByteBuffer datagram = new NetlinkBytes()
                .begin(RTM_NEWLINK, NLM_F_MULTI, 42, 1234).ifinfomsg(AF_UNSPEC, ARPHRD_LOOPBACK, 1, IFF_UP | IFF_LOOPBACK, 0)
                .string(IFLA_IFNAME, "lo").u32(IFLA_MTU, 65536).end()
                .begin(RTM_NEWLINK, NLM_F_MULTI, 42, 1234).ifinfomsg(AF_UNSPEC, ARPHRD_ETHER, 2, IFF_UP, 0)
                .string(IFLA_IFNAME, "eth0").u32(IFLA_MTU, 1500).end()
                .begin(NLMSG_DONE, NLM_F_MULTI, 42, 1234).bytes(new byte[4]).end()
                .datagram();
        DatagramWalker walker = new DatagramWalker().reset(datagram, 0, datagram.limit());
        List<String> seen = new ArrayList<>();

        while (walker.next()) {
            NlMsg m = walker.message();
            assertThat(m.seq()).isEqualTo(42);
            assertThat(m.pid()).isEqualTo(1234);
            assertThat(m.flags()).isEqualTo(NLM_F_MULTI);
            if (m.type() == RTM_NEWLINK) {
                LinkMessage l = link.wrap(m);
                seen.add(l.ifindex() + ":" + l.ifname() + ":" + l.mtu());
            } else {
                seen.add(MessageTypeNames.name(org.linuxfpsync.netlink.NetlinkFamily.ROUTE, m.type()));
            }
        }

        assertThat(seen).containsExactly("1:lo:65536", "2:eth0:1500", "NLMSG_DONE");
    }

    @Test
    void decoding_allocates_nothing_once_warmed_up() throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported());
        threads.setThreadAllocatedMemoryEnabled(true);
        ByteBuffer datagram = vethInBridge().datagram();
        DatagramWalker walker = new DatagramWalker();
        byte[] address = new byte[LinkMessage.MAX_ADDR_LEN];
        long checksum = 0;
        for (int i = 0; i < 20_000; i++) {
            checksum += decodeAllFields(walker, datagram, address);
        }
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 100_000; i++) {
            checksum += decodeAllFields(walker, datagram, address);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        assertThat(checksum).isNotZero();
        // 100k messages: any per-message allocation would be megabytes; allow for the probe itself.
        assertThat(allocated).isLessThan(4096);
    }

    private long decodeAllFields(DatagramWalker walker, ByteBuffer datagram, byte[] address) throws NetlinkFormatException {
        walker.reset(datagram, 0, datagram.limit());
        long sum = 0;
        while (walker.next()) {
            LinkMessage l = link.wrap(walker.message());
            sum += l.ifindex() + l.mtu() + l.master() + l.operstate() + l.copyAddress(address) + l.flags();
            sum += l.ifnameEquals("veth0") && l.kindEquals("veth") && l.slaveKindEquals("bridge") ? 1 : 0;
            sum += MessageTypeNames.name(org.linuxfpsync.netlink.NetlinkFamily.ROUTE, walker.message().type()).length();
        }
        return sum;
    }
}
