package org.linuxfpsync.sync.conntrack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

/** The arena of TLVs: compared byte for byte, compacted in place without shrinking. */
class ByteArenaTest {

    private static ByteBuffer bytes(int length, int seed) {
        ByteBuffer b = ByteBuffer.allocate(length);
        for (int i = 0; i < length; i++) {
            b.put(i, (byte) (seed * 31 + i));
        }
        return b;
    }

    @Test
    void rangesOfEveryLengthAreEqualOnlyToTheirOwnBytes() {
        ByteArena arena = new ByteArena(ByteArena.MIN_GARBAGE);
        for (int length = 0; length < 40; length++) {
            ByteBuffer b = bytes(length, length);
            int at = arena.append(b, 0, length);
            assertThat(arena.sameBytes(at, b, 0, length)).isTrue();
            for (int i = 0; i < length; i++) {
                ByteBuffer changed = bytes(length, length);
                changed.put(i, (byte) (changed.get(i) ^ 0x80));
                assertThat(arena.sameBytes(at, changed, 0, length)).as("length %d, byte %d changed", length, i)
                        .isFalse();
            }
        }
    }

    @Test
    void aCompactionSlidesTheLiveRangesDownInPlaceAndKeepsTheirBytes() {
        ByteArena arena = new ByteArena(16);
        int[] offsets = new int[100];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = arena.append(bytes(10 + i % 7, i), 0, 10 + i % 7);
        }
        int capacity = arena.capacity();
        // every other range given up
        for (int i = 0; i < offsets.length; i += 2) {
            arena.release(10 + i % 7);
        }
        ByteArena.Compaction c = arena.compaction();
        int[] moved = new int[offsets.length];
        for (int i = 1; i < offsets.length; i += 2) {
            moved[i] = c.move(offsets[i], 10 + i % 7);
        }
        c.finish();
        for (int i = 1; i < offsets.length; i += 2) {
            assertThat(arena.sameBytes(moved[i], bytes(10 + i % 7, i), 0, 10 + i % 7)).as("range %d", i).isTrue();
        }
        assertThat(moved[1]).isZero();
        assertThat(arena.capacity()).isEqualTo(capacity);
        assertThat(arena.live()).isEqualTo(moved[99] + 10 + 99 % 7);
    }

    @Test
    void aCompactionRefusesRangesOutOfOffsetOrder() {
        ByteArena arena = new ByteArena(16);
        int first = arena.append(bytes(8, 1), 0, 8);
        int second = arena.append(bytes(8, 2), 0, 8);
        ByteArena.Compaction c = arena.compaction();
        c.move(second, 8);
        assertThatThrownBy(() -> c.move(first, 8)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("out of order");
    }
}
