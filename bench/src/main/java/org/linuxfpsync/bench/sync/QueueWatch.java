package org.linuxfpsync.bench.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How full cmgrd's rtnetlink sockets got during a churn phase: samples, every 10 ms, the
 * bench namespace's {@code /proc/net/netlink} (read through the C listener, which lives there) and
 * keeps the largest receive queue ({@code Rmem}, the kernel's sk_rmem_alloc: bytes of queued skbs,
 * the figure an overflow compares with the buffer), which socket (its multicast groups) and when,
 * and the drops of those sockets; the C listener's own socket is left out. How close to an ENOBUFS
 * a phase came is then a measured figure, not only whether it overflowed.
 */
final class QueueWatch implements AutoCloseable {
    /**
     * Between samples: a queue takes tens of milliseconds to build towards an overflow (16 MiB is
     * ~20,000 route notifications, 0.15 s of flood), and each sample reads and parses a /proc file in
     * the harness, on the two cores the kernel, cmgrd and the FPM share (every 1 ms, the 100k churns'
     * end-to-end rows went from ~1.35x to ~2x).
     */
    static final long SAMPLE_MILLIS = 10;
    private final Path table;
    private final long listenerPort;
    private final Thread thread;
    private final long start = System.nanoTime();
    private volatile boolean stop;
    private volatile long maxQueuedBytes;
    private volatile String maxGroups = "-";
    private volatile long maxAtNanos;
    private volatile long drops;
    /** The drops at the first sample, and when they first grew: the first overflow of the phase. */
    private long dropsAtStart = -1;
    private volatile long firstDropNanos = -1;
    private volatile long maxBeforeDrop;
    private volatile long samples;
    private volatile String failure;

    /** @param listenerPid the C listener's pid: its socket's port id, and its /proc/net is the bench namespace's */
    QueueWatch(long listenerPid) {
        this.table = Path.of("/proc", Long.toString(listenerPid), "net", "netlink");
        this.listenerPort = listenerPid;
        this.thread = new Thread(this::run, "queue-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (!stop) {
                sample(Files.readAllBytes(table));
                samples++;
                Thread.sleep(SAMPLE_MILLIS);
            }
        } catch (IOException | RuntimeException e) {
            failure = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Columns: sk Eth Pid Groups Rmem Wmem Dump Locks Drops Inode (Pid unsigned, Groups in hex).
     * Parsed from the bytes, without a string per line or a regular expression per split: the
     * sampling shares the cores it measures.
     */
    private void sample(byte[] text) {
        long now = System.nanoTime();
        long dropsNow = 0;
        long[] c = columns;
        int at = nextLine(text, 0); // the header
        while (at < text.length) {
            int end = nextLine(text, at);
            int n = parseLine(text, at, end, c);
            at = end;
            // NETLINK_ROUTE sockets in multicast groups (listening), the C listener's left out
            if (n < 9 || c[1] != 0 || c[2] == listenerPort || c[3] == 0) {
                continue;
            }
            long rmem = c[4];
            if (rmem > maxQueuedBytes) {
                maxQueuedBytes = rmem;
                maxGroups = String.format(Locale.ROOT, "%08x", c[3]);
                maxAtNanos = now - start;
            }
            dropsNow += c[8];
        }
        if (dropsAtStart < 0) {
            dropsAtStart = dropsNow;
        }
        if (firstDropNanos < 0) {
            if (dropsNow > dropsAtStart) {
                firstDropNanos = now - start;
            } else {
                maxBeforeDrop = maxQueuedBytes;
            }
        }
        drops = dropsNow;
    }

    /** The numbers of a line's columns, reused sample after sample (one thread). */
    private final long[] columns = new long[10];

    private static int nextLine(byte[] text, int from) {
        int i = from;
        while (i < text.length && text[i] != '\n') {
            i++;
        }
        return i + 1;
    }

    /** Reads the line's whitespace-separated columns as hexadecimal (the Groups column) or decimal numbers: how many. */
    private static int parseLine(byte[] text, int from, int end, long[] into) {
        int n = 0;
        int i = from;
        int stop = Math.min(end, text.length);
        while (n < into.length) {
            while (i < stop && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n')) {
                i++;
            }
            if (i >= stop) {
                break;
            }
            int radix = n == 3 || n == 0 ? 16 : 10;
            long v = 0;
            while (i < stop && text[i] != ' ' && text[i] != '\t' && text[i] != '\n') {
                v = v * radix + Character.digit(text[i], radix);
                i++;
            }
            into[n++] = v;
        }
        return n;
    }

    /** What was seen, for a row's "how". */
    String summary() {
        return String.format(Locale.ROOT, "the largest receive queue of cmgrd's rtnetlink sockets: %,d bytes (/proc/net/"
                + "netlink Rmem, the socket of groups 0x%s, %.2f s into the phase; %,d samples about 10 ms apart; their "
                + "drops so far %d%s)%s", maxQueuedBytes, maxGroups, maxAtNanos / 1e9, samples, drops,
                firstDropNanos < 0 ? "" : String.format(Locale.ROOT, "; the first drop of the phase %.2f s into it, "
                        + "the largest queue before it %,d bytes", firstDropNanos / 1e9, maxBeforeDrop),
                failure == null ? "" : "; sampling failed: " + failure);
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.join(5_000);
    }
}
