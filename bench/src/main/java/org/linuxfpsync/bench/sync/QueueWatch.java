package org.linuxfpsync.bench.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How full cmgrd's route socket got during a flood: samples, every millisecond, the bench
 * namespace's {@code /proc/net/netlink} (read through the C listener, which lives there) and keeps
 * the largest receive queue ({@code Rmem}, the kernel's sk_rmem_alloc: bytes of queued skbs, the
 * figure that ENOBUFS compares with the buffer) and the drops of the sockets that listen to the
 * IPv4 route group, the C listener's own left out. What a reader's pause costs in queue room is
 * then a measured figure, not an estimate.
 */
final class RouteQueueWatch implements AutoCloseable {
    /** Bit of RTNLGRP_IPV4_ROUTE (7) in /proc/net/netlink's Groups column (the first 32 groups). */
    private static final long IPV4_ROUTE_GROUP_BIT = 1L << (7 - 1);

    private final Path table;
    private final long listenerPort;
    private final Thread thread;
    private volatile boolean stop;
    private volatile long maxQueuedBytes;
    private volatile long drops;
    private volatile long samples;
    private volatile String failure;

    /** @param listenerPid the C listener's pid: its socket's port id, and its /proc/net is the bench namespace's */
    RouteQueueWatch(long listenerPid) {
        this.table = Path.of("/proc", Long.toString(listenerPid), "net", "netlink");
        this.listenerPort = listenerPid;
        this.thread = new Thread(this::run, "route-queue-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (!stop) {
                sample(Files.readAllLines(table));
                samples++;
                Thread.sleep(1);
            }
        } catch (IOException | RuntimeException e) {
            failure = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Columns: sk Eth Pid Groups Rmem Wmem Dump Locks Drops Inode (Groups in hex). */
    private void sample(List<String> lines) {
        for (int i = 1; i < lines.size(); i++) {
            String[] c = lines.get(i).trim().split("\\s+");
            if (c.length < 9 || !"0".equals(c[1])) {
                continue; // not NETLINK_ROUTE
            }
            long port = Integer.toUnsignedLong((int) Long.parseLong(c[2]));
            long groups = Long.parseLong(c[3], 16);
            if (port == listenerPort || (groups & IPV4_ROUTE_GROUP_BIT) == 0) {
                continue;
            }
            long rmem = Long.parseLong(c[4]);
            if (rmem > maxQueuedBytes) {
                maxQueuedBytes = rmem;
            }
            drops = Math.max(drops, Long.parseLong(c[8]));
        }
    }

    /** What was seen, for a row's "how": the largest queue and the drops counted by the kernel. */
    String summary() {
        return String.format(java.util.Locale.ROOT, "cmgrd's route socket queued at most %,d bytes (/proc/net/netlink "
                + "Rmem, %,d samples about 1 ms apart; kernel drops %d)%s", maxQueuedBytes, samples, drops,
                failure == null ? "" : "; sampling failed: " + failure);
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.join(5_000);
    }
}
