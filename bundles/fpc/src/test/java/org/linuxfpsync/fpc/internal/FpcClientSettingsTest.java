package org.linuxfpsync.fpc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class FpcClientSettingsTest {

    @Test
    void defaultsMatchTheManual() {
        FpcClientSettings s = FpcClientSettings.from(Map.of());
        assertThat(s.endpoint()).hasToString("unix:/run/linux-fp-sync/fpc-0.sock");
        assertThat(s.socketBufferBytes()).isEqualTo(2 * 1024 * 1024);
        assertThat(s.instanceId()).isZero();
        assertThat(s.features()).isEqualTo(0x1FFFF);
        assertThat(s.queueFrames()).isEqualTo(65536);
    }

    @Test
    void stringValuesFromACfgFileAreAcceptedInDecimalOrHex() {
        FpcClientSettings s = FpcClientSettings.from(Map.of("endpoint", "tcp:127.0.0.1:7000",
                "features", "0x1FF", "socketBufferBytes", "1048576", "instanceId", 2L));
        assertThat(s.endpoint().port()).isEqualTo(7000);
        assertThat(s.features()).isEqualTo(0x1ff);
        assertThat(s.socketBufferBytes()).isEqualTo(1 << 20);
        assertThat(s.instanceId()).isEqualTo(2);
    }

    @Test
    void badValuesAreRefusedWithOneLineNamingThePid() {
        assertThatThrownBy(() -> FpcClientSettings.from(Map.of("queueFrames", 0)))
                .hasMessage("org.linuxfpsync.fpc: queueFrames = 0 out of range 1..16777216");
        assertThatThrownBy(() -> FpcClientSettings.from(Map.of("features", "lots")))
                .hasMessage("org.linuxfpsync.fpc: features = 'lots' is not a number");
        assertThatThrownBy(() -> FpcClientSettings.from(Map.of("endpoint", "udp:1")))
                .hasMessage("org.linuxfpsync.fpc: endpoint 'udp:1': expected unix:/path or tcp:host:port");
        assertThatThrownBy(() -> FpcClientSettings.from(Map.of("endpoint", "tcp:0")))
                .hasMessage("org.linuxfpsync.fpc: endpoint tcp:127.0.0.1:0 needs a port");
    }
}
