package org.linuxfpsync.cmgr.shell;

import java.util.List;

import org.linuxfpsync.cmgr.AppliedConfiguration;
import org.linuxfpsync.cmgr.FeatureState;
import org.linuxfpsync.cmgr.FeatureState.BundleState;
import org.linuxfpsync.cmgr.SyncControl;

/**
 * The reconciler's view as a test sets it, for the commands that only read it: a request to change
 * anything fails the test.
 */
record FakeSyncControl(List<FeatureState> features, FeatureState ipsecHa, long requestedMask, long effectiveMask,
                       long fpmFeatures, boolean ipsecHaRequested) implements SyncControl {

    /** These features, IPsec HA stopped and not requested, masks 0, no FPM configuration. */
    static FakeSyncControl of(FeatureState... features) {
        return new FakeSyncControl(List.of(features), ipsecHaStopped(), 0, 0, -1, false);
    }

    static FeatureState ipsecHaStopped() {
        return new FeatureState("ipsec-ha", 0, false, true, BundleState.STOPPED, false, true, "replay states", 0, null);
    }

    FakeSyncControl withIpsecHa(FeatureState ha, boolean requested) {
        return new FakeSyncControl(features, ha, requestedMask, effectiveMask, fpmFeatures, requested);
    }

    FakeSyncControl withMasks(long requested, long effective) {
        return new FakeSyncControl(features, ipsecHa, requested, effective, fpmFeatures, ipsecHaRequested);
    }

    @Override
    public AppliedConfiguration syncConfiguration() {
        return new AppliedConfiguration("org.linuxfpsync.cmgr.sync", 0, 0, 0);
    }

    @Override
    public void requestMask(long mask, String source) {
        throw new UnsupportedOperationException("show never changes anything");
    }

    @Override
    public void requestFeature(String name, boolean enabled, String source) {
        throw new UnsupportedOperationException("show never changes anything");
    }

    @Override
    public void requestIpsecHa(boolean enabled, String source) {
        throw new UnsupportedOperationException("show never changes anything");
    }
}
