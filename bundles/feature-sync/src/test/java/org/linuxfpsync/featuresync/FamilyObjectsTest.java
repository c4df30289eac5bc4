package org.linuxfpsync.featuresync;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linuxfpsync.cmgr.spi.ReplayMember;
import org.linuxfpsync.featuresync.testing.RecordingCore;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.fpc.codec.MacvlanAttr;
import org.linuxfpsync.fpc.testing.RecordingFpc;
import org.linuxfpsync.netlink.Vrf;

/**
 * What a family sends for a dump, a differential dump and an event: a differential dump (an
 * overflow, a refresh) sends only the differences, outside the replay window, and deletes what it no
 * longer reports; so does a replay that joins a window already open; a trailing TLV left out of the
 * comparison (a countdown) is sent but never a reason to send.
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

    /**
     * The enobufs fault, in a family two syncs fill (the FDB: bridge and vxlan): this sync's replay
     * opened the window and the other's has not run yet, so it stays open. An object notified after
     * GR_BEGIN and one the replay sent were deleted, their notifications lost. GR_END keeps what was
     * sent since GR_BEGIN: a replay joining the open window deletes them itself.
     */
    @Test
    void aReplayJoiningAWindowAlreadyOpenDeletesWhatItNoLongerReports() {
        FamilyObjects<Long> fdb = new FamilyObjects<>(MacvlanAttr.FAMILY_MACVLAN,
                (w, ifuid) -> w.putU32(MacvlanAttr.VRFID, 0).putU64(MacvlanAttr.IFUID, ifuid), fpc);
        boolean[] open = {false};
        fdb.join(new ReplayMember() {
            @Override
            public boolean dumpStarted() {
                boolean joined = open[0];
                open[0] = true;
                fpc.note(joined ? "(joins the open window)" : "GR_BEGIN");
                return joined;
            }

            @Override
            public void dumpFinished(boolean complete) {
                // the other member has not replayed: the window stays open
            }

            @Override
            public void leave(boolean withdraw) {
            }
        });
        fdb.dumpStarted(false);
        addTo(fdb, 1, true);
        addTo(fdb, 2, true);
        fdb.dumpFinished(true);
        addTo(fdb, 3, false);
        fpc.clear();

        fdb.dumpStarted(false);
        addTo(fdb, 1, true);
        fdb.dumpFinished(true);

        assertThat(fpc.lines()).containsExactly("(joins the open window)",
                "MACVLAN_ADD vrfid=0 ifuid=0x1 mode=4 parent_ifuid=0x9 flags=1",
                "MACVLAN_DEL vrfid=0 ifuid=0x2", "MACVLAN_DEL vrfid=0 ifuid=0x3");
        assertThat(fdb.size()).isEqualTo(1);
    }

    private void addTo(FamilyObjects<Long> family, long ifuid, boolean fromDump) {
        family.beginAdd().putU32(MacvlanAttr.VRFID, 0).putU64(MacvlanAttr.IFUID, ifuid).putU32(MacvlanAttr.MODE, 4)
                .putU64(MacvlanAttr.PARENT_IFUID, 9).putU16(MacvlanAttr.FLAGS, 1);
        family.add(ifuid, fromDump);
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

    /**
     * Indexed by device (the FDB by table, bridge VLANs by port): a device that goes forgets its own
     * objects without a DEL and without a pass over the others, and the index follows every other
     * way an object leaves (a DEL, a refresh's sweep).
     */
    @Test
    void aFamilyIndexedByDeviceForgetsOneDevicesObjectsAndFollowsSweeps() {
        FamilyObjects<Long> byDevice = new FamilyObjects<>(MacvlanAttr.FAMILY_MACVLAN,
                (w, ifuid) -> w.putU32(MacvlanAttr.VRFID, 0).putU64(MacvlanAttr.IFUID, ifuid), fpc,
                ifuid -> (int) (ifuid >>> 8));
        byDevice.join(core.joinReplayWindow(new Vrf(0, ""), MacvlanAttr.FAMILY_MACVLAN, "indexed", () -> { }));
        byDevice.dumpStarted(false);
        for (long ifuid : new long[] {0x101, 0x102, 0x103, 0x201, 0x301}) {
            addTo(byDevice, ifuid, true);
        }
        byDevice.dumpFinished(true);
        fpc.clear();

        // a refresh that no longer reports 0x103: swept with a DEL, and out of device 1's index
        byDevice.dumpStarted(true);
        for (long ifuid : new long[] {0x101, 0x102, 0x201, 0x301}) {
            addTo(byDevice, ifuid, true);
        }
        byDevice.dumpFinished(true);
        assertThat(fpc.lines()).containsExactly("MACVLAN_DEL vrfid=0 ifuid=0x103");
        fpc.clear();

        assertThat(byDevice.forgetDevice(1)).isEqualTo(2);
        assertThat(byDevice.forgetDevice(1)).isZero();
        assertThat(byDevice.forgetDevice(7)).isZero();
        assertThat(byDevice.deleteOfDevice(3, ifuid -> ifuid == 0x302)).isZero();
        assertThat(byDevice.deleteOfDevice(2, ifuid -> true)).isEqualTo(1);
        assertThat(fpc.lines()).containsExactly("MACVLAN_DEL vrfid=0 ifuid=0x201");
        assertThat(byDevice.size()).isEqualTo(1);

        // forgotten, not sent any more: the same object again is new
        addTo(byDevice, 0x101, false);
        assertThat(fpc.lines()).containsExactly("MACVLAN_DEL vrfid=0 ifuid=0x201",
                "MACVLAN_ADD vrfid=0 ifuid=0x101 mode=4 parent_ifuid=0x9 flags=1");
    }

    @Test
    void aFamilyNotIndexedByDeviceRefusesADevicesForget() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> macvlans.forgetDevice(1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not indexed by device");
    }
}
