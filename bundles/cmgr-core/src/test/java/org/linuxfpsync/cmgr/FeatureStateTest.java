package org.linuxfpsync.cmgr;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.linuxfpsync.cmgr.FeatureState.BundleState;

class FeatureStateTest {

    private static FeatureState feature(boolean wanted, BundleState bundle, boolean pending) {
        return new FeatureState("bridge", 0x2, wanted, true, bundle, pending, true, "bridges", 0, null);
    }

    @Test
    void aWantedFeatureTheReconcilerHasNotStartedYetIsStartingNotDisabled() {
        assertThat(feature(true, BundleState.STOPPED, true).status()).isEqualTo("starting");
        assertThat(feature(true, BundleState.STARTING, false).status()).isEqualTo("starting");
        assertThat(feature(true, BundleState.ACTIVE, true).status()).isEqualTo("enabled");
    }

    @Test
    void anUnwantedFeatureTheReconcilerHasNotStoppedYetIsStoppingNotEnabled() {
        assertThat(feature(false, BundleState.ACTIVE, true).status()).isEqualTo("stopping");
        assertThat(feature(false, BundleState.STOPPING, false).status()).isEqualTo("stopping");
        assertThat(feature(false, BundleState.STOPPED, true).status()).isEqualTo("disabled");
    }

    @Test
    void onceReconciledTheBundleStateIsTheTruth() {
        // A wanted bundle found stopped after its reconcile ran: someone stopped it.
        assertThat(feature(true, BundleState.STOPPED, false).status()).isEqualTo("disabled");
        assertThat(feature(false, BundleState.ACTIVE, false).status()).isEqualTo("enabled");
        assertThat(feature(true, BundleState.MISSING, true).status()).isEqualTo("disabled");
        assertThat(new FeatureState("vxlan", 0x1, true, true, BundleState.ACTIVE, false, false, null, 0, null).status())
                .isEqualTo("not implemented");
    }
}
