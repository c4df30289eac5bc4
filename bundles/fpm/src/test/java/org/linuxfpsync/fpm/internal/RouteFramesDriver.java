package org.linuxfpsync.fpm.internal;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;

import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.fpc.codec.RouteAttr;

/**
 * Not a test: a driver for profiling (issue #23) that feeds ROUTE_ADD frames (a startup), the same
 * again (a replay) and ROUTE_DEL frames through one {@link FpmSession}, in reads of 64 KiB as a
 * socket gives them, and prints the session thread's CPU time and allocated bytes per phase.
 * {@code java -cp <test classpath> org.linuxfpsync.fpm.internal.RouteFramesDriver [routes] [rounds] [listener]}
 */
public final class RouteFramesDriver {
    private RouteFramesDriver() {
    }

    public static void main(String[] args) throws Exception {
        int routes = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        boolean listener = args.length > 2 && args[2].equals("listener");
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        byte[] adds = frames(routes, RouteAttr.ROUTE_ADD);
        byte[] dels = frames(routes, RouteAttr.ROUTE_DEL);
        for (int round = 0; round < rounds; round++) {
            FpmTables tables = new FpmTables();
            long[] applied = new long[1];
            if (listener) {
                tables.appliedListener((type, o) -> applied[0]++);
            }
            FpmCounters counters = new FpmCounters();
            long[] replies = new long[1];
            FpmSession session = new FpmSession(tables, counters, 0x1ffff, () -> 1, f -> replies[0]++, () -> { });
            byte[] hello = Frames.copy(org.linuxfpsync.fpc.codec.FpcCodecs.helloFrame(new FrameWriter(), 0,
                    org.linuxfpsync.fpc.codec.FpcHello.client("driver", 0, 0x1ffff)));
            session.receive(hello, 0, hello.length);
            for (String phase : new String[] {"add", "replay", "del"}) {
                byte[] bytes = phase.equals("del") ? dels : adds;
                long cpu0 = threads.getCurrentThreadCpuTime();
                long process0 = os.getProcessCpuTime();
                long alloc0 = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
                long wall0 = System.nanoTime();
                for (int off = 0; off < bytes.length; off += 65536) {
                    if (!session.receive(bytes, off, Math.min(65536, bytes.length - off))) {
                        throw new IllegalStateException(session.closeReason());
                    }
                }
                if (replies[0] != 1) {
                    throw new IllegalStateException(replies[0] - 1 + " frames refused");
                }
                long cpu = threads.getCurrentThreadCpuTime() - cpu0;
                long process = os.getProcessCpuTime() - process0; // with the collector's threads
                long alloc = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - alloc0;
                long wall = System.nanoTime() - wall0;
                System.out.printf("round %d %-6s %d routes: cpu %.3f s (process %.3f s), wall %.3f s, allocated %.1f MB (%d B/frame), rows %d%n",
                        round, phase, routes, cpu / 1e9, process / 1e9, wall / 1e9, alloc / 1e6, alloc / routes,
                        tables.sizes().get("routes"));
            }
        }
    }

    /** {@code routes} frames of 10.x.y.0/24 .. (IPv4, as a full table has), through one gateway. */
    private static byte[] frames(int routes, int type) {
        FrameWriter w = new FrameWriter();
        ByteBuffer all = ByteBuffer.allocate(routes * 120);
        for (int i = 0; i < routes; i++) {
            w.begin(type, i + 1).putU32(RouteAttr.VRFID, 0).putU32(RouteAttr.TABLE, 254)
                    .putU8(RouteAttr.FAMILY, 2)
                    .putAddress(RouteAttr.DST, new byte[] {(byte) (1 + (i >>> 16)), (byte) (i >>> 8), (byte) i, 0})
                    .putU8(RouteAttr.PREFIXLEN, 24);
            if (type == RouteAttr.ROUTE_ADD) {
                w.putU8(RouteAttr.PROTOCOL, 186).putU8(RouteAttr.SCOPE, 0).putU8(RouteAttr.TYPE, 1)
                        .beginNested(RouteAttr.NEXTHOP)
                        .putAddress(org.linuxfpsync.fpc.codec.NexthopAttr.GATEWAY, new byte[] {10, 0, 0, 1})
                        .putU64(org.linuxfpsync.fpc.codec.NexthopAttr.IFUID, 7)
                        .endNested();
            }
            all.put(w.finish());
        }
        byte[] out = new byte[all.position()];
        all.flip().get(out);
        return out;
    }
}
