package org.linuxfpsync.fpm.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.linuxfpsync.fpc.FpcEndpoint;
import org.linuxfpsync.fpc.codec.MrouteAttr;
import org.linuxfpsync.fpm.FpmFastPath;
import org.linuxfpsync.fpm.FpmInterface;
import org.linuxfpsync.fpm.FpmObject;
import org.linuxfpsync.fpm.FpmService;
import org.linuxfpsync.fpm.FpmStats;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference FPM: an FPC server at the configured endpoint and the tables its sessions fill.
 *
 * <p>One session at a time: a connection whose HELLO is accepted replaces the current session,
 * whose thread is stopped before the new one applies anything, so the tables have one writer; a
 * connection that never says HELLO (a probe, garbage) disturbs nothing, and is closed after
 * {@code helloTimeoutMillis}; at most {@code maxPendingConnections} wait for their HELLO at once.
 * The tables survive sessions and connections: a restarting cache manager replays between
 * graceful-restart markers and the FPM sweeps what the replay did not refresh, while the fast path
 * keeps forwarding meanwhile.
 */
@Component(service = FpmService.class, configurationPid = FpmServer.PID, immediate = true)
@Designate(ocd = FpmServer.Config.class)
public final class FpmServer implements FpmService {
    public static final String PID = "org.linuxfpsync.fpm";

    private static final Logger LOG = LoggerFactory.getLogger(FpmServer.class);

    @ObjectClassDefinition(name = "linux-fp-sync reference FPM",
            description = "The embedded fast path manager: FPC server, tables, dump")
    public @interface Config {
        @AttributeDefinition(description = "unix:/path/to.sock or tcp:[host:]port to listen on "
                + "(tcp without host binds 127.0.0.1)")
        String endpoint() default FpcEndpoint.DEFAULT;

        @AttributeDefinition(description = "Group owning the socket file (mode 0660); empty: owner only (0600)")
        String socketGroup() default "";

        @AttributeDefinition(description = "Sync-mask bits advertised in HELLO")
        long features() default FpmSettings.DEFAULT_FEATURES;

        @AttributeDefinition(description = "Milliseconds a connection may wait before its HELLO")
        long helloTimeoutMillis() default FpmSettings.DEFAULT_HELLO_TIMEOUT_MS;

        @AttributeDefinition(description = "Connections waiting for their HELLO at once; more are closed")
        int maxPendingConnections() default FpmSettings.DEFAULT_MAX_PENDING;
    }

    private final FpmTables tables = new FpmTables();
    private final FpmCounters counters = new FpmCounters();
    private final AtomicLong lastEpoch = new AtomicLong();
    private final AtomicLong connectionIds = new AtomicLong();

    private volatile FpmSettings settings;
    private volatile String boundEndpoint;
    private ServerSocketChannel server;
    private Thread acceptor;
    /** Closes connections that did not say HELLO in time. */
    private ScheduledExecutorService helloTimer;
    private FpmConnection current;
    /** Connections that have not said HELLO yet: they touch nothing, and are closed on deactivate. */
    private final Set<FpmConnection> pending = new HashSet<>();

    @Activate
    public void activate(Map<String, Object> properties) throws IOException {
        FpmSettings s = FpmSettings.from(properties);
        settings = s;
        FpcEndpoint ep = s.endpoint();
        if (ep.isUnix()) {
            UnixSocketFile.prepare(ep.path());
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                server.bind(ep.socketAddress());
                UnixSocketFile.restrict(ep.path(), s.socketGroup());
            } catch (IOException e) {
                server.close();
                Files.deleteIfExists(ep.path());
                throw e;
            }
            boundEndpoint = ep.toString();
        } else {
            server = ServerSocketChannel.open();
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            try {
                server.bind(ep.socketAddress());
            } catch (IOException e) {
                server.close();
                throw new IOException("cannot listen on " + ep + ": " + e.getMessage(), e);
            }
            InetSocketAddress local = (InetSocketAddress) server.getLocalAddress();
            boundEndpoint = FpcEndpoint.parse("tcp:" + (ep.host().contains(":") ? "[" + ep.host() + "]" : ep.host())
                    + ":" + local.getPort()).toString();
        }
        helloTimer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fpm-hello-timer");
            t.setDaemon(true);
            return t;
        });
        acceptor = new Thread(this::acceptLoop, "fpm-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.info("FPM listening on {} (features 0x{}{})", boundEndpoint, Long.toHexString(s.features()),
                s.socketGroup().isEmpty() ? "" : ", socket group " + s.socketGroup());
    }

    @Deactivate
    public void deactivate() {
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("closing the FPM listener", e);
        }
        try {
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<FpmConnection> open = new ArrayList<>();
        synchronized (this) {
            open.addAll(pending);
            pending.clear();
            if (current != null) {
                open.add(current);
            }
            current = null;
        }
        open.forEach(FpmConnection::close);
        helloTimer.shutdownNow();
        FpcEndpoint ep = settings.endpoint();
        if (ep.isUnix()) {
            try {
                Files.deleteIfExists(ep.path());
            } catch (IOException e) {
                LOG.warn("FPM: cannot remove {}: {}", ep.path(), e.getMessage());
            }
        }
        LOG.info("FPM stopped listening on {} (tables kept until the bundle stops: {})", boundEndpoint,
                tables.sizes());
    }

    private void acceptLoop() {
        while (true) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.warn("FPM accept failed on {}: {}", boundEndpoint, e.getMessage());
                return;
            }
            counters.connectionAccepted();
            long id = connectionIds.incrementAndGet();
            LOG.debug("FPM connection {} accepted", id);
            FpmConnection c = new FpmConnection(id, ch, tables, counters, settings.features(), this::nextEpoch,
                    this::sessionStarted, this::connectionEnded);
            boolean full;
            synchronized (this) {
                full = pending.size() >= settings.maxPendingConnections();
                if (server.isOpen() && !full) {
                    pending.add(c);
                    c.start();
                    helloTimer.schedule(() -> expireIfNoHello(c), settings.helloTimeoutMillis(),
                            TimeUnit.MILLISECONDS);
                    continue;
                }
            }
            if (full) {
                // Each waiting connection holds a thread: a flood of silent connections must not take them all.
                counters.connectionRefused();
                LOG.warn("FPM: connection {} closed at once: {} connections already wait for their HELLO", id,
                        settings.maxPendingConnections());
            }
            c.close();
        }
    }

    /** A connection still waiting for its HELLO when its time is up is closed; the session is untouched. */
    private void expireIfNoHello(FpmConnection c) {
        synchronized (this) {
            if (!pending.remove(c)) {
                return;
            }
        }
        counters.helloTimeout();
        LOG.info("FPM: connection {} closed: no HELLO within {} ms", c.id(), settings.helloTimeoutMillis());
        c.close();
    }

    /**
     * A connection said HELLO: it becomes the session, and the previous one is closed and its
     * thread joined before the new session applies anything, so the table has one writer.
     */
    private void sessionStarted(FpmConnection c) {
        FpmConnection previous;
        synchronized (this) {
            pending.remove(c);
            previous = current;
            current = c;
        }
        if (previous != null && previous != c) {
            LOG.info("FPM: connection {} replaces the session of connection {}", c.id(), previous.id());
            previous.close();
        }
    }

    private synchronized void connectionEnded(FpmConnection c) {
        pending.remove(c);
        if (current == c) {
            current = null;
        }
    }

    /** Epochs increase across sessions and, being clock-based, across FPM restarts. */
    private long nextEpoch() {
        return lastEpoch.updateAndGet(last -> Math.max(last + 1, System.currentTimeMillis()));
    }

    /**
     * Calls {@code listener} on the session's thread after each frame applied to the tables (null:
     * none). Not part of {@link FpmService}: the benchmarks, which run this FPM in their own JVM,
     * timestamp the objects applied with it.
     */
    public void setAppliedListener(FpmAppliedListener listener) {
        tables.appliedListener(listener);
    }

    /**
     * Binds the fast path that forwards from these tables (docs/fp-xdp.md), at most one: it reads
     * what the tables hold, then is told of every change; its features answer the next HELLOs.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void bindFastPath(FpmFastPath fastPath) {
        tables.fastPath(fastPath);
        fastPath.bound(this);
        LOG.info("FPM: fast path {} bound (features 0x{})", fastPath.getClass().getSimpleName(),
                Long.toHexString(fastPath.features()));
    }

    public void unbindFastPath(FpmFastPath fastPath) {
        if (tables.fastPath() == fastPath) {
            tables.fastPath(null);
            fastPath.unbound();
            LOG.info("FPM: fast path {} unbound", fastPath.getClass().getSimpleName());
        }
    }

    @Override
    public String endpoint() {
        String b = boundEndpoint;
        return b != null ? b : settings == null ? FpcEndpoint.DEFAULT : settings.endpoint().toString();
    }

    @Override
    public String dumpJson() {
        return FpmDump.toJson(counters.epoch(), tables);
    }

    /** The dump on one line, for the standalone FPM's line-based control. */
    String dumpJsonLine() {
        return FpmDump.toJson(counters.epoch(), tables, false).strip();
    }

    @Override
    public List<FpmInterface> interfaces() {
        return tables.interfaces().interfaces();
    }

    @Override
    public FpmStats stats() {
        return counters.snapshot(tables.sizes());
    }

    /**
     * Rows of one table ({@code interfaces}, {@code routes}...), every vrf: what {@link #stats()}
     * says of it, without the snapshot of every counter. Not part of {@link FpmService}: the
     * benchmarks poll it while a phase runs, on the cores the FPM and the cache manager share.
     *
     * @throws IllegalArgumentException for a name that is no table's
     */
    public int tableSize(String table) {
        return tables.size(table);
    }

    @Override
    public List<FpmObject> objects(String table) {
        return tables.objects(table);
    }

    @Override
    public boolean countMroutePackets(FpmObject mroute, long packets, long bytes) {
        if (!FpmTables.tableName(MrouteAttr.FAMILY_MROUTES).equals(mroute.table())) {
            throw new IllegalArgumentException("not a multicast route: an object of table " + mroute.table());
        }
        return tables.mrouteCounters().add(mroute.key(), packets, bytes, 0);
    }
}
