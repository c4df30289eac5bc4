package org.linuxfpsync.fpxdp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class FpXdpSettingsTest {

    @Test
    void vrfsInterfacesAndModeAsCmgrdNamesThem() {
        FpXdpSettings s = FpXdpSettings.from(Map.of("vrfs", "0, 1:router", "interfaces", "eth1, eth2",
                "xdpMode", "Native"));
        assertThat(s.vrfs()).containsEntry(0, "").containsEntry(1, "router");
        assertThat(s.attachesTo("eth1")).isTrue();
        assertThat(s.attachesTo("eth3")).isFalse();
        assertThat(s.mode()).isEqualTo(XdpMode.NATIVE);
    }

    @Test
    void theDefaultsForwardOurOwnNamespaceOnEveryEthernetInterfaceInTheDriversMode() {
        FpXdpSettings s = FpXdpSettings.from(Map.of());
        assertThat(s.vrfs()).containsExactly(Map.entry(0, ""));
        assertThat(s.attachesTo("anything")).isTrue();
        assertThat(s.mode()).isEqualTo(XdpMode.AUTO);
    }

    @Test
    void invalidValuesAreRefusedWithOneClearLine() {
        assertThatThrownBy(() -> FpXdpSettings.from(Map.of("vrfs", "x:router")))
                .hasMessage("org.linuxfpsync.fpxdp: vrfs: 'x:router' does not start with a vrfid");
        assertThatThrownBy(() -> FpXdpSettings.from(Map.of("vrfs", "1:a, 1:b")))
                .hasMessageContaining("given twice");
        assertThatThrownBy(() -> FpXdpSettings.from(Map.of("vrfs", "1:../etc")))
                .hasMessageContaining("not a network namespace name");
        assertThatThrownBy(() -> FpXdpSettings.from(Map.of("interfaces", "eth0, a/b")))
                .hasMessageContaining("'a/b' is not an interface name");
        assertThatThrownBy(() -> FpXdpSettings.from(Map.of("xdpMode", "offload")))
                .hasMessage("org.linuxfpsync.fpxdp: xdpMode 'offload' is not auto, generic or native");
    }
}
