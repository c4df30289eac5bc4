package org.linuxfpsync.cmgr.shell;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manual's console socket ({@code /tmp/.cmgrd<N>}): one request line in the manual's words, answered
 * with the command's output, a NUL byte and the exit status. Served in-process so that
 * {@code daemonctl} costs milliseconds, not a JVM start. Only root (or the JVM's own user) may
 * connect: the file is 0600 and the peer's credentials are checked.
 */
@Component(immediate = true, configurationPid = "org.linuxfpsync.cmgr.console")
@Designate(ocd = ConsoleSocketConfig.class)
public final class ConsoleSocket {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleSocket.class);
    private static final int MAX_REQUEST = 4096;
    static final int STATUS_OK = 0;
    static final int STATUS_FAILED = 1;
    static final int STATUS_BAD_REQUEST = 2;

    private final SessionFactory sessions;
    private final AtomicLong refused = new AtomicLong();
    private final ExecutorService workers = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "cmgrd-console");
        t.setDaemon(true);
        return t;
    });
    private Path path;
    private ServerSocketChannel server;
    private Thread acceptor;

    @Activate
    public ConsoleSocket(@Reference SessionFactory sessions) {
        this.sessions = sessions;
    }

    @Activate
    void activate(ConsoleSocketConfig config) throws IOException {
        path = Path.of(config.path());
        prepare(path);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        acceptor = new Thread(this::acceptLoop, "cmgrd-console-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.info("console socket listening on {} (daemonctl)", path);
    }

    @Deactivate
    void deactivate() throws IOException, InterruptedException {
        server.close();
        acceptor.join(5000);
        workers.shutdownNow();
        workers.awaitTermination(5, TimeUnit.SECONDS);
        Files.deleteIfExists(path);
        LOG.info("console socket {} closed", path);
    }

    /** Never deletes anything but a dead socket: a regular file or a live console means a mistake. */
    static void prepare(Path socket) throws IOException {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isSymbolicLink(socket) || Files.isRegularFile(socket, LinkOption.NOFOLLOW_LINKS)
                || Files.isDirectory(socket, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(socket + " exists and is not a socket: refusing to replace it");
        }
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            throw new IOException(socket + " is in use by another console (another cmgrd instance?)");
        } catch (IOException notListening) {
            if (notListening.getMessage() != null && notListening.getMessage().contains("in use by another")) {
                throw notListening;
            }
            Files.delete(socket);
        }
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                workers.execute(() -> serve(client));
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.warn("console socket {}: accept failed: {}", path, e.getMessage());
                }
            }
        }
    }

    private void serve(SocketChannel client) {
        try (client) {
            UnixDomainPrincipal peer = client.getOption(ExtendedSocketOptions.SO_PEERCRED);
            String user = peer.user().getName();
            if (!user.equals("root") && !user.equals(System.getProperty("user.name"))) {
                refused.incrementAndGet();
                LOG.warn("console socket {}: connection from user {} refused", path, user);
                reply(client, "console: permission denied\n", STATUS_FAILED);
                return;
            }
            String request = readLine(client);
            if (request == null) {
                reply(client, "console: request line missing or longer than " + MAX_REQUEST + " bytes\n",
                        STATUS_BAD_REQUEST);
                return;
            }
            List<String> words = request.isBlank() ? List.of() : Arrays.asList(request.trim().split("\\s+"));
            String line;
            try {
                line = DaemonctlCommandLine.toKaraf(words);
            } catch (IllegalArgumentException e) {
                reply(client, e.getMessage() + "\n", STATUS_BAD_REQUEST);
                return;
            }
            run(client, line);
        } catch (IOException e) {
            LOG.debug("console socket {}: client went away: {}", path, e.getMessage());
        }
    }

    private void run(SocketChannel client, String line) throws IOException {
        if (line.isEmpty()) {
            reply(client, "", STATUS_OK);
            return;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int status = STATUS_OK;
        Session session = sessions.create(new ByteArrayInputStream(new byte[0]), out, out);
        try {
            session.execute(line);
        } catch (Exception e) {
            out.println("Error: " + e.getMessage());
            status = STATUS_FAILED;
        } finally {
            session.close();
        }
        out.flush();
        reply(client, bytes.toString(StandardCharsets.UTF_8), status);
    }

    private static String readLine(SocketChannel client) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(MAX_REQUEST);
        while (buf.hasRemaining()) {
            if (client.read(buf) < 0) {
                break;
            }
            for (int i = 0; i < buf.position(); i++) {
                if (buf.get(i) == '\n') {
                    return new String(buf.array(), 0, i, StandardCharsets.UTF_8);
                }
            }
        }
        return null;
    }

    private static void reply(SocketChannel client, String output, int status) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap((output + '\0' + status + '\n').getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
            client.write(buf);
        }
    }
}
