package org.linuxfpsync.cmgr.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.linuxfpsync.netlink.Vrf;

class VrfsOptionTest {

    @Test
    void aBareVrfidMeansTheCacheManagersOwnNamespace() {
        assertThat(VrfsOption.parse("0")).containsExactly(new Vrf(0, ""));
    }

    @Test
    void namedNamespacesCarryTheirVrfid() {
        assertThat(VrfsOption.parse(" 0, 1:blue ,2:red-2")).isEqualTo(
                List.of(new Vrf(0, ""), new Vrf(1, "blue"), new Vrf(2, "red-2")));
    }

    @Test
    void invalidSettingsAreRefusedInOneLineNamingTheEntry() {
        assertThatThrownBy(() -> VrfsOption.parse("")).hasMessage("vrfs: empty, expected e.g. '0' or '0, 1:blue'");
        assertThatThrownBy(() -> VrfsOption.parse("x:blue")).hasMessage("vrfs: 'x:blue': vrfid 'x' is not a number");
        assertThatThrownBy(() -> VrfsOption.parse("1:")).hasMessage("vrfs: '1:': namespace name missing after ':'");
        assertThatThrownBy(() -> VrfsOption.parse("1:../etc")).hasMessage("vrfs: '1:../etc': not a network namespace name");
        assertThatThrownBy(() -> VrfsOption.parse("70000")).hasMessage("vrfs: '70000': vrfid must be 0..65535");
        assertThatThrownBy(() -> VrfsOption.parse("1:a, 1:b")).hasMessage("vrfs: vrfid 1 given twice");
        assertThatThrownBy(() -> VrfsOption.parse("0, 1")).hasMessage("vrfs: namespace '(own)' given twice");
    }
}
