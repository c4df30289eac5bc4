package org.linuxfpsync.fpc.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

/**
 * Writing and reading a route with two next hops allocates nothing: the sync features encode on
 * the netlink reader threads, where garbage turns into pauses (bench/README.md measures the cost,
 * this test keeps the allocation at zero). Counted with the thread's allocation counter.
 */
class CodecAllocationTest {
    private static final int ROUNDS = 20_000;
    private final FrameWriter writer = new FrameWriter(ByteBuffer.allocateDirect(4096));
    private final FrameReader reader = new FrameReader();
    private final byte[] dst = {10, 9, 0, 0};
    private final byte[] gateway = {10, 1, 0, 2};
    private long sink;

    private ByteBuffer encode(int seq) {
        return writer.begin(RouteAttr.ROUTE_ADD, seq)
                .putU32(RouteAttr.VRFID, 0).putU32(RouteAttr.TABLE, 254).putU8(RouteAttr.FAMILY, 2)
                .putAddress(RouteAttr.DST, dst).putU8(RouteAttr.PREFIXLEN, 16).putU32(RouteAttr.PRIORITY, 20)
                .beginNested(RouteAttr.NEXTHOP).putAddress(NexthopAttr.GATEWAY, gateway)
                .putU64(NexthopAttr.IFUID, 0x61a1e72L).putU16(NexthopAttr.WEIGHT, 1).endNested()
                .beginNested(RouteAttr.NEXTHOP).putAddress(NexthopAttr.GATEWAY, gateway)
                .putU64(NexthopAttr.IFUID, 0x61a1e73L).putU16(NexthopAttr.WEIGHT, 2).endNested()
                .finish();
    }

    private void decode(ByteBuffer frame) throws FpcFormatException {
        reader.wrapFrame(frame);
        while (reader.nextTlv()) {
            if (reader.tlvType() == RouteAttr.NEXTHOP) {
                reader.enterNested();
                while (reader.nextTlv()) {
                    sink += reader.tlvType() == NexthopAttr.IFUID ? reader.u64() : reader.tlvLength();
                }
                reader.exitNested();
            } else {
                sink += reader.tlvLength() == 4 ? reader.u32() : reader.tlvLength();
            }
        }
    }

    @Test
    void encodingAndDecodingARouteWithTwoNextHopsAllocatesNothing() throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        for (int i = 0; i < ROUNDS; i++) {
            decode(encode(i)); // warm up: class loading and the first calls allocate
        }
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < ROUNDS; i++) {
            decode(encode(i));
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertThat(allocated).as("bytes allocated by %d encodes and decodes", ROUNDS).isLessThan(ROUNDS);
        assertThat(sink).isNotZero();
    }
}
