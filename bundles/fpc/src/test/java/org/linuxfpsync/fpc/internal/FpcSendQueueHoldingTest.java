package org.linuxfpsync.fpc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.linuxfpsync.fpc.codec.FrameAssembler;
import org.linuxfpsync.fpc.codec.FrameReader;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.fpc.codec.InterfaceAttr;

/**
 * Frames of a thread that flushes before it waits (a netlink reader) are written together at its
 * next flush; nothing is reordered, lost or left behind.
 */
class FpcSendQueueHoldingTest {
    /** A socket that takes everything, one write call per element. */
    private static final class RecordingSocket implements WritableByteChannel {
        final List<byte[]> writes = new ArrayList<>();

        @Override
        public int write(ByteBuffer src) {
            byte[] b = new byte[src.remaining()];
            src.get(b);
            writes.add(b);
            return b.length;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }

        /** The seqs of the frames of each write, in order. */
        List<List<Integer>> seqsPerWrite() throws Exception {
            List<List<Integer>> all = new ArrayList<>();
            for (byte[] w : writes) {
                FrameAssembler a = new FrameAssembler();
                a.append(w, 0, w.length);
                FrameReader r = new FrameReader();
                List<Integer> seqs = new ArrayList<>();
                while (a.next(r)) {
                    seqs.add(r.seq());
                }
                assertThat(a.buffered()).as("a write ends on a frame boundary").isZero();
                all.add(seqs);
            }
            return all;
        }
    }

    private final RecordingSocket socket = new RecordingSocket();
    private final FpcSendQueue queue = new FpcSendQueue(16, () -> { });
    private final FrameWriter writer = new FrameWriter();

    private ByteBuffer frame(int seq) {
        return writer.begin(InterfaceAttr.IF_DELETE, seq).putU64(InterfaceAttr.IFUID, seq).finish();
    }

    private void sendFromAnotherThread(int seq) throws InterruptedException {
        Thread other = new Thread(() -> queue.send(new FrameWriter().begin(InterfaceAttr.IF_DELETE, seq)
                .putU64(InterfaceAttr.IFUID, seq).finish()), "not-flushing");
        other.start();
        other.join();
    }

    @Test
    void framesOfAThreadThatFlushesLeaveInOneWriteAtItsNextFlush() throws Exception {
        queue.open(socket);
        queue.holdFrames(true);
        queue.flush();
        for (int seq = 1; seq <= 3; seq++) {
            assertThat(queue.send(frame(seq))).isTrue();
        }
        assertThat(socket.writes).isEmpty();
        assertThat(queue.heldFrames()).isEqualTo(3);

        queue.flush();

        assertThat(socket.seqsPerWrite()).containsExactly(List.of(1, 2, 3));
        assertThat(queue.heldFrames()).isZero();
        assertThat(queue.stats().sent()).isEqualTo(3);
        assertThat(queue.stats().directly()).isEqualTo(3);
    }

    @Test
    void aFrameOfAThreadThatNeverFlushesPushesOutWhatIsHeldFirst() throws Exception {
        queue.open(socket);
        queue.holdFrames(true);
        queue.flush();
        queue.send(frame(1));
        queue.send(frame(2));

        sendFromAnotherThread(3);

        assertThat(socket.seqsPerWrite()).containsExactly(List.of(1, 2), List.of(3));
        queue.send(frame(4));
        queue.flush();
        assertThat(socket.seqsPerWrite()).containsExactly(List.of(1, 2), List.of(3), List.of(4));
    }

    @Test
    void withoutHoldingAThreadThatFlushesWritesEachFrameAtOnce() throws Exception {
        queue.open(socket);
        queue.flush();
        queue.send(frame(1));
        queue.send(frame(2));

        assertThat(socket.seqsPerWrite()).containsExactly(List.of(1), List.of(2));
    }

    @Test
    void turningHoldingOffWritesWhatIsHeldAndHoldsNothingAfterwards() throws Exception {
        queue.open(socket);
        queue.holdFrames(true);
        queue.flush();
        queue.send(frame(1));
        queue.send(frame(2));

        queue.holdFrames(false);
        assertThat(socket.seqsPerWrite()).containsExactly(List.of(1, 2));

        queue.send(frame(3));
        assertThat(socket.seqsPerWrite()).containsExactly(List.of(1, 2), List.of(3));
    }

    @Test
    void heldFramesAreWrittenWhenTheyFillTheBufferWithoutWaitingForTheFlush() throws Exception {
        queue.open(socket);
        queue.holdFrames(true);
        queue.flush();
        int size = frame(0).remaining();
        int fit = FpcSendQueue.HELD_BYTES / size;
        for (int seq = 1; seq <= fit + 1; seq++) {
            queue.send(frame(seq));
        }

        List<List<Integer>> writes = socket.seqsPerWrite();
        assertThat(writes).hasSize(1);
        assertThat(writes.get(0)).hasSize(fit).startsWith(1).endsWith(fit).isSorted();
        assertThat(queue.heldFrames()).isEqualTo(1);
        queue.flush();
        assertThat(socket.seqsPerWrite()).hasSize(2).last().isEqualTo(List.of(fit + 1));
    }

    @Test
    void theEndOfTheSessionDiscardsTheHeldFramesAndCountsThem() throws Exception {
        queue.open(socket);
        queue.holdFrames(true);
        queue.flush();
        queue.send(frame(1));
        queue.send(frame(2));

        assertThat(queue.close()).isEqualTo(2);
        assertThat(queue.heldFrames()).isZero();

        RecordingSocket next = new RecordingSocket();
        queue.open(next);
        queue.send(frame(3));
        queue.flush();
        assertThat(socket.writes).isEmpty();
        assertThat(next.seqsPerWrite()).containsExactly(List.of(3));
    }

    @Test
    void aPartlyWrittenBatchWaitsInTheQueueAsWholeFramesCounted() throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        int[] budget = {40};
        WritableByteChannel slow = new WritableByteChannel() {
            @Override
            public int write(ByteBuffer src) {
                int n = Math.min(budget[0], src.remaining());
                for (int i = 0; i < n; i++) {
                    wire.write(src.get());
                }
                budget[0] -= n;
                return n;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
        queue.open(slow);
        queue.holdFrames(true);
        queue.flush();
        for (int seq = 1; seq <= 3; seq++) {
            queue.send(frame(seq));
        }
        queue.flush();
        assertThat(queue.stats().inQueue()).isEqualTo(3);
        assertThat(queue.stats().sent()).isZero();

        budget[0] = Integer.MAX_VALUE;
        assertThat(queue.drain()).isTrue();
        assertThat(queue.stats().sent()).isEqualTo(3);
        assertThat(queue.stats().inQueue()).isZero();
        byte[] all = wire.toByteArray();
        FrameAssembler a = new FrameAssembler();
        a.append(all, 0, all.length);
        FrameReader r = new FrameReader();
        List<Integer> seqs = new ArrayList<>();
        while (a.next(r)) {
            seqs.add(r.seq());
        }
        assertThat(seqs).containsExactly(1, 2, 3);
    }
}
