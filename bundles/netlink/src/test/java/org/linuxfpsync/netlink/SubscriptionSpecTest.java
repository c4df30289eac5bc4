package org.linuxfpsync.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SubscriptionSpecTest {

    @Test
    void the_five_argument_constructor_keeps_meaning_the_familys_default_channel() {
        SubscriptionSpec spec = new SubscriptionSpec(NetlinkFamily.NETFILTER, Vrf.defaultVrf(), new int[] {1}, new int[] {256},
                List.of());

        assertThat(spec.channel()).isEmpty();
        assertThat(spec.onChannel("conntrack").channel()).isEqualTo("conntrack");
        assertThat(spec.onChannel("conntrack").groups()).containsExactly(1);
    }

    @Test
    void a_channel_name_is_lower_case_letters_digits_and_inner_dashes_and_not_a_role() {
        SubscriptionSpec spec = new SubscriptionSpec(NetlinkFamily.NETFILTER, Vrf.defaultVrf(), new int[0], new int[0], List.of());

        assertThat(spec.onChannel("nf-tables2").channel()).isEqualTo("nf-tables2");
        for (String bad : List.of("Conntrack", "-x", "x-", "a--b", "a b", "listen", "cmd", "a".repeat(25))) {
            assertThatIllegalArgumentException().as(bad).isThrownBy(() -> spec.onChannel(bad))
                    .withMessageStartingWith("not a channel name").withMessageEndingWith("'" + bad + "'");
        }
    }

    @Test
    void a_command_only_family_refuses_multicast_groups() {
        SubscriptionSpec spec = new SubscriptionSpec(NetlinkFamily.SOCK_DIAG, Vrf.defaultVrf(), new int[] {1}, new int[] {20},
                List.of());

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new org.linuxfpsync.netlink.internal.NetlinkServiceImpl().subscribe(spec, null))
                .withMessage("SOCK_DIAG is used for dumps only: no multicast group to join");
    }
}
