package org.linuxfpsync.bench.sync;

import java.io.IOException;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

import org.linuxfpsync.fpc.codec.ConntrackAttr;
import org.linuxfpsync.fpc.codec.RouteAttr;
import org.linuxfpsync.fpm.FpmInterface;
import org.linuxfpsync.fpm.FpmObject;
import org.linuxfpsync.fpm.internal.AppliedFrame;
import org.linuxfpsync.fpm.internal.FpmAppliedListener;
import org.linuxfpsync.fpm.internal.FpmServer;

/**
 * The reference FPM in the harness's JVM, a process of its own beside the cache manager's: its
 * tables are not in the cache manager's heap, and each change it applies is timestamped here with
 * {@link System#nanoTime()} (the clock of the harness, which also timestamps the kernel changes).
 */
final class BenchFpm implements FpmAppliedListener {
    /** First octet of the routes whose latency is measured: route i is 30.x.y.z with x.y.z = i. */
    static final int LATENCY_OCTET = 30;

    private final FpmServer server = new FpmServer();
    private volatile long lastApplied;
    private volatile int watchedVrf = -1;
    private volatile long firstAppliedInWatchedVrf;
    private volatile long[] latencyApplied;
    /** For route i of the latency block, when the FPM's read that completed its ROUTE_ADD returned. */
    private volatile long[] latencyRead;
    /** When the session's last read returned: written and read on the session's thread only. */
    private long lastRead;
    /** The flows of the counted vrf the FPM holds, by key: a CT_ADD of a key not in it is a new flow. */
    private final Set<List<Object>> flows = new HashSet<>();
    private volatile int flowVrf = -1;
    private volatile long flowsInserted;
    private volatile long flowsDeleted;

    private boolean running;

    /** {@link #awaitCount}'s look without a wake-up: for the changes no listener call follows. */
    private static final long COUNT_POLL_NANOS = 10_000_000L;
    /** The thread in {@link #awaitCount}, null when none, and the count it waits for. */
    private volatile Thread countWaiter;
    private volatile String countTable;
    private volatile long countExpected;

    synchronized void start(String endpoint) throws IOException {
        server.setAppliedListener(this);
        server.activate(Map.of("endpoint", endpoint, "features", "0x1ffff"));
        running = true;
    }

    synchronized void stop() {
        if (running) {
            running = false;
            server.deactivate();
        }
    }

    /** Wakes {@link #awaitCount}'s thread once the table it waits on holds the count: on the session's thread. */
    private void wakeCountWaiter() {
        Thread waiter = countWaiter;
        if (waiter != null && server.tableSize(countTable) == countExpected) {
            LockSupport.unpark(waiter);
        }
    }

    @Override
    public void read(long nanoTime) {
        lastRead = nanoTime;
    }

    /**
     * A route: decoded only when its object is read here (the latency block, the counted flows' vrf);
     * the rest of a million-route startup is timestamped from the frame's vrf alone, as the FPM
     * without a listener applies it (issue #23).
     */
    @Override
    public void appliedFrame(int type, AppliedFrame frame) {
        if (latencyApplied != null || frame.vrfid() == flowVrf) {
            applied(type, frame.object());
            return;
        }
        long now = System.nanoTime();
        lastApplied = now;
        int vrf = watchedVrf;
        if (vrf >= 0 && firstAppliedInWatchedVrf == 0 && frame.vrfid() == vrf) {
            firstAppliedInWatchedVrf = now;
        }
        wakeCountWaiter();
    }

    @Override
    public void applied(int type, Object object) {
        long now = System.nanoTime();
        lastApplied = now;
        int vrf = watchedVrf;
        if (vrf >= 0 && firstAppliedInWatchedVrf == 0) {
            int v = object instanceof FpmObject ? ((FpmObject) object).vrfid()
                    : object instanceof FpmInterface ? ((FpmInterface) object).vrfid() : -1;
            if (v == vrf) {
                firstAppliedInWatchedVrf = now;
            }
        }
        if (object instanceof FpmObject && ((FpmObject) object).vrfid() == flowVrf) {
            countFlow(type, (FpmObject) object);
        }
        long[] lat = latencyApplied;
        if (lat != null && type == RouteAttr.ROUTE_ADD && object instanceof FpmObject) {
            Object dst = ((FpmObject) object).fields().get("DST");
            if (dst instanceof Inet4Address) {
                byte[] b = ((Inet4Address) dst).getAddress();
                if ((b[0] & 0xff) == LATENCY_OCTET) {
                    int i = (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
                    if (i < lat.length && lat[i] == 0) {
                        lat[i] = now;
                        long[] read = latencyRead;
                        if (read != null) {
                            read[i] = lastRead;
                        }
                    }
                }
            }
        }
        wakeCountWaiter();
    }

    /** Called on the FPM's session thread only: the set needs no lock. */
    private void countFlow(int type, FpmObject flow) {
        if (type == ConntrackAttr.CT_ADD && flows.add(flow.key())) {
            flowsInserted++;
        } else if (type == ConntrackAttr.CT_DEL && flows.remove(flow.key())) {
            flowsDeleted++;
        }
    }

    /**
     * From now on, counts the flows of {@code vrfid} the FPM inserts (a CT_ADD of a key it did not
     * hold) and deletes (CT_DEL), starting from the flows it holds; call it while no flow of the vrf
     * changes.
     */
    void countFlows(int vrfid) {
        flowVrf = -1;
        flows.clear();
        for (FpmObject o : server.objects("conntrack")) {
            if (o.vrfid() == vrfid) {
                flows.add(o.key());
            }
        }
        flowsInserted = 0;
        flowsDeleted = 0;
        flowVrf = vrfid;
    }

    /** {inserted, deleted} flows of the counted vrf since {@link #countFlows}. */
    long[] flowCounts() {
        return new long[] {flowsInserted, flowsDeleted};
    }

    /** Objects the replays' sweeps deleted so far, every table (a flow whose DESTROY an overflow lost). */
    long swept() {
        return server.stats().objectsSwept();
    }

    /** Rows of a table ({@code interfaces}, {@code routes}, {@code neighbours}...), every vrf. */
    long count(String table) {
        return server.tableSize(table);
    }

    /** The FPM's tables as one JSON document (docs/fpm-dump.md): routes as `ip -j route show table all` writes them. */
    String dumpJson() {
        return server.dumpJson();
    }

    /** The member ids of nexthop group {@code id} as the FPM holds it (any vrf), empty when none. */
    List<Long> groupMembers(long id) {
        for (FpmObject o : server.objects("nexthops")) {
            if (o.number("ID", -1) == id && o.fields().get("MEMBER") instanceof List) {
                List<Long> members = new ArrayList<>();
                for (Object m : (List<?>) o.fields().get("MEMBER")) {
                    Object member = ((Map<?, ?>) m).get("ID");
                    members.add(member instanceof Long ? (Long) member : -1L);
                }
                return members;
            }
        }
        return List.of();
    }

    /**
     * Runs the route path of the FPM (and of this listener) on a private FPM in this JVM before a
     * startup row: {@code routes} ROUTE_ADDs shaped as cmgrd writes the bench's routes (IPv4 /32
     * via a gateway, one next hop, an output interface), then their ROUTE_DELs, through a Unix
     * socket, so that C2 has compiled that path when the row begins. The FPM stands in for a fast
     * path, which is not a fresh JVM: unwarmed, its compilations were 0.55 s of the FPM's JVM in
     * the 1,000,000-route startup row, on the cores that cmgrd and the kernel share. cmgrd's own
     * JIT stays in the row. This FPM's tables are untouched.
     *
     * @return the nanoseconds it took
     */
    static long warmUpRoutePath(java.nio.file.Path dir, int routes) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        java.nio.file.Path socket = dir.resolve("fpm-warm-up.sock");
        BenchFpm warm = new BenchFpm();
        warm.start("unix:" + socket);
        try (java.nio.channels.SocketChannel ch = java.nio.channels.SocketChannel.open(
                java.net.UnixDomainSocketAddress.of(socket))) {
            org.linuxfpsync.fpc.codec.FrameWriter w = new org.linuxfpsync.fpc.codec.FrameWriter();
            writeAll(ch, org.linuxfpsync.fpc.codec.FpcCodecs.helloFrame(w, 0,
                    org.linuxfpsync.fpc.codec.FpcHello.client("bench-warm-up", 1, 0x1ffffL)));
            java.nio.ByteBuffer batch = java.nio.ByteBuffer.allocateDirect(64 * 1024);
            for (boolean add : new boolean[] {true, false}) {
                for (int i = 0; i < routes; i++) {
                    if (add && i % WARM_UP_OTHERS_EVERY == 0) {
                        // A startup's other frames, among the routes while C2 profiles their path: seen only
                        // afterwards, each recompiled the session's loop (FpmSession.handle, .object).
                        for (java.nio.ByteBuffer other : warmUpOthers(w, i / WARM_UP_OTHERS_EVERY)) {
                            batch = put(ch, batch, other);
                        }
                    }
                    batch = put(ch, batch, warmUpRoute(w, i + 1, i, add));
                }
                writeAll(ch, batch.flip());
                batch.clear();
                long deadline = System.nanoTime() + 60_000_000_000L;
                if (warm.awaitCount("routes", add ? routes : 0, deadline) < 0) {
                    throw new IOException("the warm-up FPM did not apply its " + routes + " routes within 60 s");
                }
            }
        } finally {
            warm.stop();
        }
        return System.nanoTime() - t0;
    }

    private static final byte[] WARM_UP_GATEWAY = {10, 0, 0, 2};
    private static final long WARM_UP_IFUID = 0x2_0000_0002L;

    /** Route i, 20.x.y.z/32 via 10.0.0.2, as cmgrd writes `ip route add ... via 10.0.0.2 dev v0` (RouteFrames). */
    private static java.nio.ByteBuffer warmUpRoute(org.linuxfpsync.fpc.codec.FrameWriter w, int seq, int i, boolean add) {
        byte[] dst = {20, (byte) (i >>> 16), (byte) (i >>> 8), (byte) i};
        w.begin(add ? RouteAttr.ROUTE_ADD : RouteAttr.ROUTE_DEL, seq)
                .putU32(RouteAttr.VRFID, 2)
                .putU32(RouteAttr.TABLE, 254)
                .putU8(RouteAttr.FAMILY, 2)
                .putBytes(RouteAttr.DST, dst)
                .putU8(RouteAttr.PREFIXLEN, 32);
        if (add) {
            w.putU8(RouteAttr.TYPE, 1)
                    .putU8(RouteAttr.PROTOCOL, 3)
                    .putU8(RouteAttr.SCOPE, 0)
                    .beginNested(RouteAttr.NEXTHOP)
                    .putBytes(org.linuxfpsync.fpc.codec.NexthopAttr.GATEWAY, WARM_UP_GATEWAY)
                    .putU64(org.linuxfpsync.fpc.codec.NexthopAttr.IFUID, WARM_UP_IFUID)
                    .endNested();
        }
        return w.putU64(RouteAttr.OIF_IFUID, WARM_UP_IFUID).finish();
    }

    /** Routes of the warm-up between two rounds of {@link #warmUpOthers}. */
    private static final int WARM_UP_OTHERS_EVERY = 5_000;

    /**
     * An interface created and deleted, and an empty replay of the neighbours around it: frames of
     * the other kinds a startup sends (each frame copied, the writer being reused).
     */
    private static java.util.List<java.nio.ByteBuffer> warmUpOthers(org.linuxfpsync.fpc.codec.FrameWriter w, int k) {
        long ifuid = 0x2_0001_0000L + k;
        return java.util.List.of(
                copy(w.begin(org.linuxfpsync.fpc.codec.InterfaceAttr.IF_CREATE, 0)
                        .putU64(org.linuxfpsync.fpc.codec.InterfaceAttr.IFUID, ifuid)
                        .putU32(org.linuxfpsync.fpc.codec.InterfaceAttr.VRFID, 2)
                        .putU32(org.linuxfpsync.fpc.codec.InterfaceAttr.IFINDEX, 0x10000 + k)
                        .putString(org.linuxfpsync.fpc.codec.InterfaceAttr.IFNAME, "warm" + k).finish()),
                copy(w.begin(org.linuxfpsync.fpc.codec.FpcMessageType.GR_BEGIN, 0)
                        .putU8(org.linuxfpsync.fpc.codec.GrAttr.FAMILY,
                                org.linuxfpsync.fpc.codec.NeighbourAttr.FAMILY_NEIGHBOURS)
                        .putU32(org.linuxfpsync.fpc.codec.GrAttr.VRFID, 2).finish()),
                copy(w.begin(org.linuxfpsync.fpc.codec.FpcMessageType.GR_END, 0)
                        .putU8(org.linuxfpsync.fpc.codec.GrAttr.FAMILY,
                                org.linuxfpsync.fpc.codec.NeighbourAttr.FAMILY_NEIGHBOURS)
                        .putU32(org.linuxfpsync.fpc.codec.GrAttr.VRFID, 2).finish()),
                copy(w.begin(org.linuxfpsync.fpc.codec.InterfaceAttr.IF_DELETE, 0)
                        .putU64(org.linuxfpsync.fpc.codec.InterfaceAttr.IFUID, ifuid)
                        .putU32(org.linuxfpsync.fpc.codec.InterfaceAttr.VRFID, 2).finish()));
    }

    private static java.nio.ByteBuffer copy(java.nio.ByteBuffer frame) {
        java.nio.ByteBuffer c = java.nio.ByteBuffer.allocate(frame.remaining());
        return c.put(frame).flip();
    }

    /** Adds a frame to the batch, writing the batch first when it is full; the batch. */
    private static java.nio.ByteBuffer put(java.nio.channels.SocketChannel ch, java.nio.ByteBuffer batch,
                                           java.nio.ByteBuffer frame) throws IOException {
        if (batch.remaining() < frame.remaining()) {
            writeAll(ch, batch.flip());
            batch.clear();
        }
        return batch.put(frame);
    }

    private static void writeAll(java.nio.channels.SocketChannel ch, java.nio.ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** Frames of one type received ({@code ROUTE_ADD}...), every session. */
    long received(String type) {
        return server.stats().received(type);
    }

    long sessions() {
        return server.stats().sessionsAccepted();
    }

    /** nanoTime of the last change applied. */
    long lastApplied() {
        return lastApplied;
    }

    /** From now on, records when the first change of {@code vrfid} is applied. */
    void watchVrf(int vrfid) {
        firstAppliedInWatchedVrf = 0;
        watchedVrf = vrfid;
    }

    long firstAppliedInWatchedVrf() {
        return firstAppliedInWatchedVrf;
    }

    /**
     * Starts recording, for route i of the latency block, when its ROUTE_ADD is applied and when
     * the read that brought it returned (null, null: stops).
     */
    void recordLatency(long[] applied, long[] read) {
        latencyRead = read;
        latencyApplied = applied;
    }

    /**
     * Waits until {@code table} holds {@code expected} rows: woken by the session's thread when a
     * change it applied makes the count (the change's own timestamp is the figure, not the wake-up),
     * and looks again every {@link #COUNT_POLL_NANOS} for a change the listener is not told of (a
     * replay's sweep). It polled every millisecond: over a 33 s link deletion phase, 33,000 wake-ups
     * and snapshots of every counter, on the cores the FPM, cmgrd and the kernel share.
     *
     * @return the nanoTime of the last change applied when it did, or -1 at the deadline
     */
    long awaitCount(String table, long expected, long deadlineNanos) throws InterruptedException {
        countTable = table;
        countExpected = expected;
        countWaiter = Thread.currentThread();
        try {
            while (true) {
                if (count(table) == expected) {
                    return lastApplied;
                }
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return -1;
                }
                LockSupport.parkNanos(this, Math.min(left, COUNT_POLL_NANOS));
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        } finally {
            countWaiter = null;
        }
    }
}
