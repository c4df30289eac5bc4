package org.linuxfpsync.featuresync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.linuxfpsync.cmgr.spi.ReplayMember;

/**
 * Which dumps the replay window frames and how the end of each removes what it did not report: a
 * DEL each after a differential dump or a replay that joined an open window, forgotten after a
 * replay that opened one (GR_END sweeps them), nothing after an interrupted dump.
 */
class ReplayMembershipTest {
    /** What the member and the sweeper were told, in order. */
    private final List<String> calls = new ArrayList<>();
    private boolean joinsOpenWindow;

    private final ReplayMember member = new ReplayMember() {
        @Override
        public boolean dumpStarted() {
            calls.add("GR dump started");
            return joinsOpenWindow;
        }

        @Override
        public void dumpFinished(boolean complete) {
            calls.add("GR dump finished " + (complete ? "complete" : "interrupted"));
        }

        @Override
        public void leave(boolean withdraw) {
            calls.add("left " + (withdraw ? "withdrawing" : "keeping"));
        }
    };

    private final ReplayMembership membership = new ReplayMembership(
            withDel -> calls.add(withDel ? "sweep with DELs" : "sweep forgetting"));

    @Test
    void aReplayThatOpensTheWindowForgetsWhatItDidNotReportBeforeTheWindowEnds() {
        membership.join(member);
        membership.dumpStarted(false);
        assertThat(membership.differential()).isFalse();
        membership.dumpFinished(true);

        assertThat(calls).containsExactly("GR dump started", "sweep forgetting", "GR dump finished complete");
    }

    @Test
    void aReplayThatJoinsAnOpenWindowDeletesWhatItDidNotReportItself() {
        joinsOpenWindow = true;
        membership.join(member);
        membership.dumpStarted(false);
        membership.dumpFinished(true);
        joinsOpenWindow = false;
        membership.dumpStarted(false);
        membership.dumpFinished(true);

        assertThat(calls).containsExactly("GR dump started", "sweep with DELs", "GR dump finished complete",
                "GR dump started", "sweep forgetting", "GR dump finished complete");
    }

    @Test
    void aDifferentialDumpStaysOutOfTheWindowAndDeletesWhatWent() {
        membership.join(member);
        membership.dumpStarted(true);
        assertThat(membership.differential()).isTrue();
        membership.dumpFinished(true);

        assertThat(calls).containsExactly("sweep with DELs");
        assertThat(membership.differential()).isFalse();
    }

    @Test
    void anInterruptedDumpSweepsNothingAndLeavesTheWindowOpen() {
        membership.join(member);
        membership.dumpStarted(true);
        membership.dumpFinished(false);
        membership.dumpStarted(false);
        membership.dumpFinished(false);

        assertThat(calls).containsExactly("GR dump started", "GR dump finished interrupted");
    }

    @Test
    void withoutAWindowAReplayForgetsAndLeavingTwiceLeavesOnce() {
        membership.dumpStarted(false);
        membership.dumpFinished(true);
        membership.join(member);
        membership.leave(true);
        membership.leave(true);

        assertThat(calls).containsExactly("sweep forgetting", "left withdrawing");
        assertThat(membership.member()).isNull();
    }
}
