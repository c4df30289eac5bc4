package org.linuxfpsync.netlink.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.linuxfpsync.netlink.ChannelStats;
import org.linuxfpsync.netlink.DumpRequest;
import org.linuxfpsync.netlink.NetlinkException;
import org.linuxfpsync.netlink.NetlinkFamily;
import org.linuxfpsync.netlink.NetlinkListener;
import org.linuxfpsync.netlink.NetlinkService;
import org.linuxfpsync.netlink.ProcessListener;
import org.linuxfpsync.netlink.ProcessWatch;
import org.linuxfpsync.netlink.Subscription;
import org.linuxfpsync.netlink.SubscriptionSpec;
import org.linuxfpsync.netlink.Vrf;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The netlink transport: one {@link FamilyReader} (a listening and a command socket, one thread)
 * per (family, vrfid), opened by the first subscription and closed with the last one.
 */
@Component(service = NetlinkService.class, immediate = true, configurationPid = NetlinkServiceImpl.PID)
@Designate(ocd = NetlinkConfig.class)
public final class NetlinkServiceImpl implements NetlinkService {
    public static final String PID = "org.linuxfpsync.netlink";
    private static final Logger LOG = LoggerFactory.getLogger(NetlinkServiceImpl.class);
    /** How long subscribe() waits for the initial dump before giving up. */
    static final long SUBSCRIBE_TIMEOUT_SECONDS = 30;
    /** How long a dump may go without an answer before its subscription fails; shorter in tests. */
    private volatile long dumpStallSeconds = SUBSCRIBE_TIMEOUT_SECONDS;
    private static final long UNSUBSCRIBE_TIMEOUT_SECONDS = 5;

    private record ChannelKey(NetlinkFamily family, String channel, int vrfid) {
        static ChannelKey of(SubscriptionSpec spec) {
            return new ChannelKey(spec.family(), spec.channel(), spec.vrf().vrfid());
        }
    }

    private final Object lock = new Object();
    // guarded by lock
    private final Map<ChannelKey, FamilyReader> readers = new LinkedHashMap<>();
    private boolean active;
    private Posix posix;
    private NetlinkSettings settings;
    // the proc connector, guarded by lock: open while watched (null when it could not be opened)
    private ProcConnectorChannel connector;
    private ChannelCounters connectorCounters;
    private String connectorFailure;
    private int processWatchers;
    // creation order; read without the lock by channels()
    private final List<ChannelCounters> channels = new CopyOnWriteArrayList<>();
    private final BeforeWaitHooks beforeWait = new BeforeWaitHooks();

    @Activate
    void activate(NetlinkConfig config) {
        NetlinkSettings validated = validate(config);
        Posix loaded = Posix.load();
        synchronized (lock) {
            posix = loaded;
            settings = validated;
            active = true;
        }
        LOG.info("netlink transport started: receiveBufferBytes={} receiveBufferMaxBytes={} debugMask=0x{}",
                validated.receiveBufferBytes, validated.receiveBufferMaxBytes, Integer.toHexString(validated.debugMask));
    }

    /** Applies to the channels opened from now on, and to the growth of open ones. */
    @Modified
    void modified(NetlinkConfig config) {
        NetlinkSettings validated = validate(config);
        synchronized (lock) {
            settings.receiveBufferBytes = validated.receiveBufferBytes;
            settings.receiveBufferMaxBytes = validated.receiveBufferMaxBytes;
            settings.debugMask = validated.debugMask;
        }
        LOG.info("netlink transport reconfigured: receiveBufferBytes={} receiveBufferMaxBytes={} debugMask=0x{}",
                validated.receiveBufferBytes, validated.receiveBufferMaxBytes, Integer.toHexString(validated.debugMask));
    }

    private static NetlinkSettings validate(NetlinkConfig config) {
        if (config.receiveBufferBytes() <= 0) {
            throw new IllegalArgumentException("receiveBufferBytes must be positive: " + config.receiveBufferBytes());
        }
        if (config.receiveBufferMaxBytes() < config.receiveBufferBytes()) {
            throw new IllegalArgumentException("receiveBufferMaxBytes (" + config.receiveBufferMaxBytes()
                    + ") must be >= receiveBufferBytes (" + config.receiveBufferBytes() + ")");
        }
        return new NetlinkSettings(config.receiveBufferBytes(), config.receiveBufferMaxBytes(), config.debugMask());
    }

    @Deactivate
    void deactivate() {
        List<FamilyReader> closing;
        ProcConnectorChannel closingConnector;
        synchronized (lock) {
            active = false;
            closing = new ArrayList<>(readers.values());
            readers.clear();
            channels.clear();
            closingConnector = connector;
            connector = null;
            connectorFailure = null;
            processWatchers = 0;
        }
        if (closingConnector != null) {
            closingConnector.shutdown();
        }
        closing.forEach(FamilyReader::shutdown);
        closing.forEach(FamilyReader::join);
        LOG.info("netlink transport stopped: {} channel pair(s) closed", closing.size());
    }

    @Override
    public void addBeforeWaitHook(Runnable hook) {
        beforeWait.add(hook);
    }

    @Override
    public void removeBeforeWaitHook(Runnable hook) {
        beforeWait.remove(hook);
    }

    @Override
    public Subscription subscribe(SubscriptionSpec spec, NetlinkListener listener) throws NetlinkException {
        SubscriptionImpl subscription = subscribeWithoutWaiting(spec, listener);
        subscription.awaitInitialDump();
        return subscription;
    }

    @Override
    public SubscriptionImpl subscribeWithoutWaiting(SubscriptionSpec spec, NetlinkListener listener)
            throws NetlinkException {
        validate(spec);
        SubscriptionImpl subscription;
        synchronized (lock) {
            if (!active) {
                throw new NetlinkException("the netlink transport is stopped");
            }
            ChannelKey key = ChannelKey.of(spec);
            FamilyReader reader = readers.get(key);
            if (reader == null) {
                reader = FamilyReader.open(posix, spec, settings, beforeWait);
                readers.put(key, reader);
                channels.addAll(reader.counters());
                reader.start();
            } else if (!reader.vrf().netnsName().equals(spec.vrf().netnsName())) {
                throw new NetlinkException("vrfid " + spec.vrf().vrfid() + " is namespace '"
                        + reader.vrf().netnsName() + "', not '" + spec.vrf().netnsName() + "'");
            }
            reader.attach();
            subscription = new SubscriptionImpl(this, reader, spec, listener);
            // Subscribing from a callback of the same channel, waiting would deadlock the thread that
            // runs the dump (SubscriptionImpl.awaitInitialDump returns at once there): the dump runs
            // as soon as the current callback returns.
            subscription.initialDump(reader.add(subscription));
        }
        return subscription;
    }

    void dumpStallSeconds(long seconds) {
        dumpStallSeconds = seconds;
    }

    /** Waits for {@code subscription}'s initial dump; closes it when that fails. */
    void awaitInitialDump(SubscriptionImpl subscription, CompletableFuture<Void> ready) throws NetlinkException {
        awaitDump(subscription, ready);
        SubscriptionSpec spec = subscription.spec();
        LOG.info("subscribed {} to {} groups {} in vrf {}", subscription.listener().getClass().getName(),
                spec.family().channelName, Arrays.toString(spec.groups()), spec.vrf().vrfid());
    }

    /**
     * Waits for a dump for as long as its channel's command socket receives answers: only
     * {@link #dumpStallSeconds} without one gives up. A dump queued behind another on the same reader (the IPv6
     * routes behind a million IPv4 ones) or slowed by a fast path that pushes back is not a dead one.
     */
    private void awaitDump(SubscriptionImpl subscription, CompletableFuture<Void> ready) throws NetlinkException {
        try {
            long received = subscription.reader().commandMessagesReceived();
            long lastProgress = System.nanoTime();
            while (true) {
                try {
                    ready.get(1, TimeUnit.SECONDS);
                    break;
                } catch (TimeoutException e) {
                    long now = subscription.reader().commandMessagesReceived();
                    if (now != received) {
                        received = now;
                        lastProgress = System.nanoTime();
                    } else if (System.nanoTime() - lastProgress >= TimeUnit.SECONDS.toNanos(dumpStallSeconds)) {
                        throw e;
                    }
                }
            }
        } catch (ExecutionException e) {
            subscription.close();
            Throwable cause = e.getCause();
            if (cause instanceof NetlinkException netlinkException) {
                throw new NetlinkException(netlinkException.getMessage(), netlinkException);
            }
            throw new NetlinkException("subscription failed: " + cause, cause);
        } catch (TimeoutException e) {
            subscription.close();
            throw new NetlinkException("initial dump of " + subscription.spec().family().channelName + " in vrf "
                    + subscription.spec().vrf().vrfid() + ": nothing received for " + dumpStallSeconds + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            subscription.close();
            throw new NetlinkException("interrupted while waiting for the initial dump", e);
        }
    }

    private static void validate(SubscriptionSpec spec) {
        if (spec.family() == null || spec.vrf() == null || spec.dumps() == null) {
            throw new IllegalArgumentException("incomplete subscription spec: " + spec);
        }
        if (spec.family().commandOnly && spec.groups().length > 0) {
            throw new IllegalArgumentException(spec.family() + " is used for dumps only: no multicast group to join");
        }
        for (int group : spec.groups()) {
            if (group <= 0) {
                throw new IllegalArgumentException("multicast group numbers start at 1: " + group);
            }
        }
        for (int type : spec.messageTypes()) {
            if (type < 0 || type > 0xffff) {
                throw new IllegalArgumentException("netlink message type out of range: " + type);
            }
        }
        for (DumpRequest dump : spec.dumps()) {
            if (dump.payload().length > 0xffff - 16) {
                throw new IllegalArgumentException("dump request payload too large: " + dump.payload().length);
            }
        }
    }

    /** Stops delivery to {@code subscription}; closes the channel pair with its last subscriber. */
    void unsubscribe(SubscriptionImpl subscription) {
        if (!subscription.markClosed()) {
            return;
        }
        FamilyReader reader = subscription.reader();
        boolean last;
        synchronized (lock) {
            last = reader.detach() == 0;
            if (last) {
                readers.remove(ChannelKey.of(subscription.spec()), reader);
                channels.removeAll(reader.counters());
            }
        }
        if (last) {
            reader.shutdown();
            reader.join();
            return;
        }
        CompletableFuture<Void> done = reader.remove(subscription);
        if (!reader.isReaderThread()) {
            try {
                done.get(UNSUBSCRIBE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("{}: removal of {} not confirmed: {}", reader, subscription, e.toString());
            }
        }
    }

    @Override
    public int netnsid(Vrf in, Vrf peer) throws NetlinkException {
        Posix loaded;
        synchronized (lock) {
            if (!active) {
                throw new NetlinkException("the netlink transport is stopped");
            }
            loaded = posix;
        }
        return NetnsidQuery.ask(loaded, in.netnsName(), peer.netnsName());
    }

    @Override
    public String sysctl(Vrf vrf, String key) throws NetlinkException {
        Posix loaded;
        synchronized (lock) {
            if (!active) {
                throw new NetlinkException("the netlink transport is stopped");
            }
            loaded = posix;
        }
        return NetworkNamespace.sysctlIn(loaded, vrf.netnsName(), key);
    }

    @Override
    public long routeCountHint(Vrf vrf, int addressFamily) {
        boolean v4 = addressFamily == org.linuxfpsync.netlink.codec.Rtnetlink.AF_INET;
        if (!v4 && addressFamily != org.linuxfpsync.netlink.codec.Rtnetlink.AF_INET6) {
            return -1;
        }
        try {
            String text = NetworkNamespace.readIn(loadedPosix(), vrf.netnsName(),
                    java.nio.file.Path.of("/proc/thread-self/net", v4 ? "fib_triestat" : "rt6_stats"));
            return text == null ? -1 : v4 ? RouteCounts.ipv4(text) : RouteCounts.ipv6(text);
        } catch (NetlinkException | RuntimeException e) {
            LOG.debug("vrf {}: no route count of family {}: {}", vrf.vrfid(), addressFamily, e.toString());
            return -1;
        }
    }

    @Override
    public List<String> xtableNames(Vrf vrf, int nfproto) throws NetlinkException {
        return XtablesQuery.names(loadedPosix(), vrf.netnsName(), nfproto);
    }

    @Override
    public List<List<String>> xtableNames(Vrf vrf, int[] nfprotos) throws NetlinkException {
        return XtablesQuery.names(loadedPosix(), vrf.netnsName(), nfprotos);
    }

    @Override
    public byte[] xtable(Vrf vrf, int nfproto, String table) throws NetlinkException {
        return XtablesQuery.read(loadedPosix(), vrf.netnsName(), nfproto, table);
    }

    private Posix loadedPosix() throws NetlinkException {
        synchronized (lock) {
            if (!active) {
                throw new NetlinkException("the netlink transport is stopped");
            }
            return posix;
        }
    }

    @Override
    public ProcessWatch watchProcesses(ProcessListener listener) {
        synchronized (lock) {
            if (!active) {
                return ProcessWatch.unavailable("the netlink transport is stopped");
            }
            if (processWatchers == 0) {
                openConnector();
            }
            processWatchers++;
            if (connector != null) {
                connector.add(listener);
            }
            return new ConnectorWatch(listener, connector != null, connectorFailure);
        }
    }

    /**
     * Under the lock: the first watcher opens the connector; its channel is listed, with why it is not
     * open if so. A failure is kept for the transport's life: it comes from the namespaces the cache
     * manager runs in, and the next watcher (a vrf followed again) must not wait for the kernel again.
     */
    private void openConnector() {
        connectorCounters = ProcConnectorChannel.counters(settings.receiveBufferMaxBytes);
        channels.add(connectorCounters);
        if (connectorFailure != null) {
            // The namespaces that made it fail do not change while we run: no second wait for an answer.
            connectorCounters.setNote("not open: " + connectorFailure);
            return;
        }
        try {
            connector = ProcConnectorChannel.open(posix, settings, connectorCounters);
            connector.start();
            connectorCounters.setNote(ProcConnectorChannel.OPEN_NOTE);
        } catch (NetlinkException e) {
            connector = null;
            connectorFailure = e.getMessage();
            connectorCounters.setNote("not open: " + connectorFailure);
            LOG.warn("{} not open, process starts and exits are not watched: {}", ProcConnectorChannel.NAME,
                    connectorFailure);
        }
    }

    private void unwatch(ProcessListener listener) {
        ProcConnectorChannel closing = null;
        synchronized (lock) {
            if (processWatchers == 0) {
                return; // the transport stopped meanwhile
            }
            if (connector != null) {
                connector.remove(listener);
            }
            if (--processWatchers == 0) {
                channels.remove(connectorCounters);
                closing = connector;
                connector = null;
            }
        }
        if (closing != null) {
            closing.shutdown();
        }
    }

    /** One watcher's registration: closed once. */
    private final class ConnectorWatch implements ProcessWatch {
        private final ProcessListener listener;
        private final boolean available;
        private final String reason;
        private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

        ConnectorWatch(ProcessListener listener, boolean available, String reason) {
            this.listener = listener;
            this.available = available;
            this.reason = reason;
        }

        @Override
        public boolean available() {
            return available;
        }

        @Override
        public String unavailableReason() {
            return available ? null : reason;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                unwatch(listener);
            }
        }
    }

    @Override
    public List<ChannelStats> channels() {
        return List.copyOf(channels);
    }

    /** The port id of the listening socket of (family, default channel, vrfid), or -1 if none is open. For tests. */
    int listeningPortId(NetlinkFamily family, int vrfid) {
        synchronized (lock) {
            FamilyReader reader = readers.get(new ChannelKey(family, "", vrfid));
            return reader == null ? -1 : reader.listeningPortId();
        }
    }

    /** The port id of the command socket of (family, default channel, vrfid), or -1 if none is open. For tests. */
    int commandPortId(NetlinkFamily family, int vrfid) {
        synchronized (lock) {
            FamilyReader reader = readers.get(new ChannelKey(family, "", vrfid));
            return reader == null ? -1 : reader.commandPortId();
        }
    }

    /** The port id of the proc connector's socket, or -1 if it is not open. For tests. */
    int connectorPortId() {
        synchronized (lock) {
            return connector == null ? -1 : connector.portId();
        }
    }

    /** The libc binding loaded by activate; for tests that need their own sockets. */
    Posix posix() {
        synchronized (lock) {
            return posix;
        }
    }
}
