package org.linuxfpsync.featuresync;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linuxfpsync.featuresync.testing.RecordingCore;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.fpc.codec.MacvlanAttr;
import org.linuxfpsync.fpc.testing.RecordingFpc;
import org.linuxfpsync.netlink.Vrf;

/**
 * What a family sends for a dump, a refresh and an event: a refresh (REFRESH) sends only the
 * differences, outside the replay window, and deletes what it no longer reports; a trailing TLV left
 * out of the comparison (a countdown) is sent but never a reason to send.
 */
class FamilyObjectsTest {
    private final RecordingFpc fpc = new RecordingFpc();
    private final RecordingCore core = new RecordingCore(fpc);
    private final FamilyObjects<Long> macvlans = new FamilyObjects<>(MacvlanAttr.FAMILY_MACVLAN,
            (w, ifuid) -> w.putU32(MacvlanAttr.VRFID, 0).putU64(MacvlanAttr.IFUID, ifuid), fpc);

    @BeforeEach
    void threeObjectsSentByADump() {
        macvlans.join(core.joinReplayWindow(new Vrf(0, ""), MacvlanAttr.FAMILY_MACVLAN, "test", () -> { }));
        macvlans.dumpStarted(false);
        for (long i = 1; i <= 3; i++) {
            add(i, 4, 0x1, false);
        }
        macvlans.dumpFinished(true);
        fpc.clear();
    }

    /** MODE and PARENT_IFUID compared; FLAGS, written last, left out of the comparison. */
    private void add(long ifuid, int mode, int flags, boolean fromDump) {
        FrameWriter w = macvlans.beginAdd();
        w.putU32(MacvlanAttr.VRFID, 0).putU64(MacvlanAttr.IFUID, ifuid).putU32(MacvlanAttr.MODE, mode)
                .putU64(MacvlanAttr.PARENT_IFUID, 9);
        int compared = w.length();
        w.putU16(MacvlanAttr.FLAGS, flags);
        macvlans.add(ifuid, fromDump, compared);
    }

    @Test
    void anEventWhoseTrailingTlvAloneChangedSendsNothing() {
        add(1, 4, 0x2, false);
        assertThat(fpc.lines()).isEmpty();

        add(1, 8, 0x2, false);
        assertThat(fpc.lines()).containsExactly(
                "MACVLAN_ADD vrfid=0 ifuid=0x1 mode=8 parent_ifuid=0x9 flags=2");
    }

    @Test
    void aRefreshSendsTheDifferencesOnlyOutsideTheWindowAndDeletesWhatItDidNotReport() {
        macvlans.dumpStarted(true);
        add(1, 4, 0x2, true);
        add(2, 8, 0x1, true);
        add(4, 4, 0x1, true);
        macvlans.dumpFinished(true);

        assertThat(fpc.lines()).containsExactly(
                "MACVLAN_ADD vrfid=0 ifuid=0x2 mode=8 parent_ifuid=0x9 flags=1",
                "MACVLAN_ADD vrfid=0 ifuid=0x4 mode=4 parent_ifuid=0x9 flags=1",
                "MACVLAN_DEL vrfid=0 ifuid=0x3");
        assertThat(macvlans.size()).isEqualTo(3);
    }

    @Test
    void anInterruptedRefreshDeletesNothingAndAReplayStillSendsEverything() {
        macvlans.dumpStarted(true);
        add(1, 4, 0x1, true);
        macvlans.dumpFinished(false);
        assertThat(fpc.lines()).isEmpty();

        macvlans.dumpStarted(false);
        add(1, 4, 0x1, true);
        macvlans.dumpFinished(true);
        assertThat(fpc.lines()).containsExactly(
                "GR_BEGIN macvlan vrf 0",
                "MACVLAN_ADD vrfid=0 ifuid=0x1 mode=4 parent_ifuid=0x9 flags=1",
                "GR_END macvlan vrf 0");
        assertThat(macvlans.size()).isEqualTo(1);
    }
}
