package org.linuxfpsync.cmgr.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The packed key set against a HashMap of the same keys, under random puts, removes and sweeps. */
class KeySetTest {

    @Test
    void behavesLikeAMapOfItsKeysForEveryWidth() {
        behavesLikeAMapOfItsKeys(0);
    }

    /** As above, the table cut into many segments of 8 entries: probe chains and moves cross them. */
    @Test
    void behavesLikeAMapOfItsKeysAcrossSegments() {
        behavesLikeAMapOfItsKeys(8);
    }

    private static KeySet keySet(int width, int segmentEntries) {
        return segmentEntries == 0 ? new KeySet(width) : new KeySet(width, segmentEntries);
    }

    private void behavesLikeAMapOfItsKeys(int segmentEntries) {
        for (int width = 1; width <= 4; width++) {
            SplittableRandom random = new SplittableRandom(width);
            KeySet set = keySet(width, segmentEntries);
            Map<List<Long>, Long> model = new HashMap<>();
            for (int op = 0; op < 200_000; op++) {
                // Few distinct keys, so that puts, hits, removes and probe chains all happen often.
                for (int w = 0; w < width; w++) {
                    set.key[w] = random.nextInt(2000) * (w == 0 ? 0x10001L : 1L);
                }
                List<Long> key = keyOf(set);
                int choice = random.nextInt(10);
                if (choice < 5) {
                    long value = random.nextLong();
                    assertThat(set.put(value)).isEqualTo(model.put(key, value) == null);
                } else if (choice < 8) {
                    assertThat(set.remove()).isEqualTo(model.remove(key) != null);
                } else {
                    assertThat(set.get(-1)).isEqualTo(model.getOrDefault(key, -1L));
                }
                assertThat(set.size()).isEqualTo(model.size());
            }
            for (Map.Entry<List<Long>, Long> e : model.entrySet()) {
                for (int w = 0; w < width; w++) {
                    set.key[w] = e.getKey().get(w);
                }
                assertThat(set.get(-1)).isEqualTo(e.getValue());
            }
        }
    }

    @Test
    void aKeyLookedUpAgainSeesEveryChangeMadeSinceItsLastLookup() {
        aKeyLookedUpAgainSeesEveryChange(0);
    }

    /** As above, with sweeps, the table cut into many segments of 4 entries. */
    @Test
    void aKeyLookedUpAgainSeesEveryChangeAcrossSegments() {
        aKeyLookedUpAgainSeesEveryChange(4);
    }

    private void aKeyLookedUpAgainSeesEveryChange(int segmentEntries) {
        for (int width = 1; width <= 3; width++) {
            SplittableRandom random = new SplittableRandom(100 + width);
            KeySet set = keySet(width, segmentEntries);
            Map<List<Long>, Long> model = new HashMap<>();
            java.util.Set<List<Long>> writtenThisGeneration = new java.util.HashSet<>();
            long[] previous = new long[width];
            for (int op = 0; op < 200_000; op++) {
                // Half the time the same key again (a message's several lookups), else one of a few others.
                for (int w = 0; w < width; w++) {
                    set.key[w] = random.nextBoolean() ? previous[w] : random.nextInt(300) * (w == 0 ? 0x10001L : 1L);
                }
                System.arraycopy(set.key, 0, previous, 0, width);
                List<Long> key = keyOf(set);
                int choice = random.nextInt(1000);
                if (choice < 400) {
                    long value = random.nextLong();
                    assertThat(set.put(value, ~value)).isEqualTo(model.put(key, value) == null);
                    writtenThisGeneration.add(key);
                } else if (choice < 700) {
                    assertThat(set.remove()).isEqualTo(model.remove(key) != null);
                    writtenThisGeneration.remove(key);
                } else if (choice < 850) {
                    assertThat(set.get(-1)).isEqualTo(model.getOrDefault(key, -1L));
                } else if (choice < 998) {
                    Long value = model.get(key);
                    assertThat(set.contentHash(1)).isEqualTo(value == null ? 1 : ~value);
                } else if (choice < 999) {
                    set.nextGeneration();
                    writtenThisGeneration.clear();
                } else {
                    set.sweep();
                    model.keySet().retainAll(writtenThisGeneration);
                }
                assertThat(set.size()).isEqualTo(model.size());
            }
            for (Map.Entry<List<Long>, Long> e : model.entrySet()) {
                for (int w = 0; w < width; w++) {
                    set.key[w] = e.getKey().get(w);
                }
                assertThat(set.get(-1)).isEqualTo(e.getValue());
            }
        }
    }

    /** A million IPv6 routes: no array of the table reaches G1's humongous size (1 MiB with 2 MiB regions). */
    @Test
    void aBigTableIsMadeOfArraysNoneOfWhichIsHumongous() {
        KeySet set = new KeySet(4);
        for (long i = 0; i < 1_000_000; i++) {
            set.key[0] = 254;
            set.key[1] = 64;
            set.key[2] = 0x20010db800000000L | i;
            set.key[3] = 0;
            assertThat(set.put(i)).isTrue();
        }
        assertThat(set.size()).isEqualTo(1_000_000);
        assertThat(set.largestArrayBytes()).isLessThanOrEqualTo(KeySet.MAX_SEGMENT_BYTES);
        for (long i = 0; i < 1_000_000; i += 999) {
            set.key[2] = 0x20010db800000000L | i;
            assertThat(set.get(-1)).isEqualTo(i);
        }
    }

    @Test
    void aSweepThatFindsEverythingWrittenAgainRemovesNothingAndKeepsEveryKey() {
        KeySet set = new KeySet(2);
        for (long i = 0; i < 1000; i++) {
            set.key[0] = i;
            set.key[1] = -i;
            set.put(i, i * 7);
        }
        set.nextGeneration();
        for (long i = 0; i < 1000; i++) {
            set.key[0] = i;
            set.key[1] = -i;
            set.put(i + 1, i * 7);
        }
        assertThat(set.sweep()).isZero();
        assertThat(set.size()).isEqualTo(1000);
        for (long i = 0; i < 1000; i++) {
            set.key[0] = i;
            set.key[1] = -i;
            assertThat(set.getCurrent(-1)).isEqualTo(i + 1);
            assertThat(set.contentHash(0)).isEqualTo(i * 7);
        }
        // Still a working table: the next generation's sweep removes what it did not write.
        set.nextGeneration();
        set.key[0] = 5;
        set.key[1] = -5;
        set.put(50);
        assertThat(set.sweep()).isEqualTo(999);
        assertThat(set.get(-1)).isEqualTo(50);
    }

    /** A sweep that removes nothing still gives back the room a mass deletion left (a flushed table). */
    @Test
    void aSweepThatRemovesNothingStillShrinksATableEmptiedByDeletions() {
        KeySet set = new KeySet(2);
        for (long i = 0; i < 100_000; i++) {
            set.key[0] = i;
            set.key[1] = -i;
            set.put(i);
        }
        long full = set.bytes();
        for (long i = 10; i < 100_000; i++) {
            set.key[0] = i;
            set.key[1] = -i;
            assertThat(set.remove()).isTrue();
        }
        assertThat(set.bytes()).isEqualTo(full);
        set.nextGeneration();
        for (long i = 0; i < 10; i++) {
            set.key[0] = i;
            set.key[1] = -i;
            set.put(i);
        }
        assertThat(set.sweep()).isZero();
        assertThat(set.size()).isEqualTo(10);
        assertThat(set.bytes()).isLessThan(full / 100);
        for (long i = 0; i < 10; i++) {
            set.key[0] = i;
            set.key[1] = -i;
            assertThat(set.get(-1)).isEqualTo(i);
        }
    }

    @Test
    void aSweepRemovesWhatTheCurrentGenerationDidNotWrite() {
        KeySet set = new KeySet(2);
        for (long i = 0; i < 1000; i++) {
            set.key[0] = i;
            set.key[1] = -i;
            set.put(i);
        }
        set.nextGeneration();
        for (long i = 0; i < 1000; i += 3) {
            set.key[0] = i;
            set.key[1] = -i;
            set.put(i);
        }
        assertThat(set.sweep()).isEqualTo(1000 - 334);
        assertThat(set.size()).isEqualTo(334);
        for (long i = 0; i < 1000; i++) {
            set.key[0] = i;
            set.key[1] = -i;
            assertThat(set.get(-1)).isEqualTo(i % 3 == 0 ? i : -1);
        }
    }

    /**
     * The benchmark's budget is 200 bytes of cache-manager heap per route. An IPv6 route entry is 7
     * words (4 key words, generation, value, content hash: 56 bytes) in a table kept between 3/8 and
     * 3/4 full: at most 150 bytes, 107 for IPv4.
     */
    @Test
    void aRouteKeyCostsFarLessThanTwoHundredBytes() {
        KeySet ipv6Routes = new KeySet(4);
        for (long i = 0; i < 1_000_000; i++) {
            ipv6Routes.key[0] = 254L << 32;
            ipv6Routes.key[1] = 64L << 8;
            ipv6Routes.key[2] = 0x20010db800000000L | i;
            ipv6Routes.key[3] = 0;
            ipv6Routes.put(1);
        }
        assertThat(ipv6Routes.bytes() / ipv6Routes.size()).as("bytes per IPv6 route").isLessThanOrEqualTo(150);
    }

    private static List<Long> keyOf(KeySet set) {
        List<Long> key = new ArrayList<>();
        for (long w : set.key) {
            key.add(w);
        }
        return key;
    }
}
