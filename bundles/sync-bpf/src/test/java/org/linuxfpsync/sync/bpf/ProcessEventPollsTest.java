package org.linuxfpsync.sync.bpf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The polls process events ask for, on a scheduler the test runs by hand: a burst after an event,
 * events during a burst merged into one more, the cache manager's own threads ignored, and no burst
 * left pending once polling stopped.
 */
class ProcessEventPollsTest {
    private static final int OWN_PID = 4000;

    private record Scheduled(Runnable task, long delayMs) {
    }

    private final List<Scheduled> scheduled = new ArrayList<>();
    private boolean stopped;
    private int polls;
    private final ProcessEventPolls events = new ProcessEventPolls((task, delayMs) -> {
        if (stopped) {
            return false;
        }
        scheduled.add(new Scheduled(task, delayMs));
        return true;
    }, () -> polls++, OWN_PID);

    /** Runs what is scheduled, in the order it was; returns the delays. */
    private List<Long> runScheduled() {
        List<Scheduled> now = new ArrayList<>(scheduled);
        scheduled.clear();
        now.forEach(s -> s.task().run());
        return now.stream().map(Scheduled::delayMs).toList();
    }

    @Test
    void anExecAsksForABurstOfPollsAfterIt() {
        events.processExecuted(500);

        assertThat(runScheduled()).containsExactly(100L, 1_000L, 3_000L);
        assertThat(polls).isEqualTo(3);
        assertThat(scheduled).as("nothing more: no event came during the burst").isEmpty();
        assertThat(events.events()).isEqualTo(1);
        assertThat(events.polls()).isEqualTo(3);
    }

    @Test
    void aThousandEventsDuringABurstAskForOneMoreBurstOnly() {
        events.processExecuted(500);
        for (int i = 0; i < 1000; i++) {
            events.processExited(600 + i, 600 + i);
        }

        assertThat(scheduled).hasSize(3);
        runScheduled();
        assertThat(runScheduled()).as("one more burst, after the first").containsExactly(100L, 1_000L, 3_000L);
        assertThat(runScheduled()).isEmpty();
        assertThat(polls).isEqualTo(6);
        assertThat(events.events()).isEqualTo(1001);
    }

    @Test
    void theExitOfACacheManagersThreadAsksForNothingButAnotherProcessesDoes() {
        events.processExited(4017, OWN_PID);
        assertThat(scheduled).isEmpty();

        events.processExited(4100, 4100);
        assertThat(scheduled).hasSize(3);
    }

    /** A JVM, a build: most exits are threads', which close nothing (the process's descriptors are shared). */
    @Test
    void theExitOfAThreadOfAnotherProcessAsksForNothingButTheProcesssEndDoes() {
        events.processExited(4201, 4200);
        assertThat(scheduled).isEmpty();
        assertThat(events.threadExits()).isEqualTo(1);
        assertThat(events.events()).isZero();

        events.processExited(4200, 4200);
        assertThat(runScheduled()).containsExactly(100L, 1_000L, 3_000L);
        assertThat(events.events()).isEqualTo(1);
    }

    @Test
    void lostEventsAskForABurstToo() {
        events.eventsLost();

        assertThat(runScheduled()).hasSize(3);
    }

    @Test
    void anEventWhilePollingIsStoppedLeavesNoBurstPendingForever() {
        stopped = true;
        events.processExecuted(500);
        assertThat(scheduled).isEmpty();

        stopped = false;
        events.processExecuted(501);
        assertThat(runScheduled()).containsExactly(100L, 1_000L, 3_000L);
    }

    @Test
    void aBurstCutShortByPollingStoppingDoesNotHoldBackTheEventsAfterIt() {
        events.processExecuted(500);
        scheduled.remove(0).task().run(); // the 100 ms poll ran; the last vrf went before the others
        scheduled.clear();
        events.stopped();

        events.processExecuted(501);
        assertThat(runScheduled()).as("a burst of its own").containsExactly(100L, 1_000L, 3_000L);
    }
}
