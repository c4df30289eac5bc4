package org.linuxfpsync.fpc.internal;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.channels.UnresolvedAddressException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.fpc.FpcEndpoint;
import org.linuxfpsync.fpc.FpcPeer;
import org.linuxfpsync.fpc.FpcQueueStats;
import org.linuxfpsync.fpc.FpcSessionListener;
import org.linuxfpsync.fpc.codec.FpcCodecs;
import org.linuxfpsync.fpc.codec.FpcError;
import org.linuxfpsync.fpc.codec.FpcFormatException;
import org.linuxfpsync.fpc.codec.FpcHello;
import org.linuxfpsync.fpc.codec.FpcInterfaceStats;
import org.linuxfpsync.fpc.codec.FpcMessageType;
import org.linuxfpsync.fpc.codec.FpcMrouteStats;
import org.linuxfpsync.fpc.codec.FrameAssembler;
import org.linuxfpsync.fpc.codec.FrameReader;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FPC client: one session towards the FPM at the configured endpoint.
 *
 * <p>A connector thread connects (backoff 100 ms doubling to 5 s, back to 100 ms after a
 * session), exchanges HELLOs, then serves the session: it reads the FPM's frames and drains the
 * send queue when the socket becomes writable. Listeners are told about sessions on a separate
 * "fpc-session" thread so that a listener replaying its whole state never stalls the connector,
 * which is what empties the queue the replay fills. When a session ends, queued frames are
 * discarded, never resent: the next session's replay carries the current state instead.
 */
@Component(service = FpcChannel.class, configurationPid = FpcClient.PID, immediate = true)
@Designate(ocd = FpcClient.Config.class)
public final class FpcClient implements FpcChannel {
    public static final String PID = "org.linuxfpsync.fpc";
    /** The NAME of our HELLO. */
    public static final String HELLO_NAME = "cmgrd";

    static final long BACKOFF_FIRST_MS = 100;
    static final long BACKOFF_MAX_MS = 5000;
    private static final long CONNECT_TIMEOUT_MS = 5000;
    private static final long HELLO_TIMEOUT_MS = 5000;
    /** Replies held at most while waiting for the rest of an answer. */
    static final int HOLD_MAX = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(FpcClient.class);

    @ObjectClassDefinition(name = "linux-fp-sync FPC client",
            description = "The cache manager's connection to the fast path manager")
    public @interface Config {
        @AttributeDefinition(description = "unix:/path/to.sock or tcp:host:port of the fast path manager")
        String endpoint() default FpcEndpoint.DEFAULT;

        @AttributeDefinition(description = "SO_SNDBUF of the FPC socket in bytes (the manual's -b)")
        int socketBufferBytes() default FpcClientSettings.DEFAULT_SOCKET_BUFFER;

        @AttributeDefinition(description = "Cache manager instance id sent in HELLO (the manual's -I)")
        int instanceId() default 0;

        @AttributeDefinition(description = "Sync-mask bits asked for in HELLO")
        long features() default FpcClientSettings.DEFAULT_FEATURES;

        @AttributeDefinition(description = "Frames the send queue holds before producers block")
        int queueFrames() default FpcClientSettings.DEFAULT_QUEUE_FRAMES;
    }

    private final List<FpcSessionListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<Integer, LongAdder> peerErrors = new ConcurrentHashMap<>();
    /** Orders listener registration against session up/down notifications. */
    private final Object sessionLock = new Object();
    private final FrameAssembler assembler = new FrameAssembler();
    private final FrameReader reader = new FrameReader();
    /** Tasks handed to the session thread: what the statistics answers cost it (tests). */
    private final LongAdder sessionTasks = new LongAdder();
    /** Replies of an answer the last read ended in, not told yet (connector thread). */
    private List<Object> held;

    private volatile FpcClientSettings settings;
    private volatile FpcPeer peer;
    private volatile boolean running;
    private volatile FpcSendQueue queue;
    private Selector selector;
    private Thread connector;
    private ExecutorService sessionThread;

    @Activate
    public void activate(Map<String, Object> properties) throws IOException {
        FpcClientSettings s = FpcClientSettings.from(properties);
        settings = s;
        selector = Selector.open();
        queue = new FpcSendQueue(s.queueFrames(), selector::wakeup);
        sessionThread = Executors.newSingleThreadExecutor(r -> daemon(r, "fpc-session"));
        running = true;
        connector = daemon(this::runConnector, "fpc-connector");
        connector.start();
        LOG.info("FPC client started: endpoint {}, instance {}, features 0x{}, socket buffer {} bytes, queue {} frames",
                s.endpoint(), s.instanceId(), Long.toHexString(s.features()), s.socketBufferBytes(), s.queueFrames());
    }

    @Deactivate
    public void deactivate() {
        running = false;
        Thread t = connector;
        if (t != null) {
            selector.wakeup();
            t.interrupt();
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                LOG.warn("FPC connector thread did not stop within 10 s");
            }
        }
        ExecutorService ex = sessionThread;
        if (ex != null) {
            ex.shutdown();
            try {
                if (!ex.awaitTermination(10, TimeUnit.SECONDS)) {
                    LOG.warn("FPC session listeners still busy after 10 s; not waiting longer");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("closing the selector", e);
        }
        LOG.info("FPC client stopped: endpoint {}", settings.endpoint());
    }

    @Override
    public String endpoint() {
        FpcClientSettings s = settings;
        return s == null ? FpcEndpoint.DEFAULT : s.endpoint().toString();
    }

    @Override
    public FpcPeer peer() {
        return peer;
    }

    @Override
    public boolean send(ByteBuffer frame) {
        FpcSendQueue q = queue;
        return q != null && q.send(frame);
    }

    @Override
    public void flush() {
        FpcSendQueue q = queue;
        if (q != null) {
            q.flush();
        }
    }

    @Override
    public void holdFrames(boolean on) {
        FpcSendQueue q = queue;
        if (q != null) {
            q.holdFrames(on);
        }
    }

    @Override
    public void addSessionListener(FpcSessionListener listener) {
        synchronized (sessionLock) {
            listeners.add(listener);
            FpcPeer p = peer;
            if (p != null) {
                // A listener arriving during a session replays now, like one present at sessionUp.
                notify(listener, l -> l.sessionUp(p));
            }
        }
    }

    @Override
    public void removeSessionListener(FpcSessionListener listener) {
        listeners.remove(listener);
    }

    @Override
    public FpcQueueStats queueStats() {
        FpcSendQueue q = queue;
        return q == null ? new FpcQueueStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0) : q.stats();
    }

    @Override
    public Map<Integer, Long> peerErrors() {
        Map<Integer, Long> copy = new TreeMap<>();
        peerErrors.forEach((code, n) -> copy.put(code, n.sum()));
        return copy;
    }

    long sessionTasks() {
        return sessionTasks.sum();
    }

    private void runConnector() {
        Backoff backoff = new Backoff(BACKOFF_FIRST_MS, BACKOFF_MAX_MS);
        boolean unreachableLogged = false;
        while (running) {
            SocketChannel ch = null;
            boolean wasUp = false;
            String reason = "client stopped";
            try {
                ch = connect();
                FpcPeer p = handshake(ch);
                backoff.reset();
                unreachableLogged = false;
                sessionUp(ch, p);
                wasUp = true;
                serve(ch);
            } catch (IOException | RuntimeException e) {
                reason = e.getMessage() == null ? e.toString() : e.getMessage();
                if (wasUp && running && !(e instanceof FpcSendQueue.WriteFailedException)) {
                    queue.countError(); // a lost connection; failed writes were counted where they failed
                }
            } finally {
                tellHeld();
                if (wasUp) {
                    sessionDown(reason);
                }
                closeQuietly(ch);
            }
            if (!running) {
                break;
            }
            long delay = backoff.next();
            if (!wasUp) {
                if (!unreachableLogged) {
                    LOG.info("FPC: no session with the FPM at {}: {}; retrying with backoff up to {} ms",
                            settings.endpoint(), reason, BACKOFF_MAX_MS);
                    unreachableLogged = true;
                } else {
                    LOG.debug("FPC: no session with the FPM at {}: {}; next try in {} ms",
                            settings.endpoint(), reason, delay);
                }
            }
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
            }
        }
    }

    private SocketChannel connect() throws IOException {
        FpcEndpoint ep = settings.endpoint();
        SocketChannel ch = ep.isUnix() ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
        try {
            ch.setOption(StandardSocketOptions.SO_SNDBUF, settings.socketBufferBytes());
            if (!ep.isUnix()) {
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
            ch.configureBlocking(false);
            boolean connected;
            try {
                connected = ch.connect(ep.socketAddress());
            } catch (UnresolvedAddressException e) {
                throw new IOException("cannot resolve " + ep.host());
            }
            SelectionKey key = ch.register(selector, connected ? 0 : SelectionKey.OP_CONNECT);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CONNECT_TIMEOUT_MS);
            while (!connected) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new IOException("connect timed out after " + CONNECT_TIMEOUT_MS + " ms");
                }
                selector.select(left);
                selector.selectedKeys().clear();
                if (!running) {
                    throw new IOException("client stopped");
                }
                connected = ch.finishConnect();
            }
            key.interestOps(0);
            return ch;
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    private FpcPeer handshake(SocketChannel ch) throws IOException {
        FpcClientSettings s = settings;
        SelectionKey key = ch.keyFor(selector);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(HELLO_TIMEOUT_MS);
        ByteBuffer hello = FpcCodecs.helloFrame(new FrameWriter(), 0,
                FpcHello.client(HELLO_NAME, Integer.toUnsignedLong(s.instanceId()), s.features()));
        while (hello.hasRemaining()) {
            ch.write(hello);
            if (hello.hasRemaining()) {
                key.interestOps(SelectionKey.OP_WRITE);
                awaitReady(deadline, "sending HELLO");
            }
        }
        key.interestOps(SelectionKey.OP_READ);
        assembler.reset();
        try {
            while (!assembler.next(reader)) {
                awaitReady(deadline, "waiting for the FPM's HELLO");
                if (assembler.readFrom(ch) < 0) {
                    throw new EOFException("the FPM closed the connection before its HELLO");
                }
            }
            if (reader.type() == FpcMessageType.ERROR) {
                throw new IOException("the FPM refused our HELLO: " + FpcCodecs.parseError(reader));
            }
            if (reader.type() != FpcMessageType.HELLO) {
                throw new IOException("protocol error: " + reader.describe() + " before the FPM's HELLO");
            }
            FpcHello h = FpcCodecs.parseHello(reader);
            if (h.versionMax() < 1) {
                throw new IOException("protocol error: the FPM speaks no known version (VERSION_MAX "
                        + h.versionMax() + ")");
            }
            return new FpcPeer(h.name(), Math.min(FpcHello.PROTOCOL_VERSION, h.versionMax()),
                    h.features() == FpcHello.ABSENT ? 0 : h.features(),
                    h.epoch() == FpcHello.ABSENT ? 0 : h.epoch());
        } catch (FpcFormatException e) {
            throw new IOException("protocol error: " + e.getMessage());
        }
    }

    private void awaitReady(long deadline, String what) throws IOException {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            throw new IOException("timed out " + what + " (" + HELLO_TIMEOUT_MS + " ms)");
        }
        selector.select(left);
        selector.selectedKeys().clear();
        if (!running) {
            throw new IOException("client stopped");
        }
    }

    private void serve(SocketChannel ch) throws IOException {
        SelectionKey key = ch.keyFor(selector);
        FpcSendQueue q = queue;
        handleFrames(); // anything the FPM sent right after its HELLO
        while (running) {
            String failure = q.failure();
            if (failure != null) {
                throw new FpcSendQueue.WriteFailedException(failure);
            }
            boolean pending = q.hasPending();
            key.interestOps(SelectionKey.OP_READ | (pending ? SelectionKey.OP_WRITE : 0));
            q.evArmed(pending);
            // No timeout: every reason to look again (readable, writable, a frame queued, a failed
            // write, deactivation) wakes the selector, and a lost wake-up must show, not hide.
            selector.select();
            boolean selected = selector.selectedKeys().remove(key);
            if (!selected || !key.isValid()) {
                continue;
            }
            if (key.isReadable()) {
                if (assembler.readFrom(ch) < 0) {
                    throw new EOFException("the FPM closed the connection");
                }
                handleFrames();
            }
            if (key.isValid() && key.isWritable()) {
                q.drain();
            }
        }
    }

    /**
     * Handles the frames of one read. What the listeners are told (ERRORs, STATS_REPLYs,
     * MROUTE_STATS_REPLYs) goes to the session thread as one task, not one per frame and listener:
     * an answer to a statistics poll is one frame per interface, thousands of them every 5 s, and
     * each task was a queue node, a lambda and mostly a wake-up of that thread. A read that ends
     * inside an answer (a reply without LAST) keeps its replies for the next read, up to
     * {@link #HOLD_MAX}: an FPM that writes each reply alone wakes this thread for a frame or two.
     */
    private void handleFrames() throws IOException {
        List<Object> told = held;
        held = null;
        boolean midAnswer = false;
        boolean handled = false;
        try {
            while (assembler.next(reader)) {
                Object event;
                switch (reader.type()) {
                    case FpcMessageType.ERROR:
                        event = peerError();
                        break;
                    case FpcMessageType.HELLO:
                        throw new IOException("protocol error: a second HELLO from the FPM");
                    case FpcMessageType.STATS_REPLY:
                        event = statsReply();
                        break;
                    case FpcMessageType.MROUTE_STATS_REPLY:
                        event = mrouteStatsReply();
                        break;
                    default:
                        LOG.debug("FPC: ignoring {} from the FPM", reader.describe());
                        event = null;
                        break;
                }
                if (event != null) {
                    if (told == null) {
                        told = new ArrayList<>();
                    }
                    told.add(event);
                    midAnswer = event instanceof FpcInterfaceStats st ? !st.last()
                            : event instanceof FpcMrouteStats m && !m.last();
                }
            }
            handled = true;
        } catch (FpcFormatException e) {
            throw new IOException("protocol error: " + e.getMessage());
        } finally {
            if (told != null) {
                if (handled && midAnswer && told.size() < HOLD_MAX) {
                    held = told;
                } else {
                    tell(told); // before a protocol error's sessionDown, as when each frame was a task
                }
            }
        }
    }

    /** Replies held at the session's end go before its sessionDown. */
    private void tellHeld() {
        List<Object> h = held;
        held = null;
        if (h != null) {
            tell(h);
        }
    }

    /** @return the ERROR for the listeners, or null when unreadable */
    private FpcError peerError() {
        FpcError error;
        try {
            error = FpcCodecs.parseError(reader);
        } catch (FpcFormatException e) {
            LOG.debug("FPC: unreadable ERROR from the FPM: {}", e.getMessage());
            return null;
        }
        peerErrors.computeIfAbsent(error.code(), c -> new LongAdder()).increment();
        if (LOG.isDebugEnabled()) {
            LOG.debug("FPC: the FPM refused {}", error);
        }
        return error;
    }

    private FpcInterfaceStats statsReply() {
        try {
            return FpcCodecs.parseStatsReply(reader);
        } catch (FpcFormatException e) {
            LOG.debug("FPC: unreadable STATS_REPLY from the FPM: {}", e.getMessage());
            return null;
        }
    }

    private FpcMrouteStats mrouteStatsReply() {
        try {
            return FpcCodecs.parseMrouteStatsReply(reader);
        } catch (FpcFormatException e) {
            LOG.debug("FPC: unreadable MROUTE_STATS_REPLY from the FPM: {}", e.getMessage());
            return null;
        }
    }

    /** One session-thread task: each event in order, each to every listener, as one task per frame did. */
    private void tell(List<Object> events) {
        Object[] to = listeners.toArray();
        try {
            sessionTasks.increment();
            sessionThread.execute(() -> {
                for (int i = 0; i < events.size(); i++) {
                    Object event = events.get(i);
                    for (Object l : to) {
                        FpcSessionListener listener = (FpcSessionListener) l;
                        try {
                            if (event instanceof FpcInterfaceStats s) {
                                listener.interfaceStats(s);
                            } else if (event instanceof FpcMrouteStats m) {
                                listener.mrouteStats(m);
                            } else {
                                listener.peerError((FpcError) event);
                            }
                        } catch (RuntimeException e) {
                            LOG.warn("FPC session listener {} failed", listener, e);
                        }
                    }
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("FPC client stopping: {} replies of the FPM not handed to listeners", events.size());
        }
    }

    private void sessionUp(SocketChannel ch, FpcPeer p) {
        synchronized (sessionLock) {
            queue.open(ch);
            peer = p;
            for (FpcSessionListener l : listeners) {
                notify(l, x -> x.sessionUp(p));
            }
        }
        LOG.info("FPC session up with {} at {}: protocol {}, features 0x{}, epoch {}",
                p.name(), settings.endpoint(), p.version(), Long.toHexString(p.features()), p.epoch());
    }

    private void sessionDown(String reason) {
        int discarded;
        synchronized (sessionLock) {
            discarded = queue.close();
            peer = null;
            for (FpcSessionListener l : listeners) {
                notify(l, x -> x.sessionDown(reason));
            }
        }
        LOG.info("FPC session down: {} ({} queued frames discarded, replayed at the next session)",
                reason, discarded);
    }

    private interface ListenerCall {
        void call(FpcSessionListener l);
    }

    private void notify(FpcSessionListener listener, ListenerCall call) {
        try {
            sessionTasks.increment();
            sessionThread.execute(() -> {
                try {
                    call.call(listener);
                } catch (RuntimeException e) {
                    LOG.warn("FPC session listener {} failed", listener, e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("FPC client stopping: listener {} not notified", listener);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static void closeQuietly(SocketChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                LOG.debug("closing the FPC socket", e);
            }
        }
    }
}
