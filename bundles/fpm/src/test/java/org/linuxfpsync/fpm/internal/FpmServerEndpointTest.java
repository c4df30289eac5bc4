package org.linuxfpsync.fpm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.linuxfpsync.fpc.FpcPeer;
import org.linuxfpsync.fpc.internal.FpcClient;

@Timeout(60)
class FpmServerEndpointTest {
    @TempDir
    Path tmp;

    private final FpmServer fpm = new FpmServer();
    private boolean active;

    @AfterEach
    void stop() {
        if (active) {
            fpm.deactivate();
        }
    }

    private void start(Map<String, Object> config) throws Exception {
        fpm.activate(config);
        active = true;
    }

    @Test
    void aSocketFileLeftByADeadFpmIsReplaced() throws Exception {
        Path sock = tmp.resolve("fpc.sock");
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(sock));
        }
        assertThat(sock).exists();
        start(Map.of("endpoint", "unix:" + sock));
        assertThat(fpm.endpoint()).isEqualTo("unix:" + sock);
    }

    @Test
    void aFileThatIsNotASocketIsNeverRemoved() throws Exception {
        Path file = Files.writeString(tmp.resolve("fpc.sock"), "precious");
        assertThatThrownBy(() -> start(Map.of("endpoint", "unix:" + file)))
                .hasMessage(file + " exists and is not a socket: not removing it");
        assertThat(Files.readString(file)).isEqualTo("precious");
    }

    @Test
    void aSecondFpmOnALiveSocketIsRefused() throws Exception {
        Path sock = tmp.resolve("fpc.sock");
        start(Map.of("endpoint", "unix:" + sock));
        FpmServer second = new FpmServer();
        assertThatThrownBy(() -> second.activate(Map.of("endpoint", "unix:" + sock)))
                .hasMessage("another server listens on " + sock);
        assertThat(sock).exists();
    }

    @Test
    void aSocketGroupGetsReadAndWrite() throws Exception {
        Path sock = tmp.resolve("fpc.sock");
        GroupPrincipal group = (GroupPrincipal) Files.getAttribute(tmp, "posix:group");
        start(Map.of("endpoint", "unix:" + sock, "socketGroup", group.getName()));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sock))).isEqualTo("rw-rw----");
        assertThat(Files.getAttribute(sock, "posix:group")).isEqualTo(group);
    }

    @Test
    void anUnknownSocketGroupIsRefusedAndLeavesNoSocketBehind() throws Exception {
        Path sock = tmp.resolve("fpc.sock");
        assertThatThrownBy(() -> start(Map.of("endpoint", "unix:" + sock, "socketGroup", "no-such-group-here")))
                .hasMessage("socketGroup 'no-such-group-here': no such group");
        assertThat(sock).doesNotExist();
    }

    @Test
    void aTcpEndpointWithoutHostListensOnLoopbackAndTheClientReachesIt() throws Exception {
        start(Map.of("endpoint", "tcp:0"));
        assertThat(fpm.endpoint()).matches("tcp:127\\.0\\.0\\.1:[1-9][0-9]*");
        FpcClient client = new FpcClient();
        client.activate(Map.of("endpoint", fpm.endpoint()));
        try {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (client.peer() == null && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            FpcPeer peer = client.peer();
            assertThat(peer).isNotNull();
            assertThat(peer.epoch()).isEqualTo(fpm.stats().epoch());
        } finally {
            client.deactivate();
        }
    }

    @Test
    void settingsAreValidatedWithOneLineNamingThePid() {
        assertThatThrownBy(() -> FpmSettings.from(Map.of("endpoint", "tcp:7000", "socketGroup", "fpm")))
                .hasMessage("org.linuxfpsync.fpm: socketGroup applies to a unix endpoint only, not tcp:127.0.0.1:7000");
        assertThatThrownBy(() -> FpmSettings.from(Map.of("features", "0x100000000")))
                .hasMessage("org.linuxfpsync.fpm: features = 4294967296 out of range 0..4294967295");
        assertThat(FpmSettings.from(Map.of()).endpoint()).hasToString("unix:/run/linux-fp-sync/fpc-0.sock");
    }
}
