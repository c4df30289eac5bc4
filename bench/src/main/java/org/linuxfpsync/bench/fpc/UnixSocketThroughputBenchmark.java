package org.linuxfpsync.bench.fpc;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.fpc.codec.RouteAttr;
import org.linuxfpsync.fpc.internal.FpcClient;
import org.linuxfpsync.fpm.internal.FpmServer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Frames per second from the FPC client to the reference FPM through a Unix socket on this
 * machine, counted when the FPM has applied them: each invocation sends a batch of ROUTE_ADDs
 * with two next hops ({@link RouteFrames}), 65536 distinct /24 prefixes in turn, through
 * {@code FpcClient.send} (queue, backpressure and all), then waits until the FPM's session has
 * decoded, validated and stored every one. Both ends run in this JVM, each on its own threads, as
 * the embedded FPM does in Karaf.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class UnixSocketThroughputBenchmark {
    private static final int BATCH = 1000;

    private final FrameWriter writer = new FrameWriter(ByteBuffer.allocateDirect(4096));
    private final byte[] dst = {10, 0, 0, 0};
    private Path dir;
    private FpmServer fpm;
    private FpcClient client;
    private long sent;
    private int seq;
    /** ROUTE_ADDs the FPM has applied (stored in its table), counted by its applied listener. */
    private final AtomicLong applied = new AtomicLong();

    @Setup
    public void setup() throws Exception {
        dir = Files.createTempDirectory("fpc-bench");
        String endpoint = "unix:" + dir.resolve("fpc.sock");
        fpm = new FpmServer();
        fpm.activate(Map.of("endpoint", endpoint));
        // Applied, not received: a frame counts once the FPM has decoded, validated and stored it.
        fpm.setAppliedListener((type, object) -> {
            if (type == RouteAttr.ROUTE_ADD) {
                applied.incrementAndGet();
            }
        });
        client = new FpcClient();
        client.activate(Map.of("endpoint", endpoint));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (client.peer() == null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no FPC session within 30 s");
            }
            Thread.sleep(10);
        }
        sent = 0;
        applied.set(0);
    }

    @TearDown
    public void tearDown() throws Exception {
        client.deactivate();
        fpm.deactivate();
        Files.deleteIfExists(dir.resolve("fpc.sock"));
        Files.deleteIfExists(dir);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long routeAddsAppliedByTheFpm() {
        for (int i = 0; i < BATCH; i++) {
            int n = seq++;
            dst[1] = (byte) (n >>> 8);
            dst[2] = (byte) n;
            RouteFrames.write(writer, n, dst, 24);
            if (!client.send(writer.finish())) {
                throw new IllegalStateException("FPC session lost");
            }
        }
        sent += BATCH;
        while (applied.get() < sent) {
            LockSupport.parkNanos(200_000);
        }
        return sent;
    }
}
