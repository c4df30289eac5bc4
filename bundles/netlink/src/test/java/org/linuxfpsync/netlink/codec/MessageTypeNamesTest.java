package org.linuxfpsync.netlink.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.linuxfpsync.netlink.NetlinkFamily;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MessageTypeNamesTest {

    @Test
    void rtnetlink_types_read_as_in_the_headers_and_unknown_ones_in_brackets() {
        assertThat(MessageTypeNames.name(NetlinkFamily.ROUTE, Rtnetlink.RTM_NEWLINK)).isEqualTo("RTM_NEWLINK");
        assertThat(MessageTypeNames.name(NetlinkFamily.ROUTE, Rtnetlink.RTM_GETNEXTHOP)).isEqualTo("RTM_GETNEXTHOP");
        assertThat(MessageTypeNames.name(NetlinkFamily.ROUTE, 123)).isEqualTo("RTM_[123]");
        assertThat(MessageTypeNames.name(NetlinkFamily.ROUTE, 0xffff)).isEqualTo("RTM_[65535]");
    }

    @Test
    void control_messages_have_their_netlink_names_in_every_family() {
        for (NetlinkFamily family : NetlinkFamily.values()) {
            assertThat(MessageTypeNames.name(family, Rtnetlink.NLMSG_DONE)).isEqualTo("NLMSG_DONE");
            assertThat(MessageTypeNames.name(family, Rtnetlink.NLMSG_ERROR)).isEqualTo("NLMSG_ERROR");
            assertThat(MessageTypeNames.name(family, 7)).isEqualTo("NLMSG_[7]");
        }
    }

    @Test
    void other_families_use_their_own_prefixes() {
        assertThat(MessageTypeNames.name(NetlinkFamily.XFRM, 16)).isEqualTo("XFRM_MSG_NEWSA");
        assertThat(MessageTypeNames.name(NetlinkFamily.XFRM, 200)).isEqualTo("XFRM_MSG_[200]");
        assertThat(MessageTypeNames.name(NetlinkFamily.AUDIT, 1300)).isEqualTo("AUDIT_SYSCALL");
        assertThat(MessageTypeNames.name(NetlinkFamily.AUDIT, 1399)).isEqualTo("AUDIT_[1399]");
        assertThat(MessageTypeNames.name(NetlinkFamily.NETFILTER, 1 << 8)).isEqualTo("IPCTNL_MSG_CT_NEW");
        assertThat(MessageTypeNames.name(NetlinkFamily.NETFILTER, 1 << 8 | 2)).isEqualTo("IPCTNL_MSG_CT_DELETE");
        assertThat(MessageTypeNames.name(NetlinkFamily.NETFILTER, 10 << 8)).isEqualTo("NFT_MSG_NEWTABLE");
        assertThat(MessageTypeNames.name(NetlinkFamily.NETFILTER, 3 << 8 | 1)).isEqualTo("NFNL_SUBSYS_QUEUE_[1]");
        assertThat(MessageTypeNames.name(NetlinkFamily.NETFILTER, 40 << 8)).isEqualTo("NFNL_[10240]");
        assertThat(MessageTypeNames.name(NetlinkFamily.SOCK_DIAG, 20)).isEqualTo("SOCK_DIAG_BY_FAMILY");
        assertThat(MessageTypeNames.name(NetlinkFamily.SOCK_DIAG, 30)).isEqualTo("SOCK_DIAG_[30]");
    }

    @Test
    void a_name_is_computed_once_and_then_shared() {
        assertThat(MessageTypeNames.name(NetlinkFamily.ROUTE, 4000))
                .isSameAs(MessageTypeNames.name(NetlinkFamily.ROUTE, 4000));
        assertThat(MessageTypeNames.name(NetlinkFamily.ROUTE, 0x10000 | 16)).isEqualTo("RTM_NEWLINK");
    }
}
