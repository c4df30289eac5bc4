package org.linuxfpsync.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ReceiveBufferPolicyTest {
    private static final int SERVICE_INITIAL = 8 << 20;
    private static final int SERVICE_MAX = 64 << 20;

    @Test
    void a_subscription_takes_the_services_settings_unless_it_names_a_policy() {
        SubscriptionSpec spec = new SubscriptionSpec(NetlinkFamily.NETFILTER, Vrf.defaultVrf(), new int[] {1},
                new int[] {256}, List.of(), "conntrack");
        assertThat(spec.receiveBuffer()).isEqualTo(ReceiveBufferPolicy.SERVICE);

        ReceiveBufferPolicy own = ReceiveBufferPolicy.fullFromStart(256 << 20);
        assertThat(spec.withReceiveBuffer(own).onChannel("ct").receiveBuffer()).isEqualTo(own);
    }

    @Test
    void the_services_policy_starts_at_its_initial_size_and_grows_to_its_bound() {
        assertThat(ReceiveBufferPolicy.SERVICE.initialBytesOr(SERVICE_INITIAL, SERVICE_MAX)).isEqualTo(SERVICE_INITIAL);
        assertThat(ReceiveBufferPolicy.SERVICE.maxBytesOr(SERVICE_MAX)).isEqualTo(SERVICE_MAX);
    }

    @Test
    void full_from_the_start_starts_at_its_own_bound_whatever_the_service_says() {
        ReceiveBufferPolicy conntrack = ReceiveBufferPolicy.fullFromStart(256 << 20);

        assertThat(conntrack.initialBytesOr(SERVICE_INITIAL, SERVICE_MAX)).isEqualTo(256 << 20);
        assertThat(conntrack.maxBytesOr(SERVICE_MAX)).isEqualTo(256 << 20);
    }

    @Test
    void a_start_above_the_bound_is_cut_to_the_bound() {
        ReceiveBufferPolicy smallBound = new ReceiveBufferPolicy(0, 1 << 20);

        assertThat(smallBound.initialBytesOr(SERVICE_INITIAL, SERVICE_MAX)).isEqualTo(1 << 20);
        assertThat(new ReceiveBufferPolicy(128 << 20, 0).initialBytesOr(SERVICE_INITIAL, SERVICE_MAX))
                .isEqualTo(SERVICE_MAX);
    }

    @Test
    void a_size_the_kernel_cannot_take_or_a_start_above_the_bound_is_refused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ReceiveBufferPolicy.fullFromStart(Integer.MAX_VALUE / 2 + 1))
                .withMessage("receive buffer of 1073741824 bytes is outside 4096..1073741823");
        assertThatIllegalArgumentException().isThrownBy(() -> ReceiveBufferPolicy.fullFromStart(0))
                .withMessageContaining("4096..");
        assertThatIllegalArgumentException().isThrownBy(() -> new ReceiveBufferPolicy(100, 0))
                .withMessage("initialBytes = 100 is outside 4096..1073741823 (0: the service's)");
        assertThatIllegalArgumentException().isThrownBy(() -> new ReceiveBufferPolicy(0, Integer.MAX_VALUE))
                .withMessageStartingWith("maxBytes = 2147483647 is outside");
        assertThatIllegalArgumentException().isThrownBy(() -> new ReceiveBufferPolicy(2 << 20, 1 << 20))
                .withMessage("initialBytes = 2097152 is above maxBytes = 1048576");
        assertThat(ReceiveBufferPolicy.fullFromStart(4096).maxBytes()).isEqualTo(4096);
    }
}
