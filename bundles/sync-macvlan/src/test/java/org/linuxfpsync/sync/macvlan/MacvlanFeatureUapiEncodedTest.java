package org.linuxfpsync.sync.macvlan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linuxfpsync.featuresync.testing.UapiLink.link;

import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linuxfpsync.cmgr.Ifuid;
import org.linuxfpsync.featuresync.testing.FakeKernel;
import org.linuxfpsync.featuresync.testing.FeatureBundle;
import org.linuxfpsync.featuresync.testing.RecordingCore;
import org.linuxfpsync.fpc.testing.RecordingFpc;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.IflaMacvlan;
import org.linuxfpsync.netlink.codec.NlMessageWriter;

/**
 * The feature against a kernel whose messages are uapi-encoded (if_link.h layouts, built with
 * NlMessageWriter and read by the netlink codec); the live kernel is MacvlanFeatureIT's.
 */
class MacvlanFeatureUapiEncodedTest {
    private static final int VETH = 2;
    private static final int MV = 3;
    private static final int MVT = 4;

    private final RecordingFpc fpc = new RecordingFpc();
    private final RecordingCore core = new RecordingCore(fpc);
    private final FakeKernel kernel = new FakeKernel();
    private final AtomicBoolean frameworkStopping = new AtomicBoolean();
    private final MacvlanFeature feature = new MacvlanFeature(core, kernel, fpc, FeatureBundle.context(frameworkStopping::get));

    @BeforeEach
    void aKernelWithAMacvlanAndAMacvtapOnAVeth() {
        kernel.state.add(link(VETH, "v0").kind("veth", null).newLink());
        kernel.state.add(macvlan(MV, "mv0", IflaMacvlan.MACVLAN_MODE_BRIDGE));
        kernel.state.add(link(MVT, "mvt0").lower(VETH).kind("macvtap", w -> w
                .attrU32(IflaMacvlan.IFLA_MACVLAN_MODE, IflaMacvlan.MACVLAN_MODE_VEPA)
                .attrU16(IflaMacvlan.IFLA_MACVLAN_FLAGS, IflaMacvlan.MACVLAN_FLAG_NOPROMISC)).newLink());
        core.followed.add(new Vrf(0, ""));
    }

    @Test
    void aStartConvergesFromTheDumpBetweenTheReplayMarkersOfTheFamily() {
        feature.activate();

        assertThat(fpc.lines()).containsExactly(
                "GR_BEGIN macvlan vrf 0",
                "MACVLAN_ADD vrfid=0 ifuid=" + ifuid(MV) + " mode=4 parent_ifuid=" + ifuid(VETH) + " flags=0",
                "MACVLAN_ADD vrfid=0 ifuid=" + ifuid(MVT) + " mode=2 parent_ifuid=" + ifuid(VETH) + " flags=1",
                "GR_END macvlan vrf 0");
        assertThat(feature.syncedObjects()).isEqualTo(2);
        assertThat(feature.name()).isEqualTo("macvlan");
    }

    @Test
    void anEventSendsTheFullStateWhenItChangedAndNothingWhenItDidNot() {
        feature.activate();
        fpc.clear();

        kernel.event(macvlan(MV, "mv0", IflaMacvlan.MACVLAN_MODE_BRIDGE));
        kernel.event(link(VETH, "v0").kind("veth", null).newLink());
        assertThat(fpc.lines()).isEmpty();

        kernel.event(macvlan(MV, "mv0", IflaMacvlan.MACVLAN_MODE_PRIVATE));
        assertThat(fpc.lines()).containsExactly(
                "MACVLAN_ADD vrfid=0 ifuid=" + ifuid(MV) + " mode=1 parent_ifuid=" + ifuid(VETH) + " flags=0");
    }

    @Test
    void theSourceMacsOfModeSourceAreSentWholeWithEveryChange() {
        feature.activate();
        fpc.clear();

        kernel.event(link(5, "mvs").lower(VETH).kind("macvlan", w -> sourceMode(w, 0x01, 0x02)).newLink());
        kernel.event(link(5, "mvs").lower(VETH).kind("macvlan", w -> sourceMode(w, 0x02)).newLink());

        assertThat(fpc.lines()).containsExactly(
                "MACVLAN_ADD vrfid=0 ifuid=" + ifuid(5) + " mode=16 parent_ifuid=" + ifuid(VETH)
                        + " flags=0 source_mac=02:00:00:00:00:01 source_mac=02:00:00:00:00:02",
                "MACVLAN_ADD vrfid=0 ifuid=" + ifuid(5) + " mode=16 parent_ifuid=" + ifuid(VETH)
                        + " flags=0 source_mac=02:00:00:00:00:02");
    }

    @Test
    void aDeletedLinkIsForgottenWithoutADelBecauseTheFpmDeletedItWithItsInterface() {
        feature.activate();
        fpc.clear();

        kernel.event(link(MV, "mv0").kind("macvlan", null).delLink());

        assertThat(fpc.lines()).isEmpty();
        assertThat(feature.syncedObjects()).isEqualTo(1);
    }

    @Test
    void aMacvlanWhoseLowerDeviceIsInAnotherNamespaceIsNotSyncedAndLeavesTheFpmIfItWasThere() {
        feature.activate();
        fpc.clear();

        kernel.event(link(MV, "mv0").lowerInOtherNamespace(7).kind("macvlan", w -> w
                .attrU32(IflaMacvlan.IFLA_MACVLAN_MODE, IflaMacvlan.MACVLAN_MODE_BRIDGE)).newLink());

        assertThat(fpc.lines()).containsExactly("MACVLAN_DEL vrfid=0 ifuid=" + ifuid(MV));
        assertThat(feature.syncedObjects()).isEqualTo(1);
    }

    @Test
    void aMalformedMessageIsCountedAndSkippedAndNothingSyncedIsLost() {
        feature.activate();
        fpc.clear();

        // IFLA_MACVLAN_MODE is a u32: two bytes are not what if_link.h says.
        kernel.event(link(MV, "mv0").lower(VETH).kind("macvlan", w -> w
                .attrU16(IflaMacvlan.IFLA_MACVLAN_MODE, IflaMacvlan.MACVLAN_MODE_VEPA)).newLink());
        // A macvlan without its mode.
        kernel.event(link(MVT, "mvt0").lower(VETH).kind("macvtap", w -> w
                .attrU16(IflaMacvlan.IFLA_MACVLAN_FLAGS, 0)).newLink());
        assertThat(fpc.lines()).isEmpty();
        assertThat(feature.malformed()).isEqualTo(2);
        assertThat(feature.syncedObjects()).isEqualTo(2);

        kernel.event(macvlan(MV, "mv0", IflaMacvlan.MACVLAN_MODE_VEPA));
        assertThat(fpc.lines()).containsExactly(
                "MACVLAN_ADD vrfid=0 ifuid=" + ifuid(MV) + " mode=2 parent_ifuid=" + ifuid(VETH) + " flags=0");
    }

    @Test
    void aLinkGoneWhileEventsWereLostIsDeletedByTheNextDumpAndANewFpmSessionGetsEverythingAgain() {
        feature.activate();
        kernel.state.remove(1);
        fpc.clear();

        // The overflow's dump: the FPM still has what was sent, only the difference goes.
        kernel.overflow();
        assertThat(fpc.lines()).containsExactly("MACVLAN_DEL vrfid=0 ifuid=" + ifuid(MV));
        assertThat(feature.syncedObjects()).isEqualTo(1);

        fpc.clear();
        core.sessionUp();
        assertThat(fpc.lines()).hasSize(3).startsWith("GR_BEGIN macvlan vrf 0").endsWith("GR_END macvlan vrf 0");
    }

    @Test
    void stoppingTheBundleWithdrawsTheFamilyInEveryVrfButTheCacheManagerStoppingKeepsIt() {
        feature.activate();
        core.listeners.get(0).vrfFollowed(new Vrf(3, "blue"));
        fpc.clear();

        feature.deactivate();
        assertThat(fpc.lines()).containsExactlyInAnyOrder("FLUSH macvlan vrf 0", "FLUSH macvlan vrf 3");
        assertThat(core.listeners).isEmpty();
        assertThat(core.members()).isZero();
        assertThat(feature.syncedObjects()).isZero();

        MacvlanFeature again = new MacvlanFeature(core, kernel, fpc, FeatureBundle.context(frameworkStopping::get));
        again.activate();
        fpc.clear();
        frameworkStopping.set(true);
        again.deactivate();
        assertThat(fpc.lines()).containsExactly("KEEP macvlan vrf 0");
    }

    private static byte[] macvlan(int ifindex, String name, int mode) {
        return link(ifindex, name).lower(VETH).kind("macvlan", w -> w.attrU32(IflaMacvlan.IFLA_MACVLAN_MODE, mode)
                .attrU16(IflaMacvlan.IFLA_MACVLAN_FLAGS, 0).attrU32(IflaMacvlan.IFLA_MACVLAN_MACADDR_COUNT, 0)).newLink();
    }

    /** Mode source with its MAC list, as macvlan_fill_info writes it: count, then the nest of addresses. */
    private static void sourceMode(NlMessageWriter w, int... lastBytes) {
        w.attrU32(IflaMacvlan.IFLA_MACVLAN_MODE, IflaMacvlan.MACVLAN_MODE_SOURCE).attrU16(IflaMacvlan.IFLA_MACVLAN_FLAGS, 0)
                .attrU32(IflaMacvlan.IFLA_MACVLAN_MACADDR_COUNT, lastBytes.length);
        w.beginNest(IflaMacvlan.IFLA_MACVLAN_MACADDR_DATA);
        for (int b : lastBytes) {
            w.attrBytes(IflaMacvlan.IFLA_MACVLAN_MACADDR, new byte[] {2, 0, 0, 0, 0, (byte) b});
        }
        w.endNest();
    }

    private static String ifuid(int ifindex) {
        return "0x" + Long.toHexString(Ifuid.of(0, ifindex));
    }
}
