package org.linuxfpsync.cmgr.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.linuxfpsync.cmgr.FeatureState;
import org.linuxfpsync.cmgr.FeatureState.BundleState;
import org.linuxfpsync.cmgr.SyncControl;

class ShowSyncFeaturesTest {

    /** The reconciler's view, as the test sets it. */
    private static SyncControl fakeSync(List<FeatureState> features) {
        return FakeSyncControl.of(features.toArray(new FeatureState[0])).withMasks(0x3, 0x3);
    }

    private static FeatureState feature(String name, boolean wanted, BundleState bundle, boolean pending) {
        return new FeatureState(name, 0x1, wanted, true, bundle, pending, true, name + "s", 0, null);
    }

    private static String text(FeatureState... features) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new ShowSyncFeatures(fakeSync(List.of(features))).printText(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aFeatureNotStartedYetIsStartingAndNobodyIsSaidToHaveStoppedIt() {
        String out = text(feature("vxlan", true, BundleState.STOPPED, true), feature("bridge", true, BundleState.STARTING, false),
                feature("gre", false, BundleState.ACTIVE, true));
        assertThat(out).contains("vxlan                starting\n", "bridge               starting\n", "gre                  stopping\n")
                .doesNotContain("by hand");
    }

    @Test
    void anOperatorsBundleStopAfterTheReconcileRanIsStillShown() {
        assertThat(text(feature("bridge", true, BundleState.STOPPED, false))).contains("bridge               disabled (bundle stopped by hand)\n");
        assertThat(text(feature("bridge", false, BundleState.ACTIVE, false))).contains("bridge               enabled (bundle started by hand)\n");
    }

    @Test
    void theTableEndsWithIpsecHasLineAsIpsecHaShowPrintsIt() {
        SyncControl sync = fakeSync(List.of(feature("vxlan", true, BundleState.ACTIVE, false)));
        ByteArrayOutputStream show = new ByteArrayOutputStream();
        IpsecHaCommand.printShow(sync, new PrintStream(show, true, StandardCharsets.UTF_8));

        assertThat(show.toString(StandardCharsets.UTF_8)).isEqualTo("IPsec High Availability disabled\n");
        assertThat(text(feature("vxlan", true, BundleState.ACTIVE, false)))
                .endsWith("effective 0x3\n" + show.toString(StandardCharsets.UTF_8));
        assertThat(new ShowSyncFeatures(sync).json().toString()).contains("ipsec_ha={requested=false, name=ipsec-ha");
    }

    @Test
    void tapPatternOnlySaysWhatItDoesInTheTextAndTheJson() {
        FeatureState tapPattern = feature("tap-pattern", true, BundleState.ACTIVE, false);
        assertThat(text(feature("bpf", true, BundleState.ACTIVE, false), tapPattern))
                .contains("tap-pattern          enabled\n", "\ntap-pattern: bpf sends its taps without their filter program:")
                .doesNotContain("bpf: ");
        assertThat(ShowSyncFeatures.featureJson(tapPattern)).containsEntry("meaning",
                org.linuxfpsync.cmgr.spi.FeatureCatalog.TAP_PATTERN_MEANING);
        assertThat(ShowSyncFeatures.featureJson(feature("bpf", true, BundleState.ACTIVE, false))).doesNotContainKey("meaning");
    }

    @Test
    void theReasonOfATransitionIsItsStatusAlone() {
        assertThat(ShowSyncFeatures.reason(feature("vxlan", true, BundleState.STOPPED, true))).isNull();
        assertThat(ShowSyncFeatures.featureJson(feature("vxlan", true, BundleState.STOPPED, true)))
                .containsEntry("status", "starting").containsEntry("reason", null);
    }
}
