package org.linuxfpsync.featuresync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The features' timer: periodic tasks on a grid common to every period, so that tasks of one period
 * run in one wake-up of its single thread; a task that throws keeps its period.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PollTimerTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void grid_points_of_one_period_are_a_period_apart_and_those_of_a_divisor_include_them() {
        long t = System.nanoTime() + 123_456_789L;
        long before = PollTimer.gridPointAtOrBefore(t, SECOND);
        assertThat(before).isLessThanOrEqualTo(t).isGreaterThan(t - SECOND);
        assertThat(PollTimer.nextGridPoint(t, SECOND)).isEqualTo(before + SECOND);
        assertThat(PollTimer.gridPointAtOrAfter(t, SECOND)).isEqualTo(before + SECOND);
        assertThat(PollTimer.gridPointAtOrAfter(before, SECOND)).as("a grid point is its own").isEqualTo(before);
        assertThat(PollTimer.gridPointAtOrBefore(before + 3 * SECOND, SECOND)).isEqualTo(before + 3 * SECOND);
        assertThat(PollTimer.gridPointAtOrBefore(before, SECOND / 2)).as("1 s points are 500 ms points")
                .isEqualTo(before);
        assertThat(PollTimer.gridPointAtOrBefore(before - 1, SECOND)).as("before the origin too")
                .isEqualTo(before - SECOND);
    }

    @Test
    void tasks_of_one_period_run_in_one_wake_up_on_the_one_thread_and_a_task_that_throws_keeps_its_period()
            throws Exception {
        PollTimer timer = new PollTimer("poll-timer-test");
        Set<String> threads = ConcurrentHashMap.newKeySet();
        AtomicInteger runsA = new AtomicInteger();
        AtomicInteger runsB = new AtomicInteger();
        PollTimer.Periodic a = timer.every(100, () -> {
            threads.add(Thread.currentThread().getName());
            runsA.incrementAndGet();
        });
        PollTimer.Periodic b = timer.every(100, () -> {
            threads.add(Thread.currentThread().getName());
            runsB.incrementAndGet();
            throw new IllegalStateException("a failing poll");
        });
        assertThat(timer.periodicTasks()).isEqualTo(2);
        try {
            await(() -> runsA.get() >= 5 && runsB.get() >= 5);
        } finally {
            a.cancel();
            b.cancel();
        }
        long wakeUps = timer.wakeUps();
        assertThat(wakeUps).as("one wake-up per grid point for both (two before the grid)")
                .isLessThanOrEqualTo(Math.min(runsA.get(), runsB.get()) + 1L);
        assertThat(threads).containsExactly("poll-timer-test");
        assertThat(timer.periodicTasks()).as("cancelled: nothing left to keep the thread").isZero();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not within 10 s");
            }
            Thread.sleep(10);
        }
    }
}
