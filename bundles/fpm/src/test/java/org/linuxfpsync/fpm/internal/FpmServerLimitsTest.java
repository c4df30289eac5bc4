package org.linuxfpsync.fpm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.linuxfpsync.fpc.internal.FpcClient;

/** Connections that never say HELLO cannot hold the FPM's threads: they time out, and their number is capped. */
@Timeout(60)
class FpmServerLimitsTest {
    @TempDir
    Path tmp;

    private final FpmServer fpm = new FpmServer();
    private final FpcClient client = new FpcClient();
    private final List<SocketChannel> silent = new ArrayList<>();
    private boolean clientActive;

    @AfterEach
    void stop() throws Exception {
        for (SocketChannel s : silent) {
            s.close();
        }
        if (clientActive) {
            client.deactivate();
        }
        fpm.deactivate();
    }

    private Path socket() {
        return tmp.resolve("fpc.sock");
    }

    private SocketChannel connectSilently() throws Exception {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(socket()));
        silent.add(ch);
        return ch;
    }

    /** Blocks until the FPM closes the connection; true when nothing came before the end of stream. */
    private static boolean closedWithoutAWord(SocketChannel ch) throws Exception {
        return ch.read(ByteBuffer.allocate(64)) < 0;
    }

    @Test
    void aConnectionThatSaysNoHelloIsClosedWhenItsTimeIsUp() throws Exception {
        fpm.activate(Map.of("endpoint", "unix:" + socket(), "helloTimeoutMillis", "200"));
        SocketChannel ch = connectSilently();
        assertThat(closedWithoutAWord(ch)).isTrue();
        Poll.until("counted", () -> fpm.stats().helloTimeouts() == 1);
        assertThat(fpm.stats().connectionsRefused()).isZero();
    }

    @Test
    void connectionsBeyondTheLimitAreClosedAtOnceWhileTheSessionGoesOn() throws Exception {
        fpm.activate(Map.of("endpoint", "unix:" + socket(), "maxPendingConnections", "2",
                "helloTimeoutMillis", "600000"));
        client.activate(Map.of("endpoint", "unix:" + socket()));
        clientActive = true;
        Poll.until("session", () -> client.peer() != null);

        connectSilently();
        connectSilently();
        Poll.until("two waiting", () -> fpm.stats().connectionsAccepted() == 3);
        SocketChannel third = connectSilently();
        assertThat(closedWithoutAWord(third)).isTrue();
        assertThat(fpm.stats().connectionsRefused()).isEqualTo(1);
        assertThat(fpm.stats().helloTimeouts()).isZero();

        assertThat(client.send(ByteBuffer.wrap(new Frames().ifCreate(7, 0, 2, "eth0")))).isTrue();
        Poll.until("the session still applies frames", () -> fpm.interfaces().size() == 1);
    }
}
