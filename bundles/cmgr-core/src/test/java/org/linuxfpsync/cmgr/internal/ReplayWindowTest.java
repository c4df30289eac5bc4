package org.linuxfpsync.cmgr.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.linuxfpsync.fpc.codec.RouteAttr;
import org.linuxfpsync.fpc.testing.RecordingFpc;

/**
 * The shared graceful-restart window of one FPC family in one vrf: IPv4 and IPv6 routes share
 * FAMILY_ROUTES, and a GR_END after an IPv4 replay alone would sweep every IPv6 route.
 */
class ReplayWindowTest {
    private final RecordingFpc fpc = new RecordingFpc(RecordingFpc.Format.COMPACT);
    private final ReplayWindow window = new ReplayWindow(RouteAttr.FAMILY_ROUTES, 7, fpc);
    private final List<String> replays = new ArrayList<>();
    private final ReplayWindow.Member ipv4 = window.join("ipv4", () -> replays.add("ipv4"));
    private final ReplayWindow.Member ipv6 = window.join("ipv6", () -> replays.add("ipv6"));

    @Test
    void aDumpOfOneMemberOpensAWindowThatClosesWhenEveryMemberHasReplayedInIt() {
        ipv4.dumpStarted();
        assertThat(fpc.lines()).containsExactly("GR_BEGIN family=3 vrfid=7");
        assertThat(replays).containsExactly("ipv6");

        ipv4.dumpFinished(true);
        assertThat(fpc.lines()).as("IPv6 has not replayed yet").hasSize(1);

        ipv6.dumpStarted();
        ipv6.dumpFinished(true);
        assertThat(fpc.lines()).containsExactly("GR_BEGIN family=3 vrfid=7", "GR_END family=3 vrfid=7");
        assertThat(window.isOpen()).isFalse();
    }

    @Test
    void aDumpThatStartedBeforeTheWindowDoesNotCount() {
        ipv4.dumpStarted();
        window.sessionUp(); // the window of the old session is forgotten
        ipv6.dumpStarted(); // opens a new window
        ipv4.dumpFinished(true);
        ipv6.dumpFinished(true);
        assertThat(window.isOpen()).as("ipv4's dump began before this window").isTrue();

        ipv4.dumpStarted();
        ipv4.dumpFinished(true);
        assertThat(window.isOpen()).isFalse();
        assertThat(fpc.lines()).containsExactly("GR_BEGIN family=3 vrfid=7", "GR_BEGIN family=3 vrfid=7",
                "GR_END family=3 vrfid=7");
    }

    @Test
    void anInterruptedDumpKeepsTheWindowOpenUntilTheRetryCompletes() {
        ipv4.dumpStarted();
        ipv6.dumpStarted();
        ipv6.dumpFinished(true);
        ipv4.dumpFinished(false);
        assertThat(window.isOpen()).isTrue();

        ipv4.dumpStarted();
        ipv4.dumpFinished(true);
        assertThat(window.isOpen()).isFalse();
    }

    @Test
    void aMemberThatWithdrawsIsSweptByAReplayOfTheOthers() {
        ipv6.leave(true);
        assertThat(fpc.lines()).isEmpty();
        assertThat(replays).containsExactly("ipv4");

        ipv4.dumpStarted();
        ipv4.dumpFinished(true);
        assertThat(fpc.lines()).containsExactly("GR_BEGIN family=3 vrfid=7", "GR_END family=3 vrfid=7");
    }

    @Test
    void aMemberThatWithdrawsDuringAWindowGetsOneMoreWindowAfterIt() {
        ipv4.dumpStarted();
        ipv6.dumpStarted();
        ipv6.dumpFinished(true); // its objects are fresh in this window: its sweep cannot remove them
        replays.clear();
        ipv6.leave(true);
        ipv4.dumpFinished(true);

        assertThat(fpc.lines()).containsExactly("GR_BEGIN family=3 vrfid=7", "GR_END family=3 vrfid=7");
        assertThat(replays).as("a new window replays ipv4 alone").containsExactly("ipv4");
        ipv4.dumpStarted();
        ipv4.dumpFinished(true);
        assertThat(fpc.lines()).hasSize(4);
    }

    @Test
    void theLastMemberToWithdrawFlushesTheFamilyAndOneLeavingQuietlySendsNothing() {
        ipv6.leave(false);
        ipv4.dumpStarted();
        ipv4.dumpFinished(true);
        fpc.clear();

        ipv4.leave(true);
        assertThat(fpc.lines()).containsExactly("FLUSH family=3 vrfid=7");
    }

    @Test
    void aNewSessionReplaysEveryMemberInANewWindow() {
        window.sessionUp();
        assertThat(replays).containsExactly("ipv4");
        ipv4.dumpStarted();
        assertThat(replays).containsExactly("ipv4", "ipv6");
    }

    @Test
    void aMemberJoiningAnOpenWindowIsWaitedFor() {
        ipv4.dumpStarted();
        ipv6.dumpStarted();
        ReplayWindow.Member late = window.join("late", () -> { });
        ipv4.dumpFinished(true);
        ipv6.dumpFinished(true);
        assertThat(window.isOpen()).isTrue();

        late.dumpStarted();
        late.dumpFinished(true);
        assertThat(window.isOpen()).isFalse();
    }

    @Test
    void theFirstDumpOfAMemberJoiningASweptFamilyOpensNoWindow() {
        ReplayWindow alone = new ReplayWindow(RouteAttr.FAMILY_ROUTES, 7, fpc);
        ReplayWindow.Member first = alone.join("ipv4", () -> replays.add("ipv4"));
        assertThat(first.dumpStarted()).as("a first dump into a family that may hold stale objects").isFalse();
        first.dumpFinished(true);
        assertThat(fpc.lines()).containsExactly("GR_BEGIN family=3 vrfid=7", "GR_END family=3 vrfid=7");

        ReplayWindow.Member late = alone.join("ipv6", () -> replays.add("ipv6"));
        assertThat(late.dumpStarted()).as("it sweeps itself").isTrue();
        late.dumpFinished(true);
        assertThat(fpc.lines()).hasSize(2);
        assertThat(replays).isEmpty();

        late.dumpStarted(); // a later replay of the member: a window, as before
        assertThat(fpc.lines()).hasSize(3);
        assertThat(replays).containsExactly("ipv4");
    }

    @Test
    void aFirstDumpOpensAWindowAfterANewSessionOrAQuietLeave() {
        ipv4.dumpStarted();
        ipv4.dumpFinished(true);
        ipv6.dumpStarted();
        ipv6.dumpFinished(true);
        assertThat(window.isOpen()).isFalse();

        window.sessionUp(); // the new FPM session may hold anything
        ReplayWindow.Member afterSession = window.join("after session", () -> { });
        assertThat(afterSession.dumpStarted()).isFalse();
        assertThat(window.isOpen()).isTrue();
        for (ReplayWindow.Member m : List.of(ipv4, ipv6, afterSession)) {
            m.dumpStarted();
            m.dumpFinished(true);
        }
        assertThat(window.isOpen()).isFalse();

        ipv6.leave(false); // its objects stay in the FPM
        ReplayWindow.Member afterLeave = window.join("after leave", () -> { });
        assertThat(afterLeave.dumpStarted()).isFalse();
        assertThat(window.isOpen()).isTrue();
    }
}
