package org.linuxfpsync.bench.fpc;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import org.linuxfpsync.fpc.codec.FpcFormatException;
import org.linuxfpsync.fpc.codec.FrameReader;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.fpc.codec.NexthopAttr;
import org.linuxfpsync.fpc.codec.RouteAttr;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cost per ROUTE_ADD with two next hops ({@link RouteFrames}) of the FPC codec: writing it into a
 * direct buffer as a sync feature does before {@code FpcChannel.send}, and reading every TLV back,
 * next hops included, as a fast path written in Java would. Run with {@code -prof gc}: both must
 * allocate nothing per message.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RouteCodecBenchmark {
    private final FrameWriter writer = new FrameWriter(ByteBuffer.allocateDirect(4096));
    private final FrameReader reader = new FrameReader();
    private final byte[] dst = {10, 9, 0, 0};
    private ByteBuffer frame;
    private int seq;

    @Setup
    public void setup() {
        FrameWriter w = new FrameWriter(ByteBuffer.allocateDirect(4096));
        RouteFrames.write(w, 1, dst, 16);
        frame = w.finish();
    }

    @Benchmark
    public ByteBuffer encodeRouteWithTwoNextHops() {
        dst[1] = (byte) seq;
        RouteFrames.write(writer, seq++, dst, 16);
        return writer.finish();
    }

    @Benchmark
    public void decodeRouteWithTwoNextHops(Blackhole bh) throws FpcFormatException {
        reader.wrapFrame(frame);
        long sum = reader.type();
        while (reader.nextTlv()) {
            switch (reader.tlvType()) {
                case RouteAttr.VRFID: case RouteAttr.TABLE: case RouteAttr.PRIORITY:
                    sum += reader.u32();
                    break;
                case RouteAttr.FAMILY: case RouteAttr.PREFIXLEN: case RouteAttr.TYPE: case RouteAttr.PROTOCOL:
                case RouteAttr.SCOPE:
                    sum += reader.u8();
                    break;
                case RouteAttr.DST:
                    sum += reader.u32(); // an IPv4 address read in place, as a fast path keys its table
                    break;
                case RouteAttr.NEXTHOP:
                    reader.enterNested();
                    while (reader.nextTlv()) {
                        switch (reader.tlvType()) {
                            case NexthopAttr.GATEWAY: case NexthopAttr.FLAGS: sum += reader.u32(); break;
                            case NexthopAttr.IFUID: sum += reader.u64(); break;
                            case NexthopAttr.WEIGHT: sum += reader.u16(); break;
                            default: break;
                        }
                    }
                    reader.exitNested();
                    break;
                default:
                    break;
            }
        }
        bh.consume(sum);
    }
}
