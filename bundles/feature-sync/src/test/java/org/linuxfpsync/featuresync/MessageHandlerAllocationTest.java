package org.linuxfpsync.featuresync;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;
import org.linuxfpsync.netlink.codec.NetlinkFormatException;
import org.linuxfpsync.netlink.codec.NlMsg;

/**
 * The handlers of one subscription ({@link MessageHandler#all}) are given each message without an
 * allocation per message (issue #23: the bridge and VXLAN features hear every neighbour of the vrf,
 * and iterating their handlers allocated an iterator per message). Counted with the thread's
 * allocation counter.
 */
class MessageHandlerAllocationTest {
    private static final int MESSAGES = 200_000;

    /** Three handler classes, as a real subscription has several: the call site sees each of them. */
    private static final class Counts implements MessageHandler {
        long seen;

        @Override
        public void apply(NlMsg message, boolean fromDump) {
            seen += message.type();
        }
    }

    private static final class Flags implements MessageHandler {
        long seen;

        @Override
        public void apply(NlMsg message, boolean fromDump) {
            seen += message.flags();
        }
    }

    private static final class Lengths implements MessageHandler {
        long seen;

        @Override
        public void apply(NlMsg message, boolean fromDump) {
            seen += message.length();
        }
    }

    @Test
    void giving_a_message_to_every_handler_allocates_nothing() throws Exception {
        Counts counts = new Counts();
        Flags flags = new Flags();
        Lengths lengths = new Lengths();
        MessageHandler all = MessageHandler.all(counts, flags, lengths);
        MessageHandler pair = MessageHandler.all(lengths, counts);
        ByteBuffer buffer = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
        buffer.putInt(0, 16).putShort(4, (short) 28).putShort(6, (short) 0).putInt(8, 1).putInt(12, 0);
        NlMsg message = new NlMsg().wrap(buffer, 0, 16);
        for (int i = 0; i < MESSAGES; i++) {
            apply(all, pair, message); // warm up: the first calls load classes and run interpreted
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < MESSAGES; i++) {
            apply(all, pair, message);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        assertThat(counts.seen).isEqualTo(4L * MESSAGES * 28);
        assertThat(allocated).as("bytes allocated by %d messages given to two groups of handlers", MESSAGES)
                .isLessThan(MESSAGES);
    }

    private static void apply(MessageHandler all, MessageHandler pair, NlMsg message) throws NetlinkFormatException {
        try {
            all.apply(message, false);
            pair.apply(message, false);
        } catch (ObjectRefused e) {
            throw new AssertionError(e);
        }
    }
}
