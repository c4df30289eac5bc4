package org.linuxfpsync.fpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class FpcEndpointTest {

    @Test
    void aUnixEndpointNamesASocketFile() {
        FpcEndpoint e = FpcEndpoint.parse(FpcEndpoint.DEFAULT);
        assertThat(e.isUnix()).isTrue();
        assertThat(e.path()).isEqualTo(Path.of("/run/linux-fp-sync/fpc-0.sock"));
        assertThat(e.family()).isEqualTo(StandardProtocolFamily.UNIX);
        assertThat(e.socketAddress()).isEqualTo(UnixDomainSocketAddress.of("/run/linux-fp-sync/fpc-0.sock"));
        assertThat(e).hasToString(FpcEndpoint.DEFAULT);
    }

    @Test
    void aTcpEndpointWithoutHostMeansLoopback() {
        FpcEndpoint e = FpcEndpoint.parse("tcp:7000");
        assertThat(e.host()).isEqualTo("127.0.0.1");
        assertThat(e.port()).isEqualTo(7000);
        assertThat(e.socketAddress()).isEqualTo(new InetSocketAddress("127.0.0.1", 7000));
        assertThat(e).hasToString("tcp:127.0.0.1:7000");
    }

    @Test
    void anIpv6HostIsWrittenInBrackets() {
        FpcEndpoint e = FpcEndpoint.parse("tcp:[::1]:7000");
        assertThat(e.host()).isEqualTo("::1");
        assertThat(e.family()).isEqualTo(StandardProtocolFamily.INET6);
        assertThat(e).hasToString("tcp:[::1]:7000");
        assertThatThrownBy(() -> FpcEndpoint.parse("tcp:::1:7000"))
                .hasMessage("endpoint 'tcp:::1:7000': write an IPv6 host in brackets");
    }

    @Test
    void malformedEndpointsAreRefusedWithOneLine() {
        assertThatThrownBy(() -> FpcEndpoint.parse("unix:")).hasMessage("endpoint 'unix:': empty socket path");
        assertThatThrownBy(() -> FpcEndpoint.parse("tcp:host:http"))
                .hasMessage("endpoint 'tcp:host:http': port 'http' is not a number");
        assertThatThrownBy(() -> FpcEndpoint.parse("tcp:70000"))
                .hasMessage("endpoint 'tcp:70000': port 70000 out of range 0..65535");
        assertThatThrownBy(() -> FpcEndpoint.parse("unix:/" + "x".repeat(107)))
                .hasMessage("endpoint 'unix:/" + "x".repeat(107) + "': socket path longer than 107 bytes");
        assertThatThrownBy(() -> FpcEndpoint.parse(null))
                .hasMessage("endpoint '': expected unix:/path or tcp:host:port");
    }
}
