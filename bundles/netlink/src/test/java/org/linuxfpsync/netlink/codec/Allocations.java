package org.linuxfpsync.netlink.codec;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Assumptions;

/** Bytes the current thread allocates while running a decode loop, after a warm-up (HotSpot's per-thread counter). */
final class Allocations {
    /** A decode step that returns something derived from what it read, so that it is not optimised away. */
    interface Decode {
        long run() throws NetlinkFormatException;
    }

    /**
     * What the measurement itself may allocate over the 100,000 runs (JIT, the counter): less than
     * one byte per run, where any allocation per message would be at least 16 bytes per run.
     */
    static final long NOISE_BYTES = 64 * 1024;

    private Allocations() {
    }

    /** Runs {@code decode} 20,000 times to warm up, then measures 100,000 runs. */
    static long bytesAllocatedBy(Decode decode) throws NetlinkFormatException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported());
        threads.setThreadAllocatedMemoryEnabled(true);
        long checksum = 0;
        for (int i = 0; i < 20_000; i++) {
            checksum += decode.run();
        }
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 100_000; i++) {
            checksum += decode.run();
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        if (checksum == 42) {
            System.out.print(""); // keep the checksum alive
        }
        return allocated;
    }
}
